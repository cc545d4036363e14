# core business functions - customers, accounts, connections, meters, readings
# (originally just customers.py + meters.py, merged in 2019 to stop the import cycles)
import datetime
import logging
from decimal import Decimal

import config
import db
import utils
import auth
from models import Account, Customer, Premise, ServiceConnection, Meter, Complaint

log = logging.getLogger('water.core')

CUSTOMER_TYPES = ('RES', 'COM', 'IND', 'GOV')
READ_TYPES = {'A': 'Actual', 'E': 'Estimated', 'C': 'Customer', 'F': 'Final'}


class ValidationError(Exception):
    pass


def create_customer(data):
    if data.get('customer_type') not in CUSTOMER_TYPES:
        raise ValidationError('bad customer type')
    if data.get('email') and not utils.validate_email(data['email']):
        raise ValidationError('invalid email')
    c = Customer(**data)
    c.status = 'ACTIVE'
    c.save()
    auth.log_audit(auth.current_user_id(), 'CUSTOMER_CREATE', 'customer', c.id)
    return c


def update_customer(customer_id, data):
    c = Customer.get(customer_id)
    if c is None:
        raise ValidationError('no such customer')
    for k, v in data.items():
        if k in Customer.fields:
            setattr(c, k, v)
    c.save()
    return c


def find_customers(q, limit=100):
    like = '%' + q.strip() + '%'
    return db.query_all(
        "SELECT c.*, (SELECT COUNT(*) FROM accounts a WHERE a.customer_id = c.id) AS n_accounts "
        "FROM customers c WHERE c.status != 'MERGED' AND (c.last_name LIKE ? OR c.first_name LIKE ? "
        "OR c.company_name LIKE ? OR c.id_number = ? OR c.phone LIKE ?) ORDER BY c.last_name LIMIT ?",
        (like, like, like, q.strip(), like, limit))


def merge_customers(keep_id, dup_id):
    with db.transaction() as cur:
        cur.execute('UPDATE accounts SET customer_id = ? WHERE customer_id = ?', (keep_id, dup_id))
        cur.execute("UPDATE customers SET status = 'MERGED', merged_into = ? WHERE id = ?", (keep_id, dup_id))
    auth.log_audit(auth.current_user_id(), 'CUSTOMER_MERGE', 'customer', keep_id, str(dup_id))


def create_premise(street, street_no=None, suburb=None, zone_code=None, erf_number=None, property_class='RES'):
    sql = 'SELECT id FROM premises WHERE lower(street) = lower(?)'
    params = [street.strip()]
    if street_no:
        sql += ' AND street_no = ?'
        params.append(street_no)
    if suburb:
        sql += ' AND lower(suburb) = lower(?)'
        params.append(suburb)
    existing = db.query_one(sql, tuple(params))
    if existing:
        return existing['id']
    return db.execute('INSERT INTO premises (street_no, street, suburb, zone_code, erf_number, property_class) '
                      'VALUES (?, ?, ?, ?, ?, ?)',
                      (street_no, street.strip().title(), suburb, zone_code, erf_number, property_class))


def premise_history(premise_id):
    """who has lived here - used by the call centre when a new tenant phones"""
    return db.query_all('SELECT a.account_no, a.status, a.opened_on, a.closed_on, c.first_name, c.last_name, '
                        'c.company_name FROM accounts a JOIN customers c ON c.id = a.customer_id '
                        'WHERE a.premise_id = ? ORDER BY a.opened_on DESC', (premise_id,))


def _next_account_seq():
    return (db.query_scalar('SELECT MAX(id) FROM accounts', default=0) or 0) + 1


def open_account(customer_id, premise_id, billing_cycle=1, deposit=None, tariff_id=None):
    import billing
    cust = Customer.get(customer_id)
    if cust is None:
        raise ValidationError('customer not found')
    active = db.query_one("SELECT id FROM accounts WHERE premise_id = ? AND status = 'ACTIVE'", (premise_id,))
    if active:
        raise ValidationError('premise already has an active account (%s)' % active['id'])
    if tariff_id is None:
        t = billing.default_tariff_for_class(cust.customer_type)
        tariff_id = t['id'] if t else None
    if deposit is None:
        deposit = Decimal('500.00') if cust.customer_type == 'RES' else Decimal('2500.00')
    acct_no = utils.make_account_no(_next_account_seq())
    aid = db.execute('INSERT INTO accounts (account_no, customer_id, premise_id, tariff_id, billing_cycle, '
                     'deposit_amount, opened_on) VALUES (?, ?, ?, ?, ?, ?, ?)',
                     (acct_no, customer_id, premise_id, tariff_id, billing_cycle, str(deposit),
                      utils.today().isoformat()))
    auth.log_audit(auth.current_user_id(), 'ACCOUNT_OPEN', 'account', aid, acct_no)
    try:
        import notify
        notify.send_welcome_letter(aid)
    except Exception:
        log.exception('welcome letter failed for %s', acct_no)
    return aid


