"""
suppliers.py - wholesalers, purchase orders ("orders"), goods-in, supplier
invoices.  Also the product master because the product master came from the
McKesson catalogue originally, so it lived with the supplier code.

NOTE: "order" in this file always means a PURCHASE ORDER to a supplier.
Customer click & collect orders are collection_orders (see web.py).
"""
import datetime
import os

import common
import config
import constants
import dt_helpers
import edi_supplier
import money
import notify
import validators
from common import NotFound, ValidationError, audit
from constants import OrderStatus
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id, transaction, in_clause
from sql_queries import SQL_OPEN_SUPPLIER_ORDERS

log = common.get_logger('rxbo.suppliers')


# ===========================================================================
# SUPPLIERS
# ===========================================================================

def create_supplier(data):
    common.require_fields(data, 'name')
    return insert_and_get_id(
        "INSERT INTO suppliers (name, account_number, edi_id, email, phone, payment_terms_days, "
        "lead_time_days, min_order_value, active) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 1)",
        (data['name'], data.get('account_number'), data.get('edi_id'), data.get('email'), data.get('phone'),
         data.get('payment_terms_days') or 30, data.get('lead_time_days') or 1, data.get('min_order_value') or 0))


def get_supplier(supplier_id):
    s = query_one("SELECT * FROM suppliers WHERE id = %s", (supplier_id,))
    if not s:
        raise NotFound('supplier %s' % supplier_id)
    return s


def list_suppliers(active_only=True):
    sql = "SELECT * FROM suppliers"
    if active_only:
        sql += " WHERE active = 1"
    return query(sql + " ORDER BY name")


def update_supplier_terms(supplier_id, payment_terms_days=None, lead_time_days=None, min_order_value=None):
    sets, args = [], []
    if payment_terms_days is not None:
        sets.append('payment_terms_days = %s')
        args.append(payment_terms_days)
    if lead_time_days is not None:
        sets.append('lead_time_days = %s')
        args.append(lead_time_days)
    if min_order_value is not None:
        sets.append('min_order_value = %s')
        args.append(min_order_value)
    if sets:
        execute("UPDATE suppliers SET %s WHERE id = %%s" % ', '.join(sets), args + [supplier_id])


def import_price_list(supplier_id, path):
    """CSV: ndc,sku,cost,pack_size.  Closes the previous price rows."""
    rows = common.read_csv_rows(path)
    today = dt_helpers.today()
    loaded = skipped = 0
    with transaction() as cur:
        for r in rows:
            ndc = ''.join(c for c in r.get('ndc', '') if c.isdigit())
            cur.execute("SELECT id FROM products WHERE ndc = %s", (ndc,))
            p = cur.fetchone()
            if not p:
                skipped += 1
                continue
            cur.execute("UPDATE supplier_products SET valid_to = %s WHERE supplier_id = %s AND product_id = %s "
                        "AND valid_to IS NULL", (today - datetime.timedelta(days=1), supplier_id, p['id']))
            cur.execute("INSERT INTO supplier_products (supplier_id, product_id, supplier_sku, cost, pack_size, "
                        "valid_from) VALUES (%s, %s, %s, %s, %s, %s)",
                        (supplier_id, p['id'], r.get('sku'), money.to_decimal(r.get('cost')),
                         r.get('pack_size') or 1, today))
            loaded += 1
    log.info('price list supplier=%s loaded=%d skipped=%d', supplier_id, loaded, skipped)
    return loaded, skipped


def best_supplier_for(product_id):
    """cheapest current cost per unit, ties -> shortest lead time"""
    return query_one("SELECT sp.supplier_id, sp.cost, sp.pack_size, sp.supplier_sku, s.lead_time_days "
                     "FROM supplier_products sp JOIN suppliers s ON s.id = sp.supplier_id "
                     "WHERE sp.product_id = %s AND s.active = 1 AND sp.valid_to IS NULL "
                     "ORDER BY sp.cost / sp.pack_size, s.lead_time_days LIMIT 1", (product_id,))


# ===========================================================================
# PURCHASE ORDERS
# ===========================================================================

