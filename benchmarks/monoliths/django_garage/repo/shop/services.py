"""
"Service layer" for the workshop. Introduced 2020 by Priya to get logic out
of the views; only half of it made it over (see shop/views.py).
"""
import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.utils import to_decimal
from shop.models import (Part, PurchaseOrder, PurchaseOrderLine, StockMovement, Supplier, WorkOrder,
                         WorkOrderLabor, WorkOrderPart, next_work_order_number)

logger = logging.getLogger('garage.shop')


class WorkOrderError(Exception):
    pass


class StockError(Exception):
    pass


ALLOWED_TRANSITIONS = {
    'open': ['diagnosing', 'awaiting_auth', 'in_progress', 'cancelled'],
    'diagnosing': ['awaiting_auth', 'in_progress', 'waiting_parts', 'cancelled'],
    'awaiting_auth': ['in_progress', 'waiting_parts', 'cancelled'],
    'waiting_parts': ['in_progress', 'cancelled'],
    'in_progress': ['waiting_parts', 'qc', 'completed'],
    'qc': ['in_progress', 'completed'],
    'completed': ['invoiced', 'in_progress'],
    'invoiced': ['collected'],
    'collected': [],
    'cancelled': [],
}


# ===========================================================================
# job cards
# ===========================================================================

def detect_comeback(vehicle, job_type, days=30):
    since = timezone.now() - datetime.timedelta(days=days)
    return WorkOrder.objects.filter(vehicle=vehicle, job_type=job_type, completed_at__gte=since).exists()


@transaction.atomic
def open_work_order_from_appointment(appointment, opened_by=None, mileage=None):
    existing = WorkOrder.objects.filter(appointment=appointment).first()
    if existing:
        return existing
    vehicle = appointment.vehicle
    wo = WorkOrder.objects.create(
        number=next_work_order_number(appointment.bay.branch_code if appointment.bay else 'HQ'),
        branch_code=appointment.bay.branch_code if appointment.bay else 'HQ',
        customer=appointment.customer,
        vehicle=vehicle,
        appointment=appointment,
        technician=appointment.technician,
        bay=appointment.bay,
        job_type=appointment.service_code,
        payer='fleet' if appointment.customer.fleet_account_id else 'customer',
        complaint=appointment.customer_notes,
        mileage_in=int(mileage) if mileage else None,
        promised_at=appointment.ends_at,
        opened_by=opened_by,
        is_comeback=detect_comeback(vehicle, appointment.service_code),
    )
    if mileage:
        # keep the vehicle record in step with the odometer
        type(vehicle).objects.filter(pk=vehicle.pk, mileage__lt=int(mileage)).update(
            mileage=int(mileage), mileage_recorded_at=timezone.localdate())
    return wo


@transaction.atomic
def open_walk_in_work_order(customer, vehicle, job_type, complaint='', opened_by=None, branch_code='HQ'):
    return WorkOrder.objects.create(
        number=next_work_order_number(branch_code),
        branch_code=branch_code,
        customer=customer,
        vehicle=vehicle,
        job_type=job_type,
        complaint=complaint,
        opened_by=opened_by,
        is_comeback=detect_comeback(vehicle, job_type),
    )


def set_status(work_order, new_status, user=None):
    allowed = ALLOWED_TRANSITIONS.get(work_order.status, [])
    if new_status not in allowed and not (user and user.is_superuser):
        raise WorkOrderError('Cannot go from %s to %s' % (work_order.status, new_status))
    work_order.status = new_status
    fields = ['status', 'updated_at']
    if new_status == 'completed':
        work_order.completed_at = timezone.now()
        fields.append('completed_at')
    work_order.save(update_fields=fields)
    return work_order


def add_labour(work_order, description, hours, technician=None, rate=None, op_code='', is_warranty=False):
    if not work_order.is_open():
        raise WorkOrderError('Job is closed')
    rate = to_decimal(rate) if rate else to_decimal(settings.GARAGE_LABOUR_RATE)
    if is_warranty and work_order.vehicle.manufacturer_id:
        rate = work_order.vehicle.manufacturer.labour_rate or rate
    return WorkOrderLabor.objects.create(
        work_order=work_order, description=description, hours=to_decimal(hours), rate=rate,
        technician=technician or work_order.technician, op_code=op_code, is_warranty=is_warranty)


def add_part_to_work_order(work_order, part, quantity=1, unit_price=None, is_warranty=False, user=None):
    if not work_order.is_open():
        raise WorkOrderError('Job is closed')
    quantity = to_decimal(quantity)
    reserve_stock(part, quantity)
    line = WorkOrderPart.objects.create(
        work_order=work_order, part=part, quantity=quantity,
        unit_price=to_decimal(unit_price) if unit_price is not None else part.sell_price,
        unit_cost=part.cost_price, is_warranty=is_warranty)
    if part.available < 0 and work_order.status not in ('waiting_parts',):
        WorkOrder.objects.filter(pk=work_order.pk).update(status='waiting_parts')
    return line


def remove_part_line(line):
    release_stock(line.part, line.quantity)
    line.delete()