def close_account(account_id, final_reading=None, read_date=None):
    """move-out.  takes the final read, raises the final bill, closes the account."""
    import billing
    acct = Account.get(account_id)
    if acct is None or acct.status == 'CLOSED':
        raise ValidationError('account not open')
    conn = get_connection_for_premise(acct.premise_id)
    read_date = read_date or utils.today().isoformat()
    if conn and final_reading is not None:
        meter = current_meter_for_connection(conn['id'])
        if meter:
            record_reading(meter['meter_id'], final_reading, read_date, read_type='F')
    bill_id = billing.final_bill(account_id, read_date)
    db.execute("UPDATE accounts SET status = 'CLOSED', closed_on = ? WHERE id = ?", (read_date, account_id))
    auth.log_audit(auth.current_user_id(), 'ACCOUNT_CLOSE', 'account', account_id)
    return bill_id


def transfer_account(old_account_id, new_customer_id, reading, read_date=None):
    acct = Account.get(old_account_id)
    close_account(old_account_id, reading, read_date)
    return open_account(new_customer_id, acct.premise_id, acct.billing_cycle)


def get_account(account_id):
    return db.query_one('SELECT a.*, c.first_name, c.last_name, c.company_name, c.customer_type, '
                        'p.street_no, p.street, p.suburb, p.zone_code FROM accounts a '
                        'JOIN customers c ON c.id = a.customer_id JOIN premises p ON p.id = a.premise_id '
                        'WHERE a.id = ?', (account_id,))


def get_account_by_no(account_no):
    return db.query_one('SELECT * FROM accounts WHERE account_no = ?', (utils.format_account_no(account_no),))


def account_summary(account_id):
    acct = get_account(account_id)
    if not acct:
        return None
    acct['balance'] = db.query_scalar('SELECT balance FROM v_account_balance WHERE account_id = ?',
                                      (account_id,), 0)
    acct['last_bill'] = db.query_one('SELECT id, bill_date, total, status FROM bills WHERE account_id = ? '
                                     'ORDER BY bill_date DESC LIMIT 1', (account_id,))
    acct['last_payment'] = db.query_one("SELECT amount, received_at FROM payments WHERE account_id = ? "
                                        "AND status = 'POSTED' ORDER BY received_at DESC LIMIT 1", (account_id,))
    acct['contacts'] = db.query_all('SELECT * FROM account_contacts WHERE account_id = ?', (account_id,))
    acct['open_complaints'] = db.query_scalar("SELECT COUNT(*) FROM complaints WHERE account_id = ? "
                                              "AND status NOT IN ('RESOLVED', 'CLOSED')", (account_id,), 0)
    return acct


def add_account_note(account_id, note, user_id=None):
    return db.execute('INSERT INTO account_notes (account_id, user_id, note) VALUES (?, ?, ?)',
                      (account_id, user_id or auth.current_user_id(), note))


def list_account_notes(account_id):
    return db.query_all('SELECT n.*, u.username FROM account_notes n LEFT JOIN users u ON u.id = n.user_id '
                        'WHERE n.account_id = ? ORDER BY n.created_at DESC', (account_id,))


def set_paperless(account_id, flag=True):
    db.execute('UPDATE accounts SET paperless = ? WHERE id = ?', (1 if flag else 0, account_id))


def flag_indigent(account_id, flag=True, note=None):
    db.execute('UPDATE accounts SET indigent = ? WHERE id = ?', (1 if flag else 0, account_id))
    add_account_note(account_id, note or ('Indigent status set' if flag else 'Indigent status removed'))


def create_connection(premise_id, connection_type='DOMESTIC', pipe_size_mm=20, zone_code=None):
    if zone_code is None:
        p = Premise.get(premise_id)
        zone_code = p.zone_code if p else None
    seq = (db.query_scalar('SELECT MAX(id) FROM service_connections', default=0) or 0) + 1
    conn_no = 'SC%07d' % seq
    return db.execute('INSERT INTO service_connections (connection_no, premise_id, connection_type, '
                      'pipe_size_mm, zone_code) VALUES (?, ?, ?, ?, ?)',
                      (conn_no, premise_id, connection_type, pipe_size_mm, zone_code))


