# mugclub.py
# Mug Club: annual membership, your own numbered mug on the wall, 20oz pour
# for the pint price, points on every purchase.  - Jess, 2020
import datetime
import logging
from decimal import Decimal

import web

import config
from lib import db, mailer
from lib.handlers import BaseHandler, JsonHandler, render, require_login, flash, json_response
from lib.util import safe_int, parse_date, today, add_years, round_money, format_money

log = logging.getLogger('hopyard.mugclub')

MEMBER_DISCOUNT_PCT = Decimal('0.10')      # 10% off merch / food
BIRTHDAY_POINTS = 50


def next_member_no(cur):
    cur.execute("SELECT max(member_no) AS m FROM mug_club_members")
    m = cur.fetchone()['m']
    n = int(m[1:]) + 1 if m else 1
    return 'M%04d' % n


def available_mug_numbers(cur):
    cur.execute("""SELECT mug_number FROM mug_club_members
                    WHERE status = 'active' AND mug_number IS NOT NULL""")
    taken = set(r['mug_number'] for r in cur.fetchall())
    return [n for n in range(1, config.MUG_CLUB_MAX_MUGS + 1) if n not in taken]


def get_member(cur, member_id):
    cur.execute("SELECT * FROM mug_club_members WHERE id = %s", (member_id,))
    return cur.fetchone()


def lookup_member(cur, q):
    """by mug number, member no, phone or email -- the POS search box"""
    q = (q or '').strip()
    if not q:
        return []
    if q.isdigit() and len(q) <= 3:
        cur.execute("SELECT * FROM mug_club_members WHERE mug_number = %s", (int(q),))
    elif q.upper().startswith('M') and q[1:].isdigit():
        cur.execute("SELECT * FROM mug_club_members WHERE member_no = %s", (q.upper(),))
    else:
        like = '%' + q.lower() + '%'
        cur.execute("""SELECT * FROM mug_club_members
                        WHERE lower(email) LIKE %s OR regexp_replace(phone, '[^0-9]', '', 'g') LIKE %s
                           OR lower(last_name) LIKE %s
                        ORDER BY last_name LIMIT 20""", (like, like.replace('-', ''), like))
    return cur.fetchall()


def is_active(member):
    return member and member['status'] == 'active' and (member['expires_on'] is None
                                                        or member['expires_on'] >= today())


def member_discount(cur, member_id, menu_item):
    """returns (pour_oz, discount) for a line.  draft -> mug pour at same price,
    merch/food -> 10% off.  nothing on growlers (OLCC rule?)"""
    member = get_member(cur, member_id)
    if not is_active(member):
        return menu_item.get('pour_oz'), Decimal('0')
    cat = menu_item['category']
    if cat == 'draft' and menu_item.get('pour_oz') and Decimal(menu_item['pour_oz']) >= config.PINT_OZ:
        return Decimal(config.MUG_POUR_OZ), Decimal('0')
    if cat in ('merch', 'food'):
        return menu_item.get('pour_oz'), round_money(Decimal(menu_item['price']) * MEMBER_DISCOUNT_PCT)
    return menu_item.get('pour_oz'), Decimal('0')


# --- points ----------------------------------------------------------------

def points_balance(cur, member_id):
    cur.execute("""SELECT balance_after FROM loyalty_ledger WHERE member_id = %s
                    ORDER BY id DESC LIMIT 1""", (member_id,))
    row = cur.fetchone()
    return row['balance_after'] if row else 0


def _ledger(cur, member_id, points, reason, tab_id=None):
    bal = points_balance(cur, member_id) + points
    if bal < 0:
        raise ValueError('not enough points')
    cur.execute("""INSERT INTO loyalty_ledger (member_id, points, reason, tab_id, balance_after)
                   VALUES (%s, %s, %s, %s, %s)""", (member_id, points, reason, tab_id, bal))
    return bal


def award_points(cur, member_id, amount, tab_id=None):
    """called from taproom.close_tab"""
    member = get_member(cur, member_id)
    if not is_active(member):
        return 0
    pts = int(Decimal(amount) * config.POINTS_PER_DOLLAR)
    if pts <= 0:
        return 0
    _ledger(cur, member_id, pts, 'purchase', tab_id)
    return pts


def redeem_reward(cur, member_id, reward_id, tab_id=None, staff_id=None):
    cur.execute("SELECT * FROM rewards WHERE id = %s AND active", (reward_id,))
    reward = cur.fetchone()
    if reward is None:
        raise ValueError('no such reward')
    _ledger(cur, member_id, -reward['points_cost'], 'redeem', tab_id)
    cur.execute("""INSERT INTO reward_redemptions (member_id, reward_id, tab_id, points_spent, staff_id)
                   VALUES (%s, %s, %s, %s, %s)""", (member_id, reward_id, tab_id, reward['points_cost'], staff_id))
    return reward


# --- membership ------------------------------------------------------------

