"""
admin.py - back office admin screens' logic: branches, staff accounts,
licences, time clock, leave.  Plus the RxRewards admin (promotions, rewards,
manual point adjustments) because marketing uses the same admin login.
"""
import datetime
import hashlib
import hmac
import os

import common
import config
import constants
import dt_helpers
import loyalty_calc
import validators
from common import NotFound, ValidationError, PermissionDenied, audit
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id, transaction
from decorators import requires_role
from sql_queries import SQL_STAFF_BY_USERNAME, SQL_INSERT_POINTS

log = common.get_logger('rxbo.admin')

PBKDF2_ROUNDS = 20000


# ===========================================================================
# passwords (generic)
# ===========================================================================

def hash_password(password, salt=None):
    salt = salt or os.urandom(16).hex()
    digest = hashlib.pbkdf2_hmac('sha256', password.encode('utf-8'), salt.encode('ascii'), PBKDF2_ROUNDS).hex()
    return 'pbkdf2$%s$%s' % (salt, digest)


def check_password(password, stored):
    if not stored:
        return False
    if stored.startswith('pbkdf2$'):
        _, salt, _digest = stored.split('$', 2)
        return hmac.compare_digest(hash_password(password, salt), stored)
    # legacy md5 hashes from 2011 (!!) - rehashed on next login
    return hmac.compare_digest(hashlib.md5(password.encode('utf-8')).hexdigest(), stored)


# ===========================================================================
# BRANCHES
# ===========================================================================

def create_branch(data):
    common.require_fields(data, 'code', 'name')
    if data.get('zip') and not validators.validate_zip(data['zip']):
        raise ValidationError('bad zip')
    return insert_and_get_id(
        "INSERT INTO branches (code, name, address1, city, state, zip, phone, ncpdp_id, npi, dea_number, "
        "label_printer, opened_on, active) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 1)",
        (data['code'].upper(), data['name'], data.get('address1'), data.get('city'), data.get('state'),
         data.get('zip'), data.get('phone'), data.get('ncpdp_id'), data.get('npi'), data.get('dea_number'),
         data.get('label_printer') or config.LABEL_PRINTER_DEFAULT, data.get('opened_on')))


def get_branch(branch_id):
    b = query_one("SELECT * FROM branches WHERE id = %s", (branch_id,))
    if not b:
        raise NotFound('branch %s' % branch_id)
    return b


def list_branches(active_only=True):
    return query("SELECT * FROM branches" + (" WHERE active = 1" if active_only else "") + " ORDER BY code")


def update_branch(branch_id, data):
    allowed = ('name', 'address1', 'city', 'state', 'zip', 'phone', 'ncpdp_id', 'npi', 'dea_number',
               'label_printer', 'active')
    sets = ['%s = %%s' % k for k in allowed if k in data]
    if sets:
        execute("UPDATE branches SET " + ', '.join(sets) + " WHERE id = %s",
                [data[k] for k in allowed if k in data] + [branch_id])
        common.cache.delete('branch:%s' % branch_id)


# ===========================================================================
# STAFF
# ===========================================================================

def create_staff(data, password):
    common.require_fields(data, 'username', 'first_name', 'last_name', 'role', 'branch_id')
    if data['role'] not in (constants.ROLE_TECH, constants.ROLE_PHARMACIST, constants.ROLE_MANAGER,
                            constants.ROLE_CASHIER, constants.ROLE_ADMIN):
        raise ValidationError('bad role')
    if query_scalar("SELECT id FROM staff WHERE username = %s", (data['username'],)):
        raise ValidationError('username taken')
    sid = insert_and_get_id(
        "INSERT INTO staff (branch_id, username, password_hash, first_name, last_name, role, email, phone, "
        "hourly_rate, active, hired_on) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, 1, %s)",
        (data['branch_id'], data['username'].lower(), hash_password(password), data['first_name'],
         data['last_name'], data['role'], data.get('email'), data.get('phone'), data.get('hourly_rate'),
         data.get('hired_on') or dt_helpers.today()))
    audit('staff.create', 'staff', sid)
    return sid