def activate_connection(connection_id, installed_on=None):
    db.execute("UPDATE service_connections SET status = 'ACTIVE', installed_on = ? WHERE id = ?",
               (installed_on or utils.today().isoformat(), connection_id))


def set_connection_status(connection_id, status):
    db.execute('UPDATE service_connections SET status = ? WHERE id = ?', (status, connection_id))


def get_connection_for_premise(premise_id):
    return db.query_one("SELECT * FROM service_connections WHERE premise_id = ? AND status != 'ABANDONED' "
                        "ORDER BY id DESC LIMIT 1", (premise_id,))


def current_meter_for_connection(connection_id):
    return db.query_one('SELECT * FROM v_current_meter WHERE connection_id = ?', (connection_id,))


def register_meter(serial_no, make=None, model=None, size_mm=20, dials=5, multiplier=1):
    serial_no = serial_no.strip().upper()
    if Meter.by_serial(serial_no):
        raise ValidationError('meter %s already registered' % serial_no)
    return db.execute('INSERT INTO meters (serial_no, make, model, size_mm, dials, multiplier, purchased_on) '
                      'VALUES (?, ?, ?, ?, ?, ?, ?)',
                      (serial_no, make, model, size_mm, dials, multiplier, utils.today().isoformat()))


def install_meter(meter_id, connection_id, initial_read=0, installed_on=None, reason='NEW'):
    m = Meter.get(meter_id)
    if m is None or m.status not in ('STOCK',):
        raise ValidationError('meter not available for install')
    if current_meter_for_connection(connection_id):
        raise ValidationError('connection already has a meter - use exchange_meter')
    installed_on = installed_on or utils.today().isoformat()
    with db.transaction() as cur:
        cur.execute('INSERT INTO meter_installations (meter_id, connection_id, installed_on, initial_read, reason) '
                    'VALUES (?, ?, ?, ?, ?)', (meter_id, connection_id, installed_on, str(initial_read), reason))
        cur.execute("UPDATE meters SET status = 'INSTALLED' WHERE id = ?", (meter_id,))
        cur.execute("INSERT INTO meter_readings (meter_id, connection_id, read_date, reading, read_type, consumption) "
                    "VALUES (?, ?, ?, ?, 'A', 0)", (meter_id, connection_id, installed_on, str(initial_read)))


def remove_meter(connection_id, final_read, removed_on=None, faulty=False):
    cur_m = current_meter_for_connection(connection_id)
    if not cur_m:
        return None
    removed_on = removed_on or utils.today().isoformat()
    record_reading(cur_m['meter_id'], final_read, removed_on, read_type='F')
    db.execute('UPDATE meter_installations SET removed_on = ?, final_read = ? '
               'WHERE meter_id = ? AND connection_id = ? AND removed_on IS NULL',
               (removed_on, str(final_read), cur_m['meter_id'], connection_id))
    db.execute('UPDATE meters SET status = ? WHERE id = ?', ('FAULTY' if faulty else 'STOCK', cur_m['meter_id']))
    return cur_m['meter_id']


def exchange_meter(connection_id, old_final_read, new_meter_id, new_initial_read=0, on_date=None):
    remove_meter(connection_id, old_final_read, on_date, faulty=True)
    install_meter(new_meter_id, connection_id, new_initial_read, on_date, reason='EXCHANGE')


def last_reading(meter_id, before=None):
    if before:
        return db.query_one("SELECT * FROM meter_readings WHERE meter_id = ? AND read_date < ? "
                            "AND status = 'VALID' ORDER BY read_date DESC, id DESC LIMIT 1", (meter_id, before))
    return db.query_one("SELECT * FROM meter_readings WHERE meter_id = ? AND status = 'VALID' "
                        "ORDER BY read_date DESC, id DESC LIMIT 1", (meter_id,))


def readings_for_meter(meter_id, limit=24):
    return db.query_all('SELECT * FROM meter_readings WHERE meter_id = ? ORDER BY read_date DESC LIMIT ?',
                        (meter_id, limit))


def average_daily_use(meter_id, months=6):
    since = utils.add_months(utils.today(), -months).isoformat()
    rows = db.query_all("SELECT read_date, consumption FROM meter_readings WHERE meter_id = ? "
                        "AND read_date >= ? AND status = 'VALID' AND read_type = 'A' ORDER BY read_date",
                        (meter_id, since))
    if len(rows) < 2:
        return None
    total = sum(utils.to_decimal(r['consumption']) for r in rows[1:])
    days = utils.days_between(rows[0]['read_date'], rows[-1]['read_date']) or 1
    return total / days