class SupplierOrder(object):
    """convenience wrapper used by the PO screens"""

    def __init__(self, order_id):
        self.order = get_order(order_id)
        self.lines = query("SELECT ol.*, p.name, p.ndc, p.strength FROM order_lines ol "
                           "JOIN products p ON p.id = ol.product_id WHERE ol.order_id = %s", (order_id,))
        self.supplier = get_supplier(self.order['supplier_id'])

    @property
    def outstanding_lines(self):
        return [l for l in self.lines if (l['qty_received'] or 0) < l['qty_ordered']]

    def total(self):
        return sum((money.to_decimal(l['unit_cost']) * money.to_decimal(l['qty_ordered']) for l in self.lines),
                   money.ZERO)


def _next_order_number(branch_id):
    n = query_scalar("SELECT COUNT(*) FROM orders WHERE branch_id = %s", (branch_id,), default=0)
    return 'PO%03d-%06d' % (int(branch_id), int(n) + 1)


def create_order(supplier_id, branch_id, lines, staff_id=None, auto=False):
    """lines: [(product_id, qty)] or [(product_id, qty, unit_cost)]"""
    supplier = get_supplier(supplier_id)
    expected = common.supplier_next_delivery(supplier_id)
    with transaction() as cur:
        cur.execute("INSERT INTO orders (order_number, supplier_id, branch_id, status, auto_generated, created_at, "
                    "created_by, expected_date) VALUES (%s, %s, %s, 'DRAFT', %s, NOW(), %s, %s)",
                    (_next_order_number(branch_id), supplier_id, branch_id, 1 if auto else 0, staff_id, expected))
        order_id = cur.lastrowid
        for ln in lines:
            product_id, qty = ln[0], ln[1]
            cost = ln[2] if len(ln) > 2 else None
            if cost is None:
                cur.execute("SELECT cost FROM supplier_products WHERE supplier_id = %s AND product_id = %s "
                            "AND valid_to IS NULL", (supplier_id, product_id))
                r = cur.fetchone()
                cost = r['cost'] if r else None
            cur.execute("INSERT INTO order_lines (order_id, product_id, qty_ordered, qty_received, unit_cost) "
                        "VALUES (%s, %s, %s, 0, %s)", (order_id, product_id, qty, cost))
    recalc_order_total(order_id)
    if supplier['min_order_value'] and get_order(order_id)['total_cost'] < supplier['min_order_value']:
        log.warning('order %s below supplier minimum', order_id)
    return order_id


def add_order_line(order_id, product_id, qty, unit_cost=None):
    o = get_order(order_id)
    if o['status'] != OrderStatus.DRAFT:
        raise ValidationError('order already submitted')
    execute("INSERT INTO order_lines (order_id, product_id, qty_ordered, qty_received, unit_cost) "
            "VALUES (%s, %s, %s, 0, %s)", (order_id, product_id, qty, unit_cost))
    recalc_order_total(order_id)


def recalc_order_total(order_id):
    execute("UPDATE orders SET total_cost = (SELECT COALESCE(SUM(qty_ordered * unit_cost), 0) FROM order_lines "
            "WHERE order_id = %s) WHERE id = %s", (order_id, order_id))


def get_order(order_id):
    o = query_one("SELECT * FROM orders WHERE id = %s", (order_id,))
    if not o:
        raise NotFound('order %s' % order_id)
    return o


def get_open_orders(branch_id=None):
    sql = SQL_OPEN_SUPPLIER_ORDERS
    if branch_id:
        sql += " AND o.branch_id = %d" % int(branch_id)
    return query(sql + " ORDER BY o.expected_date")


def submit_order(order_id):
    so = SupplierOrder(order_id)
    if so.order['status'] != OrderStatus.DRAFT:
        raise ValidationError('order is %s' % so.order['status'])
    if so.supplier['edi_id']:
        edi_supplier.send_edi(edi_supplier.build_850(so.order, so.lines, so.supplier))
    else:
        email_order_to_supplier(so)
    execute("UPDATE orders SET status = 'SUBMITTED', submitted_at = NOW() WHERE id = %s", (order_id,))
    audit('po.submit', 'order', order_id)