def get_staff(staff_id):
    s = query_one("SELECT id, branch_id, username, first_name, last_name, role, email, phone, active, hired_on "
                  "FROM staff WHERE id = %s", (staff_id,))
    if not s:
        raise NotFound('staff %s' % staff_id)
    return s


def list_staff(branch_id=None, role=None):
    sql = "SELECT id, branch_id, username, first_name, last_name, role, active FROM staff WHERE active = 1"
    if branch_id:
        sql += " AND branch_id = %d" % int(branch_id)
    if role:
        sql += " AND role = '%s'" % role
    return query(sql + " ORDER BY last_name")


def deactivate_staff(staff_id):
    execute("UPDATE staff SET active = 0 WHERE id = %s", (staff_id,))
    execute("DELETE FROM shifts WHERE staff_id = %s AND shift_date > CURDATE()", (staff_id,))
    audit('staff.deactivate', 'staff', staff_id)


def authenticate(username, password):
    s = query_one(SQL_STAFF_BY_USERNAME, ((username or '').lower(),))
    if not s or not check_password(password, s['password_hash']):
        log.info('failed login for %s', username)
        return None
    if not s['password_hash'].startswith('pbkdf2$'):
        execute("UPDATE staff SET password_hash = %s WHERE id = %s", (hash_password(password), s['id']))
    execute("UPDATE staff SET last_login = NOW() WHERE id = %s", (s['id'],))
    del s['password_hash']
    return s


def change_password(staff_id, old, new):
    stored = query_scalar("SELECT password_hash FROM staff WHERE id = %s", (staff_id,))
    if not check_password(old, stored):
        raise PermissionDenied('wrong password')
    if len(new) < 8:
        raise ValidationError('password too short')
    execute("UPDATE staff SET password_hash = %s WHERE id = %s", (hash_password(new), staff_id))


def add_licence(staff_id, licence_type, number, state, expires_on, verified_by=None):
    return insert_and_get_id("INSERT INTO staff_licences (staff_id, licence_type, licence_number, state, expires_on, "
                             "verified_by) VALUES (%s, %s, %s, %s, %s, %s)",
                             (staff_id, licence_type, number, state, dt_helpers.parse_date(expires_on), verified_by))


def expiring_licences(days=60):
    return query("SELECT l.*, s.first_name, s.last_name, s.email, s.branch_id FROM staff_licences l "
                 "JOIN staff s ON s.id = l.staff_id WHERE s.active = 1 "
                 "AND l.expires_on <= DATE_ADD(CURDATE(), INTERVAL %s DAY) ORDER BY l.expires_on", (days,))


def licence_valid(staff_id, licence_type='RPH'):
    return bool(query_scalar("SELECT id FROM staff_licences WHERE staff_id = %s AND licence_type = %s "
                             "AND expires_on >= CURDATE()", (staff_id, licence_type)))


def is_pharmacist_on_duty(branch_id, at=None, exclude=None):
    """is there a (clocked in) pharmacist at the branch right now?"""
    sql = ("SELECT COUNT(*) FROM timesheets t JOIN staff s ON s.id = t.staff_id "
           "WHERE t.branch_id = %s AND t.clock_out IS NULL AND s.role = 'pharmacist'")
    args = [branch_id]
    if exclude:
        sql += " AND s.id <> %s"
        args.append(exclude)
    return query_scalar(sql, args, default=0) > 0


def old_is_pharmacist_scheduled(branch_id, when):
    # pre-timeclock version (2012). Used shifts instead of timesheets.  Dead?
    return query_scalar("SELECT COUNT(*) FROM shifts sh JOIN staff s ON s.id = sh.staff_id "
                        "WHERE sh.branch_id = %s AND sh.shift_date = %s AND s.role = 'pharmacist' "
                        "AND sh.start_time <= %s AND sh.end_time > %s",
                        (branch_id, when.date(), when.time(), when.time()), default=0) > 0


