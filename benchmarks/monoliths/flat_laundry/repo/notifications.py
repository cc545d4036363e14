"""
notifications.py - emails that go out when things happen.
"""
import logging

import config
import db
import util
import emailer

log = logging.getLogger('lhs.notify')


def notify_short_delivery(delivery, short_lines):
    lines = '\n'.join('%s %s: ordered %s, delivered %s' % (l['sku'], l['description'], l['qty_ordered'], q)
                      for l, q in short_lines)
    emailer.send_template(config.TRANSPORT_EMAIL, 'Short delivery %s' % delivery['id'], 'short',
                          delivery_id=delivery['id'], site=delivery['site_name'], lines=lines)
    # the housekeeper wants to know too
    c = db.fetch_one("SELECT email FROM contacts WHERE site_id = %s AND role = 'housekeeper' AND email IS NOT NULL "
                     "LIMIT 1", (delivery['site_id'],))
    if c:
        emailer.send_template(c['email'], 'Your linen delivery today', 'short',
                              delivery_id=delivery['id'], site=delivery['site_name'], lines=lines)


def notify_machine_fault(machine_code, description):
    emailer.send_template(config.PLANT_MANAGER_EMAIL, 'FAULT: ' + machine_code, 'fault',
                          machine=machine_code, when=util.now().strftime('%H:%M'), description=description)


def send_invoice_reminders(min_days=14):
    rows = db.fetch_all(
        "SELECT i.id, i.invoice_no, i.gross, i.due_date, c.name, c.billing_email, "
        "current_date - i.due_date AS days FROM invoices i JOIN customers c ON c.id = i.customer_id "
        "WHERE i.status = 'issued' AND i.due_date < current_date - %s AND c.billing_email IS NOT NULL",
        (min_days,))
    sent = 0
    for r in rows:
        if emailer.send_template(r['billing_email'], 'Overdue invoice ' + r['invoice_no'], 'reminder',
                                 name=r['name'], invoice_no=r['invoice_no'], amount=util.fmt_money(r['gross']),
                                 days=r['days']):
            sent += 1
    log.info('sent %d reminders', sent)
    return sent


def notify_training_expiry(days=30):
    rows = db.fetch_all(
        "SELECT s.first_name, s.last_name, t.course, t.expires_on FROM training_records t "
        "JOIN staff s ON s.id = t.staff_id WHERE s.active AND t.expires_on BETWEEN current_date AND current_date + %s "
        "ORDER BY t.expires_on", (days,))
    if not rows:
        return 0
    lines = '\n'.join('%s %s - %s - %s' % (r['first_name'], r['last_name'], r['course'], util.fmt_date(r['expires_on']))
                      for r in rows)
    emailer.send_template(config.PLANT_MANAGER_EMAIL, 'Training expiring', 'training', lines=lines)
    return len(rows)