def validate_reading(meter_id, reading, read_date):
    """returns list of exception codes. empty list == ok"""
    problems = []
    prev = last_reading(meter_id, before=read_date)
    if prev is None:
        return problems
    m = Meter.get(meter_id)
    reading = utils.to_decimal(reading)
    top = Decimal(10) ** int(m.dials)
    prev_val = utils.to_decimal(prev['reading'])
    if reading < prev_val and not prev_val > top * Decimal('0.9'):  # not a rollover
        problems.append('NEG')
        return problems
    used = utils.consumption_between(prev['reading'], reading, m.dials, m.multiplier)
    avg = average_daily_use(meter_id)
    days = utils.days_between(prev['read_date'], read_date) or 1
    if avg:
        factor = Decimal(str(config.get('high_consumption_factor', '3.0')))
        if used > avg * days * factor:
            problems.append('HIGH')
        elif used == 0 and avg > 0:
            problems.append('LOW')
    return problems


def record_reading(meter_id, reading, read_date, read_type='A', reader_id=None, route_id=None, skip_checks=False):
    inst = db.query_one('SELECT connection_id FROM meter_installations WHERE meter_id = ? AND removed_on IS NULL',
                        (meter_id,))
    if inst is None:
        raise ValidationError('meter %s is not installed' % meter_id)
    problems = [] if skip_checks else validate_reading(meter_id, reading, read_date)
    prev = last_reading(meter_id, before=read_date)
    m = Meter.get(meter_id)
    consumption = utils.consumption_between(prev['reading'], reading, m.dials, m.multiplier) if prev else 0
    status = 'HOLD' if problems else 'VALID'
    rid = db.execute('INSERT INTO meter_readings (meter_id, connection_id, read_date, reading, read_type, '
                     'reader_id, route_id, status, consumption) VALUES (?,?,?,?,?,?,?,?,?)',
                     (meter_id, inst['connection_id'], read_date, str(reading), read_type, reader_id, route_id,
                      status, str(consumption)))
    for code in problems:
        flag_read_exception(rid, code)
    return rid


def estimate_reading(meter_id, read_date=None):
    read_date = read_date or utils.today().isoformat()
    prev = last_reading(meter_id)
    if prev is None:
        return None
    avg = average_daily_use(meter_id) or Decimal('0.5')  # 500 l/day default, council policy
    days = utils.days_between(prev['read_date'], read_date)
    est = utils.to_decimal(prev['reading']) + (avg * days).quantize(Decimal('1'))
    return record_reading(meter_id, est, read_date, read_type='E', skip_checks=True)


def flag_read_exception(reading_id, code, note=None):
    return db.execute('INSERT INTO read_exceptions (reading_id, code, note) VALUES (?, ?, ?)',
                      (reading_id, code, note))


def resolve_exception(exception_id, accept=True, note=None):
    exc = db.query_one('SELECT * FROM read_exceptions WHERE id = ?', (exception_id,))
    if not exc:
        return
    db.execute('UPDATE read_exceptions SET resolved = 1, resolved_by = ?, resolved_at = ?, note = ? WHERE id = ?',
               (auth.current_user_id(), utils.now_str(), note, exception_id))
    db.execute('UPDATE meter_readings SET status = ? WHERE id = ?',
               ('VALID' if accept else 'REJECTED', exc['reading_id']))


def open_read_exceptions(route_id=None):
    sql = ('SELECT e.*, r.meter_id, r.reading, r.read_date, m.serial_no FROM read_exceptions e '
           'JOIN meter_readings r ON r.id = e.reading_id JOIN meters m ON m.id = r.meter_id WHERE e.resolved = 0')
    if route_id:
        return db.query_all(sql + ' AND r.route_id = ?', (route_id,))
    return db.query_all(sql)


def assign_route(connection_id, route_id, seq=None):
    if seq is None:
        seq = (db.query_scalar('SELECT MAX(route_seq) FROM service_connections WHERE route_id = ?',
                               (route_id,), 0) or 0) + 10
    db.execute('UPDATE service_connections SET route_id = ?, route_seq = ? WHERE id = ?', (route_id, seq, connection_id))


def route_sheet(route_id):
    return db.query_all("SELECT sc.id AS connection_id, sc.route_seq, p.street_no, p.street, p.suburb, "
                        "cm.meter_id, cm.serial_no, cm.dials, "
                        "(SELECT reading FROM meter_readings r WHERE r.meter_id = cm.meter_id "
                        " AND r.status = 'VALID' ORDER BY read_date DESC LIMIT 1) AS prev_reading "
                        "FROM service_connections sc JOIN premises p ON p.id = sc.premise_id "
                        "JOIN v_current_meter cm ON cm.connection_id = sc.id "
                        "WHERE sc.route_id = ? AND sc.status = 'ACTIVE' ORDER BY sc.route_seq", (route_id,))