def transfer_staff(staff_id, new_branch_id):
    with transaction() as cur:
        cur.execute("UPDATE staff SET branch_id = %s WHERE id = %s", (new_branch_id, staff_id))
        cur.execute("DELETE FROM shifts WHERE staff_id = %s AND shift_date > CURDATE() AND branch_id <> %s",
                    (staff_id, new_branch_id))
    audit('staff.transfer', 'staff', staff_id, branch=new_branch_id)


def reset_password(staff_id):
    import notify
    s = get_staff(staff_id)
    temp = common.generate_ref('', 10)
    execute("UPDATE staff SET password_hash = %s WHERE id = %s", (hash_password(temp), staff_id))
    notify.send_email(s['email'], 'RxBO password reset',
                      'Your temporary password is %s - change it after logging in.' % temp)


def close_branch(branch_id, move_to_branch_id):
    """Branch closure (did this for 3 stores in 2015).  Moves staff and patients'
    preferred branch.  Stock must be transferred first (see transfer_stock)."""
    remaining = query_scalar("SELECT SUM(on_hand) FROM stock_levels WHERE branch_id = %s", (branch_id,), default=0)
    if remaining and remaining > 0:
        raise ValidationError('branch still has stock on hand')
    with transaction() as cur:
        cur.execute("UPDATE staff SET branch_id = %s WHERE branch_id = %s AND active = 1",
                    (move_to_branch_id, branch_id))
        cur.execute("UPDATE patients SET preferred_branch_id = %s WHERE preferred_branch_id = %s",
                    (move_to_branch_id, branch_id))
        cur.execute("DELETE FROM shifts WHERE branch_id = %s AND shift_date > CURDATE()", (branch_id,))
        cur.execute("UPDATE branches SET active = 0 WHERE id = %s", (branch_id,))
    common.cache.delete('branch:%s' % branch_id)
    audit('branch.close', 'branch', branch_id, moved_to=move_to_branch_id)


# ===========================================================================
# TIME CLOCK / LEAVE
# ===========================================================================

def clock_in(staff_id, branch_id):
    open_ = query_scalar("SELECT id FROM timesheets WHERE staff_id = %s AND clock_out IS NULL", (staff_id,))
    if open_:
        raise ValidationError('already clocked in')
    return insert_and_get_id("INSERT INTO timesheets (staff_id, branch_id, clock_in, closed) VALUES (%s, %s, NOW(), 0)",
                             (staff_id, branch_id))


def clock_out(staff_id):
    ts = query_one("SELECT * FROM timesheets WHERE staff_id = %s AND clock_out IS NULL ORDER BY id DESC LIMIT 1",
                   (staff_id,))
    if not ts:
        raise ValidationError('not clocked in')
    execute("UPDATE timesheets SET clock_out = NOW(), "
            "hours = ROUND(TIMESTAMPDIFF(MINUTE, clock_in, NOW()) / 60, 2) WHERE id = %s", (ts['id'],))
    return ts['id']


def request_leave(staff_id, start_date, end_date, leave_type='PTO'):
    s, e = dt_helpers.parse_date(start_date), dt_helpers.parse_date(end_date)
    if e < s:
        raise ValidationError('end before start')
    return insert_and_get_id("INSERT INTO leave_requests (staff_id, start_date, end_date, leave_type, status, "
                             "requested_at) VALUES (%s, %s, %s, %s, 'PENDING', NOW())", (staff_id, s, e, leave_type))


@requires_role('manager', 'admin')
def approve_leave(request_id, manager_id):
    lr = query_one("SELECT * FROM leave_requests WHERE id = %s", (request_id,))
    with transaction() as cur:
        cur.execute("UPDATE leave_requests SET status = 'APPROVED', approved_by = %s WHERE id = %s",
                    (manager_id, request_id))
        cur.execute("DELETE FROM shifts WHERE staff_id = %s AND shift_date BETWEEN %s AND %s",
                    (lr['staff_id'], lr['start_date'], lr['end_date']))


