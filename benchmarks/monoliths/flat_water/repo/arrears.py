"""Credit control: dunning, payment arrangements, disconnections & reconnections.

Council credit control policy v4 (2021):
  * reminder at 30 days, final notice at 45 days, disconnection notice at 60 days
  * no disconnection for indigent or medical-hold accounts (restrict flow instead - not implemented)
  * reconnection only after arrears paid or payment plan signed, plus reconnection fee
"""
import datetime
import logging
from decimal import Decimal

import config
import db
import utils
import auth
import billing
from models import Account, PaymentPlan

log = logging.getLogger('water.arrears')

NOTICE_REMINDER = 'REMINDER'
NOTICE_FINAL = 'FINAL'
NOTICE_DISCONNECT = 'DISCONNECT'


def arrears_for_account(account_id, as_of=None):
    as_of = as_of or utils.today().isoformat()
    row = db.query_one("SELECT SUM(b.total - COALESCE((SELECT SUM(pa.amount) FROM payment_allocations pa "
                       "WHERE pa.bill_id = b.id), 0)) AS overdue FROM bills b WHERE b.account_id = ? "
                       "AND b.status IN ('POSTED', 'PART') AND b.due_date < ?", (account_id, as_of))
    return utils.round_money(row['overdue'] if row and row['overdue'] else 0)


def oldest_overdue_days(account_id, as_of=None):
    as_of = as_of or utils.today()
    d = db.query_scalar("SELECT MIN(due_date) FROM bills WHERE account_id = ? AND status IN ('POSTED', 'PART') "
                        "AND due_date < ?", (account_id, as_of.isoformat()))
    if not d:
        return 0
    return (as_of - utils.parse_date(d)).days


def aged_balances(account_id, as_of=None):
    as_of = as_of or utils.today()
    buckets = {'current': Decimal('0'), '30': Decimal('0'), '60': Decimal('0'), '90': Decimal('0'),
               '120+': Decimal('0')}
    for b in billing.outstanding_bills(account_id):
        age = (as_of - utils.parse_date(b['due_date'])).days
        amt = utils.to_decimal(b['open_amount'])
        if age <= 0:
            buckets['current'] += amt
        elif age <= 30:
            buckets['30'] += amt
        elif age <= 60:
            buckets['60'] += amt
        elif age <= 90:
            buckets['90'] += amt
        else:
            buckets['120+'] += amt
    return buckets


def accounts_in_arrears(min_amount=None, min_days=30):
    min_amount = utils.to_decimal(min_amount or '50.00')
    cutoff = (utils.today() - datetime.timedelta(days=min_days)).isoformat()
    rows = db.query_all("SELECT DISTINCT a.id, a.account_no, a.indigent, a.medical_hold FROM accounts a "
                        "JOIN bills b ON b.account_id = a.id WHERE a.status = 'ACTIVE' "
                        "AND b.status IN ('POSTED', 'PART') AND b.due_date < ?", (cutoff,))
    out = []
    for r in rows:
        amt = arrears_for_account(r['id'])
        if amt >= min_amount:
            r['arrears'] = amt
            out.append(r)
    return out


def has_active_plan(account_id):
    return db.query_one("SELECT id FROM payment_plans WHERE account_id = ? AND status = 'ACTIVE'",
                        (account_id,)) is not None


def last_notice(account_id):
    return db.query_one("SELECT * FROM dunning_notices WHERE account_id = ? AND status = 'ISSUED' "
                        "ORDER BY issued_on DESC, id DESC LIMIT 1", (account_id,))


def _issue_notice(account_id, notice_type, amount, days_to_pay):
    issued = utils.today()
    due = utils.next_business_day(issued + datetime.timedelta(days=days_to_pay))
    nid = db.execute('INSERT INTO dunning_notices (account_id, notice_type, arrears_amount, issued_on, due_by) '
                     'VALUES (?, ?, ?, ?, ?)', (account_id, notice_type, str(amount), issued.isoformat(),
                                                due.isoformat()))
    import notify
    notify.send_dunning_letter(nid)
    return nid


def issue_reminder(account_id, amount):
    return _issue_notice(account_id, NOTICE_REMINDER, amount, 14)


def issue_final_notice(account_id, amount):
    return _issue_notice(account_id, NOTICE_FINAL, amount, 7)


def issue_disconnection_notice(account_id, amount):
    nid = _issue_notice(account_id, NOTICE_DISCONNECT, amount, 14)
    import notify
    notify.send_disconnection_sms(account_id, nid)
    return nid


