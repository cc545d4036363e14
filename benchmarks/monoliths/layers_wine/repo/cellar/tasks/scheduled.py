import logging
from datetime import date, timedelta

from cellar.extensions import celery, db
from cellar.utils.dates import add_business_days

log = logging.getLogger(__name__)


@celery.task
def expire_stale_reservations():
    from cellar.services.inventory_service import expire_reservations
    return expire_reservations()


@celery.task
def plan_tomorrows_routes():
    from cellar.services.delivery_service import plan_routes_for_date
    day = add_business_days(date.today(), 1)
    n = plan_routes_for_date(day)
    log.info("planned %d deliveries for %s", n, day)
    return n


@celery.task
def send_overdue_reminders():
    from cellar.services.billing_service import send_reminders
    return send_reminders()


@celery.task
def licence_expiry_check():
    from cellar.services.compliance_service import licences_expiring
    from cellar.services.notification_service import notify_licence_expiry
    n = 0
    for lic in licences_expiring(30):
        notify_licence_expiry(lic)
        n += 1
    return n


@celery.task
def low_stock_alert():
    from cellar.services.inventory_service import low_stock_wines
    from cellar.services.notification_service import notify_low_stock
    rows = low_stock_wines()
    if rows:
        notify_low_stock(rows)
    return len(rows)


@celery.task
def monthly_excise_return():
    from cellar.services.compliance_service import build_excise_return
    last_month = date.today().replace(day=1) - timedelta(days=1)
    ret = build_excise_return(last_month.year, last_month.month)
    return ret.period


@celery.task
def chase_shipment_etas():
    from cellar.repositories.purchase_repo import ShipmentRepository
    from cellar.utils.mailer import send_email
    late = [s for s in ShipmentRepository().arriving_within(0) if s.eta < date.today()]
    if late:
        send_email("buying@vinotrade.co.uk", "%d shipments overdue" % len(late),
                   body="<br>".join("%s %s ETA %s" % (s.reference, s.forwarder, s.eta) for s in late))
    return len(late)


@celery.task
def nightly_cleanup():
    # old: used to purge sessions table, now only vacuum audit_log
    db.session.execute("DELETE FROM audit_log WHERE at < now() - interval '3 years'")
    db.session.commit()
