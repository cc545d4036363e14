# -*- coding: utf-8 -*-
"""
Taproom point of sale.  Runs on the two iPads behind the bar (Safari,
full screen).  Staff log in with a 4 digit PIN, open a shift (till),
run tabs, take payments.  Card payments go through the Square terminal;
we only record the auth code.

Tap list / menu board also lives here.
"""
import datetime
import logging
from decimal import Decimal

import web

import config
from lib import db
from lib.handlers import BaseHandler, JsonHandler, render, render_plain, json_response, flash
from lib.util import safe_int, safe_decimal, today, now, round_money, format_money, oz_to_bbl
import mugclub

log = logging.getLogger('hopyard.taproom')

PAYMENT_METHODS = ('cash', 'card', 'gift')
PINTS_PER_HALF_BBL = Decimal('124')
PINTS_PER_SIXTEL = Decimal('41')


def money(v):
    """Decimal -> '12.50' (no $ sign, for the iPad screens).  also used by wholesale invoices"""
    return '%.2f' % round_money(v)


# ---------------------------------------------------------------------------
# staff / shifts
# ---------------------------------------------------------------------------

def pos_user():
    s = web.ctx.get('session')
    if s is None or not s.get('pos_staff_id'):
        return None
    return {'id': s.pos_staff_id, 'name': s.get('pos_staff_name'), 'role': s.get('pos_role')}


def require_pos(fn):
    def wrapper(self, *a, **kw):
        if pos_user() is None:
            raise web.seeother('/pos/login')
        return fn(self, *a, **kw)
    wrapper.__name__ = fn.__name__
    return wrapper


class PosLogin(BaseHandler):
    def GET(self):
        return render_plain.pos_login()

    def POST(self):
        pin = (self.params.get('pin') or '').strip()
        self.cur.execute("SELECT id, name, role FROM pos_staff WHERE pin = %s AND active", (pin,))
        staff = self.cur.fetchone()
        if not staff:
            return render_plain.pos_login(error='Bad PIN')
        s = web.ctx.session
        s.pos_staff_id = staff['id']
        s.pos_staff_name = staff['name']
        s.pos_role = staff['role']
        raise web.seeother('/pos')


class PosLogout(BaseHandler):
    def GET(self):
        s = web.ctx.session
        s.pos_staff_id = None
        raise web.seeother('/pos/login')


def current_shift(cur):
    cur.execute("SELECT * FROM till_shifts WHERE closed_at IS NULL ORDER BY opened_at DESC LIMIT 1")
    return cur.fetchone()


class OpenShift(BaseHandler):
    @require_pos
    def POST(self):
        if current_shift(self.cur):
            raise web.seeother('/pos')
        cash = safe_decimal(self.params.get('opening_cash'), Decimal(config.DEFAULT_OPENING_CASH))
        self.cur.execute("INSERT INTO till_shifts (staff_id, opening_cash) VALUES (%s, %s)",
                         (pos_user()['id'], cash))
        db.commit()
        raise web.seeother('/pos')


def shift_summary(cur, shift_id):
    cur.execute("""
        SELECT p.method, count(*) AS n, sum(p.amount) AS amount
          FROM pos_payments p JOIN tabs t ON t.id = p.tab_id
         WHERE t.shift_id = %s AND NOT p.refunded
         GROUP BY p.method""", (shift_id,))
    by_method = dict((r['method'], r) for r in cur.fetchall())
    cur.execute("""SELECT count(*) AS tabs, coalesce(sum(subtotal),0) AS subtotal, coalesce(sum(discount),0) AS discount,
                          coalesce(sum(tip),0) AS tips, coalesce(sum(total),0) AS total
                     FROM tabs WHERE shift_id = %s AND status = 'closed'""", (shift_id,))
    totals = cur.fetchone()
    cur.execute("SELECT count(*) AS n FROM tabs WHERE shift_id = %s AND status = 'open'", (shift_id,))
    totals['open_tabs'] = cur.fetchone()['n']
    return by_method, totals


