"""Accounting: grain settlements to members, advances, machinery rental billing,
patronage allocations.

Originally only settlements; rental billing was bolted on in 2020 because "it is
all money we owe / are owed by members".
"""
import csv
import logging
import os
from datetime import datetime
from decimal import Decimal

from sqlalchemy import text

from coop.config import get_config
from coop.extensions import db_session
from coop.models import (AdvancePayment, EquipmentBooking, MemberDeduction,
                         PayoutBatch, RentalCharge, SettlementLine, SettlementRun,
                         ShareTransaction)
from coop.repositories.contracts import PoolRepository
from coop.repositories.grain import IntakeTicketRepository
from coop.repositories.ledger import (AdvanceRepository, DeductionRepository,
                                      RentalChargeRepository, SettlementRepository)
from coop.repositories.members import ShareRepository, members_payable
from coop.services import ConflictError, ServiceError, require
from coop.utils.dates import crop_year_bounds, hours_between, today
from coop.utils.money import D, allocate_proportionally, round_money
from coop.utils.units import to_decimal_tonnes

log = logging.getLogger(__name__)
_cfg = get_config()

DEDUCTION_PRIORITY = ["advance_repay", "levy", "checkoff", "rental", "share_purchase", "other"]
WHEAT_CHECKOFF_T = Decimal("0.50")  # Sask Wheat Development Commission levy
CANOLA_CHECKOFF_PCT = Decimal("0.005")


class LedgerPostingError(ServiceError):
    pass


# ================================================================== settlement

def start_settlement_run(crop_year, run_type="initial", period_end=None, user=None):
    repo = SettlementRepository()
    latest = repo.latest(crop_year)
    if latest and latest.status in ("draft", "calculated"):
        raise ConflictError("run %s for %s still %s" % (latest.id, crop_year, latest.status))
    start, end = crop_year_bounds(crop_year)
    run = SettlementRun(crop_year=crop_year, run_type=run_type, period_start=start,
                        period_end=period_end or min(end, today()), created_by=user)
    db_session.add(run)
    db_session.flush()
    return run


def _pool_price(pool, run_type):
    if run_type == "final" and pool.final_price_t is not None:
        return D(pool.final_price_t)
    if run_type in ("interim", "final") and pool.interim_price_t is not None:
        return D(pool.interim_price_t)
    return D(pool.initial_price_t)


def compute_settlement_lines(run_id):
    run = SettlementRepository().get(run_id)
    require(run.status == "draft", "run already calculated")
    tickets = IntakeTicketRepository()
    from coop.services.grain_handling import GradingEngine
    gross_total = D(0)
    for pool in PoolRepository().open_pools(run.crop_year):
        price = _pool_price(pool, run.run_type)
        engine = GradingEngine(pool.commodity, run.crop_year)
        for t in tickets.unsettled_for_pool(pool.id, up_to=run.period_end):
            sample = tickets.latest_sample(t.id)
            tonnes = to_decimal_tonnes(t.paid_kg or 0)
            discount = round_money(tonnes * engine.discount_per_tonne(sample)) if sample else D(0)
            gross = round_money(tonnes * price) - discount
            db_session.add(SettlementLine(run_id=run.id, member_id=t.member_id, ticket_id=t.id,
                                          pool_id=pool.id, paid_kg=t.paid_kg, price_t=price,
                                          grade_discount=discount, gross=gross))
            t.settlement_run_id = run.id
            gross_total += gross
            _add_checkoff(run, t, tonnes, gross)
    run.total_gross = gross_total
    run.status = "calculated"
    db_session.flush()
    apply_deductions(run.id)
    return run


def _add_checkoff(run, ticket, tonnes, gross):
    if ticket.commodity == "wheat":
        amt = round_money(tonnes * WHEAT_CHECKOFF_T)
    elif ticket.commodity == "canola":
        amt = round_money(gross * CANOLA_CHECKOFF_PCT)
    else:
        return
    db_session.add(MemberDeduction(member_id=ticket.member_id, run_id=run.id, kind="checkoff",
                                   amount=amt, source_ref=ticket.ticket_no,
                                   description="%s check-off" % ticket.commodity))


def apply_deductions(run_id):
    """Net each member's gross down by pending deductions, in priority order.

    A member never goes negative: whatever doesn't fit stays pending for the next run.
    """
    repo = SettlementRepository()
    deductions = DeductionRepository()
    total_ded = D(0)
    for member_id, gross in repo.member_totals(run_id):
        available = D(gross)
        pending = sorted(deductions.pending_for(member_id),
                         key=lambda d: DEDUCTION_PRIORITY.index(d.kind)
                         if d.kind in DEDUCTION_PRIORITY else 99)
        for ded in pending:
            if D(ded.amount) > available:
                continue
            available -= D(ded.amount)
            ded.applied = True
            ded.run_id = run_id
            total_ded += D(ded.amount)
            db_session.add(SettlementLine(run_id=run_id, member_id=member_id, line_type="deduction",
                                          gross=-D(ded.amount)))
            if ded.kind == "advance_repay":
                _repay_advance(member_id, D(ded.amount))
    run = repo.get(run_id)
    run.total_deductions = total_ded
    run.total_net = D(run.total_gross) - total_ded
    return run