def is_protected_from_disconnection(account_id):
    a = Account.get(account_id)
    if a is None:
        return True
    if a.indigent or a.medical_hold:
        return True
    # open billing query = no cut-off (ombudsman ruling 2022)
    q = db.query_one("SELECT c.id FROM complaints c JOIN complaint_categories cc ON cc.id = c.category_id "
                     "WHERE c.account_id = ? AND cc.code = 'BILLQ' AND c.status NOT IN ('RESOLVED', 'CLOSED')",
                     (account_id,))
    return q is not None


def run_dunning(as_of=None):
    as_of = as_of or utils.today()
    issued = {'reminder': 0, 'final': 0, 'disconnect': 0, 'scheduled': 0}
    for acc in accounts_in_arrears():
        aid = acc['id']
        if has_active_plan(aid):
            continue
        days = oldest_overdue_days(aid, as_of)
        prev = last_notice(aid)
        prev_type = prev['notice_type'] if prev else None
        if days >= 60 and prev_type == NOTICE_DISCONNECT:
            if utils.parse_date(prev['due_by']) < as_of and not is_protected_from_disconnection(aid):
                if schedule_disconnection(aid, prev['id']):
                    issued['scheduled'] += 1
        elif days >= 60 and prev_type == NOTICE_FINAL:
            issue_disconnection_notice(aid, acc['arrears'])
            issued['disconnect'] += 1
        elif days >= 45 and prev_type == NOTICE_REMINDER:
            issue_final_notice(aid, acc['arrears'])
            issued['final'] += 1
        elif days >= 30 and prev_type is None:
            issue_reminder(aid, acc['arrears'])
            issued['reminder'] += 1
    log.info('dunning run: %s', issued)
    return issued


def schedule_disconnection(account_id, notice_id=None):
    import core
    import field
    a = Account.get(account_id)
    conn = core.get_connection_for_premise(a.premise_id)
    if not conn or conn['status'] != 'ACTIVE':
        return None
    existing = db.query_one("SELECT id FROM disconnections WHERE account_id = ? AND status = 'SCHEDULED'",
                            (account_id,))
    if existing:
        return existing['id']
    sched = utils.next_business_day(utils.today() + datetime.timedelta(days=2))
    did = db.execute('INSERT INTO disconnections (account_id, connection_id, notice_id, scheduled_on) '
                     'VALUES (?, ?, ?, ?)', (account_id, conn['id'], notice_id, sched.isoformat()))
    wo_id = field.create_work_order('DISCONNECT', premise_id=a.premise_id, connection_id=conn['id'],
                                    account_id=account_id, description='Credit control disconnection',
                                    source='DISCONNECT', source_ref=did, scheduled_for=sched.isoformat())
    db.execute('UPDATE disconnections SET work_order_id = ? WHERE id = ?', (wo_id, did))
    return did


def cancel_disconnection(disconnection_id, reason):
    import field
    d = db.query_one('SELECT * FROM disconnections WHERE id = ?', (disconnection_id,))
    if not d or d['status'] != 'SCHEDULED':
        return False
    db.execute("UPDATE disconnections SET status = 'CANCELLED' WHERE id = ?", (disconnection_id,))
    if d['work_order_id']:
        field.cancel_work_order(d['work_order_id'], reason)
    return True


def confirm_disconnection(disconnection_id, done_on=None):
    import core
    d = db.query_one('SELECT * FROM disconnections WHERE id = ?', (disconnection_id,))
    done_on = done_on or utils.today().isoformat()
    db.execute("UPDATE disconnections SET status = 'DONE', disconnected_on = ? WHERE id = ?", (done_on, disconnection_id))
    core.set_connection_status(d['connection_id'], 'DISCONNECTED')
    db.execute("UPDATE accounts SET status = 'SUSPENDED' WHERE id = ?", (d['account_id'],))


def request_reconnection(account_id):
    import field
    d = db.query_one("SELECT * FROM disconnections WHERE account_id = ? AND status = 'DONE' "
                     "ORDER BY disconnected_on DESC LIMIT 1", (account_id,))
    if not d:
        return None
    if arrears_for_account(account_id) > 0 and not has_active_plan(account_id):
        return None
    fee = utils.to_decimal(config.get('reconnection_fee', '350.00'))
    billing.create_adjustment(account_id, fee, 'Reconnection fee')
    a = Account.get(account_id)
    wo_id = field.create_work_order('RECONNECT', premise_id=a.premise_id, connection_id=d['connection_id'],
                                    account_id=account_id, description='Reconnect after payment',
                                    source='RECONNECT', source_ref=d['id'], priority=1)
    db.execute("UPDATE disconnections SET status = 'RECONNECT_REQ', reconnect_wo_id = ?, reconnection_fee = ? "
               "WHERE id = ?", (wo_id, str(fee), d['id']))
    return wo_id


