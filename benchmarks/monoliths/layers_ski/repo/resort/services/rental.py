import datetime
import logging

from ..dal.commerce import RentalRepository
from ..lib.money import round_money, to_decimal, ZERO
from ..models import DBSession
from ..models.rental import (EquipmentCategory, EquipmentItem, RentalOrder,
                             RentalOrderLine, TuningJob)
from . import billing, notifications

log = logging.getLogger(__name__)

# ISO 11088 skier code table, simplified. index = skier code
DIN_TABLE = [0.75, 1.0, 1.5, 1.75, 2.25, 2.75, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 10.0, 11.5, 12.0]
WEIGHT_BANDS = [13, 17, 21, 25, 30, 35, 41, 48, 57, 66, 78, 94]
DAMAGE_FEE = to_decimal('75.00')


def din_setting(weight_kg, height_cm, age, skier_type, boot_sole_mm):
    code = 0
    for limit in WEIGHT_BANDS:
        if weight_kg is not None and weight_kg >= limit:
            code += 1
    if height_cm and height_cm > 157 and code < 8:
        code = max(code, 8 if height_cm > 178 else 7)
    code += (skier_type or 1) - 1
    if age is not None and (age < 10 or age >= 50):
        code -= 1
    if boot_sole_mm and boot_sole_mm <= 250:
        code = min(code, 10)
    code = min(max(code, 0), len(DIN_TABLE) - 1)
    return DIN_TABLE[code]


def rental_quote(category_ids, days):
    cats = DBSession.query(EquipmentCategory).filter(EquipmentCategory.id.in_(category_ids)).all()
    total = sum((to_decimal(c.daily_rate) for c in cats), ZERO) * days
    # multi-day discount
    if days >= 5:
        total = total * to_decimal('0.85')
    elif days >= 3:
        total = total * to_decimal('0.92')
    return round_money(total)


def create_rental_order(guest, days, skier_type=None, weight_kg=None, height_cm=None,
                        boot_sole_mm=None):
    now = datetime.datetime.utcnow()
    due = datetime.datetime.combine(now.date() + datetime.timedelta(days=days - 1),
                                    datetime.time(17, 0))
    order = RentalOrder(guest_id=guest.id, due_back=due, skier_type=skier_type,
                        weight_kg=weight_kg, height_cm=height_cm, boot_sole_mm=boot_sole_mm,
                        status='open', total=ZERO)
    DBSession.add(order)
    DBSession.flush()
    return order


def add_item(order, item, days):
    if item.status != 'available':
        raise ValueError('item %s is %s' % (item.asset_tag, item.status))
    line = RentalOrderLine(order_id=order.id, item_id=item.id,
                           daily_rate=item.category.daily_rate, days=days)
    if item.category.kind == 'skis' and order.weight_kg:
        line.din_setting = din_setting(order.weight_kg, order.height_cm,
                                       order.guest.age_on(), order.skier_type,
                                       order.boot_sole_mm)
    item.status = 'out'
    order.lines.append(line)
    order.total = round_money(sum(to_decimal(l.daily_rate) * l.days for l in order.lines))
    return line


def checkout_order(order, user=None):
    """Charge the order to the guest folio once the tech has fitted everything."""
    charge = billing.post_charge(order.guest_id, 'rental', order.total,
                                 'Rental #%s (%d items)' % (order.id, len(order.lines)),
                                 source_ref=order.id, user=user)
    order.folio_id = charge.folio_id
    return charge


def return_order(order, damaged=None, user=None):
    damaged = damaged or {}
    now = datetime.datetime.utcnow()
    for line in order.lines:
        item = line.item
        if item.id in damaged:
            mark_damaged(item, damaged[item.id])
            billing.post_charge(order.guest_id, 'rental', DAMAGE_FEE,
                                'Damage %s %s' % (item.asset_tag, damaged[item.id]),
                                source_ref=order.id, user=user)
        else:
            item.status = 'available'
            if line.days >= 3:
                schedule_tuning(item, 'wax')
    order.returned_at = now
    order.status = 'returned'
    return order


def mark_damaged(item, notes):
    item.condition = 'damaged'
    item.status = 'tuning'
    schedule_tuning(item, 'repair', notes)


def schedule_tuning(item, job_type='full', notes=None):
    open_job = DBSession.query(TuningJob).filter(TuningJob.item_id == item.id,
                                                 TuningJob.completed_at == None).first()  # noqa
    if open_job:
        return open_job
    job = TuningJob(item_id=item.id, job_type=job_type, notes=notes)
    DBSession.add(job)
    if job_type in ('full', 'repair'):
        item.status = 'tuning'
    return job


def complete_tuning(job, technician):
    job.completed_at = datetime.datetime.utcnow()
    job.technician = technician
    item = job.item
    item.last_tuned = job.completed_at.date()
    if item.condition == 'damaged':
        item.condition = 'worn'
    item.status = 'available'
    return job


def mark_overdue_orders(now=None):
    orders = RentalRepository().overdue(now)
    for order in orders:
        if order.status != 'overdue':
            order.status = 'overdue'
            notifications.send_rental_overdue_notice(order)
    return len(orders)