def approve_run(run_id, user):
    run = SettlementRepository().get(run_id)
    require(run.status == "calculated", "run must be calculated first")
    if user == run.created_by:
        raise ServiceError("four-eyes rule: creator cannot approve")
    run.status = "approved"
    run.approved_by = user
    run.approved_at = datetime.utcnow()
    return run


def void_run(run_id, user):
    run = SettlementRepository().get(run_id)
    if run.status == "paid":
        raise ConflictError("paid runs cannot be voided")
    db_session.execute(text("UPDATE intake_tickets SET settlement_run_id = NULL "
                            "WHERE settlement_run_id = :rid"), {"rid": run_id})
    db_session.execute(text("UPDATE member_deductions SET applied = false, run_id = NULL "
                            "WHERE run_id = :rid AND kind <> 'checkoff'"), {"rid": run_id})
    db_session.execute(text("DELETE FROM member_deductions WHERE run_id = :rid AND kind = 'checkoff'"),
                       {"rid": run_id})
    run.status = "void"
    run.updated_by = user
    return run


def create_payout_batch(run_id, payment_date, user=None):
    repo = SettlementRepository()
    run = repo.get(run_id)
    require(run.status == "approved", "run not approved")
    nets = {mid: D(total) for mid, total in repo.member_totals(run_id)}
    payable = [(m, acct, nets[m.id]) for m, acct in members_payable(db_session, list(nets))
               if nets.get(m.id, 0) > 0]
    missing = set(mid for mid, amt in nets.items() if amt > 0) - set(m.id for m, _, _ in payable)
    if missing:
        log.warning("%d members have no verified bank account: %s", len(missing), sorted(missing))
    fname = export_bank_file(run, payable, payment_date)
    batch = PayoutBatch(run_id=run.id, file_name=fname, payment_date=payment_date,
                        line_count=len(payable), total_amount=sum((a for _, _, a in payable), D(0)),
                        created_by=user)
    db_session.add(batch)
    run.status = "paid"
    return batch


def export_bank_file(run, payable, payment_date):
    """CPA-005-ish flat file, the credit union accepts CSV since 2021."""
    os.makedirs(_cfg.PAYOUT_BANK_FILE_DIR, exist_ok=True)
    fname = os.path.join(_cfg.PAYOUT_BANK_FILE_DIR,
                         "settle_%s_%s_%s.csv" % (run.crop_year, run.id, payment_date.strftime("%Y%m%d")))
    with open(fname, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["member", "institution", "transit", "account", "amount", "reference"])
        for member, acct, amount in payable:
            w.writerow([member.grower_code, acct.institution, acct.transit, acct.account_no,
                        "%.2f" % round_money(amount), "PVG-S%s" % run.id])
    return fname


# ================================================================== advances

def issue_advance(member_id, crop_year, commodity, amount, user=None):
    outstanding = AdvanceRepository().outstanding(member_id)
    if outstanding + D(amount) > D(400000):
        raise ServiceError("APP limit is $400,000 per producer")
    adv = AdvancePayment(member_id=member_id, crop_year=crop_year, commodity=commodity,
                         amount=round_money(amount), interest_rate=D(_cfg.ADVANCE_INTEREST_RATE),
                         created_by=user)
    db_session.add(adv)
    db_session.flush()
    db_session.add(MemberDeduction(member_id=member_id, kind="advance_repay", amount=round_money(amount),
                                   source_ref="ADV-%s" % adv.id, description="Cash advance repayment"))
    return adv


def _repay_advance(member_id, amount):
    remaining = D(amount)
    for adv in sorted(AdvanceRepository().open_for(member_id), key=lambda a: a.issued_on):
        owed = D(adv.amount) + D(adv.interest_accrued) - D(adv.repaid_amount)
        pay = min(owed, remaining)
        adv.repaid_amount = D(adv.repaid_amount) + pay
        remaining -= pay
        if D(adv.repaid_amount) >= D(adv.amount) + D(adv.interest_accrued):
            adv.status = "repaid"
        if remaining <= 0:
            break


def accrue_interest(as_of=None):
    as_of = as_of or today()
    n = 0
    for adv in db_session.query(AdvancePayment).filter_by(status="open").all():
        days = (as_of - adv.issued_on).days
        principal = D(adv.amount) - D(adv.repaid_amount)
        adv.interest_accrued = round_money(principal * D(adv.interest_rate) * D(days) / D(365))
        n += 1
    return n


