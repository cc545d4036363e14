"""
Rent ledger.  Charges are posted per assignment per term; payments are
applied oldest-charge-first.  The bursar gets a CSV every night
(see nightly_jobs).

# TODO(2019): the bursar wants a real API instead of CSV -- HOUS-733
"""
import datetime
import decimal
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from common.db import fetch_all, fetch_scalar
from common.utils import format_money, round_money, student_display_name, term_bounds, to_decimal
from core.models import (BillingPeriod, Payment, Refund, RentCharge, RoomAssignment,
                         SecurityDeposit)

logger = logging.getLogger("reslife.billing")

ZERO = decimal.Decimal("0.00")


class BillingError(Exception):
    pass


def get_balance(resident):
    charged = RentCharge.objects.filter(resident=resident).exclude(status="void") \
        .aggregate(t=Sum("amount"))["t"] or ZERO
    paid = Payment.objects.filter(resident=resident, reversed=False) \
        .aggregate(t=Sum("amount"))["t"] or ZERO
    refunded = Refund.objects.filter(resident=resident).aggregate(t=Sum("amount"))["t"] or ZERO
    return round_money(charged - paid + refunded)


def post_charge(resident, amount, kind, description, term="", assignment=None,
                due_date=None, source_ref="", user=None):
    amount = round_money(amount)
    if amount <= 0:
        raise BillingError("Charge amount must be positive (got %s)" % amount)
    period = BillingPeriod.objects.filter(term=term).first() if term else None
    if period and period.closed and kind == "rent":
        raise BillingError("Billing period %s is closed" % term)
    if due_date is None:
        due_date = period.due_date if period else timezone.localdate() + datetime.timedelta(days=30)
    charge = RentCharge.objects.create(
        resident=resident, assignment=assignment, period=period, term=term or "",
        kind=kind, description=description[:200], amount=amount, due_date=due_date,
        source_ref=source_ref, posted_by=user)
    logger.info("posted %s %s to %s", kind, amount, resident.pk)
    return charge


@transaction.atomic
def post_payment(resident, amount, method, reference="", user=None):
    amount = round_money(amount)
    if amount <= 0:
        raise BillingError("Payment must be positive")
    payment = Payment.objects.create(resident=resident, amount=amount, method=method,
                                     reference=reference, received_by=user)
    _apply_payment(payment)
    _maybe_release_hold(resident)
    return payment


def _apply_payment(payment):
    remaining = payment.amount
    charges = (RentCharge.objects.select_for_update()
               .filter(resident=payment.resident, status__in=("open", "partial"))
               .order_by("due_date", "id"))
    for charge in charges:
        if remaining <= 0:
            break
        take = min(remaining, charge.amount - charge.amount_paid)
        charge.amount_paid = charge.amount_paid + take
        charge.status = "paid" if charge.amount_paid >= charge.amount else "partial"
        charge.save(update_fields=["amount_paid", "status", "updated_at"])
        remaining -= take
    payment.applied = True
    payment.save(update_fields=["applied"])
    return remaining


def _maybe_release_hold(resident):
    if resident.financial_hold and get_balance(resident) < to_decimal(
            settings.RESLIFE_ARREARS_HOLD_THRESHOLD):
        # writes straight to the student record (accounts_resident)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_resident SET financial_hold = FALSE, hold_reason = '' "
                           "WHERE id = %s", [resident.pk])


def reverse_payment(payment, user=None):
    if payment.reversed:
        return payment
    with transaction.atomic():
        payment.reversed = True
        payment.save(update_fields=["reversed"])
        # simplest correct thing: re-run application of all payments
        RentCharge.objects.filter(resident=payment.resident).exclude(status="void") \
            .update(amount_paid=0, status="open")
        for p in Payment.objects.filter(resident=payment.resident, reversed=False).order_by("received_at"):
            _apply_payment(p)
    return payment


def prorate_amount(full_amount, term, start_date, end_date=None):
    term_start, term_end = term_bounds(term)
    end_date = end_date or term_end
    start_date = max(start_date, term_start)
    end_date = min(end_date, term_end)
    total_days = (term_end - term_start).days or 1
    days = max((end_date - start_date).days, 0)
    return round_money(to_decimal(full_amount) * decimal.Decimal(days) / decimal.Decimal(total_days))


def rent_for_assignment(assignment):
    from core.allocation import room_rate_for_bed
    full = room_rate_for_bed(assignment.bed, assignment.term)
    term_start, term_end = term_bounds(assignment.term)
    if assignment.start_date > term_start or assignment.end_date < term_end:
        return prorate_amount(full, assignment.term, assignment.start_date, assignment.end_date), True
    return round_money(full), False


def charge_assignment(assignment, user=None):
    if RentCharge.objects.filter(assignment=assignment, kind__in=("rent", "proration")).exists():
        return None
    amount, prorated = rent_for_assignment(assignment)
    from common.utils import bed_label
    return post_charge(
        assignment.resident, amount, "proration" if prorated else "rent",
        "Rent %s %s" % (assignment.term, bed_label(assignment.bed)),
        term=assignment.term, assignment=assignment, user=user)


def generate_term_charges(term, user=None):
    created = 0
    for assignment in RoomAssignment.objects.filter(term=term, status__in=("pending", "active")) \
            .select_related("bed__room__hall", "resident"):
        try:
            if charge_assignment(assignment, user=user):
                created += 1
        except Exception:  # noqa -- keep going, report at the end
            logger.exception("could not charge assignment %s", assignment.pk)
    return created


