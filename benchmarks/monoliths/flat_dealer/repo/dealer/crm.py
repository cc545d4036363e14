# -*- coding: utf-8 -*-
"""Customers, notes, follow-ups, marketing permissions."""
import logging

from dealer import db, utils, dates

log = logging.getLogger('dealer.crm')

CUSTOMER_FIELDS = ('title', 'first_name', 'last_name', 'company', 'email', 'phone', 'mobile',
                   'address1', 'address2', 'town', 'postcode', 'dob', 'source', 'owner_id')


def get_customer(customer_id):
    c = db.query_one('SELECT * FROM customers WHERE id = %s', (customer_id,))
    if c and c['merged_into']:
        return get_customer(c['merged_into'])
    return c


def create_customer(data, created_by=None):
    row = dict((k, data.get(k)) for k in CUSTOMER_FIELDS if data.get(k) not in (None, ''))
    if row.get('email'):
        row['email'] = row['email'].strip().lower()
    if row.get('postcode'):
        row['postcode'] = utils.normalise_postcode(row['postcode'])
    if row.get('dob'):
        row['dob'] = utils.parse_date(row['dob'])
    row['created_at'] = dates.now()
    if created_by and not row.get('owner_id'):
        row['owner_id'] = created_by
    cid = db.insert('customers', row)
    db.execute('INSERT INTO marketing_prefs (customer_id, updated_at) VALUES (%s, NOW())', (cid,))
    return cid


def update_customer(customer_id, data):
    row = dict((k, data[k]) for k in CUSTOMER_FIELDS if k in data)
    if 'postcode' in row:
        row['postcode'] = utils.normalise_postcode(row['postcode'])
    if 'dob' in row:
        row['dob'] = utils.parse_date(row['dob'])
    return db.update('customers', customer_id, row)


def find_customers(text, limit=30):
    text = (text or '').strip()
    if not text:
        return []
    if '@' in text:
        return db.query('SELECT * FROM customers WHERE email = %s AND merged_into IS NULL',
                        (text.lower(),))
    digits = utils.normalise_phone(text)
    if len(digits) >= 6:
        return db.query("SELECT * FROM customers WHERE merged_into IS NULL AND "
                        "(REPLACE(mobile, ' ', '') LIKE %s OR REPLACE(phone, ' ', '') LIKE %s) "
                        "LIMIT %s", ('%' + digits + '%', '%' + digits + '%', limit))
    like = text + '%'
    return db.query('SELECT * FROM customers WHERE merged_into IS NULL AND '
                    '(last_name LIKE %s OR company LIKE %s OR postcode LIKE %s) '
                    'ORDER BY last_name, first_name LIMIT %s', (like, like, like, limit))


def add_note(customer_id, author_id, note):
    return db.execute('INSERT INTO customer_notes (customer_id, author_id, note, created_at) '
                      'VALUES (%s, %s, %s, NOW())', (customer_id, author_id, note))


def touch_customer(customer_id, what, author_id=None):
    """Leave an automatic breadcrumb on the customer record."""
    return add_note(customer_id, author_id, '[auto] ' + what)


def notes_for(customer_id):
    return db.query('SELECT n.*, e.username FROM customer_notes n '
                    'LEFT JOIN employees e ON e.id = n.author_id WHERE n.customer_id = %s '
                    'ORDER BY n.created_at DESC', (customer_id,))


def schedule_followup(customer_id, employee_id, due_on, reason):
    return db.execute('INSERT INTO followups (customer_id, employee_id, due_on, reason) '
                      'VALUES (%s, %s, %s, %s)', (customer_id, employee_id, due_on, reason))


def complete_followup(followup_id, note=None, author_id=None):
    f = db.query_one('SELECT * FROM followups WHERE id = %s', (followup_id,))
    db.execute('UPDATE followups SET done = 1, done_at = NOW() WHERE id = %s', (followup_id,))
    if note:
        add_note(f['customer_id'], author_id, 'Follow-up (%s): %s' % (f['reason'], note))


def due_followups(employee_id=None, day=None):
    day = day or dates.today()
    sql = ('SELECT f.*, c.first_name, c.last_name, c.mobile, c.phone FROM followups f '
           'JOIN customers c ON c.id = f.customer_id WHERE f.done = 0 AND f.due_on <= %s')
    params = [day]
    if employee_id:
        sql += ' AND f.employee_id = %s'
        params.append(employee_id)
    return db.query(sql + ' ORDER BY f.due_on', params)