def deny_leave(request_id, manager_id):
    execute("UPDATE leave_requests SET status = 'DENIED', approved_by = %s WHERE id = %s", (manager_id, request_id))


def open_timesheets(branch_id):
    return query("SELECT t.*, s.first_name, s.last_name FROM timesheets t JOIN staff s ON s.id = t.staff_id "
                 "WHERE t.branch_id = %s AND t.closed = 0 ORDER BY t.clock_in", (branch_id,))


def edit_timesheet(ts_id, clock_in_at, clock_out_at, manager_id):
    ci = datetime.datetime.strptime(clock_in_at, '%Y-%m-%d %H:%M')
    co = datetime.datetime.strptime(clock_out_at, '%Y-%m-%d %H:%M') if clock_out_at else None
    hours = round((co - ci).total_seconds() / 3600.0, 2) if co else None
    execute("UPDATE timesheets SET clock_in = %s, clock_out = %s, hours = %s, approved_by = %s "
            "WHERE id = %s AND closed = 0", (ci, co, hours, manager_id, ts_id))
    audit('timesheet.edit', 'timesheet', ts_id, manager=manager_id)


# ===========================================================================
# RxREWARDS ADMIN
# ===========================================================================

def create_promotion(name, multiplier, start_date, end_date=None, code=None, min_spend=0, staff_id=None):
    return insert_and_get_id("INSERT INTO promotions (name, code, multiplier, min_spend, start_date, end_date, "
                             "created_by, active) VALUES (%s, %s, %s, %s, %s, %s, %s, 1)",
                             (name, code, multiplier, min_spend, dt_helpers.parse_date(start_date),
                              dt_helpers.parse_date(end_date), staff_id))


def end_promotion(promo_id):
    execute("UPDATE promotions SET active = 0, end_date = LEAST(COALESCE(end_date, CURDATE()), CURDATE()) "
            "WHERE id = %s", (promo_id,))


def active_promotions():
    return query("SELECT * FROM promotions WHERE active = 1 AND start_date <= CURDATE() "
                 "AND (end_date IS NULL OR end_date >= CURDATE()) ORDER BY start_date")


def create_reward(name, points_cost, reward_type='COUPON', value=None):
    return insert_and_get_id("INSERT INTO rewards (name, reward_type, points_cost, value, active) "
                             "VALUES (%s, %s, %s, %s, 1)", (name, reward_type, points_cost, value))


def list_rewards(active_only=True):
    return query("SELECT * FROM rewards" + (" WHERE active = 1" if active_only else "") + " ORDER BY points_cost")


def adjust_member_points(member_id, points, reason, staff_id):
    if not reason:
        raise ValidationError('reason required')
    with transaction() as cur:
        cur.execute(SQL_INSERT_POINTS, (member_id, points, 'ADJ:' + reason[:30], 'STAFF', staff_id,
                                        dt_helpers.add_months(dt_helpers.today(), config.POINTS_EXPIRY_MONTHS)))
        cur.execute("UPDATE loyalty_members SET points_balance = points_balance + %s WHERE id = %s",
                    (points, member_id))
    audit('loyalty.adjust', 'member', member_id, points=points, reason=reason)


def redeem_reward(member_id, reward_id, branch_id, staff_id):
    reward = query_one("SELECT * FROM rewards WHERE id = %s AND active = 1", (reward_id,))
    if not reward:
        raise NotFound('reward')
    with transaction() as cur:
        cur.execute("SELECT points_balance FROM loyalty_members WHERE id = %s FOR UPDATE", (member_id,))
        bal = cur.fetchone()['points_balance']
        if bal < reward['points_cost']:
            raise ValidationError('not enough points (%s)' % bal)
        cur.execute("UPDATE loyalty_members SET points_balance = points_balance - %s WHERE id = %s",
                    (reward['points_cost'], member_id))
        cur.execute("INSERT INTO points_ledger (member_id, points, reason, ref_type, ref_id, created_at) "
                    "VALUES (%s, %s, 'REDEEM', 'REWARD', %s, NOW())", (member_id, -reward['points_cost'], reward_id))
        cur.execute("INSERT INTO reward_redemptions (member_id, reward_id, points_spent, branch_id, staff_id, "
                    "redeemed_at) VALUES (%s, %s, %s, %s, %s, NOW())",
                    (member_id, reward_id, reward['points_cost'], branch_id, staff_id))
        return cur.lastrowid


