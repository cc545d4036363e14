import datetime
import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import F

from misc.models import (ProcedureConsumable, PurchaseOrder, PurchaseOrderLine, StockLevel, StockMovement,
                         SupplyItem)
from utils.dates import today_local
from utils.money import round_money

log = logging.getLogger(__name__)


class StockError(Exception):
    pass


@transaction.atomic
def adjust_stock(item, practice, delta, reason, reference='', staff=None, batch_number='', expiry_date=None):
    level, _ = StockLevel.objects.select_for_update().get_or_create(item=item, practice=practice)
    if level.quantity + delta < 0 and reason not in ('adjust',):
        log.warning('stock for %s at %s going negative (%s)', item.sku, practice.code, delta)
    StockLevel.objects.filter(pk=level.pk).update(quantity=F('quantity') + delta)
    StockMovement.objects.create(item=item, practice=practice, delta=delta, reason=reason, reference=reference,
                                 created_by=staff, batch_number=batch_number, expiry_date=expiry_date)
    level.refresh_from_db()
    return level


def consume_for_procedure(procedure, practice, reference='', staff=None):
    used = []
    for pc in ProcedureConsumable.objects.filter(procedure=procedure).select_related('item'):
        adjust_stock(pc.item, practice, -pc.quantity, 'usage', reference=reference, staff=staff)
        used.append((pc.item.sku, pc.quantity))
    return used


def stock_take(practice, counts, staff=None):
    """counts: {item_id: counted_qty}"""
    diffs = []
    for item in SupplyItem.objects.filter(pk__in=counts.keys()):
        level, _ = StockLevel.objects.get_or_create(item=item, practice=practice)
        diff = int(counts[item.pk]) - level.quantity
        if diff:
            adjust_stock(item, practice, diff, 'adjust', reference='stock take', staff=staff)
            diffs.append((item, diff))
        StockLevel.objects.filter(pk=level.pk).update(last_counted=today_local())
    return diffs


def reorder_suggestions(practice):
    out = defaultdict(list)
    for level in (StockLevel.objects.filter(practice=practice, item__is_active=True,
                                            quantity__lte=F('item__reorder_level'))
                  .select_related('item__supplier')):
        on_order = (PurchaseOrderLine.objects.filter(item=level.item, order__practice=practice,
                                                     order__status__in=['sent', 'partial'])
                    .values_list('quantity', 'quantity_received'))
        pending = sum(q - r for q, r in on_order)
        if level.quantity + pending > level.item.reorder_level:
            continue
        out[level.item.supplier].append((level.item, level.item.reorder_qty))
    return out


@transaction.atomic
def raise_purchase_order(supplier, practice, lines, staff=None):
    po = PurchaseOrder.objects.create(supplier=supplier, practice=practice, raised_by=staff, status='draft')
    total = 0
    for item, qty in lines:
        PurchaseOrderLine.objects.create(order=po, item=item, quantity=qty, unit_cost=item.unit_cost)
        total += item.unit_cost * qty
    po.total = round_money(total)
    po.save(update_fields=['total'])
    return po


def send_purchase_order(po):
    from utils.mail import send_templated_email
    if not po.supplier.order_email:
        raise StockError('supplier %s has no order email' % po.supplier)
    send_templated_email('emails/purchase_order', {'po': po, 'lines': po.lines.select_related('item')},
                         po.supplier.order_email)
    po.status = 'sent'
    po.ordered_on = today_local()
    po.expected_on = po.ordered_on + datetime.timedelta(days=po.supplier.lead_days)
    po.save()


@transaction.atomic
def receive_purchase_order(po, received, staff=None):
    """received: {line_id: (qty, batch, expiry)}"""
    for line in po.lines.select_related('item'):
        if line.pk not in received:
            continue
        qty, batch, expiry = received[line.pk]
        if not qty:
            continue
        adjust_stock(line.item, po.practice, qty, 'receipt', reference='PO%s' % po.pk, staff=staff,
                     batch_number=batch or '', expiry_date=expiry)
        PurchaseOrderLine.objects.filter(pk=line.pk).update(quantity_received=F('quantity_received') + qty)
    complete = not po.lines.filter(quantity_received__lt=F('quantity')).exists()
    po.status = 'received' if complete else 'partial'
    po.received_on = today_local() if complete else None
    po.save()
    return po


def expiring_items(practice, days=60):
    horizon = today_local() + datetime.timedelta(days=days)
    return (StockMovement.objects.filter(practice=practice, reason='receipt', expiry_date__isnull=False,
                                         expiry_date__lte=horizon)
            .select_related('item').order_by('expiry_date'))
