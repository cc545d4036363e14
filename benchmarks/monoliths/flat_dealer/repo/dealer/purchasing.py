# -*- coding: utf-8 -*-
"""Parts purchase orders to suppliers."""
import logging

from dealer import db, utils, dates, mailer, parts

log = logging.getLogger('dealer.purchasing')


def next_po_no():
    n = db.query_value('SELECT COUNT(*) FROM purchase_orders', default=0) + 1
    return 'PO%06d' % n    # FIXME not safe with concurrent users, see #233


def create_po(supplier_id):
    return db.execute("INSERT INTO purchase_orders (po_no, supplier_id, status, created_at) "
                      "VALUES (%s, %s, 'draft', NOW())", (next_po_no(), supplier_id))


def add_line(po_id, part_id, qty, cost=None):
    if cost is None:
        cost = db.query_value('SELECT cost FROM parts WHERE id = %s', (part_id,), 0)
    existing = db.query_one('SELECT id FROM po_lines WHERE po_id = %s AND part_id = %s',
                            (po_id, part_id))
    if existing:
        db.execute('UPDATE po_lines SET qty = qty + %s WHERE id = %s', (qty, existing['id']))
        return existing['id']
    return db.execute('INSERT INTO po_lines (po_id, part_id, qty, cost) VALUES (%s, %s, %s, %s)',
                      (po_id, part_id, qty, cost))


def get_po(po_id):
    po = db.query_one('SELECT po.*, s.name AS supplier, s.email AS supplier_email, s.account_no '
                      'FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id '
                      'WHERE po.id = %s', (po_id,))
    po['lines'] = db.query('SELECT l.*, p.part_no, p.description FROM po_lines l '
                           'JOIN parts p ON p.id = l.part_id WHERE l.po_id = %s', (po_id,))
    return po


def send_po(po_id):
    po = get_po(po_id)
    if po['status'] != 'draft':
        raise ValueError('PO already %s' % po['status'])
    lines = ['Harrow Motors purchase order %s' % po['po_no'],
             'Account: %s' % po['account_no'], '']
    for l in po['lines']:
        lines.append('%-20s %-40s x %s' % (l['part_no'], l['description'][:40], l['qty']))
        db.execute('UPDATE part_stock SET qty_on_order = qty_on_order + %s WHERE part_id = %s',
                   (l['qty'], l['part_id']))
    mailer.send_mail(po['supplier_email'], 'Order %s' % po['po_no'], '\n'.join(lines))
    db.execute("UPDATE purchase_orders SET status = 'sent', sent_at = NOW() WHERE id = %s", (po_id,))


def receive_line(po_line_id, qty):
    l = db.query_one('SELECT l.*, po.po_no, po.id AS po_id FROM po_lines l '
                     'JOIN purchase_orders po ON po.id = l.po_id WHERE l.id = %s', (po_line_id,))
    db.execute('UPDATE po_lines SET qty_received = qty_received + %s WHERE id = %s', (qty, po_line_id))
    parts.receive_stock(l['part_id'], qty, l['po_no'], l['cost'])
    outstanding = db.query_value('SELECT COUNT(*) FROM po_lines WHERE po_id = %s '
                                 'AND qty_received < qty', (l['po_id'],), 0)
    status = 'received' if not outstanding else 'part_recv'
    db.execute('UPDATE purchase_orders SET status = %s WHERE id = %s', (status, l['po_id']))


def cancel_po(po_id):
    po = get_po(po_id)
    if po['status'] == 'sent':
        for l in po['lines']:
            db.execute('UPDATE part_stock SET qty_on_order = GREATEST(qty_on_order - %s, 0) '
                       'WHERE part_id = %s', (l['qty'] - l['qty_received'], l['part_id']))
    db.execute("UPDATE purchase_orders SET status = 'cancelled' WHERE id = %s", (po_id,))


def auto_reorder(send=False):
    """Raise draft POs for everything below min, one PO per supplier."""
    by_supplier = {}
    for p in parts.below_minimum():
        by_supplier.setdefault(p['supplier_id'], []).append(p)
    created = []
    for supplier_id, items in by_supplier.items():
        if not supplier_id:
            log.warning('parts with no supplier: %s', [i['part_no'] for i in items])
            continue
        po_id = db.query_value("SELECT id FROM purchase_orders WHERE supplier_id = %s "
                               "AND status = 'draft' ORDER BY id DESC LIMIT 1", (supplier_id,))
        if not po_id:
            po_id = create_po(supplier_id)
        for p in items:
            qty = (p['max_qty'] or p['min_qty']) - p['qty_on_hand'] - p['qty_on_order']
            if qty > 0:
                add_line(po_id, p['id'], qty)
        if send:
            send_po(po_id)
        created.append(po_id)
    return created


def list_suppliers():
    return db.query('SELECT * FROM suppliers ORDER BY name')


def open_pos():
    return db.query("SELECT po.*, s.name AS supplier FROM purchase_orders po "
                    "JOIN suppliers s ON s.id = po.supplier_id "
                    "WHERE po.status IN ('draft', 'sent', 'part_recv') ORDER BY po.created_at")