class CloseShift(BaseHandler):
    @require_pos
    def GET(self):
        shift = current_shift(self.cur)
        by_method, totals = shift_summary(self.cur, shift['id'])
        return render_plain.pos_close_shift(shift, by_method, totals)

    @require_pos
    def POST(self):
        shift = current_shift(self.cur)
        by_method, totals = shift_summary(self.cur, shift['id'])
        if totals['open_tabs']:
            return render_plain.pos_close_shift(shift, by_method, totals, error='Close all tabs first')
        cash_in = Decimal(by_method.get('cash', {}).get('amount') or 0)
        expected = Decimal(shift['opening_cash']) + cash_in
        counted = safe_decimal(self.params.get('counted_cash'), Decimal('0'))
        self.cur.execute("SELECT coalesce(max(z_report_no), 0) + 1 AS z FROM till_shifts")
        z = self.cur.fetchone()['z']
        self.cur.execute("""UPDATE till_shifts SET closed_at = now(), counted_cash = %s, expected_cash = %s,
                                   over_short = %s, z_report_no = %s WHERE id = %s""",
                         (counted, expected, counted - expected, z, shift['id']))
        db.commit()
        raise web.seeother('/pos/login')


# ---------------------------------------------------------------------------
# taps + menu
# ---------------------------------------------------------------------------

def tap_list(cur):
    cur.execute("""
        SELECT t.id, t.tap_no, t.tapped_on, t.est_pints_left, t.active,
               r.name AS beer, r.style, r.target_abv AS abv, k.serial AS keg_serial
          FROM taps t
     LEFT JOIN recipes r ON r.id = t.recipe_id
     LEFT JOIN kegs k ON k.id = t.keg_id
         ORDER BY t.tap_no""")
    return cur.fetchall()


class TapList(BaseHandler):
    """public tap list (the TV menu board polls ?format=json every minute)"""

    def GET(self):
        taps = [t for t in tap_list(self.cur) if t['active'] and t['beer']]
        if self.params.get('format') == 'json':
            return json_response([{'tap': t['tap_no'], 'beer': t['beer'], 'style': t['style'],
                                   'abv': t['abv'], 'low': (t['est_pints_left'] or 0) < 15} for t in taps])
        return render_plain.tap_board(taps)


class TapKeg(BaseHandler):
    """put a keg on a tap.  kicks whatever was on it."""

    @require_pos
    def POST(self, tap_id):
        serial = (self.params.get('serial') or '').strip()
        cur = self.cur
        cur.execute("""SELECT k.id, k.status, pf.code, pr.batch_id, b.recipe_id
                         FROM kegs k
                         JOIN package_formats pf ON pf.id = k.format_id
                    LEFT JOIN packaging_runs pr ON pr.id = k.current_run_id
                    LEFT JOIN brew_batches b ON b.id = pr.batch_id
                        WHERE upper(k.serial) = upper(%s)""", (serial,))
        keg = cur.fetchone()
        if not keg or keg['status'] != 'filled':
            flash('Keg %s is not a full keg' % serial, 'error')
            raise web.seeother('/pos/taps')
        cur.execute("SELECT keg_id FROM taps WHERE id = %s", (tap_id,))
        old = cur.fetchone()
        if old and old['keg_id']:
            cur.execute("UPDATE kegs SET status = 'empty', current_run_id = NULL, location = 'DOCK' WHERE id = %s",
                        (old['keg_id'],))
            cur.execute("INSERT INTO keg_movements (keg_id, action, note) VALUES (%s, 'kick', 'taproom')",
                        (old['keg_id'],))
        pints = PINTS_PER_HALF_BBL if keg['code'] == 'HALF' else PINTS_PER_SIXTEL
        cur.execute("""UPDATE taps SET keg_id = %s, recipe_id = %s, tapped_on = now(), est_pints_left = %s
                        WHERE id = %s""", (keg['id'], keg['recipe_id'], pints, tap_id))
        cur.execute("UPDATE kegs SET status = 'on_tap', location = 'TAPROOM' WHERE id = %s", (keg['id'],))
        cur.execute("INSERT INTO keg_movements (keg_id, action, note) VALUES (%s, 'tap', %s)",
                    (keg['id'], 'tap %s' % tap_id))
        db.commit()
        raise web.seeother('/pos/taps')


def pour_from_tap(cur, tap_id, oz):
    cur.execute("UPDATE taps SET est_pints_left = greatest(est_pints_left - %s, 0) WHERE id = %s",
                (Decimal(oz) / config.PINT_OZ, tap_id))


def menu(cur, category=None):
    sql = """SELECT mi.*, t.id AS tap_id, t.tap_no
               FROM menu_items mi
          LEFT JOIN taps t ON t.recipe_id = mi.recipe_id AND t.active
              WHERE mi.active"""
    if category:
        sql += " AND mi.category = '%s'" % category
    cur.execute(sql + " ORDER BY mi.category, t.tap_no NULLS LAST, mi.name")
    return cur.fetchall()


