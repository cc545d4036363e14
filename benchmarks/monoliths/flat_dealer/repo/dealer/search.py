# -*- coding: utf-8 -*-
"""The search box at the top of every page."""
import re

from dealer import db, utils, crm

REG_RE = re.compile(r'^[A-Z]{2}[0-9]{2}[A-Z]{3}$|^[A-Z][0-9]{1,3}[A-Z]{3}$')


def search_customers(q):
    rows = crm.find_customers(q)
    reg = utils.normalise_reg(q)
    if not rows and REG_RE.match(reg):
        # typed a reg -- show who owns it
        rows = db.query('SELECT c.* FROM customers c JOIN vehicles v ON v.owner_customer_id = c.id '
                        'WHERE v.reg = %s', (reg,))
    return rows


def search_vehicles(q):
    q = q.strip().upper()
    reg = utils.normalise_reg(q)
    return db.query('SELECT id, stock_no, reg, vin, make, model, status FROM vehicles '
                    'WHERE stock_no = %s OR reg = %s OR vin = %s OR vin LIKE %s LIMIT 20',
                    (q, reg, q, '%' + q[-6:]))


def search_ros(q):
    q = q.strip().upper()
    if q.startswith('R') and q[1:].isdigit():
        return db.query('SELECT * FROM repair_orders WHERE ro_no = %s', (q,))
    return db.query('SELECT r.* FROM repair_orders r JOIN vehicles v ON v.id = r.vehicle_id '
                    'WHERE v.reg = %s ORDER BY r.opened_at DESC LIMIT 20', (utils.normalise_reg(q),))


def search_deals(q):
    q = q.strip().upper()
    return db.query("SELECT * FROM deals WHERE deal_no = '%s'" % q.replace("'", ''))
