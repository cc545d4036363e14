import datetime
import glob
import logging
import os
import shutil

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.utils import timezone

from common.decorators import single_instance_task
from common.tasks import send_templated_email
from common.utils import dictfetchall, today
from integrations.clients import OEMError, client_for_manufacturer, import_supplier_price_file
from integrations.models import Manufacturer, RecallNotice, WarrantyClaim
from integrations.views import apply_claim_status

logger = logging.getLogger('garage.integrations.tasks')


@shared_task
@single_instance_task(timeout=3600)
def poll_claim_statuses():
    qs = (WarrantyClaim.objects.filter(status__in=['submitted', 'query', 'approved', 'part_approved'])
          .exclude(oem_reference='')
          .select_related('manufacturer'))
    changed = 0
    for claim in qs:
        try:
            status, payload = client_for_manufacturer(claim.manufacturer).fetch_status(claim)
        except (OEMError, Exception) as e:  # noqa -- portal outages are normal
            logger.warning('poll %s failed: %s', claim.reference, e)
            continue
        if apply_claim_status(claim, status, payload):
            changed += 1
        else:
            WarrantyClaim.objects.filter(pk=claim.pk).update(last_polled_at=timezone.now())
    return changed


@shared_task
def submit_stale_drafts(days=5):
    """Claims left in draft get emailed to the warranty admin before the OEM window closes."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    drafts = WarrantyClaim.objects.filter(status='draft', created_at__lt=cutoff).select_related('manufacturer')
    if drafts:
        send_templated_email(['warranty@speedyfix-garages.co.uk'], '%d warranty claims still in draft' % len(drafts),
                             'emails/claim_drafts', {'claims': drafts})
    return len(drafts)


@shared_task
def fetch_recall_notices():
    n = 0
    for m in Manufacturer.objects.exclude(portal_code=''):
        last = RecallNotice.objects.filter(manufacturer=m).order_by('-published_on').first()
        try:
            items = client_for_manufacturer(m).fetch_recalls(since=last.published_on if last else None)
        except Exception as e:
            logger.warning('recalls for %s failed: %s', m.name, e)
            continue
        for it in items:
            _, created = RecallNotice.objects.update_or_create(
                manufacturer=m, campaign_code=it['code'],
                defaults={'title': it.get('title', '')[:200], 'description': it.get('description', ''),
                          'vin_from': it.get('vinFrom', ''), 'vin_to': it.get('vinTo', ''),
                          'published_on': it.get('published'), 'labour_hours': it.get('labourHours')})
            n += int(created)
    return n


@shared_task
def recall_matches_report():
    """Which of our customers' vehicles are affected by an open recall."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT r.campaign_code, r.title, v.registration, v.vin, c.last_name, c.phone
              FROM integrations_recallnotice r
              JOIN customers_vehicle v
                ON v.vin BETWEEN r.vin_from AND r.vin_to AND v.manufacturer_id = r.manufacturer_id
              JOIN customers_customer c ON c.id = v.owner_id
             WHERE r.published_on >= %s
               AND NOT EXISTS (
                    SELECT 1 FROM integrations_warrantyclaim wc
                     WHERE wc.vehicle_id = v.id AND wc.failure_code = r.campaign_code)
        """, [today() - datetime.timedelta(days=365)])
        rows = dictfetchall(cursor)
    if rows:
        send_templated_email(['warranty@speedyfix-garages.co.uk'], 'Recall matches: %d vehicles' % len(rows),
                             'emails/recall_matches', {'rows': rows})
    return len(rows)


@shared_task
@single_instance_task(timeout=3600)
def import_supplier_feeds():
    from shop.models import Supplier

    done_dir = os.path.join(settings.SUPPLIER_FEED_DIR, 'done')
    os.makedirs(done_dir, exist_ok=True)
    imported = 0
    for supplier in Supplier.objects.filter(is_active=True).exclude(edi_code=''):
        for path in sorted(glob.glob(os.path.join(settings.SUPPLIER_FEED_DIR, supplier.edi_code + '_*.csv'))):
            try:
                import_supplier_price_file(supplier, path)
                imported += 1
            except Exception:
                logger.exception('feed import failed: %s', path)
                continue
            shutil.move(path, os.path.join(done_dir, os.path.basename(path)))
    return imported