# ---------------------------------------------------------------------------
# tabs
# ---------------------------------------------------------------------------

def getOpenTabs(cur):
    cur.execute("""SELECT t.*, m.first_name, m.last_name, m.mug_number
                     FROM tabs t LEFT JOIN mug_club_members m ON m.id = t.member_id
                    WHERE t.status = 'open' ORDER BY t.opened_at""")
    return cur.fetchall()


def get_tab(cur, tab_id):
    cur.execute("SELECT * FROM tabs WHERE id = %s", (tab_id,))
    return cur.fetchone()


def tab_lines(cur, tab_id):
    cur.execute("""SELECT tl.*, mi.name, mi.category
                     FROM tab_lines tl JOIN menu_items mi ON mi.id = tl.menu_item_id
                    WHERE tl.tab_id = %s ORDER BY tl.id""", (tab_id,))
    return cur.fetchall()


def calc_tab_totals(cur, tab_id):
    cur.execute("""SELECT coalesce(sum(tl.qty * tl.unit_price), 0) AS subtotal,
                          coalesce(sum(tl.discount), 0) AS discount,
                          coalesce(sum(CASE WHEN mi.taxable THEN tl.qty * tl.unit_price - tl.discount END), 0) AS taxable
                     FROM tab_lines tl JOIN menu_items mi ON mi.id = tl.menu_item_id
                    WHERE tl.tab_id = %s AND NOT tl.voided""", (tab_id,))
    r = cur.fetchone()
    tax = round_money(Decimal(r['taxable']) * Decimal(str(config.SALES_TAX_RATE)))
    total = round_money(Decimal(r['subtotal']) - Decimal(r['discount']) + tax)
    cur.execute("UPDATE tabs SET subtotal = %s, discount = %s, sales_tax = %s, total = %s + tip WHERE id = %s",
                (r['subtotal'], r['discount'], tax, total, tab_id))
    return r['subtotal'], r['discount'], tax, total


class PosHome(BaseHandler):
    @require_pos
    def GET(self):
        shift = current_shift(self.cur)
        return render_plain.pos_home(shift, getOpenTabs(self.cur), pos_user())


class OpenTab(BaseHandler):
    @require_pos
    def POST(self):
        shift = current_shift(self.cur)
        if not shift:
            flash('Open the till first', 'error')
            raise web.seeother('/pos')
        self.cur.execute("""INSERT INTO tabs (shift_id, table_label, member_id)
                            VALUES (%s, %s, %s) RETURNING id""",
                         (shift['id'], self.params.get('label'), safe_int(self.params.get('member_id'))))
        tab_id = self.cur.fetchone()['id']
        db.commit()
        raise web.seeother('/pos/tabs/%d' % tab_id)


class TabView(BaseHandler):
    @require_pos
    def GET(self, tab_id):
        tab = get_tab(self.cur, tab_id)
        member = mugclub.get_member(self.cur, tab['member_id']) if tab['member_id'] else None
        return render_plain.pos_tab(tab, tab_lines(self.cur, tab_id), menu(self.cur), member)