def email_order_to_supplier(so):
    body = ['Purchase order %s' % so.order['order_number'],
            'Account: %s' % (so.supplier['account_number'] or ''),
            'Deliver to: %s' % common.get_branch_name(so.order['branch_id']), '']
    for l in so.lines:
        body.append('%s  %s %s  x %s' % (l['ndc'], l['name'], l['strength'] or '', l['qty_ordered']))
    notify.send_email(so.supplier['email'], 'PO %s' % so.order['order_number'], '\n'.join(body))


def cancel_order(order_id, reason=''):
    o = get_order(order_id)
    if o['status'] in (OrderStatus.RECEIVED, OrderStatus.PARTIAL):
        raise ValidationError('order already (partly) received')
    execute("UPDATE orders SET status = 'CANCELLED' WHERE id = %s", (order_id,))
    audit('po.cancel', 'order', order_id, reason=reason)


def handle_order_ack(order_number, ack_code, ack_lines=None):
    o = query_one("SELECT id FROM orders WHERE order_number = %s", (order_number,))
    if not o:
        log.warning('855 for unknown order %s', order_number)
        return
    execute("UPDATE orders SET status = 'ACKED', edi_ack = %s WHERE id = %s", (ack_code, o['id']))
    for al in ack_lines or []:
        if al.get('status') == 'IR':  # item rejected / backordered
            execute("UPDATE order_lines SET qty_ordered = 0 WHERE order_id = %s AND product_id = "
                    "(SELECT id FROM products WHERE ndc = %s)", (o['id'], al['ndc']))


def receive_goods(order_id, received_lines, staff_id, invoice_ref=None):
    """received_lines: [{product_id, qty, lot, expiry}].
    Creates goods receipt, batches, stock, CS register entries, updates the
    product's last cost."""
    import controlled_drugs
    import dispensing_and_stock
    o = get_order(order_id)
    if o['status'] in (OrderStatus.CANCELLED, OrderStatus.RECEIVED):
        raise ValidationError('order is %s' % o['status'])
    with transaction() as cur:
        cur.execute("INSERT INTO goods_receipts (order_id, branch_id, received_by, received_at, invoice_ref) "
                    "VALUES (%s, %s, %s, NOW(), %s)", (order_id, o['branch_id'], staff_id, invoice_ref))
        grn_id = cur.lastrowid
        for rl in received_lines:
            qty = money.to_decimal(rl['qty'])
            if qty <= 0:
                continue
            cur.execute("UPDATE order_lines SET qty_received = qty_received + %s WHERE order_id = %s AND product_id = %s",
                        (qty, order_id, rl['product_id']))
            dispensing_and_stock.receive_batch(cur, rl['product_id'], o['branch_id'], rl.get('lot'),
                                               dt_helpers.parse_date(rl.get('expiry')), qty, grn_id, staff_id)
            if common.is_controlled(rl['product_id']):
                controlled_drugs.record_cs_receipt(cur, o['branch_id'], rl['product_id'], qty, grn_id, staff_id)
            cur.execute("SELECT unit_cost FROM order_lines WHERE order_id = %s AND product_id = %s",
                        (order_id, rl['product_id']))
            line = cur.fetchone()
            if line and line['unit_cost']:
                cur.execute("UPDATE products SET unit_cost = %s WHERE id = %s", (line['unit_cost'], rl['product_id']))
        cur.execute("SELECT SUM(qty_ordered > qty_received) AS outstanding FROM order_lines WHERE order_id = %s",
                    (order_id,))
        outstanding = cur.fetchone()['outstanding']
        cur.execute("UPDATE orders SET status = %s WHERE id = %s",
                    (OrderStatus.PARTIAL if outstanding else OrderStatus.RECEIVED, order_id))
    audit('po.receive', 'order', order_id, grn=grn_id)
    return grn_id