def authorise_work(work_order, limit, by_phone=True):
    work_order.authorised_limit = to_decimal(limit)
    work_order.authorised_at = timezone.now()
    if work_order.status == 'awaiting_auth':
        work_order.status = 'in_progress'
    work_order.save()


@transaction.atomic
def complete_work_order(work_order, user=None, create_invoice=True):
    """Mark job done, take fitted parts out of stock, raise the invoice."""
    set_status(work_order, 'completed', user=user)
    for line in work_order.part_lines.select_related('part'):
        issue_stock(line.part, line.quantity, work_order=work_order, user=user,
                    reason='warranty' if line.is_warranty else 'issue')
        line.fitted = True
        line.save(update_fields=['fitted'])
    invoice = None
    if create_invoice and work_order.payer in ('customer', 'fleet'):
        from core.services import create_invoice_from_work_order
        invoice = create_invoice_from_work_order(work_order, user=user)
    elif work_order.payer == 'warranty':
        from integrations.views import draft_claim_for_work_order  # yes, it lives in views. sorry.
        draft_claim_for_work_order(work_order)
    return invoice


# ===========================================================================
# stock
# ===========================================================================

def reserve_stock(part, quantity):
    Part.objects.filter(pk=part.pk).update(qty_reserved=F('qty_reserved') + quantity)
    part.refresh_from_db(fields=['qty_reserved', 'qty_on_hand'])
    return part.available


def release_stock(part, quantity):
    Part.objects.filter(pk=part.pk).update(qty_reserved=F('qty_reserved') - quantity)


def issue_stock(part, quantity, work_order=None, user=None, reason='issue'):
    StockMovement.objects.create(part=part, quantity=-quantity, reason=reason, unit_cost=part.cost_price,
                                 work_order=work_order, created_by=user)
    Part.objects.filter(pk=part.pk).update(qty_on_hand=F('qty_on_hand') - quantity,
                                           qty_reserved=F('qty_reserved') - quantity)


def _old_reserve_stock(part_id, qty):
    # pre-2020 version, kept because the EDI importer used to call it. Unused now?
    p = Part.objects.get(pk=part_id)
    p.qty_on_hand = p.qty_on_hand - qty
    p.save()


def adjust_stock(part, counted_qty, user=None, note=''):
    diff = to_decimal(counted_qty) - part.qty_on_hand
    if diff == 0:
        return 0
    StockMovement.objects.create(part=part, quantity=diff, reason='adjust', unit_cost=part.cost_price,
                                 created_by=user)
    Part.objects.filter(pk=part.pk).update(qty_on_hand=to_decimal(counted_qty))
    logger.info('stock take %s: %s (%s)', part.part_number, diff, note)
    return diff


def next_po_number():
    last = PurchaseOrder.objects.order_by('-id').values_list('number', flat=True).first()
    n = int(last.split('-')[-1]) + 1 if last else 1
    return 'PO-%06d' % n


@transaction.atomic
def create_purchase_order(supplier, lines, for_work_order=None, user=None):
    """lines: iterable of (part, qty[, unit_cost])"""
    po = PurchaseOrder.objects.create(number=next_po_number(), supplier=supplier, for_work_order=for_work_order,
                                      created_by=user,
                                      expected_on=timezone.localdate() + datetime.timedelta(days=supplier.lead_time_days))
    for item in lines:
        part, qty = item[0], item[1]
        cost = item[2] if len(item) > 2 else part.cost_price
        PurchaseOrderLine.objects.create(order=po, part=part, quantity=to_decimal(qty), unit_cost=to_decimal(cost))
    return po


@transaction.atomic
def receive_purchase_order(po, received, user=None):
    """received: {line_id: qty}"""
    all_done = True
    for line in po.lines.select_related('part'):
        qty = to_decimal(received.get(line.pk, 0))
        if qty:
            PurchaseOrderLine.objects.filter(pk=line.pk).update(quantity_received=F('quantity_received') + qty)
            StockMovement.objects.create(part=line.part, quantity=qty, reason='receipt', unit_cost=line.unit_cost,
                                         purchase_order=po, created_by=user)
            Part.objects.filter(pk=line.part_id).update(qty_on_hand=F('qty_on_hand') + qty,
                                                        cost_price=line.unit_cost)
        if line.quantity_received + qty < line.quantity:
            all_done = False
    po.status = 'received' if all_done else 'part'
    po.save(update_fields=['status', 'updated_at'])
    if all_done and po.for_work_order_id:
        WorkOrder.objects.filter(pk=po.for_work_order_id, status='waiting_parts').update(status='in_progress')
    return po


def suggest_reorders():
    """{supplier: [(part, qty), ...]} for everything at/below reorder level."""
    out = {}
    open_lines = PurchaseOrderLine.objects.filter(order__status__in=['draft', 'sent', 'part'])
    on_order = {}
    for l in open_lines:
        on_order[l.part_id] = on_order.get(l.part_id, Decimal('0')) + (l.quantity - l.quantity_received)
    for part in Part.objects.below_reorder().select_related('preferred_supplier'):
        if not part.preferred_supplier or not part.preferred_supplier.is_active:
            continue
        if part.qty_on_hand + on_order.get(part.pk, 0) > part.reorder_level:
            continue
        out.setdefault(part.preferred_supplier, []).append((part, part.reorder_qty))
    return out