def credit_early_departure(assignment, user=None):
    """Called when an assignment ends early: credit the unused nights."""
    rent = RentCharge.objects.filter(assignment=assignment, kind__in=("rent", "proration")).first()
    if not rent:
        return None
    full_start, full_end = term_bounds(assignment.term)
    if assignment.end_date >= full_end:
        return None
    used = prorate_amount(rent.amount, assignment.term, assignment.start_date, assignment.end_date)
    credit = round_money(rent.amount - used)
    if credit <= 0:
        return None
    return Refund.objects.create(resident=assignment.resident, amount=credit,
                                 reason="Early departure credit %s" % assignment.term,
                                 approved_by=user)


def compute_late_fee(charge, today=None):
    today = today or timezone.localdate()
    if charge.kind == "late_fee" or not charge.due_date:
        return ZERO
    grace = datetime.timedelta(days=settings.RESLIFE_LATE_FEE_GRACE_DAYS)
    if today <= charge.due_date + grace:
        return ZERO
    pct = to_decimal(settings.RESLIFE_LATE_FEE_PCT) * charge.outstanding
    return round_money(max(to_decimal(settings.RESLIFE_LATE_FEE_FLAT), pct))


def apply_late_fees(today=None, dry_run=False):
    today = today or timezone.localdate()
    n = 0
    for charge in RentCharge.objects.overdue(today).exclude(kind="late_fee").select_related("resident"):
        ref = "LATE-%d" % charge.pk
        if RentCharge.objects.filter(source_ref=ref).exists():
            continue
        fee = compute_late_fee(charge, today)
        if fee <= 0:
            continue
        if not dry_run:
            post_charge(charge.resident, fee, "late_fee",
                        "Late fee on %s" % charge.description, term=charge.term,
                        due_date=today + datetime.timedelta(days=14), source_ref=ref)
        n += 1
    return n


def flag_residents_in_arrears(threshold=None):
    threshold = to_decimal(threshold or settings.RESLIFE_ARREARS_HOLD_THRESHOLD)
    rows = fetch_all("""
        SELECT c.resident_id, SUM(c.amount - c.amount_paid) AS owed
          FROM core_rentcharge c
         WHERE c.status IN ('open', 'partial') AND c.due_date < CURRENT_DATE
         GROUP BY c.resident_id
        HAVING SUM(c.amount - c.amount_paid) >= %s
    """, [threshold])
    ids = [r["resident_id"] for r in rows]
    if ids:
        from accounts.models import Resident
        Resident.objects.filter(pk__in=ids, financial_hold=False).update(
            financial_hold=True, hold_reason="Housing balance over %s" % format_money(threshold))
    return len(ids)


def issue_refund(resident, amount, reason, payment=None, user=None):
    amount = round_money(amount)
    if amount > get_balance(resident) * -1 and not (user and user.is_superuser):
        raise BillingError("Refund exceeds credit balance")
    return Refund.objects.create(resident=resident, payment=payment, amount=amount,
                                 reason=reason, approved_by=user)


def settle_deposit(resident, user=None):
    """End-of-contract: deduct inspection damages, refund the rest."""
    deposit = SecurityDeposit.objects.filter(resident=resident, status="held").first()
    if not deposit:
        return None
    # damages come from the facilities inspection table
    damages = fetch_scalar("""
        SELECT COALESCE(SUM(i.damage_amount), 0)
          FROM legacy_roominspection i
          JOIN core_roomassignment a ON a.id = i.assignment_id
         WHERE a.resident_id = %s AND i.kind = 'checkout' AND i.charged = FALSE
    """, [resident.pk], default=ZERO)
    damages = round_money(damages)
    deposit.deductions = min(damages, deposit.amount)
    remaining = deposit.amount - deposit.deductions
    deposit.status = "applied" if deposit.deductions else "refunded"
    deposit.settled_at = timezone.now()
    deposit.save()
    if remaining > 0:
        Refund.objects.create(resident=resident, amount=remaining,
                              reason="Security deposit refund", approved_by=user)
    if damages > deposit.amount:
        post_charge(resident, damages - deposit.amount, "damage",
                    "Checkout damages exceeding deposit", user=user)
    return deposit


def statement_for_resident(resident, term=None):
    charges = RentCharge.objects.filter(resident=resident).exclude(status="void")
    payments = Payment.objects.filter(resident=resident, reversed=False)
    if term:
        charges = charges.filter(term=term)
    lines = []
    for c in charges.order_by("created_at"):
        lines.append((c.created_at.date(), c.description, c.amount, None))
    for p in payments.order_by("received_at"):
        lines.append((p.received_at.date(), "Payment (%s) %s" % (p.get_method_display(), p.reference),
                      None, p.amount))
    lines.sort(key=lambda l: l[0])
    running = ZERO
    out = []
    for when, desc, debit, credit in lines:
        running += (debit or ZERO) - (credit or ZERO)
        out.append({"date": when, "description": desc, "debit": debit, "credit": credit,
                    "balance": running})
    return {"resident": student_display_name(resident), "lines": out, "balance": running}


def export_bursar_feed(term):
    """Rows for the nightly bursar CSV."""
    return fetch_all("""
        SELECT r.student_id, c.id AS charge_id, c.kind, c.amount, c.amount_paid, c.due_date, c.term
          FROM core_rentcharge c
          JOIN accounts_resident r ON r.id = c.resident_id
          LEFT JOIN core_billingperiod p ON p.id = c.period_id
         WHERE c.term = %s AND c.status <> 'void' AND (p.exported_to_bursar IS NULL OR p.exported_to_bursar = FALSE)
         ORDER BY r.student_id, c.id
    """, [term])


def close_billing_period(term, user=None):
    period = BillingPeriod.objects.get(term=term)
    period.closed = True
    period.closed_at = timezone.now()
    period.save()
    return period


def _old_compute_late_fee(charge):
    # pre-2018 flat late fee; kept "just in case" finance changes their mind again
    return decimal.Decimal("25.00") if charge.due_date < datetime.date.today() else ZERO