def set_marketing_prefs(customer_id, email_ok=None, sms_ok=None, post_ok=None, phone_ok=None):
    cur = db.query_one('SELECT * FROM marketing_prefs WHERE customer_id = %s', (customer_id,))
    if cur is None:
        db.execute('INSERT INTO marketing_prefs (customer_id, updated_at) VALUES (%s, NOW())',
                   (customer_id,))
        cur = {}
    vals = {'email_ok': email_ok, 'sms_ok': sms_ok, 'post_ok': post_ok, 'phone_ok': phone_ok}
    sets = dict((k, 1 if v else 0) for k, v in vals.items() if v is not None)
    if sets:
        sets['updated_at'] = dates.now()
        db.update('marketing_prefs', customer_id, sets, pk_col='customer_id')


def marketing_list(channel='email'):
    if channel not in ('email', 'sms', 'post', 'phone'):
        raise ValueError(channel)
    return db.query('SELECT c.* FROM customers c JOIN marketing_prefs m ON m.customer_id = c.id '
                    'WHERE c.merged_into IS NULL AND m.' + channel + '_ok = 1')


def merge_customers(keep_id, dupe_id):
    """Point everything at keep_id. Add new tables here when you add them!!"""
    if keep_id == dupe_id:
        return
    with db.transaction():
        for table, col in (('customer_notes', 'customer_id'), ('leads', 'customer_id'),
                           ('followups', 'customer_id'), ('quotes', 'customer_id'),
                           ('deals', 'customer_id'), ('appraisals', 'customer_id'),
                           ('finance_applications', 'customer_id'),
                           ('insurance_policies', 'customer_id'),
                           ('warranty_contracts', 'customer_id'),
                           ('repair_orders', 'customer_id'),
                           ('service_appointments', 'customer_id'),
                           ('counter_sales', 'customer_id'),
                           ('vehicles', 'owner_customer_id')):
            db.execute('UPDATE %s SET %s = %%s WHERE %s = %%s' % (table, col, col), (keep_id, dupe_id))
        db.execute('DELETE FROM marketing_prefs WHERE customer_id = %s', (dupe_id,))
        db.execute('UPDATE customers SET merged_into = %s WHERE id = %s', (keep_id, dupe_id))
    add_note(keep_id, None, '[auto] merged customer %s into this record' % dupe_id)


def possible_duplicates(limit=100):
    return db.query('SELECT a.id AS a_id, b.id AS b_id, a.last_name, a.postcode FROM customers a '
                    'JOIN customers b ON a.last_name = b.last_name AND a.postcode = b.postcode '
                    'AND a.id < b.id WHERE a.merged_into IS NULL AND b.merged_into IS NULL '
                    'LIMIT %s', (limit,))


def customer_timeline(customer_id):
    """Everything we know about a customer, newest first. The front desk loves this."""
    events = []
    for n in notes_for(customer_id):
        events.append((n['created_at'], 'note', n['note']))
    for d in db.query('SELECT deal_no, status, signed_at, delivered_at, sale_price FROM deals '
                      'WHERE customer_id = %s', (customer_id,)):
        events.append((d['delivered_at'] or d['signed_at'], 'deal',
                       '%s %s %s' % (d['deal_no'], d['status'], utils.format_money(d['sale_price']))))
    for q in db.query('SELECT id, status, created_at, price FROM quotes WHERE customer_id = %s',
                      (customer_id,)):
        events.append((q['created_at'], 'quote', 'Q%06d %s' % (q['id'], q['status'])))
    for r in db.query('SELECT ro_no, status, opened_at, total FROM repair_orders WHERE customer_id = %s',
                      (customer_id,)):
        events.append((r['opened_at'], 'service', '%s %s %s' % (r['ro_no'], r['status'],
                                                                utils.format_money(r['total']))))
    events = [e for e in events if e[0]]
    events.sort(key=lambda e: e[0], reverse=True)
    return events


def gdpr_export(customer_id):
    c = get_customer(customer_id)
    return {
        'customer': c,
        'notes': notes_for(customer_id),
        'marketing': db.query_one('SELECT * FROM marketing_prefs WHERE customer_id = %s', (customer_id,)),
        'timeline': [(str(a), b, c_) for a, b, c_ in customer_timeline(customer_id)],
    }


def gdpr_forget(customer_id):
    """Anonymise. We must keep invoices for 6 years so deals/ROs stay, just unnamed."""
    db.execute("UPDATE customers SET first_name = 'Erased', last_name = 'Customer', email = NULL, "
               "phone = NULL, mobile = NULL, address1 = NULL, address2 = NULL, dob = NULL "
               "WHERE id = %s", (customer_id,))
    db.execute('DELETE FROM customer_notes WHERE customer_id = %s', (customer_id,))
    db.execute('UPDATE marketing_prefs SET email_ok = 0, sms_ok = 0, post_ok = 0, phone_ok = 0 '
               'WHERE customer_id = %s', (customer_id,))
