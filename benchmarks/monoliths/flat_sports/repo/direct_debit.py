"""
Monthly direct debit collection for memberships (BACS Standard 18).

Runs on the 20th for collection on the 1st.  Builds one invoice per membership,
marks it as paid by DD straight away (bounces come back via ARUDD and are
handled by hand by the income team - see process_arudd, half finished).
"""
import os
import logging
import datetime

import queries as q
import dateutils
from db import query_all, execute_returning, execute
from config import settings
from invoicing import create_invoice, add_line, finalise_invoice

log = logging.getLogger('lsbs.dd')

TXN_CODE_FIRST = '01'
TXN_CODE_REGULAR = '17'


def memberships_to_collect(collection_date):
    return query_all(
        """SELECT m.*, p.name AS plan_name, p.monthly_pence, c.first_name, c.last_name
           FROM memberships m JOIN membership_plans p ON p.id = m.plan_id
           JOIN customers c ON c.id = m.customer_id
           WHERE m.status = 'active' AND m.payment_freq = 'monthly'
             AND m.dd_reference IS NOT NULL AND m.start_date <= %s
             AND NOT EXISTS (SELECT 1 FROM membership_freezes f WHERE f.membership_id = m.id
                             AND %s BETWEEN f.from_date AND f.to_date)""",
        (collection_date, collection_date))


def bacs_line(sort_code, account, name, amount_pence, reference, txn_code=TXN_CODE_REGULAR):
    return '%6s%8s0%2s%6s%8s%4s%011d%-18s%-18s%-18s' % (
        sort_code, account, txn_code, settings.BACS_SUN[:6], '00000000', '    ',
        amount_pence, 'LEISURE SERVICES'[:18], reference[:18], name.upper()[:18])


def build_collection(run_date=None, collection_date=None):
    run_date = run_date or dateutils.today()
    collection_date = collection_date or dateutils.add_months(run_date.replace(day=1), 1)
    batch_id = execute_returning("INSERT INTO dd_batches (run_date) VALUES (%s) RETURNING id", (run_date,))
    lines = []
    total = 0
    for m in memberships_to_collect(collection_date):
        inv_id = create_invoice(m['customer_id'], issued_on=run_date, due_days=(collection_date - run_date).days)
        add_line(inv_id, '%s membership %s' % (m['plan_name'], collection_date.strftime('%b %Y')),
                 m['monthly_pence'], vat_code='E', source_type='membership', source_id=m['id'])
        finalise_invoice(inv_id)
        q.insert_payment(inv_id, m['monthly_pence'], 'dd', 'DDB%d' % batch_id)
        q.set_invoice_status(inv_id, 'paid')
        # bank details live in the DD mandate system, we only hold the reference
        lines.append(bacs_line('000000', '00000000', '%s %s' % (m['first_name'], m['last_name']),
                               m['monthly_pence'], m['dd_reference']))
        total += m['monthly_pence']
    fname = write_bacs_file(batch_id, lines)
    execute("UPDATE dd_batches SET file_name = %s, total_pence = %s, line_count = %s WHERE id = %s",
            (fname, total, len(lines), batch_id))
    log.info('DD batch %s: %d lines, %d pence', batch_id, len(lines), total)
    return batch_id


def write_bacs_file(batch_id, lines):
    if not os.path.isdir(settings.BACS_OUTPUT_DIR):
        os.makedirs(settings.BACS_OUTPUT_DIR)
    fname = os.path.join(settings.BACS_OUTPUT_DIR, 'DD%06d_%s.txt' % (batch_id, datetime.date.today().strftime('%Y%m%d')))
    with open(fname, 'w') as f:
        for line in lines:
            f.write(line + '\r\n')
    return fname


def process_arudd(path):
    """Read an ARUDD (unpaid DD) report and reverse the payments.  TODO: finish this."""
    reversed_ = 0
    with open(path) as f:
        for raw in f:
            parts = raw.strip().split(',')
            if len(parts) < 3:
                continue
            dd_ref, amount = parts[0], int(parts[2])
            rows = query_all("SELECT id, customer_id FROM memberships WHERE dd_reference = %s", (dd_ref,))
            if not rows:
                log.warning('ARUDD unpaid %s %s - no membership found', dd_ref, amount)
                continue
            # TODO: reverse the payment + reopen the invoice (LSBS-388). For now just flag it.
            execute("UPDATE memberships SET status = 'lapsed' WHERE id = %s", (rows[0]['id'],))
            log.warning('ARUDD unpaid %s %s - membership %s lapsed', dd_ref, amount, rows[0]['id'])
            reversed_ += 1
    return reversed_
