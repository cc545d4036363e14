import logging
import datetime
from decimal import Decimal

import config
import db
import utils
import auth
from models import Account, Bill, Tariff, Payment

log = logging.getLogger('water.billing')

LINE_WATER = 'WATER'
LINE_SEWER = 'SEWER'
LINE_FIXED = 'FIXED'
LINE_VAT = 'VAT'
LINE_REBATE = 'REBATE'
LINE_ADJ = 'ADJ'

FREE_BASIC_KL = Decimal('6')   # free basic water for indigent households


class BillingError(Exception):
    pass


def get_tariff(tariff_id):
    return db.query_one('SELECT * FROM tariffs WHERE id = ?', (tariff_id,))


def default_tariff_for_class(customer_class, on_date=None):
    on_date = on_date or utils.today().isoformat()
    return db.query_one('SELECT * FROM tariffs WHERE customer_class = ? AND active = 1 AND effective_from <= ? '
                        'AND (effective_to IS NULL OR effective_to >= ?) ORDER BY effective_from DESC LIMIT 1',
                        (customer_class, on_date, on_date))


def active_tariff_for_account(account_id, on_date=None):
    acct = db.query_one('SELECT a.tariff_id, c.customer_type FROM accounts a JOIN customers c '
                        'ON c.id = a.customer_id WHERE a.id = ?', (account_id,))
    if not acct:
        return None
    if acct['tariff_id']:
        t = get_tariff(acct['tariff_id'])
        if t and t['active']:
            return t
    return default_tariff_for_class(acct['customer_type'], on_date)


def tariff_blocks(tariff_id):
    return db.query_all('SELECT * FROM tariff_blocks WHERE tariff_id = ? ORDER BY block_no', (tariff_id,))


def create_tariff(code, name, customer_class, fixed_charge, sewer_pct, effective_from, blocks):
    tid = db.execute('INSERT INTO tariffs (code, name, customer_class, fixed_charge, sewer_pct, effective_from) '
                     'VALUES (?, ?, ?, ?, ?, ?)',
                     (code, name, customer_class, str(fixed_charge), str(sewer_pct), effective_from))
    for i, (frm, to, rate) in enumerate(blocks, 1):
        db.execute('INSERT INTO tariff_blocks (tariff_id, block_no, from_kl, to_kl, rate) VALUES (?,?,?,?,?)',
                   (tid, i, str(frm), None if to is None else str(to), str(rate)))
    return tid


def copy_tariff_for_new_year(tariff_id, effective_from, increase_pct):
    """annual tariff increase - council approves % in May, effective 1 July"""
    t = get_tariff(tariff_id)
    factor = Decimal('1') + Decimal(str(increase_pct)) / Decimal('100')
    blocks = [(b['from_kl'], b['to_kl'], utils.round_money(utils.to_decimal(b['rate']) * factor))
              for b in tariff_blocks(tariff_id)]
    new_id = create_tariff(t['code'], t['name'], t['customer_class'],
                           utils.round_money(utils.to_decimal(t['fixed_charge']) * factor),
                           t['sewer_pct'], effective_from, blocks)
    prev_end = (utils.parse_date(effective_from) - datetime.timedelta(days=1)).isoformat()
    db.execute('UPDATE tariffs SET effective_to = ? WHERE id = ?', (prev_end, tariff_id))
    db.execute('UPDATE accounts SET tariff_id = ? WHERE tariff_id = ?', (new_id, tariff_id))
    return new_id


def calc_block_charges(consumption, blocks, days=30):
    """step tariff. block limits are per 30 days so pro-rate them on the period length"""
    lines = []
    remaining = utils.to_decimal(consumption)
    scale = Decimal(days) / Decimal(30)
    for b in blocks:
        if remaining <= 0:
            break
        frm = utils.to_decimal(b['from_kl']) * scale
        if b['to_kl'] is None:
            qty = remaining
        else:
            qty = min(remaining, utils.to_decimal(b['to_kl']) * scale - frm)
        if qty <= 0:
            continue
        amt = utils.round_money(qty * utils.to_decimal(b['rate']))
        lines.append({'line_type': LINE_WATER, 'description': 'Water block %s' % b['block_no'],
                      'qty': qty, 'rate': b['rate'], 'amount': amt})
        remaining -= qty
    return lines


