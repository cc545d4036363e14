"""
Customer account housekeeping: duplicate merging, GDPR subject access
export and anonymisation (right to erasure).  Written for the 2021 GDPR audit.

NB: merge/anonymise have to know about every table with a customer_id.  If you
add one, add it here too!!
"""
import json
import logging

import queries as q
from db import query_all, execute, transaction
from utils import json_default, random_token
from audit import audit

log = logging.getLogger('lsbs.customers')

# table -> customer column
CUSTOMER_FK_TABLES = [
    ('customer_addresses', 'customer_id'),
    ('customer_notes', 'customer_id'),
    ('login_tokens', 'customer_id'),
    ('password_resets', 'customer_id'),
    ('bookings', 'customer_id'),
    ('block_bookings', 'customer_id'),
    ('memberships', 'customer_id'),
    ('passes', 'customer_id'),
    ('concessions', 'customer_id'),
    ('team_players', 'customer_id'),
    ('teams', 'captain_id'),
    ('enrolments', 'customer_id'),
    ('waiting_list', 'customer_id'),
    ('invoices', 'customer_id'),
    ('equipment_hires', 'customer_id'),
]


def find_duplicates(limit=200):
    return query_all(
        """SELECT a.id AS keep_id, b.id AS dup_id, a.email AS keep_email, b.email AS dup_email,
                  a.first_name, a.last_name, a.dob
           FROM customers a JOIN customers b
             ON lower(a.first_name) = lower(b.first_name) AND lower(a.last_name) = lower(b.last_name)
            AND a.dob = b.dob AND a.id < b.id
           WHERE NOT a.anonymised AND NOT b.anonymised
           ORDER BY a.last_name LIMIT %s""", (limit,))


def merge_customers(keep_id, dup_id, staff_id):
    if keep_id == dup_id:
        raise ValueError('same customer')
    with transaction():
        for table, col in CUSTOMER_FK_TABLES:
            if table == 'marketing_prefs':
                continue
            execute('UPDATE %s SET %s = %%s WHERE %s = %%s' % (table, col, col), (keep_id, dup_id))
        execute('DELETE FROM marketing_prefs WHERE customer_id = %s', (dup_id,))
        execute('UPDATE customers SET is_active = FALSE, email = email || %s WHERE id = %s',
                ('.merged%d' % keep_id, dup_id))
        q.add_customer_note(keep_id, staff_id, 'Merged duplicate account #%d into this one' % dup_id)
    audit('customer.merge', actor=staff_id, keep=keep_id, dup=dup_id)


def subject_access_export(customer_id):
    """Everything we hold about a customer, as JSON (SAR requests)."""
    data = {'customer': q.get_customer(customer_id)}
    for table, col in CUSTOMER_FK_TABLES:
        data[table] = query_all('SELECT * FROM %s WHERE %s = %%s' % (table, col), (customer_id,))
    data['marketing_prefs'] = q.get_marketing_prefs(customer_id)
    # payments are linked via invoices
    data['payments'] = query_all(
        """SELECT p.* FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.customer_id = %s""",
        (customer_id,))
    return json.dumps(data, default=json_default, indent=2)


def anonymise_customer(customer_id, staff_id=None):
    """Right to erasure.  Financial records are kept (6 years, HMRC) but
    de-personalised; everything else is deleted."""
    with transaction():
        execute('DELETE FROM customer_addresses WHERE customer_id = %s', (customer_id,))
        execute('DELETE FROM customer_notes WHERE customer_id = %s', (customer_id,))
        execute('DELETE FROM login_tokens WHERE customer_id = %s', (customer_id,))
        execute('DELETE FROM password_resets WHERE customer_id = %s', (customer_id,))
        execute('DELETE FROM marketing_prefs WHERE customer_id = %s', (customer_id,))
        execute('DELETE FROM waiting_list WHERE customer_id = %s', (customer_id,))
        execute(
            """UPDATE customers SET email = %s, first_name = 'Removed', last_name = 'Customer',
               dob = NULL, phone = NULL, password_hash = NULL, is_active = FALSE, anonymised = TRUE
               WHERE id = %s""", ('removed-%s@invalid' % random_token(12), customer_id))
    audit('customer.anonymise', actor=staff_id, customer_id=customer_id)


def dormant_customers(years=6):
    return query_all(
        """SELECT id FROM customers WHERE NOT anonymised
           AND COALESCE(last_login, created_at) < now() - interval '%d years'
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = customers.id
                           AND i.issued_on > now() - interval '%d years')""" % (years, years))