def record_supplier_invoice(supplier_id, invoice_number, amount, order_id=None, invoice_date=None):
    dup = query_scalar("SELECT id FROM supplier_invoices WHERE supplier_id = %s AND invoice_number = %s",
                       (supplier_id, invoice_number))
    if dup:
        raise ValidationError('duplicate invoice %s' % invoice_number)
    return insert_and_get_id("INSERT INTO supplier_invoices (supplier_id, order_id, invoice_number, invoice_date, "
                             "amount, status) VALUES (%s, %s, %s, %s, %s, 'NEW')",
                             (supplier_id, order_id, invoice_number, invoice_date or dt_helpers.today(),
                              money.to_decimal(amount)))


def match_invoice(invoice_id, tolerance='1.00'):
    """three way match: invoice vs PO vs received qty"""
    inv = query_one("SELECT * FROM supplier_invoices WHERE id = %s", (invoice_id,))
    if not inv or not inv['order_id']:
        return False
    received_value = query_scalar("SELECT SUM(qty_received * unit_cost) FROM order_lines WHERE order_id = %s",
                                  (inv['order_id'],), default=0)
    diff = abs(money.to_decimal(inv['amount']) - money.to_decimal(received_value))
    status = 'MATCHED' if diff <= money.to_decimal(tolerance) else 'DISPUTED'
    execute("UPDATE supplier_invoices SET status = %s, matched_at = NOW() WHERE id = %s", (status, invoice_id))
    return status == 'MATCHED'


def supplier_performance(supplier_id, months=6):
    return query_one("SELECT COUNT(*) AS orders, "
                     "AVG(DATEDIFF(gr.received_at, o.submitted_at)) AS avg_days, "
                     "SUM(gr.received_at > DATE_ADD(o.expected_date, INTERVAL 1 DAY)) AS late, "
                     "SUM(o.status = 'PARTIAL') AS partial "
                     "FROM orders o LEFT JOIN goods_receipts gr ON gr.order_id = o.id "
                     "WHERE o.supplier_id = %s AND o.submitted_at > DATE_SUB(NOW(), INTERVAL %s MONTH)",
                     (supplier_id, months))


# ===========================================================================
# PRODUCT MASTER
# ===========================================================================

def create_product(data):
    common.require_fields(data, 'ndc', 'name')
    if not validators.validate_ndc(data['ndc']):
        raise ValidationError('bad NDC')
    ndc = ''.join(c for c in data['ndc'] if c.isdigit())
    if data.get('dea_schedule') and data['dea_schedule'] not in constants.DEA_SCHEDULES:
        raise ValidationError('bad DEA schedule')
    return insert_and_get_id(
        "INSERT INTO products (ndc, upc, name, strength, form, pack_size, manufacturer, active_ingredient, "
        "dea_schedule, is_generic, unit_cost, discontinued, created_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0, NOW())",
        (ndc, data.get('upc'), data['name'], data.get('strength'), data.get('form'), data.get('pack_size'),
         data.get('manufacturer'), (data.get('active_ingredient') or '').upper(), data.get('dea_schedule') or None,
         1 if common.str2bool(data.get('is_generic')) else 0, data.get('unit_cost')))


def update_product(product_id, data):
    allowed = ('upc', 'name', 'strength', 'form', 'pack_size', 'manufacturer', 'active_ingredient',
               'dea_schedule', 'is_generic', 'unit_cost')
    sets = ["%s = %%s" % k for k in allowed if k in data]
    if not sets:
        return
    args = [data[k] for k in allowed if k in data] + [product_id]
    execute("UPDATE products SET " + ', '.join(sets) + " WHERE id = %s", args)
    common.cache.delete('ctrl:%s' % product_id)


def discontinue_product(product_id):
    execute("UPDATE products SET discontinued = 1 WHERE id = %s", (product_id,))
    execute("UPDATE stock_levels SET min_level = 0, max_level = 0 WHERE product_id = %s", (product_id,))


def search_products(term, include_discontinued=False):
    term = term.strip()
    sql = "SELECT * FROM products WHERE (name LIKE '%" + term + "%' OR ndc LIKE '" + term.replace('-', '') + "%')"
    if not include_discontinued:
        sql += " AND discontinued = 0"
    return query(sql + " ORDER BY name LIMIT 100")


