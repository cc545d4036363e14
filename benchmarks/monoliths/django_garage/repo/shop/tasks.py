import datetime
import logging
from decimal import Decimal, ROUND_UP

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone

from common.decorators import single_instance_task
from common.tasks import send_sms, send_templated_email
from shop import services
from shop.models import Part, PurchaseOrder, WorkOrder

logger = logging.getLogger('garage.shop.tasks')


@shared_task
@single_instance_task(timeout=1800)
def auto_reorder_parts(send=False):
    """Draft (or send) purchase orders for everything below reorder level."""
    created = []
    for supplier, lines in services.suggest_reorders().items():
        po = services.create_purchase_order(supplier, lines)
        created.append(po.number)
        if send and supplier.email_orders:
            send_templated_email(supplier.email_orders, 'Purchase order %s' % po.number, 'emails/purchase_order',
                                 {'po': po, 'lines': po.lines.select_related('part')})
            PurchaseOrder.objects.filter(pk=po.pk).update(status='sent', sent_at=timezone.now())
    logger.info('auto reorder created %s', created)
    return created


@shared_task
def recalc_part_sell_prices(markup_percent=35, oem_markup_percent=25):
    """Sell price = cost + markup, rounded up to the next 5p. Manual prices (flagged in
    category 'FIXED') are left alone."""
    n = 0
    for part in Part.objects.exclude(category='FIXED').exclude(cost_price=0):
        markup = oem_markup_percent if part.oem_part else markup_percent
        price = part.cost_price * (Decimal(100 + markup) / 100)
        price = (price * 20).quantize(Decimal('1'), rounding=ROUND_UP) / 20
        if price != part.sell_price:
            Part.objects.filter(pk=part.pk).update(sell_price=price)
            n += 1
    return n


@shared_task
def release_stale_reservations():
    """Reservations for jobs that were cancelled but the lines never removed."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT wp.part_id, SUM(wp.quantity)
              FROM shop_workorderpart wp
              JOIN work_orders wo ON wo.id = wp.work_order_id
             WHERE wo.status = 'cancelled' AND wp.fitted = false
             GROUP BY wp.part_id
        """)
        rows = cursor.fetchall()
        for part_id, qty in rows:
            cursor.execute('UPDATE parts SET qty_reserved = GREATEST(qty_reserved - %s, 0) WHERE id = %s',
                           [qty, part_id])
        cursor.execute("""
            DELETE FROM shop_workorderpart
             WHERE fitted = false
               AND work_order_id IN (SELECT id FROM work_orders WHERE status = 'cancelled')
        """)
    return len(rows)


@shared_task
def flag_stale_work_orders():
    days = settings.GARAGE_STALE_WORK_ORDER_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=days)
    stale = (WorkOrder.objects.open().filter(updated_at__lt=cutoff)
             .select_related('vehicle', 'technician'))
    if not stale:
        return 0
    send_templated_email(['workshop-managers@speedyfix-garages.co.uk'],
                         '%d job cards not touched in %d days' % (len(stale), days),
                         'emails/stale_jobs', {'jobs': stale})
    return len(stale)


@shared_task
def chase_unauthorised_estimates(hours=4):
    cutoff = timezone.now() - datetime.timedelta(hours=hours)
    qs = (WorkOrder.objects.filter(status='awaiting_auth', updated_at__lt=cutoff)
          .select_related('customer', 'vehicle'))
    for wo in qs:
        if wo.customer.phone:
            send_sms(wo.customer.phone, 'SpeedyFix: we need your OK to carry on with work on %s. '
                                        'Please call us or check your email.' % wo.vehicle.registration)
        WorkOrder.objects.filter(pk=wo.pk).update(updated_at=timezone.now())
