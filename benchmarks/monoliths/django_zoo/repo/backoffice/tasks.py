import datetime
import io
import logging

import requests
from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from animals.rota import vet_on_call
from backoffice import reports
from backoffice.models import Contractor, Enclosure, HabitatReading, MaintenanceJob
from utils.dates import today_local
from utils.db import advisory_lock, release_lock, rows_to_csv
from utils.helpers import generate_reference, send_templated_email
from website.models import EventBooking, SchoolVisit

log = logging.getLogger(__name__)


@shared_task
def escalate_overdue_jobs():
    today = today_local()
    overdue = (MaintenanceJob.objects.select_related("enclosure")
               .filter(due_by__lt=today, escalated=False)
               .exclude(status__in=("done", "cancelled")))
    jobs = list(overdue)
    if jobs:
        send_templated_email("emails/overdue_jobs", settings.ZOO_ESTATES_EMAIL, {"jobs": jobs})
        overdue.update(escalated=True, priority=F("priority") - 1)
    # TODO: priority can go to 0 if escalated twice - nobody has complained yet
    return len(jobs)


@shared_task
def ingest_habitat_readings():
    """Pull readings from the sensor gateway (older sensors can't push)."""
    if not advisory_lock(4201):
        return 0
    try:
        r = requests.get(settings.ZOO_SENSOR_GATEWAY_URL, timeout=10)
        r.raise_for_status()
        codes = dict(Enclosure.objects.values_list("code", "id"))
        readings = []
        for row in r.json():
            enc_id = codes.get(row.get("enclosure"))
            if not enc_id:
                continue
            readings.append(HabitatReading(enclosure_id=enc_id, sensor_id=row["sensor"],
                                           taken_at=parse_datetime(row["ts"]),
                                           temp_c=row.get("temp"), humidity=row.get("rh"),
                                           lux=row.get("lux")))
        HabitatReading.objects.bulk_create(readings, batch_size=500)
        habitat_alerts.delay()
        return len(readings)
    finally:
        release_lock(4201)


@shared_task
def habitat_alerts():
    bad = reports.habitat_out_of_range(hours=1)
    if not bad:
        return 0
    vet = vet_on_call()
    to = [settings.ZOO_ESTATES_EMAIL]
    if vet and vet.email:
        to.append(vet.email)
    send_templated_email("emails/habitat_alert", to, {"rows": bad})
    return len(bad)


@shared_task
def purge_old_readings(days=400):
    cutoff = timezone.now() - datetime.timedelta(days=days)
    n, _ = HabitatReading.objects.filter(taken_at__lt=cutoff).delete()
    return n


@shared_task
def inspection_reminders():
    due = [e for e in Enclosure.objects.filter(is_public=True) if e.inspection_overdue(days=28)]
    if due:
        send_templated_email("emails/inspections_due", settings.ZOO_ESTATES_EMAIL, {"enclosures": due})
    return len(due)


@shared_task
def contractor_insurance_check():
    soon = today_local() + datetime.timedelta(days=30)
    lapsing = Contractor.objects.filter(active=True, insured_until__lte=soon)
    for c in lapsing:
        log.warning("contractor %s insurance lapses %s", c.name, c.insured_until)
    return lapsing.count()


@shared_task
def certificate_expiry_warnings():
    rows = reports.expiring_certificates(days=60)
    if rows:
        send_templated_email("emails/certificates_expiring", "hr@wildwoodpark.example", {"rows": rows})
    return len(rows)


@shared_task
def school_visit_invoices():
    """Raise invoice refs for school visits that happened yesterday."""
    yesterday = today_local() - datetime.timedelta(days=1)
    visits = SchoolVisit.objects.filter(visit_date=yesterday, status="booked", invoice_ref="")
    for v in visits:
        v.invoice_ref = generate_reference("INV", 6)
        v.status = "invoiced"
        v.calc_total()
        v.save()
        send_templated_email("emails/school_invoice", v.contact_email, {"visit": v})
    return visits.count()


@shared_task
def event_reminders():
    tomorrow = today_local() + datetime.timedelta(days=1)
    bookings = (EventBooking.objects.select_related("event")
                .filter(status="confirmed", event__starts_at__date=tomorrow))
    for b in bookings:
        send_templated_email("emails/event_reminder", b.email, {"booking": b})
    return bookings.count()


@shared_task
def nightly_reports():
    """Daily trading pack for the ops manager (takings, visitors)."""
    today = today_local()
    takings = reports.daily_takings(today)
    visitors = reports.visitor_numbers(today, today)
    buf = io.StringIO()
    rows_to_csv(takings, buf)
    msg = EmailMessage("Daily takings %s" % today,
                       "Visitors: %s" % (visitors[0]["scanned"] if visitors else "n/a"),
                       settings.DEFAULT_FROM_EMAIL, ["ops@wildwoodpark.example"])
    msg.attach("takings-%s.csv" % today, buf.getvalue(), "text/csv")
    msg.send()
