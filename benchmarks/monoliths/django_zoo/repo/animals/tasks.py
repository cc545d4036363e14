import datetime
import logging

import requests
from celery import shared_task
from django.conf import settings
from django.db.models import Q

from animals.feeding import (build_reorder_lines, check_perishables, email_purchase_order,
                             raise_purchase_order)
from animals.models import Animal, MedicalRecord, Prescription, WeighIn
from animals.rota import generate_week, publish_week, vet_on_call
from utils.dates import start_of_week, today_local
from utils.decorators import single_instance_task
from utils.helpers import send_templated_email

log = logging.getLogger(__name__)


@shared_task
def vaccination_due_reminders(days_ahead=14):
    today = today_local()
    due = (MedicalRecord.objects.select_related("animal", "animal__species", "animal__enclosure")
           .filter(next_due__isnull=False, next_due__lte=today + datetime.timedelta(days=days_ahead),
                   animal__status__in=("active", "quarantine", "offshow"))
           .order_by("next_due"))
    if not due:
        return 0
    vet = vet_on_call(today)
    to = [vet.email] if vet and vet.email else [settings.ZOO_VET_ON_CALL_EMAIL]
    send_templated_email("emails/vaccinations_due", to, {"records": due, "today": today})
    return len(due)


@shared_task
def prescriptions_ending():
    tomorrow = today_local() + datetime.timedelta(days=1)
    ending = Prescription.objects.select_related("visit__animal").filter(end_date=tomorrow)
    for p in ending:
        MedicalRecord.objects.create(animal=p.visit.animal, record_type="treat",
                                     summary="Course of %s ends %s" % (p.drug, p.end_date))
    return ending.count()


@shared_task
def overdue_weighins(max_days=90):
    """Animals with no weight recorded for `max_days` days."""
    cutoff = today_local() - datetime.timedelta(days=max_days)
    recent = WeighIn.objects.filter(weighed_on__gte=cutoff).values_list("animal_id", flat=True)
    return list(Animal.objects.on_site().exclude(pk__in=recent)
                .values_list("name", "species__common_name"))


@shared_task
def push_to_zims(animal_id):
    """Species360 sync. Only pushes weights right now; the rest is manual."""
    animal = Animal.objects.get(pk=animal_id)
    if not animal.zims_id:
        return None
    payload = {"id": animal.zims_id,
               "weights": [[w.weighed_on.isoformat(), str(w.weight_kg)]
                           for w in animal.weights.all()[:10]]}
    url = getattr(settings, "ZIMS_API_URL", None)
    if not url:
        log.info("ZIMS_API_URL not set, skipping")
        return None
    r = requests.post(url, json=payload, timeout=20)
    return r.status_code


@shared_task
@single_instance_task()
def auto_reorder_feed():
    pos = []
    for supplier, lines in build_reorder_lines().items():
        if not supplier or not lines:
            continue
        po = raise_purchase_order(supplier, lines, auto=True)
        email_purchase_order(po)
        pos.append(po.po_number)
    log.info("auto reorder raised %s", pos)
    return pos


@shared_task
def perishable_check():
    stale = check_perishables()
    if stale:
        send_templated_email("emails/perishables", settings.ZOO_FEED_PO_EMAIL_CC, {"stale": stale})
    return len(stale)


@shared_task
def generate_rota_ahead(weeks=2):
    start = start_of_week(today_local())
    all_gaps = []
    for w in range(1, weeks + 1):
        _, gaps = generate_week(start + datetime.timedelta(weeks=w))
        all_gaps.extend(gaps)
    return len(all_gaps)


@shared_task
def publish_next_week_rota():
    ws = start_of_week(today_local()) + datetime.timedelta(days=7)
    n = publish_week(ws)
    log.info("published %d shifts for week %s", n, ws)
    return n