def calc_sewer_charge(water_amount, tariff):
    pct = utils.to_decimal(tariff['sewer_pct'])
    if not pct:
        return Decimal('0')
    return utils.round_money(utils.to_decimal(water_amount) * pct / Decimal('100'))


def calc_fixed_charges(tariff, days=30):
    return utils.round_money(utils.to_decimal(tariff['fixed_charge']) * Decimal(days) / Decimal(30))


def calc_vat(amount):
    rate = Decimal(config.get('vat_rate', '0.15'))
    return utils.round_money(utils.to_decimal(amount) * rate)


def indigent_rebate(blocks, days=30):
    first = blocks[0] if blocks else None
    if not first:
        return Decimal('0')
    qty = FREE_BASIC_KL * Decimal(days) / Decimal(30)
    return utils.round_money(qty * utils.to_decimal(first['rate']))


def billable_reading_pair(account_id, period_end):
    """last billed reading and newest unbilled valid reading on the account's connection"""
    acct = Account.get(account_id)
    rows = db.query_all("SELECT r.* FROM meter_readings r JOIN service_connections sc ON sc.id = r.connection_id "
                        "WHERE sc.premise_id = ? AND r.status = 'VALID' AND r.read_date <= ? "
                        "ORDER BY r.read_date DESC, r.id DESC LIMIT 12", (acct.premise_id, period_end))
    to_read = None
    from_read = None
    for r in rows:
        if to_read is None and not r['billed']:
            to_read = r
        elif to_read is not None and r['billed']:
            from_read = r
            break
    return from_read, to_read


def build_bill_lines(account_id, consumption, days, tariff):
    acct = Account.get(account_id)
    blocks = tariff_blocks(tariff['id'])
    lines = calc_block_charges(consumption, blocks, days)
    water = sum(l['amount'] for l in lines) if lines else Decimal('0')
    sewer = calc_sewer_charge(water, tariff)
    if sewer:
        lines.append({'line_type': LINE_SEWER, 'description': 'Sewerage', 'qty': None,
                      'rate': tariff['sewer_pct'], 'amount': sewer})
    fixed = calc_fixed_charges(tariff, days)
    if fixed:
        lines.append({'line_type': LINE_FIXED, 'description': 'Basic charge', 'qty': days,
                      'rate': None, 'amount': fixed})
    if acct.indigent:
        reb = min(indigent_rebate(blocks, days), water)
        lines.append({'line_type': LINE_REBATE, 'description': 'Free basic water', 'qty': None,
                      'rate': None, 'amount': -reb})
    taxable = sum(l['amount'] for l in lines)
    if taxable > 0:
        lines.append({'line_type': LINE_VAT, 'description': 'VAT', 'qty': None,
                      'rate': config.get('vat_rate'), 'amount': calc_vat(taxable)})
    return lines


def calculate_bill(account_id, period_start, period_end):
    tariff = active_tariff_for_account(account_id, period_end)
    if tariff is None:
        raise BillingError('no tariff for account %s' % account_id)
    from_r, to_r = billable_reading_pair(account_id, period_end)
    consumption = Decimal('0')
    if to_r is not None:
        consumption = utils.to_decimal(to_r['consumption'])
    days = max(1, utils.days_between(period_start, period_end))
    lines = build_bill_lines(account_id, consumption, days, tariff)
    return {
        'consumption': consumption,
        'lines': lines,
        'reading_from_id': from_r['id'] if from_r else None,
        'reading_to_id': to_r['id'] if to_r else None,
        'total': sum(l['amount'] for l in lines),
    }


