"""Cron jobs. Run via `python manage.py job <name>` from crontab on the
worker box. See deploy/crontab (not in this repo, ask ops)."""
import datetime
import logging
import sys

from sqlalchemy import text

from festival.decorators import cron_job
from festival.emails import (send_deposit_refunded, send_hygiene_cert_expiry_warning,
                             send_lineup_newsletter, send_shift_reminder,
                             send_unsigned_contract_chaser)
from festival.extensions import db
from festival.models import (ArtistBooking, ArtistPayment, CampingBooking, GateScan,
                             HygieneCertificate, LineupAnnouncement, PerformanceContract,
                             PerformanceSlot, ShiftSignup, ShiftSlot, Ticket, TicketOrder,
                             TicketType, Vendor, Volunteer, VolunteerDeposit, Wristband)
from festival.payments import GatewayError, get_gateway

log = logging.getLogger("festival.jobs")

UNPAID_ORDER_TTL_MINUTES = 30
UNPAID_CAMPING_TTL_HOURS = 24


@cron_job("expire-orders")
def expire_unpaid_orders():
    """Every 5 mins: release stock held by unpaid orders."""
    cutoff = datetime.datetime.utcnow() - datetime.timedelta(minutes=UNPAID_ORDER_TTL_MINUTES)
    orders = TicketOrder.query.filter(TicketOrder.status == "pending",
                                      TicketOrder.created_at < cutoff).all()
    for order in orders:
        order.status = "expired"
        for ticket in order.tickets:
            ticket.status = "void"
            tt = TicketType.query.get(ticket.ticket_type_id)
            tt.sold = max((tt.sold or 0) - 1, 0)
    db.session.commit()
    log.info("expired %d orders", len(orders))
    return len(orders)


@cron_job("recount-sold")
def recount_ticket_type_sold():
    """Nightly: the `sold` counter drifts (race in checkout). Recompute it."""
    db.session.execute(text("""
        UPDATE ticket_types tt SET sold = sub.n FROM (
            SELECT t.ticket_type_id, COUNT(*) AS n FROM tickets t
            JOIN ticket_orders o ON o.id = t.order_id
            WHERE t.status IN ('valid', 'transferred') AND o.status IN ('paid', 'pending')
            GROUP BY t.ticket_type_id
        ) sub WHERE sub.ticket_type_id = tt.id
    """))
    db.session.commit()


@cron_job("purge-scans")
def purge_old_gate_scans(days=400):
    cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=days)
    n = GateScan.query.filter(GateScan.scanned_at < cutoff).delete()
    db.session.commit()
    return n


@cron_job("chase-contracts")
def chase_unsigned_contracts(after_days=7):
    cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=after_days)
    contracts = PerformanceContract.query.filter(
        PerformanceContract.sent_at < cutoff,
        PerformanceContract.signed_by_artist_at.is_(None)).all()
    for c in contracts:
        days = (datetime.datetime.utcnow() - c.sent_at).days
        send_unsigned_contract_chaser(c, days)
    return len(contracts)


@cron_job("artist-payments-due")
def artist_payments_due_report():
    """Emails finance the list of artist payments due in the next 7 days."""
    soon = datetime.date.today() + datetime.timedelta(days=7)
    due = ArtistPayment.query.filter(ArtistPayment.paid_at.is_(None),
                                     ArtistPayment.due_date <= soon).all()
    for p in due:
        log.info("artist payment due: %s %s %s", p.booking.artist.name, p.kind, p.amount_pence)
    return due


@cron_job("expire-offers")
def expire_stale_offers(days=21):
    cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=days)
    stale = ArtistBooking.query.filter(ArtistBooking.status == "offer",
                                       ArtistBooking.offered_at < cutoff).all()
    for b in stale:
        b.status = "cancelled"
        b.cancellation_reason = "offer lapsed"
        # their held slots go too
        PerformanceSlot.query.filter_by(booking_id=b.id, status="held").update({"status": "pulled"})
    db.session.commit()
    return len(stale)


@cron_job("publish-announcements")
def publish_scheduled_announcements():
    now = datetime.datetime.utcnow()
    due = LineupAnnouncement.query.filter(LineupAnnouncement.published == False,
                                          LineupAnnouncement.publish_at <= now).all()
    for ann in due:
        ids = ann.slot_ids()
        if ids:
            PerformanceSlot.query.filter(PerformanceSlot.id.in_(ids)).update(
                {"status": "published"}, synchronize_session=False)
        ann.published = True
        db.session.commit()
        recipients = [r[0] for r in db.session.execute(text(
            "SELECT DISTINCT buyer_email FROM ticket_orders WHERE status = 'paid'"))]
        send_lineup_newsletter(ann, recipients)
    from festival.scheduling import invalidate_running_order_cache
    invalidate_running_order_cache()
    return len(due)


@cron_job("release-held-slots")
def release_held_slots():
    """Slots held for bookings that got cancelled some other way."""
    n = db.session.execute(text("""
        UPDATE performance_slots SET status = 'pulled'
        WHERE status = 'held' AND booking_id IN (
            SELECT id FROM artist_bookings WHERE status = 'cancelled')
    """)).rowcount
    db.session.commit()
    return n


@cron_job("shift-reminders")
def remind_volunteers_tomorrow():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time(6, 0))
    end = start + datetime.timedelta(days=1)
    signups = ShiftSignup.query.join(ShiftSlot).filter(
        ShiftSignup.cancelled == False, ShiftSlot.starts_at >= start,
        ShiftSlot.starts_at < end).all()
    by_volunteer = {}
    for s in signups:
        by_volunteer.setdefault(s.volunteer_id, []).append(s)
    for vid, items in by_volunteer.items():
        send_shift_reminder(Volunteer.query.get(vid), items)
    return len(by_volunteer)


