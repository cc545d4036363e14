"""Nightly housekeeping.  One file, many masters."""
import logging
from datetime import timedelta

from sqlalchemy import text

from coop.extensions import celery, db_session
from coop.models import Bin, Member, Season
from coop.repositories.contracts import ContractRepository
from coop.repositories.fields import fields_due_for_soil_test
from coop.repositories.grain import StockMovementRepository
from coop.services import equipment as equipment_svc
from coop.services import grain_handling
from coop.services.notifications import send_email, send_sms
from coop.utils.dates import crop_year_for, today
from coop.utils.db import session_scope

log = logging.getLogger(__name__)


@celery.task(name="coop.tasks.nightly.expire_stale_tickets")
def expire_stale_tickets():
    with session_scope():
        n = grain_handling.expire_abandoned_tickets()
    log.info("voided %d stale intake tickets", n)
    return n


@celery.task(name="coop.tasks.nightly.reconcile_bin_levels")
def reconcile_bin_levels(tolerance_kg=50):
    """bins.current_kg is denormalised; compare against the movement ledger."""
    moves = StockMovementRepository()
    drift = []
    with session_scope() as s:
        for b in s.query(Bin).all():
            book = moves.book_balance(b.id)
            if abs(book - (b.current_kg or 0)) > tolerance_kg:
                drift.append((b.code, b.current_kg, book))
                b.current_kg = book
    if drift:
        send_email("silo-manager@pvgcoop.example", "Bin level drift corrected",
                   "\n".join("%s: was %s, ledger %s" % d for d in drift))
    return len(drift)


@celery.task(name="coop.tasks.nightly.chase_overdue_bookings")
def chase_overdue_bookings():
    with session_scope():
        return equipment_svc.flag_overdue_returns()


@celery.task(name="coop.tasks.nightly.lapse_inactive_members")
def lapse_inactive_members(years=3):
    """By-law 7.2: members with no deliveries for 3 crop years lapse."""
    cutoff = today() - timedelta(days=365 * years)
    with session_scope() as s:
        rows = s.execute(text("""
            SELECT m.id FROM members m
             WHERE m.status = 'active' AND m.joined_on < :cutoff
               AND NOT EXISTS (SELECT 1 FROM intake_tickets t
                                WHERE t.member_id = m.id AND t.arrived_at >= :cutoff)
        """), {"cutoff": cutoff}).fetchall()
        for (mid,) in rows:
            m = s.query(Member).get(mid)
            m.status = "lapsed"
            m.lapsed_on = today()
            m.updated_by = "lapse-job"
    log.info("lapsed %d members", len(rows))
    return len(rows)


@celery.task(name="coop.tasks.nightly.remind_soil_tests")
def remind_soil_tests():
    n = 0
    with session_scope() as s:
        for field in fields_due_for_soil_test(s):
            owner = field.owner
            if owner.status != "active":
                continue
            send_sms(owner.phone, "PVG Coop agronomy: field %s is due for a soil test. "
                                  "Reply YES to book." % (field.name or field.legal_land_desc))
            n += 1
    return n


@celery.task(name="coop.tasks.nightly.roll_season")
def roll_season():
    cy = crop_year_for(today()) + 1  # plan for next year's crop
    with session_scope() as s:
        if s.query(Season).filter_by(crop_year=cy).first():
            return None
        s.query(Season).update({"is_current": False})
        season = Season(crop_year=cy, label="%s/%s" % (cy, str(cy + 1)[-2:]),
                        planning_opens=today(), planning_closes=today().replace(month=5, day=31,
                                                                                 year=today().year + 1),
                        is_current=True)
        s.add(season)
    return cy


@celery.task(name="coop.tasks.nightly.flag_contract_shortfalls")
def flag_contract_shortfalls(days_ahead=14):
    repo = ContractRepository()
    soon = today() + timedelta(days=days_ahead)
    short = []
    for c in repo.open_contracts():
        if c.delivery_to and c.delivery_to <= soon:
            remaining_t = float(c.quantity_t) - repo.delivered_kg(c.id) / 1000.0
            if remaining_t > 0:
                short.append("%s %s: %.1f t left, due %s" % (c.contract_no, c.buyer.name,
                                                             remaining_t, c.delivery_to))
    if short:
        send_email("marketing@pvgcoop.example", "Contracts due in %d days" % days_ahead, "\n".join(short))
    db_session.remove()
    return len(short)
