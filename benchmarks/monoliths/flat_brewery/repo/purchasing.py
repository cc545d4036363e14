# purchasing.py -- suppliers, materials (malt/hops/yeast/etc), purchase orders, receiving
# Maria G. 2019
import datetime
import logging
from decimal import Decimal

import web

import config
from lib import db, mailer
from lib.handlers import BaseHandler, render, require_login, require_admin, flash, json_response
from lib.util import safe_int, safe_decimal, parse_date, today, round_money, format_money, fmt_date
from lib.csvexport import csv_response

log = logging.getLogger('hopyard.purchasing')

PO_STATUSES = ('draft', 'sent', 'partial', 'received', 'cancelled')
CATEGORIES = ('malt', 'hops', 'yeast', 'adjunct', 'chemical', 'packaging')


def stock_on_hand(cur, material_id):
    cur.execute("SELECT coalesce(sum(qty_on_hand), 0) AS q FROM material_lots WHERE material_id = %s",
                (material_id,))
    return cur.fetchone()['q']


def low_stock_materials(cur):
    cur.execute("""
        SELECT m.id, m.sku, m.name, m.unit, m.reorder_point, m.reorder_qty,
               m.preferred_supplier_id, m.cost_per_unit,
               coalesce(sum(l.qty_on_hand), 0) AS on_hand,
               (SELECT coalesce(sum(pol.qty_ordered - pol.qty_received), 0)
                  FROM purchase_order_lines pol
                  JOIN purchase_orders po ON po.id = pol.po_id
                 WHERE pol.material_id = m.id AND po.status IN ('draft', 'sent', 'partial')) AS on_order
          FROM materials m
     LEFT JOIN material_lots l ON l.material_id = m.id
         WHERE m.active
         GROUP BY m.id
        HAVING coalesce(sum(l.qty_on_hand), 0) < m.reorder_point
         ORDER BY m.category, m.name""")
    return cur.fetchall()


class MaterialList(BaseHandler):
    @require_login
    def GET(self):
        cat = self.params.get('category')
        sql = """SELECT m.*, s.name AS supplier_name,
                        (SELECT coalesce(sum(qty_on_hand),0) FROM material_lots l WHERE l.material_id = m.id) AS on_hand
                   FROM materials m LEFT JOIN suppliers s ON s.id = m.preferred_supplier_id
                  WHERE m.active"""
        if cat in CATEGORIES:
            sql += " AND m.category = '%s'" % cat
        sql += " ORDER BY m.category, m.name"
        self.cur.execute(sql)
        rows = self.cur.fetchall()
        if self.params.get('format') == 'csv':
            return csv_response('materials.csv', rows,
                                ['sku', 'name', 'category', 'unit', 'on_hand', 'reorder_point', 'supplier_name'])
        return render.materials(rows, cat, CATEGORIES)


class MaterialDetail(BaseHandler):
    @require_login
    def GET(self, material_id):
        self.cur.execute("SELECT * FROM materials WHERE id = %s", (material_id,))
        material = self.cur.fetchone()
        if not material:
            self.not_found()
        self.cur.execute("""SELECT * FROM material_lots WHERE material_id = %s AND qty_on_hand > 0
                             ORDER BY received_at""", (material_id,))
        lots = self.cur.fetchall()
        self.cur.execute("""SELECT 'adjust' AS kind, adjusted_at AS at, qty_delta AS qty, reason AS note
                              FROM stock_adjustments WHERE material_id = %s
                            UNION ALL
                            SELECT 'brew', mc.consumed_at, -mc.qty, b.batch_no
                              FROM material_consumption mc JOIN brew_batches b ON b.id = mc.batch_id
                             WHERE mc.material_id = %s
                            ORDER BY 2 DESC LIMIT 100""", (material_id, material_id))
        history = self.cur.fetchall()
        return render.material_detail(material, lots, history)


class AdjustStock(BaseHandler):
    @require_login
    def POST(self, material_id):
        i = self.params
        lot_id = safe_int(i.get('lot_id'))
        delta = safe_decimal(i.get('qty_delta'))
        if delta is None:
            flash('Quantity?', 'error')
            raise web.seeother('/materials/%s' % material_id)
        reason = i.get('reason') or 'count'
        self.cur.execute("""INSERT INTO stock_adjustments (material_id, lot_id, qty_delta, reason, adjusted_by)
                            VALUES (%s, %s, %s, %s, %s)""",
                         (material_id, lot_id, delta, reason, web.ctx.get('hopyard_user', {}).get('name')))
        if lot_id:
            self.cur.execute("UPDATE material_lots SET qty_on_hand = greatest(qty_on_hand + %s, 0) WHERE id = %s",
                             (delta, lot_id))
        db.commit()
        self.redirect('/materials/%s' % material_id, 'Stock adjusted')


