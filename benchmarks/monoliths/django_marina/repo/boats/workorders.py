"""Yard work orders & travel-hoist bookings."""
import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from boats.models import HaulOutBooking, LabourLine, PartLine, WorkOrder, YardSpace
from utils.money import round_money
from utils.tides import next_haul_window

log = logging.getLogger(__name__)

LABOUR_RATE = Decimal('58.00')


class WorkOrderStateError(Exception):
    pass


def _next_ref():
    yr = timezone.localdate().strftime('%y')
    n = WorkOrder.objects.filter(ref__startswith='W%s' % yr).count() + 1
    return 'W%s%04d' % (yr, n)


def create_work_order(boat, description, template=None, quote=None, due=None):
    wo = WorkOrder.objects.create(ref=_next_ref(), boat=boat, owner=boat.owner, template=template,
                                  description=description, quoted_amount=quote, due_date=due,
                                  status='quote' if quote else 'open')
    return wo


def add_labour_line(work_order, staff, hours, note='', rate=None, date=None):
    if work_order.status in ('invoiced', 'cancelled'):
        raise WorkOrderStateError('work order %s is %s' % (work_order.ref, work_order.status))
    if work_order.status == 'open':
        work_order.status = 'in_progress'
        work_order.save(update_fields=['status', 'modified'])
    return LabourLine.objects.create(work_order=work_order, staff=staff, hours=hours, note=note,
                                     rate=rate or LABOUR_RATE, date=date or timezone.localdate())


def add_part_line(work_order, product=None, qty=1, description='', unit_price=None):
    if work_order.status in ('invoiced', 'cancelled'):
        raise WorkOrderStateError('work order %s is %s' % (work_order.ref, work_order.status))
    if product is not None:
        from shop.stock import issue_to_workorder
        issue_to_workorder(product, qty, work_order.ref)
        description = description or product.name
        unit_price = unit_price if unit_price is not None else product.sell_price
    return PartLine.objects.create(work_order=work_order, product=product, quantity=qty,
                                   description=description, unit_price=unit_price)


def workorder_total(work_order):
    labour = sum((l.hours * l.rate for l in work_order.labour.all()), Decimal('0'))
    parts = sum((p.quantity * p.unit_price for p in work_order.parts.all()), Decimal('0'))
    return round_money(labour + parts)


def yard_days(work_order):
    h = work_order.haulouts.filter(status__in=('lifted', 'relaunched')).first()
    if not h:
        return 0
    end = h.relaunch_at or timezone.now()
    return max((end.date() - h.lift_at.date()).days, 1)


@transaction.atomic
def complete_and_invoice(work_order):
    from main.billing import add_line, create_invoice, issue_invoice
    if work_order.status == 'invoiced':
        raise WorkOrderStateError('already invoiced')
    inv = create_invoice(work_order.owner, source='yard')
    for l in work_order.labour.all():
        add_line(inv, 'Labour %s %s' % (l.date, l.note), l.rate, quantity=l.hours, nominal='4300')
    for p in work_order.parts.all():
        add_line(inv, p.description, p.unit_price, quantity=p.quantity, nominal='4310')
    days = yard_days(work_order)
    if days and work_order.yard_space:
        add_line(inv, 'Hardstanding %s days' % days, work_order.yard_space.daily_rate, quantity=days, nominal='4320')
    issue_invoice(inv)
    work_order.status = 'invoiced'
    work_order.completed = work_order.completed or timezone.now()
    work_order.invoice = inv
    work_order.save()
    return inv


def schedule_haulout(boat, work_order=None, after=None, space=None, wash=True):
    if boat.weight_tonnes and boat.weight_tonnes > settings.HOIST_MAX_TONNES:
        raise WorkOrderStateError('%s too heavy for the hoist' % boat)
    window = next_haul_window(after or timezone.now(), boat.draft_m)
    if window is None:
        raise WorkOrderStateError('no tide window in the next 30 days')
    if space is None:
        space = YardSpace.objects.filter(occupied_by__isnull=True, max_loa_m__gte=boat.loa_m).first()
    booking = HaulOutBooking.objects.create(boat=boat, work_order=work_order, lift_at=window.start,
                                            yard_space=space, pressure_wash=wash)
    return booking


def mark_lifted(booking):
    booking.status = 'lifted'
    booking.save()
    if booking.yard_space:
        booking.yard_space.occupied_by = booking.boat
        booking.yard_space.save()
    if booking.berth_released:
        # winter lay-up: give the berth back so it can be let to visitors
        from main.allocation import release_berth
        from main.models import BerthAllocation
        for alloc in BerthAllocation.active.filter(boat=booking.boat, contract_type='seasonal'):
            release_berth(alloc, reason='lifted out %s' % booking.pk)


def legacy_quote(boat, hours):
    # old quote calc from the paper quote sheet (pre-2020). Still used by Phil.
    base = Decimal(hours) * Decimal('52.00')
    if boat.loa_m > 12:
        base *= Decimal('1.15')
    return round_money(base)