def confirm_reconnection(disconnection_id, done_on=None):
    import core
    d = db.query_one('SELECT * FROM disconnections WHERE id = ?', (disconnection_id,))
    db.execute("UPDATE disconnections SET status = 'RECONNECTED', reconnected_on = ? WHERE id = ?",
               (done_on or utils.today().isoformat(), disconnection_id))
    core.set_connection_status(d['connection_id'], 'ACTIVE')
    db.execute("UPDATE accounts SET status = 'ACTIVE' WHERE id = ?", (d['account_id'],))


def on_payment_received(account_id, payment_id):
    """called from billing.record_payment"""
    if arrears_for_account(account_id) <= 0:
        db.execute("UPDATE dunning_notices SET status = 'SETTLED' WHERE account_id = ? AND status = 'ISSUED'",
                   (account_id,))
        d = db.query_one("SELECT id FROM disconnections WHERE account_id = ? AND status = 'SCHEDULED'", (account_id,))
        if d:
            cancel_disconnection(d['id'], 'arrears paid')
    apply_to_installments(account_id, payment_id)


def create_payment_plan(account_id, installments, deposit_pct=20):
    if has_active_plan(account_id):
        raise ValueError('account already has an active plan')
    total = arrears_for_account(account_id)
    if total <= 0:
        raise ValueError('nothing in arrears')
    pid = db.execute('INSERT INTO payment_plans (account_id, total_amount, installments, start_date, created_by) '
                     'VALUES (?, ?, ?, ?, ?)', (account_id, str(total), installments, utils.today().isoformat(),
                                                auth.current_user_id()))
    for seq, (due, amt) in enumerate(plan_schedule(total, installments, deposit_pct), 1):
        db.execute('INSERT INTO plan_installments (plan_id, seq, due_date, amount) VALUES (?, ?, ?, ?)',
                   (pid, seq, due.isoformat(), str(amt)))
    db.execute("UPDATE dunning_notices SET status = 'ON_PLAN' WHERE account_id = ? AND status = 'ISSUED'", (account_id,))
    return pid


def plan_schedule(total, installments, deposit_pct=20, start=None):
    start = start or utils.today()
    total = utils.to_decimal(total)
    deposit = utils.round_money(total * Decimal(deposit_pct) / Decimal(100))
    rest = total - deposit
    each = utils.round_money(rest / Decimal(max(1, installments - 1))) if installments > 1 else Decimal('0')
    out = [(start, deposit if installments > 1 else total)]
    for i in range(1, installments):
        amt = each if i < installments - 1 else rest - each * (installments - 2)
        out.append((utils.add_months(start, i), utils.round_money(amt)))
    return out


def apply_to_installments(account_id, payment_id):
    plan = db.query_one("SELECT id FROM payment_plans WHERE account_id = ? AND status = 'ACTIVE'", (account_id,))
    if not plan:
        return
    amount = utils.to_decimal(db.query_scalar('SELECT amount FROM payments WHERE id = ?', (payment_id,), 0))
    for inst in PaymentPlan.get(plan['id']).installments_due():
        if amount <= 0:
            break
        need = utils.to_decimal(inst['amount']) - utils.to_decimal(inst['paid_amount'])
        take = min(need, amount)
        new_paid = utils.to_decimal(inst['paid_amount']) + take
        db.execute('UPDATE plan_installments SET paid_amount = ?, status = ? WHERE id = ?',
                   (str(new_paid), 'PAID' if new_paid >= utils.to_decimal(inst['amount']) else 'PART', inst['id']))
        amount -= take
    left = db.query_scalar("SELECT COUNT(*) FROM plan_installments WHERE plan_id = ? AND status != 'PAID'",
                           (plan['id'],), 0)
    if not left:
        db.execute("UPDATE payment_plans SET status = 'COMPLETED' WHERE id = ?", (plan['id'],))


def check_plan_defaults(grace_days=7):
    cutoff = (utils.today() - datetime.timedelta(days=grace_days)).isoformat()
    rows = db.query_all("SELECT DISTINCT p.id, p.account_id FROM payment_plans p JOIN plan_installments i "
                        "ON i.plan_id = p.id WHERE p.status = 'ACTIVE' AND i.status != 'PAID' AND i.due_date < ?",
                        (cutoff,))
    for r in rows:
        db.execute("UPDATE payment_plans SET status = 'DEFAULTED' WHERE id = ?", (r['id'],))
        issue_final_notice(r['account_id'], arrears_for_account(r['account_id']))
    return len(rows)


def legacy_cutoff_list():
    # TODO remove - replaced by run_dunning() in 2021. the depot still prints this sometimes
    return db.query_all("SELECT a.account_no, p.street_no, p.street FROM accounts a JOIN premises p "
                        "ON p.id = a.premise_id JOIN dunning_notices n ON n.account_id = a.id "
                        "WHERE n.notice_type = 'DISCONNECT' AND n.status = 'ISSUED'")