class SupplierList(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("""SELECT s.*, (SELECT max(ordered_at) FROM purchase_orders po
                                          WHERE po.supplier_id = s.id) AS last_order
                              FROM suppliers s WHERE s.active ORDER BY s.name""")
        return render.suppliers(self.cur.fetchall())


# --- purchase orders -------------------------------------------------------

def next_po_number(cur):
    return db.next_sequence_value('PO', 'purchase_orders', 'po_number')


def po_total(cur, po_id):
    cur.execute("SELECT coalesce(sum(qty_ordered * unit_cost), 0) AS t FROM purchase_order_lines WHERE po_id = %s",
                (po_id,))
    return round_money(cur.fetchone()['t'])


def get_po(cur, po_id):
    cur.execute("""SELECT po.*, s.name AS supplier_name, s.email AS supplier_email, s.terms
                     FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
                    WHERE po.id = %s""", (po_id,))
    return cur.fetchone()


def po_lines(cur, po_id):
    cur.execute("""SELECT pol.*, m.sku, m.name, m.unit
                     FROM purchase_order_lines pol JOIN materials m ON m.id = pol.material_id
                    WHERE pol.po_id = %s ORDER BY pol.id""", (po_id,))
    return cur.fetchall()


def create_po(cur, supplier_id, lines, created_by=None, notes=None):
    """lines = [(material_id, qty, unit_cost)]"""
    po_number = next_po_number(cur)
    cur.execute("""INSERT INTO purchase_orders (po_number, supplier_id, status, notes, created_by)
                   VALUES (%s, %s, 'draft', %s, %s) RETURNING id""",
                (po_number, supplier_id, notes, created_by))
    po_id = cur.fetchone()['id']
    for material_id, qty, cost in lines:
        cur.execute("""INSERT INTO purchase_order_lines (po_id, material_id, qty_ordered, unit_cost)
                       VALUES (%s, %s, %s, %s)""", (po_id, material_id, qty, cost))
    cur.execute("UPDATE purchase_orders SET total = %s WHERE id = %s", (po_total(cur, po_id), po_id))
    return po_id, po_number


class OrderList(BaseHandler):
    """purchase orders (NOT wholesale orders, those are in wholesale.py)"""

    @require_login
    def GET(self):
        status = self.params.get('status', 'open')
        if status == 'open':
            cond = "po.status IN ('draft','sent','partial')"
        elif status in PO_STATUSES:
            cond = "po.status = '%s'" % status
        else:
            cond = "true"
        self.cur.execute("""SELECT po.*, s.name AS supplier_name
                              FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
                             WHERE %s ORDER BY po.created_at DESC LIMIT 200""" % cond)
        return render.purchase_orders(self.cur.fetchall(), status)


class OrderDetail(BaseHandler):
    @require_login
    def GET(self, po_id):
        po = get_po(self.cur, po_id)
        if not po:
            self.not_found()
        return render.purchase_order(po, po_lines(self.cur, po_id))


class NewOrder(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("SELECT id, name FROM suppliers WHERE active ORDER BY name")
        suppliers = self.cur.fetchall()
        self.cur.execute("SELECT id, sku, name, unit, cost_per_unit FROM materials WHERE active ORDER BY name")
        return render.purchase_order_new(suppliers, self.cur.fetchall())

    @require_login
    def POST(self):
        i = web.input(material_id=[], qty=[], unit_cost=[])
        lines = []
        for mid, qty, cost in zip(i.material_id, i.qty, i.unit_cost):
            if safe_int(mid) and safe_decimal(qty):
                lines.append((int(mid), safe_decimal(qty), safe_decimal(cost, Decimal('0'))))
        if not lines:
            flash('No lines on the PO', 'error')
            raise web.seeother('/purchasing/orders/new')
        po_id, po_number = create_po(self.cur, safe_int(i.get('supplier_id')), lines,
                                     web.ctx.get('hopyard_user', {}).get('name'), i.get('notes'))
        db.commit()
        self.redirect('/purchasing/orders/%d' % po_id, 'Created %s' % po_number)


def email_po_to_supplier(cur, po_id):
    po = get_po(cur, po_id)
    lines = po_lines(cur, po_id)
    body = ['Purchase order %s from %s' % (po['po_number'], config.BREWERY_NAME), '']
    for l in lines:
        body.append('%-12s %-40s %8s %-4s @ %s' % (l['sku'], l['name'], l['qty_ordered'], l['unit'],
                                                  format_money(l['unit_cost'])))
    body.append('')
    body.append('Total: %s   Terms: %s' % (format_money(po['total']), po['terms']))
    body.append('Please confirm ship date to %s' % config.OFFICE_EMAIL)
    return mailer.send_mail(po['supplier_email'], 'PO %s - %s' % (po['po_number'], config.BREWERY_NAME),
                            '\n'.join(body), cc=[config.OFFICE_EMAIL])


class SendOrder(BaseHandler):
    @require_login
    def POST(self, po_id):
        po = get_po(self.cur, po_id)
        if po['status'] != 'draft':
            self.redirect('/purchasing/orders/%s' % po_id, 'Already sent')
        email_po_to_supplier(self.cur, po_id)
        self.cur.execute("""UPDATE purchase_orders SET status = 'sent', ordered_at = now(),
                                   expected_at = current_date + (SELECT lead_time_days FROM suppliers WHERE id = %s)
                             WHERE id = %s""", (po['supplier_id'], po_id))
        db.commit()
        self.redirect('/purchasing/orders/%s' % po_id, 'Sent to supplier')


def receive_line(cur, line_id, qty, supplier_lot=None, expires_on=None, location='DRY'):
    cur.execute("SELECT * FROM purchase_order_lines WHERE id = %s FOR UPDATE", (line_id,))
    line = cur.fetchone()
    if line is None:
        raise ValueError('bad PO line %s' % line_id)
    cur.execute("""INSERT INTO material_lots (material_id, po_line_id, supplier_lot, qty_received,
                                             qty_on_hand, unit_cost, expires_on, location)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                (line['material_id'], line_id, supplier_lot, qty, qty, line['unit_cost'], expires_on, location))
    lot_id = cur.fetchone()['id']
    cur.execute("UPDATE purchase_order_lines SET qty_received = qty_received + %s WHERE id = %s", (qty, line_id))
    # keep standard cost roughly current (last price paid)
    cur.execute("UPDATE materials SET cost_per_unit = %s WHERE id = %s", (line['unit_cost'], line['material_id']))
    return lot_id


def _update_po_status(cur, po_id):
    cur.execute("""SELECT sum(qty_ordered) AS ordered, sum(qty_received) AS received
                     FROM purchase_order_lines WHERE po_id = %s""", (po_id,))
    r = cur.fetchone()
    if r['received'] >= r['ordered']:
        status = 'received'
    elif r['received'] > 0:
        status = 'partial'
    else:
        return
    cur.execute("UPDATE purchase_orders SET status = %s WHERE id = %s", (status, po_id))


class ReceiveOrder(BaseHandler):
    @require_login
    def GET(self, po_id):
        return render.purchase_order_receive(get_po(self.cur, po_id), po_lines(self.cur, po_id))

    @require_login
    def POST(self, po_id):
        i = web.input(line_id=[], qty=[], supplier_lot=[], expires_on=[])
        n = 0
        for idx, line_id in enumerate(i.line_id):
            qty = safe_decimal(i.qty[idx] if idx < len(i.qty) else None)
            if not qty:
                continue
            lot = i.supplier_lot[idx] if idx < len(i.supplier_lot) else None
            exp = parse_date(i.expires_on[idx]) if idx < len(i.expires_on) else None
            receive_line(self.cur, int(line_id), qty, lot, exp)
            n += 1
        _update_po_status(self.cur, po_id)
        db.commit()
        self.redirect('/purchasing/orders/%s' % po_id, 'Received %d lines' % n)


class CancelOrder(BaseHandler):
    @require_admin
    def POST(self, po_id):
        self.cur.execute("""UPDATE purchase_orders SET status = 'cancelled'
                             WHERE id = %s AND status IN ('draft','sent')""", (po_id,))
        db.commit()
        self.redirect('/purchasing/orders/%s' % po_id)


def expiring_lots(cur, days=30):
    cur.execute("""SELECT l.*, m.name, m.sku, m.unit
                     FROM material_lots l JOIN materials m ON m.id = l.material_id
                    WHERE l.qty_on_hand > 0 AND l.expires_on IS NOT NULL
                      AND l.expires_on <= current_date + %s
                    ORDER BY l.expires_on""", (days,))
    return cur.fetchall()


def hop_contract_summary(cur, year):
    # TODO(dave): hop contracts are still in the spreadsheet, this just sums POs
    cur.execute("""SELECT m.name, sum(pol.qty_ordered) AS lbs, sum(pol.qty_ordered * pol.unit_cost) AS spend
                     FROM purchase_order_lines pol
                     JOIN purchase_orders po ON po.id = pol.po_id
                     JOIN materials m ON m.id = pol.material_id
                    WHERE m.category = 'hops' AND extract(year FROM po.created_at) = %s
                      AND po.status <> 'cancelled'
                    GROUP BY m.name ORDER BY spend DESC""", (year,))
    return cur.fetchall()