def import_product_master(path):
    """monthly catalogue file from the primary wholesaler"""
    rows = common.read_csv_rows(path)
    created = updated = 0
    for r in rows:
        ndc = ''.join(c for c in r.get('ndc', '') if c.isdigit())
        existing = query_one("SELECT id FROM products WHERE ndc = %s", (ndc,))
        if existing:
            update_product(existing['id'], {'name': r.get('description'), 'manufacturer': r.get('labeler'),
                                            'pack_size': r.get('package_size')})
            updated += 1
        else:
            try:
                create_product({'ndc': ndc, 'name': r.get('description'), 'strength': r.get('strength'),
                                'form': r.get('dosage_form'), 'manufacturer': r.get('labeler'),
                                'pack_size': r.get('package_size'), 'active_ingredient': r.get('ingredient'),
                                'dea_schedule': r.get('dea_class') or None, 'is_generic': r.get('generic')})
                created += 1
            except ValidationError as e:
                log.warning('skip %s: %s', ndc, e)
    return created, updated


def set_min_max(product_id, branch_id, min_level, max_level, bin_location=None):
    execute("INSERT INTO stock_levels (product_id, branch_id, on_hand, allocated, min_level, max_level, "
            "bin_location, updated_at) VALUES (%s, %s, 0, 0, %s, %s, %s, NOW()) "
            "ON DUPLICATE KEY UPDATE min_level = VALUES(min_level), max_level = VALUES(max_level), "
            "bin_location = COALESCE(VALUES(bin_location), bin_location)",
            (product_id, branch_id, min_level, max_level, bin_location))


def merge_duplicate_products(keep_id, dup_id):
    """The wholesaler catalogue sometimes re-issues an NDC with a new UPC and we
    end up with two products.  Moves stock over and discontinues the dupe.
    Deliberately does NOT touch historical dispense events / claims."""
    with transaction() as cur:
        cur.execute("SELECT branch_id, on_hand FROM stock_levels WHERE product_id = %s", (dup_id,))
        for sl in cur.fetchall():
            cur.execute("INSERT INTO stock_levels (product_id, branch_id, on_hand, allocated, updated_at) "
                        "VALUES (%s, %s, %s, 0, NOW()) ON DUPLICATE KEY UPDATE on_hand = on_hand + VALUES(on_hand)",
                        (keep_id, sl['branch_id'], sl['on_hand']))
        cur.execute("DELETE FROM stock_levels WHERE product_id = %s", (dup_id,))
        cur.execute("UPDATE stock_batches SET product_id = %s WHERE product_id = %s", (keep_id, dup_id))
        cur.execute("UPDATE product_prices SET effective_to = CURDATE() WHERE product_id = %s "
                    "AND effective_to IS NULL", (dup_id,))
        cur.execute("UPDATE products SET discontinued = 1 WHERE id = %s", (dup_id,))
    audit('product.merge', 'product', keep_id, dup=dup_id)


# ===========================================================================
# misc PO housekeeping (added 2015)
# ===========================================================================

def close_stale_orders(days=30):
    """POs that were partially received and nothing has arrived for N days get closed
    so they stop showing on the open orders screen."""
    rows = query("SELECT o.id FROM orders o WHERE o.status = 'PARTIAL' AND NOT EXISTS ("
                 "SELECT 1 FROM goods_receipts gr WHERE gr.order_id = o.id "
                 "AND gr.received_at > DATE_SUB(NOW(), INTERVAL %s DAY))", (days,))
    if rows:
        ids = [r['id'] for r in rows]
        execute("UPDATE orders SET status = 'RECEIVED' WHERE id IN (" + in_clause(ids) + ")", ids)
    return len(rows)


def backorder_report(branch_id):
    return query("SELECT o.order_number, s.name AS supplier, p.name, p.ndc, ol.qty_ordered, ol.qty_received, "
                 "o.expected_date FROM order_lines ol JOIN orders o ON o.id = ol.order_id "
                 "JOIN suppliers s ON s.id = o.supplier_id JOIN products p ON p.id = ol.product_id "
                 "WHERE o.branch_id = %s AND o.status IN ('ACKED','PARTIAL') AND ol.qty_received < ol.qty_ordered "
                 "ORDER BY o.expected_date", (branch_id,))
