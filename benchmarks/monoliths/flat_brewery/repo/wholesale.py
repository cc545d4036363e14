"""
wholesale.py -- distributor accounts, wholesale orders, shipping, invoices.

Order flow: new -> confirmed -> picked -> shipped -> invoiced
(cancelled from new/confirmed only)

NB: "orders" here are OUR SALES to distributors.  Purchase orders for malt
etc. are in purchasing.py.
"""
import datetime
import logging
from decimal import Decimal

import web

import config
from lib import db, mailer
from lib.handlers import BaseHandler, render, require_login, require_admin, flash, json_response
from lib.util import (safe_int, safe_decimal, parse_date, today, round_money, format_money, fmt_date,
                      liters_to_bbl)
from lib.csvexport import csv_response
from taproom import money          # TODO move money() to lib.util
import brewery
import kegs
import ttb

log = logging.getLogger('hopyard.wholesale')

ORDER_STATUSES = ('new', 'confirmed', 'picked', 'shipped', 'invoiced', 'cancelled')


def next_order_no(cur):
    return db.next_sequence_value('WO', 'wholesale_orders', 'order_no', 5)


def next_invoice_no(cur):
    cur.execute("SELECT coalesce(max(substring(invoice_no from 5)::int), 1000) + 1 AS n FROM wholesale_invoices")
    return 'INV-%d' % cur.fetchone()['n']


def price_for(cur, recipe_id, format_id, state, on_date=None):
    """state-specific price wins over the default (state IS NULL) row"""
    on_date = on_date or today()
    cur.execute("""SELECT price FROM wholesale_price_list
                    WHERE recipe_id = %s AND format_id = %s
                      AND (state = %s OR state IS NULL)
                      AND effective_from <= %s AND (effective_to IS NULL OR effective_to >= %s)
                    ORDER BY state NULLS LAST, effective_from DESC LIMIT 1""",
                (recipe_id, format_id, state, on_date, on_date))
    row = cur.fetchone()
    return Decimal(row['price']) if row else None


def get_order(cur, order_id):
    cur.execute("""SELECT o.*, d.name AS distributor_name, d.state, d.email AS distributor_email,
                          d.terms_days, d.charges_deposit
                     FROM wholesale_orders o JOIN distributors d ON d.id = o.distributor_id
                    WHERE o.id = %s""", (order_id,))
    return cur.fetchone()


def order_lines(cur, order_id):
    cur.execute("""SELECT l.*, r.name AS beer, pf.code AS format_code, pf.is_keg, pf.volume_liters,
                          pf.units_per_case
                     FROM wholesale_order_lines l
                     JOIN recipes r ON r.id = l.recipe_id
                     JOIN package_formats pf ON pf.id = l.format_id
                    WHERE l.order_id = %s ORDER BY l.id""", (order_id,))
    return cur.fetchall()


def order_total(cur, order_id):
    cur.execute("SELECT coalesce(sum(qty * unit_price), 0) AS t FROM wholesale_order_lines WHERE order_id = %s",
                (order_id,))
    return round_money(cur.fetchone()['t'])


def order_volume_bbl(cur, order_id):
    total = Decimal('0')
    for l in order_lines(cur, order_id):
        total += liters_to_bbl(Decimal(l['volume_liters']) * (l['units_per_case'] or 1) * l['qty'])
    return total


def create_order(cur, distributor_id, lines, ship_on=None, po_ref=None, notes=None):
    """lines = [(recipe_id, format_id, qty, price_or_None)]"""
    cur.execute("SELECT state, credit_limit FROM distributors WHERE id = %s", (distributor_id,))
    dist = cur.fetchone()
    order_no = next_order_no(cur)
    cur.execute("""INSERT INTO wholesale_orders (order_no, distributor_id, ship_on, po_ref, notes)
                   VALUES (%s, %s, %s, %s, %s) RETURNING id""", (order_no, distributor_id, ship_on, po_ref, notes))
    order_id = cur.fetchone()['id']
    for recipe_id, format_id, qty, price in lines:
        if price is None:
            price = price_for(cur, recipe_id, format_id, dist['state'])
        if price is None:
            raise ValueError('no price for recipe %s format %s in %s' % (recipe_id, format_id, dist['state']))
        cur.execute("""INSERT INTO wholesale_order_lines (order_id, recipe_id, format_id, qty, unit_price)
                       VALUES (%s, %s, %s, %s, %s)""", (order_id, recipe_id, format_id, qty, price))
    cur.execute("UPDATE wholesale_orders SET total = %s WHERE id = %s", (order_total(cur, order_id), order_id))
    return order_id, order_no