@cron_job("mark-no-shows")
def mark_no_shows():
    now = datetime.datetime.utcnow()
    missed = ShiftSignup.query.join(ShiftSlot).filter(
        ShiftSignup.cancelled == False, ShiftSignup.checked_in_at.is_(None),
        ShiftSlot.ends_at < now, ShiftSignup.no_show == False).all()
    for s in missed:
        s.no_show = True
    db.session.commit()
    return len(missed)


@cron_job("settle-deposits")
def settle_volunteer_deposits(year):
    """Post-festival: refund deposits for crew who did their hours,
    forfeit the rest."""
    from festival.rota import met_hours_requirement
    gateway = get_gateway()
    refunded = forfeited = 0
    for volunteer in Volunteer.query.filter_by(year=year, status="approved"):
        deposit = VolunteerDeposit.query.filter_by(volunteer_id=volunteer.id, status="held").first()
        if deposit is None:
            continue
        if met_hours_requirement(volunteer):
            try:
                result = gateway.refund(deposit.payment_ref, deposit.amount_pence, "crew deposit")
            except GatewayError:
                log.exception("refund failed for volunteer %s", volunteer.id)
                continue
            deposit.status = "refunded"
            deposit.refund_ref = result.get("id")
            deposit.refunded_at = datetime.datetime.utcnow()
            db.session.commit()
            send_deposit_refunded(volunteer, deposit)
            refunded += 1
        else:
            deposit.status = "forfeited"
            volunteer.status = "noshow"
            db.session.commit()
            forfeited += 1
    return refunded, forfeited


@cron_job("cert-expiry")
def warn_expiring_hygiene_certs(days=30):
    soon = datetime.date.today() + datetime.timedelta(days=days)
    certs = HygieneCertificate.query.filter(HygieneCertificate.expires_on <= soon,
                                            HygieneCertificate.expires_on >= datetime.date.today()).all()
    for cert in certs:
        send_hygiene_cert_expiry_warning(Vendor.query.get(cert.vendor_id), cert)
    return len(certs)


@cron_job("cashless-takings")
def import_cashless_takings(day_id, feed_rows):
    """feed_rows come from the cashless provider's SFTP drop: vendor_ref, pence."""
    from festival.vendor_fees import record_takings
    n = 0
    for vendor_ref, pence in feed_rows:
        vendor = Vendor.query.filter_by(vat_number=vendor_ref).first() or \
            Vendor.query.filter_by(name=vendor_ref).first()
        if vendor is None:
            log.warning("cashless feed: unknown vendor %s", vendor_ref)
            continue
        record_takings(vendor, day_id, int(pence), cashless_pence=int(pence), source="cashless_feed")
        n += 1
    return n


@cron_job("expire-camping")
def release_unpaid_camping():
    cutoff = datetime.datetime.utcnow() - datetime.timedelta(hours=UNPAID_CAMPING_TTL_HOURS)
    n = CampingBooking.query.filter(CampingBooking.status == "pending",
                                    CampingBooking.created_at < cutoff).update({"status": "cancelled"})
    db.session.commit()
    return n


@cron_job("camping-orphans")
def cancel_camping_for_void_tickets():
    """Camping bookings whose ticket got refunded/voided."""
    rows = db.session.query(CampingBooking).join(Ticket, Ticket.id == CampingBooking.ticket_id) \
        .filter(Ticket.status.in_(["void", "refunded"]),
                CampingBooking.status.in_(["pending", "paid"])).all()
    for b in rows:
        b.status = "cancelled"
    db.session.commit()
    return len(rows)


@cron_job("sponsor-deliverables")
def sponsor_deliverables_overdue():
    from festival.sponsorship.services import chase_overdue_deliverables
    return chase_overdue_deliverables()


@cron_job("incident-digest")
def nightly_incident_digest():
    since = datetime.datetime.utcnow() - datetime.timedelta(days=1)
    rows = db.session.execute(text("""
        SELECT category, severity, COUNT(*) FROM incidents
        WHERE occurred_at >= :since GROUP BY category, severity ORDER BY 3 DESC
    """), {"since": since}).fetchall()
    for category, severity, n in rows:
        log.info("incidents last 24h: %s/%s = %d", category, severity, n)
    return rows


@cron_job("deactivate-banned")
def deactivate_banned_wristbands():
    from festival.security.models import Ejection
    ids = [e.wristband_id for e in Ejection.query.filter(Ejection.wristband_id.isnot(None))]
    n = Wristband.query.filter(Wristband.id.in_(ids), Wristband.deactivated == False) \
        .update({"deactivated": True, "deactivated_reason": "ejected"}, synchronize_session=False)
    db.session.commit()
    return n


def registered_jobs():
    module = sys.modules[__name__]
    jobs = {}
    for name in dir(module):
        fn = getattr(module, name)
        if callable(fn) and hasattr(fn, "_cron_name"):
            jobs[fn._cron_name] = fn
    return jobs


def run_job(name, *args):
    jobs = registered_jobs()
    if name not in jobs:
        raise SystemExit("unknown job %s (have: %s)" % (name, ", ".join(sorted(jobs))))
    started = datetime.datetime.utcnow()
    result = jobs[name](*args)
    log.info("job %s finished in %ss -> %r", name,
             (datetime.datetime.utcnow() - started).seconds, result)
    return result
