"""
Invoices.  Every chargeable thing (booking, membership, course place, team entry,
equipment hire) ends up as one or more invoice lines.

Prices are VAT inclusive.  Sports tuition for under 18s is exempt ('E'),
facility hire for sport is exempt if it's a block/series (see HMRC VAT notice 742),
everything else standard rated.
"""
import datetime
import logging

import queries as q
import dateutils
from db import next_invoice_number, query_all, execute
from config import settings
from utils import format_money, current_vat_rate
from pricing import vat_split
from audit import audit

log = logging.getLogger('lsbs.invoicing')


class InvoiceError(Exception):
    pass


def create_invoice(customer_id, issued_on=None, due_days=None):
    issued_on = issued_on or dateutils.today()
    due_days = settings.INVOICE_DUE_DAYS if due_days is None else due_days
    number = next_invoice_number()
    inv_id = q.insert_invoice(customer_id, number, issued_on, issued_on + datetime.timedelta(days=due_days))
    log.info('created invoice %s (%s) for customer %s', number, inv_id, customer_id)
    return inv_id


def add_line(invoice_id, description, unit_pence, qty=1, vat_code='S', source_type=None, source_id=None,
             cost_centre=None):
    inv = q.get_invoice(invoice_id)
    if inv is None:
        raise InvoiceError('no invoice %s' % invoice_id)
    if inv['status'] not in ('draft',):
        raise InvoiceError('invoice %s is %s, cannot add lines' % (inv['number'], inv['status']))
    return q.insert_invoice_line(invoice_id, description, qty, unit_pence, vat_code, source_type, source_id,
                                 cost_centre)


def recalc_totals(invoice_id):
    total = 0
    vat = 0
    for line in q.invoice_lines(invoice_id):
        gross = line['unit_pence'] * line['qty']
        total += gross
        if line['vat_code'] == 'S':
            vat += vat_split(gross, current_vat_rate('S'))[1]
    q.update_invoice_totals(invoice_id, total, vat)
    return total, vat


def finalise_invoice(invoice_id):
    total, vat = recalc_totals(invoice_id)
    if total == 0:
        q.set_invoice_status(invoice_id, 'paid')
    else:
        q.set_invoice_status(invoice_id, 'issued')
    audit('invoice.issued', invoice_id=invoice_id, total=total)
    return total


def invoice_balance(invoice_id):
    inv = q.get_invoice(invoice_id)
    paid = q.total_paid(invoice_id)
    credits = sum(c['amount_pence'] for c in query_all(
        'SELECT amount_pence FROM credit_notes WHERE invoice_id = %s', (invoice_id,)))
    return inv['total_pence'] - paid - credits


def mark_paid_if_settled(invoice_id):
    bal = invoice_balance(invoice_id)
    if bal <= 0:
        q.set_invoice_status(invoice_id, 'paid')
    elif bal < q.get_invoice(invoice_id)['total_pence']:
        q.set_invoice_status(invoice_id, 'part')
    return bal


def void_invoice(invoice_id, reason):
    paid = q.total_paid(invoice_id)
    if paid:
        raise InvoiceError('cannot void an invoice with payments - issue a credit note')
    execute("UPDATE invoices SET status = 'void' WHERE id = %s", (invoice_id,))
    audit('invoice.void', invoice_id=invoice_id, reason=reason)


def vat_code_for(source_type, customer_age=None, is_series=False):
    if source_type == 'enrolment' and customer_age is not None and customer_age < 18:
        return 'E'
    if source_type == 'booking' and is_series:
        return 'E'
    if source_type in ('membership', 'team'):
        return 'E'   # FIXME check with finance, this was 'S' until 2020
    return 'S'


def render_invoice_text(invoice_id):
    inv = q.get_invoice(invoice_id)
    cust = q.get_customer(inv['customer_id'])
    lines = q.invoice_lines(invoice_id)
    out = []
    out.append('INVOICE %s' % inv['number'])
    out.append('Issued: %s   Due: %s' % (dateutils.fmt_date(inv['issued_on']), dateutils.fmt_date(inv['due_on'])))
    out.append('To: %s %s <%s>' % (cust['first_name'], cust['last_name'], cust['email']))
    out.append('')
    for l in lines:
        out.append('%-50s %3d x %10s  [%s]' % (l['description'][:50], l['qty'], format_money(l['unit_pence']),
                                            l['vat_code']))
    out.append('')
    out.append('Total: %s (includes VAT %s)' % (format_money(inv['total_pence']), format_money(inv['vat_pence'])))
    out.append('Balance due: %s' % format_money(invoice_balance(invoice_id)))
    return '\n'.join(out)