class AddItem(JsonHandler):
    @require_pos
    def POST(self, tab_id):
        cur = self.cur
        tab = get_tab(cur, tab_id)
        if tab['status'] != 'open':
            return self.error('tab is closed')
        item_id = safe_int(self.params.get('menu_item_id'))
        qty = safe_int(self.params.get('qty'), 1)
        cur.execute("SELECT * FROM menu_items WHERE id = %s AND active", (item_id,))
        item = cur.fetchone()
        if not item:
            return self.error('no such item')
        pour_oz, discount = item['pour_oz'], Decimal('0')
        if tab['member_id']:
            pour_oz, discount = mugclub.member_discount(cur, tab['member_id'], item)
        tap_id = safe_int(self.params.get('tap_id'))
        cur.execute("""INSERT INTO tab_lines (tab_id, menu_item_id, tap_id, qty, unit_price, pour_oz, discount)
                       VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                    (tab_id, item_id, tap_id, qty, item['price'], pour_oz, discount * qty))
        line_id = cur.fetchone()['id']
        if tap_id and pour_oz:
            pour_from_tap(cur, tap_id, Decimal(pour_oz) * qty)
        sub, disc, tax, total = calc_tab_totals(cur, tab_id)
        db.commit()
        return self.ok(line_id=line_id, subtotal=money(sub), total=money(total))


class VoidLine(JsonHandler):
    @require_pos
    def POST(self, tab_id, line_id):
        self.cur.execute("UPDATE tab_lines SET voided = true WHERE id = %s AND tab_id = %s", (line_id, tab_id))
        sub, disc, tax, total = calc_tab_totals(self.cur, tab_id)
        db.commit()
        return self.ok(subtotal=money(sub), total=money(total))


class AttachMember(JsonHandler):
    """scan mug club card / type mug number onto an open tab"""

    @require_pos
    def POST(self, tab_id):
        member_id = safe_int(self.params.get('member_id'))
        member = mugclub.get_member(self.cur, member_id)
        if not mugclub.is_active(member):
            return self.error('membership not active')
        self.cur.execute("UPDATE tabs SET member_id = %s WHERE id = %s AND status = 'open'", (member_id, tab_id))
        # re-price lines already on the tab
        for line in tab_lines(self.cur, tab_id):
            self.cur.execute("SELECT * FROM menu_items WHERE id = %s", (line['menu_item_id'],))
            item = self.cur.fetchone()
            pour, disc = mugclub.member_discount(self.cur, member_id, item)
            self.cur.execute("UPDATE tab_lines SET pour_oz = %s, discount = %s WHERE id = %s",
                             (pour, disc * line['qty'], line['id']))
        calc_tab_totals(self.cur, tab_id)
        db.commit()
        return self.ok(member='%s %s' % (member['first_name'], member['last_name']))


def close_tab(cur, tab_id):
    cur.execute("SELECT coalesce(sum(amount),0) AS paid FROM pos_payments WHERE tab_id = %s AND NOT refunded",
                (tab_id,))
    paid = Decimal(cur.fetchone()['paid'])
    tab = get_tab(cur, tab_id)
    if paid < Decimal(tab['total']):
        return False
    cur.execute("UPDATE tabs SET status = 'closed', closed_at = now() WHERE id = %s", (tab_id,))
    if tab['member_id']:
        # points on what they spent before tip
        mugclub.award_points(cur, tab['member_id'], Decimal(tab['subtotal']) - Decimal(tab['discount']), tab_id)
    return True


class PayTab(JsonHandler):
    @require_pos
    def POST(self, tab_id):
        i = self.params
        method = i.get('method')
        if method not in PAYMENT_METHODS:
            return self.error('bad payment method')
        amount = safe_decimal(i.get('amount'))
        tip = safe_decimal(i.get('tip'), Decimal('0'))
        if tip:
            self.cur.execute("UPDATE tabs SET tip = tip + %s WHERE id = %s", (tip, tab_id))
            calc_tab_totals(self.cur, tab_id)
        self.cur.execute("""INSERT INTO pos_payments (tab_id, method, amount, card_last4, auth_code)
                            VALUES (%s, %s, %s, %s, %s)""",
                         (tab_id, method, amount, i.get('last4'), i.get('auth_code')))
        closed = close_tab(self.cur, tab_id)
        db.commit()
        return self.ok(closed=closed)


class RefundPayment(JsonHandler):
    @require_pos
    def POST(self, payment_id):
        if pos_user()['role'] != 'manager':
            return self.error('manager only', '403 Forbidden')
        self.cur.execute("UPDATE pos_payments SET refunded = true WHERE id = %s RETURNING tab_id", (payment_id,))
        row = self.cur.fetchone()
        if row:
            self.cur.execute("UPDATE tabs SET status = 'open', closed_at = NULL WHERE id = %s", (row['tab_id'],))
        db.commit()
        return self.ok()


def daily_sales(cur, day):
    cur.execute("""
        SELECT mi.category, mi.name, sum(tl.qty) AS qty,
               sum(tl.qty * tl.unit_price - tl.discount) AS net,
               sum(tl.qty * coalesce(tl.pour_oz, 0)) AS oz
          FROM tab_lines tl
          JOIN tabs t ON t.id = tl.tab_id
          JOIN menu_items mi ON mi.id = tl.menu_item_id
         WHERE t.status = 'closed' AND NOT tl.voided AND t.closed_at::date = %s
         GROUP BY mi.category, mi.name
         ORDER BY mi.category, net DESC""", (day,))
    return cur.fetchall()
