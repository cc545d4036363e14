import logging
from datetime import date, datetime, timedelta

from gh.extensions import db
from gh.models.baggage import BaggageIncident
from gh.models.billing import Airline
from gh.models.staff import Staff
from gh.models.users import ApiToken
from gh.repositories.assets import EquipmentRepository
from gh.repositories.flight_repository import TurnaroundRepository
from gh.services import billing_service, equipment_service, training_service
from gh.services.notifications import send_email, post_to_ops_channel

log = logging.getLogger(__name__)


def close_stale_turnarounds():
    cutoff = datetime.utcnow() - timedelta(hours=12)
    n = 0
    for t in TurnaroundRepository().open_turnarounds():
        if t.started_at and t.started_at < cutoff:
            t.status = "ABANDONED"
            n += 1
    db.session.commit()
    log.info("closed %s stale turnarounds", n)


def flag_overdue_maintenance():
    for eq in EquipmentRepository().overdue_for_service():
        equipment_service.open_maintenance_order(eq.id, "Scheduled service (%sh)" % int(eq.engine_hours))


def warn_expiring_certifications():
    for cert in training_service.expiring_certifications():
        staff = Staff.query.get(cert.staff_id)
        send_email(staff.email, "Certification expiring: %s" % cert.course.code,
                   "Your %s expires on %s. Please book a refresher." % (cert.course.title, cert.expires_on))


def mark_overdue_invoices():
    n = billing_service.mark_overdue()
    if n:
        post_to_ops_channel("%s invoices became overdue" % n)


def monthly_invoice_run():
    today = date.today()
    last = today.replace(day=1) - timedelta(days=1)
    for airline in Airline.query.filter_by(active=True).all():
        try:
            billing_service.generate_invoice(airline.id, last.year, last.month)
        except Exception:
            log.exception("invoice run failed for %s", airline.iata_code)
            db.session.rollback()


def auto_close_delivered_incidents():
    cutoff = datetime.utcnow() - timedelta(days=21)
    for inc in BaggageIncident.query.filter_by(status="DELIVERED").filter(BaggageIncident.updated_at < cutoff).all():
        inc.status = "CLOSED"
        inc.closed_at = datetime.utcnow()
    db.session.commit()


def purge_expired_tokens():
    ApiToken.query.filter(ApiToken.expires_at < datetime.utcnow()).delete(synchronize_session=False)
    db.session.commit()
