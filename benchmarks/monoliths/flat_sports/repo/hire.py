"""
Equipment hire (rackets, balls, bibs, canoes at Riverside).  Added 2019.

Deposit is taken at the desk (cash/card on the till - not through LSBS),
hire charge is invoiced.
"""
import datetime
import logging

import queries as q
from db import query_one, query_all

log = logging.getLogger('lsbs.hire')

LATE_FEE_PER_DAY_PCT = 50


class HireError(Exception):
    pass


def available_qty(item_id):
    item = q.get_equipment_item(item_id)
    return item['qty_total'] - q.qty_out(item_id)


def hire_out(item_id, customer_id, qty=1, hours=2, booking_id=None):
    item = q.get_equipment_item(item_id)
    if item is None:
        raise HireError('No such item')
    if qty > available_qty(item_id):
        raise HireError('Only %d %s available' % (available_qty(item_id), item['name']))
    if booking_id:
        b = query_one('SELECT ends_at FROM bookings WHERE id = %s', (booking_id,))
        due = b['ends_at'] if b else datetime.datetime.now() + datetime.timedelta(hours=hours)
    else:
        due = datetime.datetime.now() + datetime.timedelta(hours=hours)
    hire_id = q.insert_hire(item_id, customer_id, qty, due, item['deposit_pence'] * qty, booking_id)
    return hire_id, item['hire_price_pence'] * qty


def late_fee(hire, returned_at=None):
    returned_at = returned_at or datetime.datetime.now()
    if returned_at <= hire['due_back']:
        return 0
    days = (returned_at - hire['due_back']).days + 1
    return int(hire['hire_price_pence'] * hire['qty'] * LATE_FEE_PER_DAY_PCT / 100.0) * days


def return_hire(hire_id, damage_note=None, damage_charge_pence=0):
    hire = q.get_hire(hire_id)
    if hire['returned_at']:
        raise HireError('Already returned')
    q.mark_hire_returned(hire_id)
    fee = late_fee(hire)
    if damage_note:
        q.insert_damage(hire_id, damage_note, damage_charge_pence)
    deposit_back = max(0, hire['deposit_pence'] - damage_charge_pence - fee)
    return {'late_fee': fee, 'damage': damage_charge_pence, 'deposit_back': deposit_back}


def stock_variance(site_id):
    """Latest stock check vs what the system thinks is in the store."""
    out = []
    for item in q.list_equipment(site_id):
        last = query_one('SELECT * FROM stock_checks WHERE item_id = %s ORDER BY checked_on DESC LIMIT 1',
                         (item['id'],))
        expected = item['qty_total'] - q.qty_out(item['id'])
        counted = last['counted_qty'] if last else None
        out.append({'item': item, 'expected': expected, 'counted': counted,
                    'variance': None if counted is None else counted - expected})
    return out


def damage_history(item_id):
    return query_all(
        """SELECT d.*, h.customer_id FROM equipment_damage d JOIN equipment_hires h ON h.id = d.hire_id
           WHERE h.item_id = %s ORDER BY d.reported_at DESC""", (item_id,))