class DistributorList(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("""
            SELECT d.*,
                   (SELECT coalesce(sum(amount + deposit_amount - paid_amount), 0) FROM wholesale_invoices i
                     WHERE i.distributor_id = d.id AND i.status IN ('open', 'overdue')) AS balance,
                   (SELECT max(ordered_on) FROM wholesale_orders o WHERE o.distributor_id = d.id) AS last_order
              FROM distributors d WHERE d.active ORDER BY d.name""")
        return render.distributors(self.cur.fetchall())


class DistributorDetail(BaseHandler):
    @require_login
    def GET(self, distributor_id):
        self.cur.execute("SELECT * FROM distributors WHERE id = %s", (distributor_id,))
        dist = self.cur.fetchone()
        if not dist:
            self.not_found()
        self.cur.execute("""SELECT * FROM wholesale_orders WHERE distributor_id = %s
                             ORDER BY ordered_on DESC LIMIT 50""", (distributor_id,))
        orders = self.cur.fetchall()
        self.cur.execute("""SELECT * FROM wholesale_invoices WHERE distributor_id = %s AND status <> 'void'
                             ORDER BY issued_on DESC LIMIT 50""", (distributor_id,))
        invoices = self.cur.fetchall()
        deposits = kegs.keg_deposit_balance(self.cur, distributor_id)
        return render.distributor(dist, orders, invoices, deposits)


class OrderList(BaseHandler):
    @require_login
    def GET(self):
        status = self.params.get('status')
        where = "o.status NOT IN ('invoiced','cancelled')"
        if status in ORDER_STATUSES:
            where = "o.status = '%s'" % status
        self.cur.execute("""SELECT o.*, d.name AS distributor_name
                              FROM wholesale_orders o JOIN distributors d ON d.id = o.distributor_id
                             WHERE """ + where + """
                             ORDER BY o.ship_on NULLS LAST, o.order_no""")
        return render.wholesale_orders(self.cur.fetchall(), status)


class OrderDetail(BaseHandler):
    @require_login
    def GET(self, order_id):
        order = get_order(self.cur, order_id)
        if not order:
            self.not_found()
        lines = order_lines(self.cur, order_id)
        for l in lines:
            l['available'] = brewery.finished_goods_available(self.cur, l['recipe_id'], l['format_id'])
        self.cur.execute("SELECT * FROM deliveries WHERE order_id = %s", (order_id,))
        deliveries = self.cur.fetchall()
        return render.wholesale_order(order, lines, deliveries)


class NewOrder(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("SELECT id, name, state FROM distributors WHERE active ORDER BY name")
        dists = self.cur.fetchall()
        self.cur.execute("SELECT id, name FROM recipes WHERE active ORDER BY name")
        beers = self.cur.fetchall()
        self.cur.execute("SELECT id, code FROM package_formats ORDER BY code")
        return render.wholesale_order_new(dists, beers, self.cur.fetchall())

    @require_login
    def POST(self):
        i = web.input(recipe_id=[], format_id=[], qty=[], price=[])
        lines = []
        for idx, rid in enumerate(i.recipe_id):
            qty = safe_int(i.qty[idx])
            if not qty:
                continue
            price = safe_decimal(i.price[idx]) if idx < len(i.price) else None
            lines.append((int(rid), int(i.format_id[idx]), qty, price))
        try:
            order_id, order_no = create_order(self.cur, safe_int(i.distributor_id), lines,
                                              parse_date(i.get('ship_on')), i.get('po_ref'), i.get('notes'))
        except ValueError as e:
            db.rollback()
            flash(str(e), 'error')
            raise web.seeother('/wholesale/orders/new')
        db.commit()
        self.redirect('/wholesale/orders/%d' % order_id, 'Order %s created' % order_no)


class ConfirmOrder(BaseHandler):
    @require_login
    def POST(self, order_id):
        order = get_order(self.cur, order_id)
        # interstate shipments need COLA
        if order['state'] != config.STATE:
            for l in order_lines(self.cur, order_id):
                if not ttb.label_ok_for(self.cur, l['recipe_id']):
                    self.redirect('/wholesale/orders/%s' % order_id,
                                  'No approved label for %s, cannot ship to %s' % (l['beer'], order['state']))
        self.cur.execute("UPDATE wholesale_orders SET status = 'confirmed' WHERE id = %s AND status = 'new'",
                         (order_id,))
        db.commit()
        self.redirect('/wholesale/orders/%s' % order_id, 'Confirmed')


class PickOrder(BaseHandler):
    """pull stock from the cooler, oldest lot first"""

    @require_login
    def POST(self, order_id):
        cur = self.cur
        try:
            for l in order_lines(cur, order_id):
                taken = brewery.take_finished_goods(cur, l['recipe_id'], l['format_id'], l['qty'])
                cur.execute("UPDATE wholesale_order_lines SET lot_code = %s WHERE id = %s",
                            (','.join(lot for lot, q in taken), l['id']))
            cur.execute("UPDATE wholesale_orders SET status = 'picked' WHERE id = %s", (order_id,))
            db.commit()
        except ValueError as e:
            db.rollback()
            self.redirect('/wholesale/orders/%s' % order_id, 'Short: %s' % e)
        self.redirect('/wholesale/orders/%s' % order_id, 'Picked')


class ShipOrder(BaseHandler):
    @require_login
    def POST(self, order_id):
        i = self.params
        cur = self.cur
        order = get_order(cur, order_id)
        if order['status'] != 'picked':
            self.redirect('/wholesale/orders/%s' % order_id, 'Pick it first')
        serials = [s.strip() for s in (i.get('keg_serials') or '').split() if s.strip()]
        try:
            n_kegs = kegs.ship_kegs(cur, order_id, order['distributor_id'], serials)
        except kegs.KegStateError as e:
            db.rollback()
            self.redirect('/wholesale/orders/%s' % order_id, str(e))
        cur.execute("""INSERT INTO deliveries (order_id, carrier, driver, bol_number, kegs_out, kegs_returned, signed_by)
                       VALUES (%s, %s, %s, %s, %s, %s, %s)""",
                    (order_id, i.get('carrier'), i.get('driver'), i.get('bol_number'), n_kegs,
                     safe_int(i.get('kegs_returned'), 0), i.get('signed_by')))
        # excise: beer left the building
        for l in order_lines(cur, order_id):
            vol = liters_to_bbl(Decimal(l['volume_liters']) * (l['units_per_case'] or 1) * l['qty'])
            ttb.record_removal(cur, 'wholesale', 'wholesale_order', order_id, vol, l['recipe_id'])
        cur.execute("UPDATE wholesale_orders SET status = 'shipped' WHERE id = %s", (order_id,))
        invoice_id = create_invoice(cur, order_id)
        db.commit()
        self.redirect('/wholesale/invoices/%d' % invoice_id, 'Shipped + invoiced')


def create_invoice(cur, order_id):
    order = get_order(cur, order_id)
    amount = order_total(cur, order_id)
    deposit = Decimal('0')
    if order['charges_deposit']:
        cur.execute("""SELECT coalesce(sum(k.deposit), 0) AS d FROM keg_movements m JOIN kegs k ON k.id = m.keg_id
                        WHERE m.wholesale_order_id = %s AND m.action = 'ship'""", (order_id,))
        deposit = round_money(cur.fetchone()['d'])
    issued = today()
    due = issued + datetime.timedelta(days=order['terms_days'] or 30)
    cur.execute("""INSERT INTO wholesale_invoices (invoice_no, order_id, distributor_id, issued_on, due_on,
                                                   amount, deposit_amount)
                   VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                (next_invoice_no(cur), order_id, order['distributor_id'], issued, due, amount, deposit))
    invoice_id = cur.fetchone()['id']
    cur.execute("UPDATE wholesale_orders SET status = 'invoiced' WHERE id = %s", (order_id,))
    return invoice_id


class InvoiceDetail(BaseHandler):
    @require_login
    def GET(self, invoice_id):
        self.cur.execute("""SELECT i.*, d.name AS distributor_name, d.contact, d.license_no, o.order_no, o.po_ref
                              FROM wholesale_invoices i
                              JOIN distributors d ON d.id = i.distributor_id
                              JOIN wholesale_orders o ON o.id = i.order_id
                             WHERE i.id = %s""", (invoice_id,))
        inv = self.cur.fetchone()
        if not inv:
            self.not_found()
        return render.wholesale_invoice(inv, order_lines(self.cur, inv['order_id']), money)


def email_invoice(cur, invoice_id):
    cur.execute("""SELECT i.*, d.email, d.name FROM wholesale_invoices i
                     JOIN distributors d ON d.id = i.distributor_id WHERE i.id = %s""", (invoice_id,))
    inv = cur.fetchone()
    body = ('Invoice %s\nAmount: $%s\nKeg deposits: $%s\nDue: %s\n\nThank you!\n%s' %
            (inv['invoice_no'], money(inv['amount']), money(inv['deposit_amount']), fmt_date(inv['due_on']),
             config.BREWERY_NAME))
    return mailer.send_mail(inv['email'], 'Invoice %s from %s' % (inv['invoice_no'], config.BREWERY_NAME), body)


class RecordPayment(BaseHandler):
    @require_admin
    def POST(self, invoice_id):
        amt = safe_decimal(self.params.get('amount'))
        self.cur.execute("""UPDATE wholesale_invoices
                               SET paid_amount = paid_amount + %s, paid_on = %s,
                                   status = CASE WHEN paid_amount + %s >= amount + deposit_amount
                                                 THEN 'paid' ELSE status END
                             WHERE id = %s""",
                         (amt, parse_date(self.params.get('paid_on')) or today(), amt, invoice_id))
        db.commit()
        self.redirect('/wholesale/invoices/%s' % invoice_id, 'Payment recorded')


def credit_return(cur, order_id, recipe_id, format_id, qty, reason=''):
    """distributor sent back product (out of code, damaged).  credit + reverse removal
    NOTE: product gets dumped, does NOT go back into finished goods"""
    cur.execute("""SELECT unit_price FROM wholesale_order_lines
                    WHERE order_id = %s AND recipe_id = %s AND format_id = %s LIMIT 1""",
                (order_id, recipe_id, format_id))
    price = Decimal(cur.fetchone()['unit_price'])
    credit = round_money(price * qty)
    cur.execute("""UPDATE wholesale_invoices SET paid_amount = paid_amount + %s WHERE order_id = %s""",
                (credit, order_id))
    ttb.reverse_removal(cur, 'wholesale_order', order_id)
    log.info('credited %s on order %s (%s)', credit, order_id, reason)
    return credit


def ar_aging(cur):
    cur.execute("""
        SELECT d.name, d.email,
               sum(CASE WHEN current_date - i.due_on <= 0 THEN i.amount + i.deposit_amount - i.paid_amount ELSE 0 END) AS current,
               sum(CASE WHEN current_date - i.due_on BETWEEN 1 AND 30 THEN i.amount + i.deposit_amount - i.paid_amount ELSE 0 END) AS d30,
               sum(CASE WHEN current_date - i.due_on BETWEEN 31 AND 60 THEN i.amount + i.deposit_amount - i.paid_amount ELSE 0 END) AS d60,
               sum(CASE WHEN current_date - i.due_on > 60 THEN i.amount + i.deposit_amount - i.paid_amount ELSE 0 END) AS d90
          FROM wholesale_invoices i JOIN distributors d ON d.id = i.distributor_id
         WHERE i.status IN ('open', 'overdue')
         GROUP BY d.name, d.email
         ORDER BY d.name""")
    return cur.fetchall()


class ArAging(BaseHandler):
    @require_admin
    def GET(self):
        rows = ar_aging(self.cur)
        if self.params.get('format') == 'csv':
            return csv_response('ar_aging.csv', rows, ['name', 'current', 'd30', 'd60', 'd90'])
        return render.ar_aging(rows)