def enroll_member(cur, first, last, email, phone=None, birthday=None, mug_number=None,
                  paid_amount=None, payment_method='card', tab_id=None):
    if mug_number is None:
        free = available_mug_numbers(cur)
        if not free:
            raise ValueError('mug wall is full')
        mug_number = free[0]
    start = today()
    end = add_years(start)
    member_no = next_member_no(cur)
    cur.execute("""INSERT INTO mug_club_members (member_no, first_name, last_name, email, phone, mug_number,
                                                joined_on, expires_on, status, birthday)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'active', %s) RETURNING id""",
                (member_no, first, last, email, phone, mug_number, start, end, birthday))
    member_id = cur.fetchone()['id']
    cur.execute("""INSERT INTO mug_club_renewals (member_id, paid_on, amount, period_start, period_end,
                                                  payment_method, pos_tab_id)
                   VALUES (%s, %s, %s, %s, %s, %s, %s)""",
                (member_id, start, paid_amount or config.MUG_CLUB_FEE, start, end, payment_method, tab_id))
    return member_id, member_no, mug_number


def renew_member(cur, member_id, amount=None, payment_method='card', tab_id=None):
    m = get_member(cur, member_id)
    start = max(m['expires_on'] or today(), today())
    end = add_years(start)
    cur.execute("""INSERT INTO mug_club_renewals (member_id, paid_on, amount, period_start, period_end,
                                                  payment_method, pos_tab_id)
                   VALUES (%s, current_date, %s, %s, %s, %s, %s)""",
                (member_id, amount or config.MUG_CLUB_FEE, start, end, payment_method, tab_id))
    cur.execute("UPDATE mug_club_members SET expires_on = %s, status = 'active' WHERE id = %s", (end, member_id))
    return end


def send_welcome_email(member):
    if not member.get('email'):
        return False
    return mailer.send_template(member['email'], 'Welcome to the Hopyard Mug Club!', 'mug_welcome',
                                first_name=member['first_name'], mug_number=member['mug_number'],
                                expires_on=member['expires_on'])


class MemberList(BaseHandler):
    @require_login
    def GET(self):
        status = self.params.get('status', 'active')
        q = self.params.get('q')
        if q:
            rows = lookup_member(self.cur, q)
        else:
            self.cur.execute("""SELECT m.*, (SELECT balance_after FROM loyalty_ledger l WHERE l.member_id = m.id
                                              ORDER BY l.id DESC LIMIT 1) AS points
                                  FROM mug_club_members m WHERE m.status = %s
                                 ORDER BY m.mug_number""", (status,))
            rows = self.cur.fetchall()
        return render.mug_members(rows, status, q)


class MemberDetail(BaseHandler):
    @require_login
    def GET(self, member_id):
        m = get_member(self.cur, member_id)
        if not m:
            self.not_found()
        self.cur.execute("SELECT * FROM mug_club_renewals WHERE member_id = %s ORDER BY paid_on DESC", (member_id,))
        renewals = self.cur.fetchall()
        self.cur.execute("SELECT * FROM loyalty_ledger WHERE member_id = %s ORDER BY id DESC LIMIT 50", (member_id,))
        ledger = self.cur.fetchall()
        self.cur.execute("""SELECT rr.*, r.name FROM reward_redemptions rr JOIN rewards r ON r.id = rr.reward_id
                             WHERE rr.member_id = %s ORDER BY rr.redeemed_at DESC""", (member_id,))
        redemptions = self.cur.fetchall()
        self.cur.execute("""SELECT count(*) AS visits, max(opened_at) AS last_visit, sum(total) AS spend
                              FROM tabs WHERE member_id = %s AND status = 'closed'""", (member_id,))
        stats = self.cur.fetchone()
        return render.mug_member(m, renewals, ledger, redemptions, stats)


class JoinClub(BaseHandler):
    @require_login
    def GET(self):
        return render.mug_join(available_mug_numbers(self.cur))

    @require_login
    def POST(self):
        i = self.params
        try:
            member_id, member_no, mug = enroll_member(
                self.cur, i.first_name.strip(), i.last_name.strip(), i.get('email'), i.get('phone'),
                parse_date(i.get('birthday')), safe_int(i.get('mug_number')),
                payment_method=i.get('payment_method', 'card'), tab_id=safe_int(i.get('tab_id')))
        except ValueError as e:
            db.rollback()
            flash(str(e), 'error')
            raise web.seeother('/mugclub/join')
        db.commit()
        try:
            send_welcome_email(get_member(self.cur, member_id))
        except Exception:
            log.exception('welcome mail failed for %s', member_no)
        self.redirect('/mugclub/members/%d' % member_id, 'Welcome %s, mug #%d' % (i.first_name, mug))


class RenewMember(BaseHandler):
    @require_login
    def POST(self, member_id):
        end = renew_member(self.cur, member_id, payment_method=self.params.get('payment_method', 'card'))
        db.commit()
        self.redirect('/mugclub/members/%s' % member_id, 'Renewed through %s' % end)


class MemberLookup(JsonHandler):
    """POS ajax search"""

    @require_login
    def GET(self):
        rows = lookup_member(self.cur, self.params.get('q'))
        out = []
        for r in rows:
            out.append({'id': r['id'], 'name': '%s %s' % (r['first_name'], r['last_name']),
                        'mug': r['mug_number'], 'active': bool(is_active(r)),
                        'points': points_balance(self.cur, r['id'])})
        return self.ok(members=out)


class Redeem(JsonHandler):
    @require_login
    def POST(self):
        i = self.params
        try:
            reward = redeem_reward(self.cur, safe_int(i.member_id), safe_int(i.reward_id),
                                   safe_int(i.get('tab_id')), safe_int(i.get('staff_id')))
        except ValueError as e:
            db.rollback()
            return self.error(str(e))
        db.commit()
        return self.ok(reward=reward['name'], menu_item_id=reward['menu_item_id'])
