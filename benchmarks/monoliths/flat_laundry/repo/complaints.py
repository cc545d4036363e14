"""
complaints.py - customer quality complaints (stains, damage, short, late).
Credit requests go to accounts as credit notes against the delivery's invoice.
"""
import logging

import db
import util
import accounts

log = logging.getLogger('lhs.complaints')

CATEGORIES = ('stain', 'damage', 'short', 'late', 'other')


def log_complaint(customer_id, category, description, site_id=None, delivery_id=None, credit_requested=None):
    if category not in CATEGORIES:
        category = 'other'
    return db.insert(
        "INSERT INTO complaints (customer_id, site_id, delivery_id, category, description, credit_requested) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (customer_id, site_id, delivery_id, category, description, util.to_decimal(credit_requested)))


def open_complaints():
    return db.fetch_all(
        "SELECT cp.*, c.name AS customer_name, s.name AS site_name FROM complaints cp "
        "JOIN customers c ON c.id = cp.customer_id LEFT JOIN customer_sites s ON s.id = cp.site_id "
        "WHERE cp.status = 'open' ORDER BY cp.received_at")


def complaints_for_customer(customer_id, limit=50):
    return db.fetch_all("SELECT * FROM complaints WHERE customer_id = %s ORDER BY received_at DESC LIMIT %s",
                        (customer_id, limit))


def resolve_complaint(complaint_id, grant_credit=False, note=None):
    cp = db.fetch_one("SELECT * FROM complaints WHERE id = %s", (complaint_id,))
    credit_id = None
    if grant_credit and cp['credit_requested'] and cp['delivery_id']:
        inv_id = db.fetch_value("SELECT invoice_id FROM deliveries WHERE id = %s", (cp['delivery_id'],))
        if inv_id:
            credit_id = accounts.raise_credit_note(inv_id, cp['credit_requested'],
                                                   'Complaint %s: %s' % (complaint_id, cp['category']),
                                                   complaint_id=complaint_id)
        else:
            log.warning('complaint %s: delivery not invoiced yet, no credit raised', complaint_id)
    db.run("UPDATE complaints SET status = 'closed', resolved_at = now(), "
           "description = description || %s WHERE id = %s",
           ('\n-- resolved: ' + (note or ''), complaint_id))
    return credit_id


def complaint_stats(start, end):
    return db.fetch_all(
        "SELECT category, count(*) AS n, sum(coalesce(credit_requested,0)) AS credit FROM complaints "
        "WHERE received_at::date BETWEEN %s AND %s GROUP BY category ORDER BY n DESC", (start, end))
