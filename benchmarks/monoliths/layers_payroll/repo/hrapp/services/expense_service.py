from decimal import Decimal

from hrapp.common.dates import utcnow
from hrapp.common.errors import PermissionDenied, StateConflict, ValidationFailed
from hrapp.common.formatting import generate_reference
from hrapp.common.money import round_money, to_decimal
from hrapp.common.notify import notify_employee
from hrapp.config import get_settings
from hrapp.models import ClaimStatus, ExpenseClaim, ExpenseItem, Receipt
from hrapp.repositories.employee_repo import EmployeeRepository
from hrapp.repositories.expense_repo import ExpenseClaimRepository, ReceiptRepository

MILEAGE_RATE = Decimal("0.23")
CATEGORY_LIMITS = {"meals": Decimal("60"), "lodging": Decimal("250")}


def create_claim(session, employee_id, currency="EUR"):
    return ExpenseClaimRepository(session).add(
        ExpenseClaim(reference=generate_reference("EXP"), employee_id=employee_id, currency=currency)
    )


def add_item(session, claim_id, spent_on, category, amount=None, km=None, description=None):
    claim = ExpenseClaimRepository(session).get_or_404(claim_id)
    if claim.status != ClaimStatus.DRAFT:
        raise StateConflict("claim already submitted")
    if category == "mileage":
        amount = round_money(to_decimal(km) * MILEAGE_RATE)
    limit = CATEGORY_LIMITS.get(category)
    if limit is not None and to_decimal(amount) > limit:
        raise ValidationFailed(f"{category} above the daily limit of {limit}")
    item = ExpenseItem(claim=claim, spent_on=spent_on, category=category, amount=amount, km=km,
                       description=description)
    session.add(item)
    claim.total = round_money(sum(to_decimal(i.amount) for i in claim.items))
    return item


def attach_receipt(session, item_id, storage_key, content_type):
    receipt = Receipt(item_id=item_id, storage_key=storage_key, content_type=content_type, uploaded_at=utcnow())
    return ReceiptRepository(session).add(receipt)


def submit_claim(session, claim_id):
    repo = ExpenseClaimRepository(session)
    claim = repo.get_or_404(claim_id)
    missing = ReceiptRepository(session).items_without_receipt(claim.id)
    if missing:
        raise ValidationFailed("receipts missing", details={"items": missing})
    employee = EmployeeRepository(session).get_or_404(claim.employee_id)
    claim.approver_id = employee.manager_id
    claim.status = ClaimStatus.SUBMITTED
    claim.submitted_at = utcnow()
    if to_decimal(claim.total) <= Decimal(str(get_settings().expense_auto_approve_limit)):
        claim.status = ClaimStatus.APPROVED
        claim.decided_at = claim.submitted_at
    return claim


def decide_claim(session, claim_id, approver_id, approve, reason=None):
    claim = ExpenseClaimRepository(session).get_or_404(claim_id)
    if claim.approver_id != approver_id:
        raise PermissionDenied("not the approver of this claim")
    if claim.status != ClaimStatus.SUBMITTED:
        raise StateConflict("claim is not awaiting approval")
    claim.status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    claim.decided_at = utcnow()
    if not approve:
        claim.rejection_reason = reason
        notify_employee(claim.employee, "claim_rejected", "Expense claim rejected",
                        reference=claim.reference, reason=reason)
    return claim


def collect_reimbursements(session, employee_id, until):
    claims = ExpenseClaimRepository(session).approved_unpaid(employee_id, until)
    return round_money(sum(to_decimal(c.total) for c in claims))


def mark_reimbursed(session, employee_id, until, payslip_id):
    for claim in ExpenseClaimRepository(session).approved_unpaid(employee_id, until):
        claim.status = ClaimStatus.REIMBURSED
        claim.reimbursed_in_payslip_id = payslip_id