def member_statement(member_id, months=12):
    m = query_one("SELECT * FROM loyalty_members WHERE id = %s", (member_id,))
    m['tier_label'] = common.loyalty_tier_label(m['tier'])
    m['ledger'] = query("SELECT * FROM points_ledger WHERE member_id = %s "
                        "AND created_at > DATE_SUB(NOW(), INTERVAL %s MONTH) ORDER BY created_at DESC",
                        (member_id, months))
    m['redeemable'] = loyalty_calc.redeemable_value(m['points_balance'])
    return m


def card_lookup(card_number):
    card = ''.join(c for c in (card_number or '') if c.isdigit())
    return query_one("SELECT m.*, p.first_name, p.last_name FROM loyalty_members m "
                     "JOIN patients p ON p.id = m.patient_id WHERE m.card_number = %s", (card,))


def suspend_member(member_id, reason):
    execute("UPDATE loyalty_members SET status = 'SUSPENDED' WHERE id = %s", (member_id,))
    audit('loyalty.suspend', 'member', member_id, reason=reason)


def reissue_card(member_id):
    import pharmacy
    new_card = pharmacy._new_card_number()  # FIXME private
    execute("UPDATE loyalty_members SET card_number = %s WHERE id = %s", (new_card, member_id))
    return new_card


def tier_review(dry_run=False):
    """annual tier review (January): tier = f(points earned in the last 12 months).
    Marketing runs this by hand from the admin screen."""
    rows = query("SELECT m.id, m.tier, COALESCE(SUM(CASE WHEN l.points > 0 THEN l.points END), 0) AS earned "
                 "FROM loyalty_members m LEFT JOIN points_ledger l ON l.member_id = m.id "
                 "AND l.created_at > DATE_SUB(NOW(), INTERVAL 12 MONTH) "
                 "WHERE m.status = 'ACTIVE' GROUP BY m.id, m.tier")
    changes = []
    for r in rows:
        new_tier = loyalty_calc.tier_for_points(int(r['earned']))
        if new_tier != r['tier']:
            changes.append((r['id'], r['tier'], new_tier))
            if not dry_run:
                execute("UPDATE loyalty_members SET tier = %s WHERE id = %s", (new_tier, r['id']), commit=False)
    if not dry_run:
        execute("SELECT 1")  # commit
    return changes


# ---------------------------------------------------------------------------
# staff bulk import (new store openings) - SP 2015
# ---------------------------------------------------------------------------

def bulk_import_staff(path, branch_id):
    rows = common.read_csv_rows(path)
    created = []
    for r in rows:
        try:
            sid = create_staff({'username': r['username'], 'first_name': r['first_name'],
                                'last_name': r['last_name'], 'role': r.get('role') or 'tech',
                                'branch_id': branch_id, 'email': r.get('email'),
                                'hourly_rate': r.get('rate')}, r.get('password') or common.generate_ref('', 10))
            created.append(sid)
            if r.get('licence_number'):
                add_licence(sid, r.get('licence_type') or 'RPH', r['licence_number'], r.get('state'),
                            r.get('licence_expires'))
        except ValidationError as e:
            log.warning('skip staff row %s: %s', r.get('username'), e)
    return created


def staff_hours_this_week(staff_id):
    start = dt_helpers.start_of_week(dt_helpers.today())
    return query_scalar("SELECT COALESCE(SUM(hours), 0) FROM timesheets WHERE staff_id = %s AND clock_in >= %s",
                        (staff_id, start), default=0)
