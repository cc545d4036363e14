# -*- coding: utf-8 -*-
"""Sales leads: website enquiries, phone-ins, AutoTrader (see feeds.py)."""
import json
import email
import logging
import re

from dealer import db, utils, dates, crm, mailer

log = logging.getLogger('dealer.leads')

SOURCES = ('web', 'phone', 'walkin', 'autotrader', 'referral', 'email')


def create_lead(source, data, vehicle_id=None):
    if source not in SOURCES:
        source = 'web'
    cust_id = db.customer_exists(data.get('email'), data.get('mobile') or data.get('phone'))
    if not cust_id:
        cust_id = crm.create_customer({
            'first_name': data.get('first_name'), 'last_name': data.get('last_name'),
            'email': data.get('email'), 'mobile': data.get('mobile'), 'phone': data.get('phone'),
            'postcode': data.get('postcode'), 'source': source,
        })
    lead_id = db.execute("INSERT INTO leads (customer_id, source, interest_vehicle_id, status, "
                         "raw_payload, created_at) VALUES (%s, %s, %s, 'new', %s, NOW())",
                         (cust_id, source, vehicle_id, json.dumps(data, default=str)))
    assign_lead(lead_id)
    return lead_id


def parse_web_enquiry(form):
    name = (form.get('name') or '').strip().split(' ', 1)
    return {
        'first_name': name[0] if name else '',
        'last_name': name[1] if len(name) > 1 else '',
        'email': form.get('email'),
        'mobile': form.get('phone'),
        'postcode': form.get('postcode'),
        'message': form.get('message'),
        'stock_no': form.get('stock_no'),
    }


_EMAIL_FIELD = re.compile(r'^(Name|Email|Phone|Vehicle|Message)\s*:\s*(.*)$', re.M | re.I)


def parse_email_lead(raw):
    """Some portals still send enquiries as plain-text emails to leads@."""
    msg = email.message_from_string(raw)
    body = msg.get_payload(decode=True)
    if body is None and msg.is_multipart():
        body = msg.get_payload(0).get_payload(decode=True)
    body = utils.to_unicode(body or b'')
    fields = dict((k.lower(), v.strip()) for k, v in _EMAIL_FIELD.findall(body))
    name = fields.get('name', '').split(' ', 1)
    return {
        'first_name': name[0], 'last_name': name[1] if len(name) > 1 else '',
        'email': fields.get('email'), 'mobile': fields.get('phone'),
        'message': fields.get('message'), 'stock_no': fields.get('vehicle'),
    }


def assign_lead(lead_id):
    """Round robin over salespeople who are clocked in today, else all sales."""
    people = db.query("SELECT e.id FROM employees e JOIN timesheets t ON t.employee_id = e.id "
                      "WHERE e.role = 'sales' AND e.active = 1 AND t.work_date = CURDATE() "
                      "AND t.clock_out IS NULL ORDER BY e.id")
    if not people:
        people = db.query("SELECT id FROM employees WHERE role = 'sales' AND active = 1 ORDER BY id")
    if not people:
        return None
    last = db.query_value('SELECT assigned_to FROM leads WHERE assigned_to IS NOT NULL '
                          'ORDER BY id DESC LIMIT 1')
    ids = [p['id'] for p in people]
    nxt = ids[0]
    if last in ids:
        nxt = ids[(ids.index(last) + 1) % len(ids)]
    db.execute('UPDATE leads SET assigned_to = %s WHERE id = %s', (nxt, lead_id))
    return nxt


def log_activity(lead_id, employee_id, activity, outcome):
    db.execute('INSERT INTO lead_activities (lead_id, employee_id, activity, outcome, created_at) '
               'VALUES (%s, %s, %s, %s, NOW())', (lead_id, employee_id, activity, outcome))
    db.execute("UPDATE leads SET status = 'contacted' WHERE id = %s AND status = 'new'", (lead_id,))


def close_lead(lead_id, won, employee_id=None):
    db.execute('UPDATE leads SET status = %s, closed_at = NOW() WHERE id = %s',
               ('won' if won else 'lost', lead_id))
    if employee_id:
        log_activity(lead_id, employee_id, 'close', 'won' if won else 'lost')


def my_leads(employee_id):
    return db.query("SELECT l.*, c.first_name, c.last_name, c.mobile, v.stock_no, v.make, v.model "
                    "FROM leads l LEFT JOIN customers c ON c.id = l.customer_id "
                    "LEFT JOIN vehicles v ON v.id = l.interest_vehicle_id "
                    "WHERE l.assigned_to = %s AND l.status IN ('new', 'contacted') "
                    "ORDER BY l.created_at", (employee_id,))


def stale_leads(hours=24):
    return db.query("SELECT l.*, e.email AS owner_email FROM leads l "
                    "LEFT JOIN employees e ON e.id = l.assigned_to WHERE l.status = 'new' "
                    "AND l.created_at < DATE_SUB(NOW(), INTERVAL %s HOUR)", (hours,))


def nag_stale_leads():
    n = 0
    for l in stale_leads():
        if l['owner_email']:
            mailer.send_mail(l['owner_email'], 'Lead %d not contacted' % l['id'],
                             'Lead %d from %s has not been contacted in 24h.' % (l['id'], l['source']))
            n += 1
    return n


def source_stats(start, end):
    return db.query("SELECT source, COUNT(*) AS leads, SUM(status = 'won') AS won FROM leads "
                    "WHERE created_at BETWEEN %s AND %s GROUP BY source ORDER BY leads DESC",
                    (start, end))
