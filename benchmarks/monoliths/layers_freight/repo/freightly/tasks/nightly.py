"""Nightly and weekly batch jobs."""
import datetime
import logging

import requests
from lxml import etree

from freightly.extensions import SessionFactory
from freightly.models import Shipment
from freightly.repositories.shipment_repo import TrackingEventRepository
from freightly.services import (billing_service, claims_service, rating_service,
                                reports, warehouse_service)
from freightly.services.customs_service import CustomsService, pending_declarations
from freightly.services.notifications import notify_invoice_overdue, send_email
from freightly.tasks import task
from freightly.utils.dates import month_bounds, today
from freightly.utils.db import session_scope

log = logging.getLogger("freightly.tasks.nightly")

ECB_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"


@task("overdue_invoices", group="nightly")
def run_overdue_invoices():
    with session_scope() as session:
        changed = billing_service.mark_overdue(session=session)
        for inv in changed:
            days = (today() - inv.due_date).days
            notify_invoice_overdue(inv, days)
        return len(changed)


@task("auto_invoice", group="nightly")
def invoice_delivered_shipments():
    """Invoice everything delivered > 2 days ago that ops forgot."""
    from freightly.repositories.shipment_repo import ShipmentRepository
    count = 0
    with session_scope() as session:
        for s in ShipmentRepository(session).uninvoiced_delivered(older_than_days=2):
            try:
                inv = billing_service.create_invoice_for_shipment(s.id, session)
                billing_service.finalize_invoice(inv.id, session=session)
                count += 1
            except Exception as exc:
                log.warning("could not invoice %s: %s", s.reference, exc)
                session.rollback()
    return count


@task("exchange_rates", group="nightly")
def refresh_exchange_rates():
    r = requests.get(ECB_URL, timeout=30)
    r.raise_for_status()
    root = etree.fromstring(r.content)
    ns = {"e": "http://www.ecb.int/vocabulary/2002-08-01/eurofxref"}
    rates = {}
    rate_date = None
    for cube in root.iterfind(".//e:Cube[@time]", ns):
        rate_date = cube.get("time")
        for c in cube.iterfind("e:Cube", ns):
            rates[c.get("currency")] = c.get("rate")
    with session_scope() as session:
        return billing_service.refresh_exchange_rates(rates, rate_date, session=session)


@task("expire_rates", group="nightly")
def expire_rate_cards_job():
    with session_scope() as session:
        return rating_service.expire_rate_cards(session=session)


@task("rate_expiry_warning", group="weekly")
def warn_expiring_rate_cards():
    from freightly.repositories.carrier_repo import RateCardRepository
    with session_scope() as session:
        cards = RateCardRepository(session).expiring(within_days=21)
        if cards:
            body = "\n".join("%s  %s  valid to %s" % (c.carrier.name, c.name, c.valid_to)
                             for c in cards)
            send_email("procurement@freightly.example", "Rate cards expiring soon", body)
        return len(cards)


@task("purge_tracking", group="nightly")
def purge_old_tracking_events(days=540):
    with session_scope() as session:
        n = TrackingEventRepository(session).purge_older_than(days)
        return n


@task("webhook_retry", group="nightly")
def retry_webhooks():
    from freightly.services.tracking_service import retry_failed_webhooks
    with session_scope() as session:
        return retry_failed_webhooks(session=session)


@task("storage_charges", group="nightly")
def accrue_storage_charges():
    """On the 1st of the month: accrue storage for the previous month."""
    t = today()
    if t.day != 1:
        return 0
    prev = t - datetime.timedelta(days=1)
    start, end = month_bounds(prev.year, prev.month)
    with session_scope() as session:
        charges = warehouse_service.compute_storage_charges(start, end, session=session)
        # and put them on a draft invoice per customer (billing asked for this)
        by_customer = {}
        for c in charges:
            by_customer.setdefault(c.customer_id, []).append(c.id)
        for customer_id, ids in by_customer.items():
            inv = billing_service.create_draft_invoice(customer_id, session=session)
            billing_service.add_storage_charges(inv, ids, session=session)
        return len(charges)


@task("customs_poll", group="nightly")
def poll_customs_status():
    session = SessionFactory()
    try:
        svc = CustomsService(session=session)
        n = 0
        for decl in pending_declarations(session):
            try:
                svc.poll_status(decl)
                n += 1
            except Exception as exc:
                log.warning("customs poll failed for %s: %s", decl.lrn, exc)
        return n
    finally:
        session.close()


@task("claim_reminders", group="nightly")
def send_claim_reminders(days=14):
    with session_scope() as session:
        stale = claims_service.stale_claims(days, session=session)
        if stale:
            body = "\n".join("%s  %s  %s  handler=%s" % (c.claim_no, c.kind, c.status, c.handler)
                             for c in stale)
            send_email("claims@freightly.example", "%d claims without activity" % len(stale),
                       body)
        return len(stale)


def _last_week():
    return today() - datetime.timedelta(days=7)


@task("weekly_customs_report", group="weekly")
def weekly_customs_report():
    last = _last_week()
    return send_email("customs-lead@freightly.example", "Customs clearance times",
                      reports.to_csv(reports.customs_clearance_times(last.year, last.month)))


@task("weekly_otp_report", group="weekly")
def weekly_otp_report():
    last = _last_week()
    return send_email("ops-lead@freightly.example", "On-time performance",
                      reports.to_csv(reports.on_time_performance(last.year, last.month)))


@task("weekly_warehouse_report", group="weekly")
def weekly_warehouse_report():
    return send_email("warehouse@freightly.example", "Warehouse occupancy",
                      reports.to_csv(reports.warehouse_occupancy_report()))


@task("weekly_claims_report", group="weekly")
def weekly_claims_report():
    # copy of the customs one, claims team wanted the whole year
    return send_email("claims@freightly.example", "Claims ratio by carrier",
                      reports.to_csv(reports.claims_ratio_by_carrier(today().year)))


@task("weekly_carrier_volume", group="weekly")
def weekly_carrier_volume_report():
    return send_email("procurement@freightly.example", "Carrier volumes",
                      reports.to_csv(reports.carrier_volume_report(today().year)))


def _old_close_delivered():
    # replaced by ShipmentManager based closing in 2020, kept for reference
    with session_scope() as session:
        for s in session.query(Shipment).filter_by(status="delivered", invoiced=True):
            s.status = "closed"
