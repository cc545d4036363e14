"""Fees from the adopted fee schedule (Ordinance 2021-14 and later amendments)."""
import datetime as dt
from decimal import Decimal

from errors import BusinessRuleViolation, NotFound
from models.core import AssessedFee
from repositories.fee_repo import FeeRepository, FeeScheduleRepository, PaymentRepository
from utils.money import percent_of, to_cents


def active_schedule(session, day=None):
    schedule = FeeScheduleRepository(session).active_on(day or dt.date.today())
    if schedule is None:
        raise BusinessRuleViolation("no fee schedule in effect")
    return schedule


def _tiered(item, valuation):
    """Tiers are [upper_bound, base_cents, per_1000] like the ICC valuation table."""
    lower = Decimal(0)
    for upper, base_cents, per_1000 in item.tiers():
        if upper is None or valuation <= Decimal(str(upper)):
            extra = (valuation - lower) / 1000 * Decimal(str(per_1000))
            return base_cents + to_cents(extra)
        lower = Decimal(str(upper))
    return 0


def compute_fee(item, application):
    valuation = Decimal(str(application.valuation or 0))
    if item.basis == "flat":
        amount = to_cents(item.rate)
    elif item.basis == "per_sqft":
        amount = to_cents(Decimal(str(item.rate)) * (application.square_feet or 0))
    elif item.basis == "valuation":
        amount = to_cents(valuation * Decimal(str(item.rate)) / 100)
    elif item.basis == "tiered":
        amount = _tiered(item, valuation)
    else:
        raise BusinessRuleViolation("unknown fee basis %s" % item.basis)
    amount = max(amount, item.minimum_cents or 0)
    if application.expedited and item.code.endswith("-REV"):
        amount = amount * 3 // 2  # expedited plan review +50%
    return amount


def _assess(session, application, item, user, amount=None):
    fee = AssessedFee(application=application, schedule_item_id=item.id, code=item.code,
                      description=item.description,
                      amount_cents=compute_fee(item, application) if amount is None else amount,
                      assessed_by_id=user.id if user else None)
    session.add(fee)
    return fee


def _assess_stage(session, application, stage, user):
    schedule = active_schedule(session)
    items = FeeScheduleRepository(session).items_for(schedule.id, application.permit_type, stage)
    already = {f.code for f in application.fees}
    fees = [_assess(session, application, item, user) for item in items if item.code not in already]
    session.flush()
    return fees


def assess_intake_fees(session, application, user=None):
    return _assess_stage(session, application, "intake", user)


def assess_issuance_fees(session, application, user=None):
    return _assess_stage(session, application, "issuance", user)


def assess_fee_by_code(session, application, code, user=None, amount=None):
    schedule = active_schedule(session)
    item = FeeScheduleRepository(session).item_by_code(schedule.id, code)
    if item is None:
        raise NotFound("fee code %s not in schedule %s" % (code, schedule.name))
    fee = _assess(session, application, item, user, amount)
    session.flush()
    return fee


def reinspection_fee(session, permit, user=None):
    """Second and later failed inspections of the same type are charged."""
    return assess_fee_by_code(session, permit.application, "REINSP", user)


def late_fees_due(session, application, today, days_late=30, percent=None):
    import config

    percent = percent or config.get("LATE_FEE_PERCENT")
    unpaid = [f for f in application.fees if not f.waived and f.code != "LATE"
              and (today - f.assessed_at.date()).days > days_late]
    if not unpaid or balance_due(session, application) <= 0:
        return 0
    if any(f.code == "LATE" for f in application.fees):
        return 0
    return percent_of(sum(f.amount_cents for f in unpaid), percent)


def waive_fee(session, fee, reason, user):
    if not user.has_role("supervisor"):
        raise BusinessRuleViolation("only supervisors may waive fees")
    fee.waived = True
    fee.waived_reason = reason
    session.flush()


def balance_due(session, application):
    assessed = FeeRepository(session).total_assessed(application.id)
    paid = PaymentRepository(session).total_paid(application.id)
    return assessed - paid


def estimate(session, permit_type, valuation, square_feet=0, expedited=False):
    """Public fee estimator; nothing is stored."""

    class _Draft:
        pass

    draft = _Draft()
    draft.permit_type, draft.valuation, draft.square_feet, draft.expedited = permit_type, valuation, square_feet, expedited
    schedule = active_schedule(session)
    repo = FeeScheduleRepository(session)
    lines = []
    for stage in ("intake", "issuance"):
        for item in repo.items_for(schedule.id, permit_type, stage):
            lines.append({"code": item.code, "description": item.description, "amount_cents": compute_fee(item, draft)})
    return {"schedule": schedule.name, "lines": lines, "total_cents": sum(line["amount_cents"] for line in lines)}