def routes_due(day_of_month=None):
    day_of_month = day_of_month or utils.today().day
    return db.query_all('SELECT * FROM reading_routes WHERE cycle_day = ?', (day_of_month,))


def log_complaint(category_code, description, account_id=None, premise_id=None, channel='PHONE',
                  caller_name=None, caller_phone=None):
    import field
    cat = db.query_one('SELECT * FROM complaint_categories WHERE code = ?', (category_code,))
    if not cat:
        raise ValidationError('unknown complaint category ' + category_code)
    if account_id and not premise_id:
        a = Account.get(account_id)
        premise_id = a.premise_id if a else None
    received = datetime.datetime.now()
    due = received + datetime.timedelta(hours=cat['sla_hours'])
    ref = utils.complaint_ref()
    cid = db.execute('INSERT INTO complaints (ref_no, account_id, premise_id, category_id, channel, caller_name, '
                     'caller_phone, description, received_at, received_by, due_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                     (ref, account_id, premise_id, cat['id'], channel, caller_name,
                      utils.normalize_phone(caller_phone), description, received.strftime(utils.DATETIME_FMT),
                      auth.current_user_id(), due.strftime(utils.DATETIME_FMT)))
    add_complaint_action(cid, 'LOGGED', description[:200] if description else None)
    if cat['creates_wo'] and premise_id:
        conn = get_connection_for_premise(premise_id)
        wo_id = field.create_work_order(cat['default_wo_type'] or 'INSPECT', premise_id=premise_id,
                                        connection_id=conn['id'] if conn else None, account_id=account_id,
                                        description='Complaint %s: %s' % (ref, description),
                                        source='COMPLAINT', source_ref=cid, priority=2)
        db.execute("UPDATE complaints SET work_order_id = ?, status = 'ASSIGNED' WHERE id = ?", (wo_id, cid))
    try:
        import notify
        notify.send_complaint_ack(cid)
    except Exception:
        log.warning('complaint ack not sent for %s', ref)
    return cid


def add_complaint_action(complaint_id, action, note=None):
    return db.execute('INSERT INTO complaint_actions (complaint_id, action, note, user_id) VALUES (?,?,?,?)',
                      (complaint_id, action, note, auth.current_user_id()))


def assign_complaint(complaint_id, user_id):
    db.execute("UPDATE complaints SET assigned_to = ?, status = 'ASSIGNED' WHERE id = ?", (user_id, complaint_id))
    add_complaint_action(complaint_id, 'ASSIGNED', 'to user %s' % user_id)


def close_complaint(complaint_id, resolution):
    db.execute("UPDATE complaints SET status = 'CLOSED', closed_at = ?, resolution = ? WHERE id = ?",
               (utils.now_str(), resolution, complaint_id))
    add_complaint_action(complaint_id, 'CLOSED', resolution)


def get_complaint(complaint_id):
    c = Complaint.get(complaint_id)
    if c is None:
        return None
    d = c.to_dict()
    d['actions'] = c.actions()
    d['category'] = db.query_one('SELECT * FROM complaint_categories WHERE id = ?', (c.category_id,))
    return d


def list_open_complaints(category_id=None):
    sql = ("SELECT c.*, cc.name AS category FROM complaints c JOIN complaint_categories cc ON cc.id = c.category_id "
           "WHERE c.status NOT IN ('RESOLVED', 'CLOSED')")
    if category_id:
        return db.query_all(sql + ' AND c.category_id = ? ORDER BY c.due_at', (category_id,))
    return db.query_all(sql + ' ORDER BY c.due_at')


def escalate_overdue_complaints():
    rows = db.query_all("SELECT id, ref_no FROM complaints WHERE status IN ('OPEN', 'ASSIGNED') AND due_at < ?",
                        (utils.now_str(),))
    for r in rows:
        db.execute("UPDATE complaints SET status = 'ESCALATED' WHERE id = ?", (r['id'],))
        add_complaint_action(r['id'], 'ESCALATED', 'SLA breached')
    return len(rows)


def legacy_complaint_status_map(old_code):
    # codes from the old call-centre system (pre 2020 import)
    return {'O': 'OPEN', 'P': 'ASSIGNED', 'E': 'ESCALATED', 'R': 'RESOLVED', 'X': 'CLOSED'}.get(old_code, 'OPEN')