def create_bill(account_id, period_start, period_end, run_id=None, bill_date=None):
    calc = calculate_bill(account_id, period_start, period_end)
    bill_date = bill_date or utils.today()
    due = utils.next_business_day(bill_date + datetime.timedelta(days=int(config.get('payment_terms_days', 21))))
    bf = db.query_scalar('SELECT balance FROM v_account_balance WHERE account_id = ?', (account_id,), 0)
    by_type = {}
    for l in calc['lines']:
        by_type[l['line_type']] = by_type.get(l['line_type'], Decimal('0')) + l['amount']
    with db.transaction() as cur:
        cur.execute('INSERT INTO bills (account_id, run_id, bill_date, due_date, period_start, period_end, '
                    'reading_from_id, reading_to_id, consumption_kl, amount_water, amount_sewer, amount_fixed, '
                    'amount_tax, total, balance_forward) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                    (account_id, run_id, bill_date.isoformat(), due.isoformat(), period_start, period_end,
                     calc['reading_from_id'], calc['reading_to_id'], str(calc['consumption']),
                     str(by_type.get(LINE_WATER, 0)), str(by_type.get(LINE_SEWER, 0)),
                     str(by_type.get(LINE_FIXED, 0)), str(by_type.get(LINE_VAT, 0)),
                     str(utils.round_money(calc['total'])), str(bf)))
        bill_id = cur.lastrowid
        cur.execute('UPDATE bills SET bill_no = ? WHERE id = ?', ('B%08d' % bill_id, bill_id))
        for l in calc['lines']:
            cur.execute('INSERT INTO bill_lines (bill_id, line_type, description, qty, rate, amount) '
                        'VALUES (?,?,?,?,?,?)', (bill_id, l['line_type'], l['description'],
                                                 None if l['qty'] is None else str(l['qty']),
                                                 None if l['rate'] is None else str(l['rate']), str(l['amount'])))
        if calc['reading_to_id']:
            cur.execute('UPDATE meter_readings SET billed = 1 WHERE id = ?', (calc['reading_to_id'],))
    return bill_id


def post_bill(bill_id):
    db.execute("UPDATE bills SET status = 'POSTED' WHERE id = ? AND status = 'DRAFT'", (bill_id,))


def void_bill(bill_id, reason):
    b = Bill.get(bill_id)
    if b is None:
        raise BillingError('no bill')
    if b.amount_paid() > 0:
        raise BillingError('bill has payments allocated - reverse them first')
    db.execute("UPDATE bills SET status = 'VOID' WHERE id = ?", (bill_id,))
    if b.reading_to_id if hasattr(b, 'reading_to_id') else None:
        db.execute('UPDATE meter_readings SET billed = 0 WHERE id = ?', (b.reading_to_id,))
    auth.log_audit(auth.current_user_id(), 'BILL_VOID', 'bill', bill_id, reason)


def rebill(bill_id, reason='rebill'):
    b = Bill.get(bill_id)
    void_bill(bill_id, reason)
    new_id = create_bill(b.account_id, b.period_start, b.period_end, b.run_id)
    post_bill(new_id)
    return new_id


def final_bill(account_id, read_date):
    last = db.query_one("SELECT period_end FROM bills WHERE account_id = ? AND status != 'VOID' "
                        "ORDER BY period_end DESC LIMIT 1", (account_id,))
    start = last['period_end'] if last else db.query_scalar('SELECT opened_on FROM accounts WHERE id = ?',
                                                            (account_id,))
    bid = create_bill(account_id, start, read_date)
    post_bill(bid)
    return bid


def get_bill(bill_id):
    b = Bill.get(bill_id)
    if not b:
        return None
    d = b.to_dict()
    d['lines'] = b.lines()
    d['paid'] = b.amount_paid()
    d['due'] = b.amount_due()
    return d


def bill_history(account_id, limit=24):
    return db.query_all('SELECT * FROM bills WHERE account_id = ? ORDER BY bill_date DESC LIMIT ?',
                        (account_id, limit))


