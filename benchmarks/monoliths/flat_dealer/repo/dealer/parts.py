# -*- coding: utf-8 -*-
"""Parts department: catalogue, stock levels, movements, counter sales."""
import logging

from dealer import db, utils, dates

log = logging.getLogger('dealer.parts')

# trade discount by RO pay type / customer class
PRICE_FACTOR = {'C': 1.0, 'W': 0.0, 'I': 0.0, 'TRADE': 0.85}


class PartsError(Exception):
    pass


def find_part(part_no):
    p = db.query_one('SELECT * FROM parts WHERE part_no = %s', (part_no.strip().upper(),))
    # follow supersessions
    seen = set()
    while p and p['superseded_by'] and p['id'] not in seen:
        seen.add(p['id'])
        p = db.query_one('SELECT * FROM parts WHERE id = %s', (p['superseded_by'],))
    return p


def search_parts(text, limit=50):
    like = '%' + text.strip() + '%'
    return db.query('SELECT p.*, s.qty_on_hand, s.qty_reserved FROM parts p '
                    'LEFT JOIN part_stock s ON s.part_id = p.id '
                    'WHERE p.part_no LIKE %s OR p.description LIKE %s ORDER BY p.part_no LIMIT %s',
                    (like, like, limit))


def get_stock(part_id):
    row = db.query_one('SELECT * FROM part_stock WHERE part_id = %s', (part_id,))
    if row is None:
        db.execute('INSERT INTO part_stock (part_id) VALUES (%s)', (part_id,))
        row = {'part_id': part_id, 'qty_on_hand': 0, 'qty_reserved': 0, 'qty_on_order': 0}
    return row


def _move(part_id, qty, kind, ref):
    db.execute('INSERT INTO stock_movements (part_id, qty, kind, ref, moved_at) '
               'VALUES (%s, %s, %s, %s, NOW())', (part_id, qty, kind, ref))


def issue_part(part_id, qty, ref):
    """Take qty out of stock (for an RO). Allows negative stock because the
    workshop fits parts before goods-in books them, every single day."""
    get_stock(part_id)
    db.execute('UPDATE part_stock SET qty_on_hand = qty_on_hand - %s WHERE part_id = %s',
               (qty, part_id))
    _move(part_id, -qty, 'issue', ref)


def return_part(part_id, qty, ref):
    get_stock(part_id)
    db.execute('UPDATE part_stock SET qty_on_hand = qty_on_hand + %s WHERE part_id = %s',
               (qty, part_id))
    _move(part_id, qty, 'return', ref)


def receive_stock(part_id, qty, ref, cost=None):
    get_stock(part_id)
    db.execute('UPDATE part_stock SET qty_on_hand = qty_on_hand + %s, '
               'qty_on_order = GREATEST(qty_on_order - %s, 0) WHERE part_id = %s',
               (qty, qty, part_id))
    if cost is not None:
        db.execute('UPDATE parts SET cost = %s WHERE id = %s', (cost, part_id))
    _move(part_id, qty, 'receipt', ref)


def adjust_stock(part_id, counted_qty, user_id=None):
    s = get_stock(part_id)
    diff = utils.to_decimal(counted_qty) - utils.to_decimal(s['qty_on_hand'], 0)
    db.execute('UPDATE part_stock SET qty_on_hand = %s, last_counted = CURDATE() WHERE part_id = %s',
               (counted_qty, part_id))
    if diff:
        _move(part_id, diff, 'adjust', 'STOCKTAKE/%s' % (user_id or '-'))
    return diff


def reserve(part_id, qty):
    get_stock(part_id)
    db.execute('UPDATE part_stock SET qty_reserved = qty_reserved + %s WHERE part_id = %s',
               (qty, part_id))


def unreserve(part_id, qty):
    db.execute('UPDATE part_stock SET qty_reserved = GREATEST(qty_reserved - %s, 0) WHERE part_id = %s',
               (qty, part_id))


def retail_price_for(part_id, pay_type='C'):
    p = db.query_one('SELECT cost, retail FROM parts WHERE id = %s', (part_id,))
    if pay_type in ('W', 'I'):
        # warranty/internal at cost, claim uplift is done in warranty.claim_amount
        return p['cost']
    return utils.round_money(utils.to_decimal(p['retail'], 0) *
                             utils.to_decimal(PRICE_FACTOR.get(pay_type, 1.0)))


def counter_sale(part_id, qty, sold_by, customer_id=None, unit_price=None, trade=False):
    if unit_price is None:
        unit_price = retail_price_for(part_id, 'TRADE' if trade else 'C')
    sid = db.execute('INSERT INTO counter_sales (customer_id, part_id, qty, unit_price, sold_by, '
                     'sold_at) VALUES (%s, %s, %s, %s, %s, NOW())',
                     (customer_id, part_id, qty, unit_price, sold_by))
    get_stock(part_id)
    db.execute('UPDATE part_stock SET qty_on_hand = qty_on_hand - %s WHERE part_id = %s',
               (qty, part_id))
    _move(part_id, -qty, 'sale', 'CS%d' % sid)
    return sid


def below_minimum():
    return db.query('SELECT p.*, s.qty_on_hand, s.qty_on_order FROM parts p '
                    'JOIN part_stock s ON s.part_id = p.id '
                    'WHERE p.min_qty > 0 AND p.superseded_by IS NULL '
                    'AND s.qty_on_hand + s.qty_on_order < p.min_qty')


def supersede(old_part_id, new_part_id):
    """Move remaining stock to the new number, point the old at the new."""
    old = get_stock(old_part_id)
    with db.transaction():
        db.execute('UPDATE parts SET superseded_by = %s WHERE id = %s', (new_part_id, old_part_id))
        if old['qty_on_hand']:
            issue_part(old_part_id, old['qty_on_hand'], 'SUPERSEDE')
            receive_stock(new_part_id, old['qty_on_hand'], 'SUPERSEDE')


def movements(part_id, limit=100):
    return db.query('SELECT * FROM stock_movements WHERE part_id = %s ORDER BY moved_at DESC LIMIT %s',
                    (part_id, limit))


def stock_valuation():
    return db.query_value('SELECT COALESCE(SUM(s.qty_on_hand * p.cost), 0) FROM part_stock s '
                          'JOIN parts p ON p.id = s.part_id WHERE s.qty_on_hand > 0', default=0)


def slow_movers(days=365):
    return db.query('SELECT p.part_no, p.description, s.qty_on_hand, p.cost, '
                    'MAX(m.moved_at) AS last_move FROM parts p '
                    'JOIN part_stock s ON s.part_id = p.id '
                    "LEFT JOIN stock_movements m ON m.part_id = p.id AND m.kind IN ('issue', 'sale') "
                    'WHERE s.qty_on_hand > 0 GROUP BY p.id '
                    'HAVING last_move IS NULL OR last_move < DATE_SUB(NOW(), INTERVAL %s DAY) '
                    'ORDER BY s.qty_on_hand * p.cost DESC', (days,))
