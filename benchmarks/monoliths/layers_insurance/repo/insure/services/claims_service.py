import datetime
import logging

from insure.auth import current_user, username
from insure.config import get_config
from insure.dal.claims import ClaimRepository
from insure.db import get_session
from insure.errors import BusinessRuleViolation, NotFound, ValidationError
from insure.models.claim import Claim, ClaimNote, ClaimPayment, ClaimReserve
from insure.util import make_reference, parse_date, round_money, to_decimal, today, utcnow

log = logging.getLogger(__name__)

OPEN_STATES = ("notified", "assessing", "approved", "partially_paid", "reopened")


def register_claim(policy_id, data, session=None):
    """First notification of loss."""
    session = session or get_session()
    from insure.services.policy_service import check_cover
    loss_date = parse_date(data.get("loss_date"))
    if loss_date is None or loss_date > today():
        raise ValidationError("loss_date missing or in the future")
    coverage = data.get("coverage_code")
    ok, why, cov = check_cover(policy_id, coverage, loss_date, session=session)
    claim = Claim(
        number=make_reference("CL"),
        policy_id=policy_id,
        claimant_id=data.get("claimant_id") or _holder_of(policy_id, session),
        coverage_code=coverage,
        loss_date=loss_date,
        reported_date=today(),
        cause=data.get("cause"),
        description=data.get("description"),
        estimated_amount=to_decimal(data.get("estimate", 0)),
        created_by=username(),
    )
    session.add(claim)
    session.flush()
    if not ok:
        claim.status = "rejected"
        add_note(claim, "Auto-rejected at FNOL: %s" % why, session=session)
        return claim
    set_reserve(claim, claim.estimated_amount or (cov.limit_amount or 0) / 10, "initial", session=session)
    from insure.services.fraud import score_claim
    claim.fraud_score = score_claim(claim, session)
    if claim.fraud_score >= 70:
        claim.handler = "siu"
        add_note(claim, "Referred to SIU, score %s" % claim.fraud_score, session=session)
    return claim


def _holder_of(policy_id, session):
    from sqlalchemy import text
    return session.execute(text("SELECT holder_id FROM policies WHERE id = :id"), {"id": policy_id}).scalar()


def get_claim(number, session=None):
    claim = ClaimRepository(session).by_number(number)
    if claim is None:
        raise NotFound("claim %s" % number)
    return claim


def set_reserve(claim, amount, reason, session=None):
    session = session or get_session()
    amount = round_money(amount)
    if amount < 0:
        raise ValidationError("negative reserve")
    session.add(ClaimReserve(claim_id=claim.id, amount=amount, set_by=username(), set_at=utcnow(), reason=reason))
    claim.reserves  # noqa  (load relationship before flush, old SA bug)
    if claim.status == "notified":
        claim.status = "assessing"
    return amount


def approve_payment(claim, amount, payee_id=None, iban=None, session=None):
    session = session or get_session()
    if claim.status not in OPEN_STATES:
        raise BusinessRuleViolation("claim %s is %s" % (claim.number, claim.status))
    amount = to_decimal(amount)
    deductible, limit = _policy_terms(claim, session)
    already = claim.paid_total()
    if already == 0 and deductible:
        amount = max(amount - deductible, to_decimal(0))
    if limit is not None and already + amount > limit:
        raise BusinessRuleViolation("payment exceeds coverage limit %s" % limit)
    user = current_user()
    if amount > get_config().CLAIM_AUTO_APPROVE_LIMIT and (user is None or "claims_manager" not in user["roles"]):
        raise BusinessRuleViolation("needs a claims manager above %s" % get_config().CLAIM_AUTO_APPROVE_LIMIT)
    pay = ClaimPayment(claim_id=claim.id, payee_id=payee_id or claim.claimant_id, amount=round_money(amount),
                       deductible_applied=deductible if already == 0 else 0, status="approved",
                       approved_by=username(), iban=iban)
    session.add(pay)
    claim.status = "approved"
    return pay


def _policy_terms(claim, session):
    """(deductible, limit) of the claimed coverage, straight from the policy tables."""
    from insure.models.policy import PolicyCoverage
    cov = (session.query(PolicyCoverage)
           .filter_by(policy_id=claim.policy_id, coverage_code=claim.coverage_code)
           .first())
    if cov is None:
        return to_decimal(0), None
    return to_decimal(cov.deductible or 0), (to_decimal(cov.limit_amount) if cov.limit_amount else None)


def pay_approved(session=None):
    session = session or get_session()
    from insure.services.psp import PspClient
    client = PspClient()
    paid = 0
    for p in ClaimRepository(session).pending_payments():
        if not p.iban:
            continue
        if client.payout(p.iban, p.amount, "CLAIM %s" % p.claim.number):
            p.status = "paid"
            p.paid_at = utcnow()
            claim = p.claim
            claim.status = "paid" if claim.paid_total() >= to_decimal(claim.current_reserve()) else "partially_paid"
            paid += 1
    return paid


def reject_claim(claim, reason, session=None):
    claim.status = "rejected"
    add_note(claim, "Rejected: %s" % reason, internal=False, session=session)
    set_reserve(claim, 0, "rejected", session=session)
    from insure.services.documents import queue_letter
    queue_letter(claim.claimant_id, "CLAIM_REJECTED", "claim", claim.id,
                 {"claim": claim.number, "reason": reason}, session=session)


def close_claim(claim, session=None):
    if claim.status in ("notified", "assessing"):
        raise BusinessRuleViolation("assess the claim before closing")
    set_reserve(claim, 0, "closed", session=session)
    claim.status = "closed"
    claim.closed_at = utcnow()


def reopen_claim(claim, reason, session=None):
    if claim.status != "closed":
        raise BusinessRuleViolation("claim not closed")
    if claim.closed_at and claim.closed_at < datetime.datetime.utcnow() - datetime.timedelta(days=365 * 3):
        raise BusinessRuleViolation("time barred")
    claim.status = "reopened"
    add_note(claim, "Reopened: %s" % reason, session=session)


def add_note(claim, body, internal=True, session=None):
    session = session or get_session()
    note = ClaimNote(claim_id=claim.id, author=username(), created_at=utcnow(), body=body,
                     internal=1 if internal else 0)
    session.add(note)
    return note