def accounts_for_cycle(cycle):
    return db.query_all("SELECT id FROM accounts WHERE billing_cycle = ? AND status = 'ACTIVE' ORDER BY id",
                        (cycle,))


def start_billing_run(cycle, period_start, period_end):
    open_run = db.query_one("SELECT id FROM billing_runs WHERE cycle = ? AND status IN ('OPEN', 'RUNNING')",
                            (cycle,))
    if open_run:
        raise BillingError('cycle %s already has an open run (%s)' % (cycle, open_run['id']))
    return db.execute("INSERT INTO billing_runs (cycle, period_start, period_end, status, started_at, run_by) "
                      "VALUES (?, ?, ?, 'RUNNING', ?, ?)",
                      (cycle, period_start, period_end, utils.now_str(), auth.current_user_id()))


def run_billing_cycle(cycle, period_start=None, period_end=None):
    if period_end is None:
        period_end = utils.month_end(utils.add_months(utils.today(), -1)).isoformat()
    if period_start is None:
        period_start = utils.parse_date(period_end).replace(day=1).isoformat()
    run_id = start_billing_run(cycle, period_start, period_end)
    n = 0
    errors = []
    for a in accounts_for_cycle(cycle):
        try:
            bid = create_bill(a['id'], period_start, period_end, run_id)
            post_bill(bid)
            n += 1
        except Exception as e:
            log.exception('billing failed for account %s', a['id'])
            errors.append((a['id'], str(e)))
    finish_billing_run(run_id, n)
    return run_id, n, errors


def finish_billing_run(run_id, count):
    total = db.query_scalar("SELECT SUM(total) FROM bills WHERE run_id = ? AND status != 'VOID'", (run_id,), 0)
    db.execute("UPDATE billing_runs SET status = 'DONE', finished_at = ?, bill_count = ?, total_billed = ? "
               "WHERE id = ?", (utils.now_str(), count, str(total), run_id))


def email_run_bills(run_id):
    import notify
    rows = db.query_all('SELECT b.id FROM bills b JOIN accounts a ON a.id = b.account_id '
                        'WHERE b.run_id = ? AND a.paperless = 1', (run_id,))
    for r in rows:
        notify.send_bill_email(r['id'])
    return len(rows)


def create_adjustment(account_id, amount, reason, bill_id=None):
    return db.execute('INSERT INTO bill_adjustments (account_id, bill_id, amount, reason, created_by) '
                      'VALUES (?, ?, ?, ?, ?)', (account_id, bill_id, str(utils.round_money(amount)), reason,
                                                 auth.current_user_id()))


def approve_adjustment(adj_id):
    adj = db.query_one('SELECT * FROM bill_adjustments WHERE id = ?', (adj_id,))
    if adj['created_by'] == auth.current_user_id():
        raise BillingError('cannot approve own adjustment')
    db.execute("UPDATE bill_adjustments SET status = 'APPROVED', approved_by = ? WHERE id = ?",
               (auth.current_user_id(), adj_id))
    auth.log_audit(auth.current_user_id(), 'ADJ_APPROVE', 'bill_adjustment', adj_id, adj['amount'])


def pending_adjustments():
    return db.query_all("SELECT j.*, a.account_no FROM bill_adjustments j JOIN accounts a ON a.id = j.account_id "
                        "WHERE j.status = 'PENDING' ORDER BY j.created_at")


def old_calc_bill(account_id, kl):
    # flat rate calc from before block tariffs (2016). kept for the historic reprint screen
    rate = Decimal('11.20')
    amt = utils.to_decimal(kl) * rate
    return amt + utils.old_calc_vat(amt)


def outstanding_bills(account_id):
    return db.query_all("SELECT b.id, b.bill_date, b.due_date, b.total, "
                        "b.total - COALESCE((SELECT SUM(pa.amount) FROM payment_allocations pa "
                        "WHERE pa.bill_id = b.id), 0) AS open_amount "
                        "FROM bills b WHERE b.account_id = ? AND b.status IN ('POSTED', 'PART') "
                        "ORDER BY b.due_date, b.id", (account_id,))