# ================================================================== rentals

def bill_rental_booking(booking_id):
    """Create the charges for a returned booking."""
    booking = db_session.query(EquipmentBooking).get(booking_id)
    require(booking and booking.status == "returned", "booking not returned")
    if RentalChargeRepository().for_booking(booking.id):
        raise LedgerPostingError("booking %s already billed" % booking.ref)
    eq = booking.equipment
    charges = []
    hours = (booking.hours_in or 0) - (booking.hours_out or 0)
    if eq.hourly_rate and hours > 0:
        charges.append(("hours", hours, D(eq.hourly_rate)))
    else:
        days = max(1, int(round(hours_between(booking.checked_out_at, booking.checked_in_at) / 24.0)))
        charges.append(("days", days, D(eq.daily_rate or 0)))
    if not booking.fuel_returned_full:
        charges.append(("fuel", max(hours, 1), D(_cfg.RENTAL_FUEL_SURCHARGE_PER_HOUR)))
    if booking.checked_in_at and booking.checked_in_at > booking.end_at:
        late_days = (booking.checked_in_at - booking.end_at).days + 1
        charges.append(("late", late_days, D(_cfg.RENTAL_LATE_FEE_PER_DAY)))
    out = []
    for kind, qty, rate in charges:
        rc = RentalCharge(booking_id=booking.id, member_id=booking.member_id, charge_type=kind,
                          quantity=qty, unit_rate=rate, amount=round_money(D(qty) * rate),
                          billed_on=today())
        db_session.add(rc)
        out.append(rc)
    return out


def waive_rental_charge(charge_id, reason, user):
    rc = db_session.query(RentalCharge).get(charge_id)
    if rc.status != "open":
        raise LedgerPostingError("charge %s is %s" % (rc.id, rc.status))
    rc.status = "waived"
    db_session.add(RentalCharge(booking_id=rc.booking_id, member_id=rc.member_id, charge_type="waiver",
                                quantity=1, unit_rate=-D(rc.amount), amount=-D(rc.amount),
                                billed_on=today(), status="waived"))
    log.info("charge %s waived by %s: %s", charge_id, user, reason)
    return rc


def rental_statement(member_id):
    charges = RentalChargeRepository().open_for_member(member_id)
    return {
        "member_id": member_id,
        "lines": [{"booking": c.booking.ref, "type": c.charge_type, "qty": c.quantity,
                   "rate": str(c.unit_rate), "amount": str(c.amount)} for c in charges],
        "total": str(sum((D(c.amount) for c in charges), D(0))),
    }


def collect_rental_deductions():
    """Turn open rental charges into settlement deductions (run before each settlement)."""
    n = 0
    by_member = {}
    for rc in RentalChargeRepository().all_open():
        by_member.setdefault(rc.member_id, []).append(rc)
    for member_id, charges in by_member.items():
        total = sum((D(c.amount) for c in charges), D(0))
        if total <= 0:
            continue
        ded = MemberDeduction(member_id=member_id, kind="rental", amount=round_money(total),
                              source_ref="RENT-%s" % today().strftime("%Y%m"),
                              description="Machinery rental (%d charges)" % len(charges))
        db_session.add(ded)
        db_session.flush()
        for c in charges:
            c.status = "deducted"
            c.deduction_id = ded.id
        n += 1
    return n


# ================================================================== patronage

def allocate_patronage_dividend(crop_year, total_amount, cash_pct=30, user=None):
    """Patronage: allocate surplus by tonnes delivered; cash part via deduction credit, the
    rest as class P shares."""
    start, end = crop_year_bounds(crop_year)
    rows = db_session.execute(text("""
        SELECT t.member_id, SUM(t.paid_kg) AS kg
          FROM intake_tickets t
          JOIN members m ON m.id = t.member_id
         WHERE t.status = 'binned' AND m.status = 'active'
           AND t.closed_at BETWEEN :s AND :e
         GROUP BY t.member_id
    """), {"s": start, "e": end}).fetchall()
    if not rows:
        return []
    parts = allocate_proportionally(total_amount, [r.kg for r in rows])
    sc = ShareRepository().share_class("P")
    out = []
    for row, amount in zip(rows, parts):
        retained = round_money(amount * (D(100) - D(cash_pct)) / D(100))
        qty = int(retained / D(sc.par_value))
        if qty:
            holding = ShareRepository().holding(row.member_id, sc.id, create=True)
            holding.quantity = (holding.quantity or 0) + qty
            db_session.add(ShareTransaction(member_id=row.member_id, share_class_id=sc.id,
                                            txn_type="patronage", quantity=qty,
                                            amount=round_money(D(qty) * D(sc.par_value)),
                                            reference="PAT-%s" % crop_year))
        out.append((row.member_id, amount, qty))
    return out
