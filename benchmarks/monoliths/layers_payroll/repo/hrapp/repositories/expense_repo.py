from sqlalchemy import text

from hrapp.common.base_repository import BaseRepository
from hrapp.models import ClaimStatus, ExpenseClaim, Receipt


class ExpenseClaimRepository(BaseRepository):
    model = ExpenseClaim

    def approved_unpaid(self, employee_id, until):
        return (
            self.session.query(ExpenseClaim)
            .filter(
                ExpenseClaim.employee_id == employee_id,
                ExpenseClaim.status == ClaimStatus.APPROVED,
                ExpenseClaim.decided_at <= until,
                ExpenseClaim.reimbursed_in_payslip_id.is_(None),
            )
            .all()
        )


class ReceiptRepository(BaseRepository):
    model = Receipt

    def items_without_receipt(self, claim_id):
        return self.session.execute(
            text(
                "SELECT i.id FROM expense_items i LEFT JOIN receipts r ON r.item_id = i.id "
                "WHERE i.claim_id = :claim AND r.id IS NULL AND i.category <> 'mileage'"
            ),
            {"claim": claim_id},
        ).scalars().all()