def record_payment(account_id, amount, method='CASH', reference=None, batch_id=None, received_at=None):
    amount = utils.round_money(amount)
    if amount <= 0:
        raise BillingError('payment must be positive')
    pid = db.execute('INSERT INTO payments (account_id, batch_id, amount, method, reference, received_at, '
                     'captured_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
                     (account_id, batch_id, str(amount), method, reference, received_at or utils.now_str(),
                      auth.current_user_id()))
    allocate_payment(pid)
    try:
        import arrears
        arrears.on_payment_received(account_id, pid)
    except Exception:
        log.exception('arrears hook failed for payment %s', pid)
    return pid


def allocate_payment(payment_id):
    """oldest bill first"""
    p = Payment.get(payment_id)
    already = utils.to_decimal(db.query_scalar('SELECT SUM(amount) FROM payment_allocations WHERE payment_id = ?',
                                               (payment_id,), 0))
    left = utils.to_decimal(p.amount) - already
    for b in outstanding_bills(p.account_id):
        if left <= 0:
            break
        open_amt = utils.to_decimal(b['open_amount'])
        if open_amt <= 0:
            continue
        take = min(left, open_amt)
        db.execute('INSERT INTO payment_allocations (payment_id, bill_id, amount) VALUES (?, ?, ?)',
                   (payment_id, b['id'], str(take)))
        db.execute('UPDATE bills SET status = ? WHERE id = ?', ('PAID' if take == open_amt else 'PART', b['id']))
        left -= take
    return left


def unallocated_credit(account_id):
    return utils.round_money(db.query_scalar(
        "SELECT SUM(p.amount - COALESCE((SELECT SUM(pa.amount) FROM payment_allocations pa WHERE pa.payment_id = p.id), 0)) "
        "FROM payments p WHERE p.account_id = ? AND p.status = 'POSTED'", (account_id,), 0))


def reverse_payment(payment_id, reason, status='REVERSED'):
    p = Payment.get(payment_id)
    with db.transaction() as cur:
        rows = cur.execute('SELECT bill_id FROM payment_allocations WHERE payment_id = ?', (payment_id,)).fetchall()
        cur.execute('DELETE FROM payment_allocations WHERE payment_id = ?', (payment_id,))
        for r in rows:
            cur.execute("UPDATE bills SET status = CASE WHEN (SELECT COUNT(*) FROM payment_allocations "
                        "WHERE bill_id = ?) > 0 THEN 'PART' ELSE 'POSTED' END WHERE id = ?", (r['bill_id'], r['bill_id']))
        cur.execute('UPDATE payments SET status = ? WHERE id = ?', (status, payment_id))
    auth.log_audit(auth.current_user_id(), 'PAYMENT_REVERSE', 'payment', payment_id, reason)
    return p


def payment_history(account_id, limit=50):
    return db.query_all('SELECT * FROM payments WHERE account_id = ? ORDER BY received_at DESC LIMIT ?',
                        (account_id, limit))


def open_batch(source, file_name=None):
    return db.execute('INSERT INTO payment_batches (source, file_name, received_at) VALUES (?, ?, ?)',
                      (source, file_name, utils.now_str()))


def close_batch(batch_id):
    row = db.query_one('SELECT COUNT(*) AS n, SUM(amount) AS t FROM payments WHERE batch_id = ?', (batch_id,))
    db.execute("UPDATE payment_batches SET status = 'CLOSED', record_count = ?, total = ? WHERE id = ?",
               (row['n'], str(row['t'] or 0), batch_id))


def create_refund(account_id, amount, reason, payment_id=None):
    if utils.round_money(amount) > unallocated_credit(account_id):
        raise BillingError('refund exceeds credit on account')
    return db.execute('INSERT INTO refunds (account_id, payment_id, amount, reason) VALUES (?, ?, ?, ?)',
                      (account_id, payment_id, str(utils.round_money(amount)), reason))

