# -*- coding: utf-8 -*-
"""Quotes (a.k.a. 'offers to purchase').  Ported to py3 by JM 2017."""
import datetime
import logging

from dealer import db, utils, dates, mailer
from dealer.pdf import PdfDoc
from dealer.constants import QUOTE_VALID_DAYS, VAT_RATE

log = logging.getLogger('dealer.quotes')


def create_quote(customer_id, vehicle_id, salesperson_id, price=None, discount=0):
    if price is None:
        price = db.query_value('SELECT retail_price FROM vehicles WHERE id = %s',
                               (vehicle_id,), 0)
    return db.insert('quotes', {
        'customer_id': customer_id,
        'vehicle_id': vehicle_id,
        'salesperson_id': salesperson_id,
        'price': utils.round_money(price),
        'discount': utils.round_money(discount or 0),
        'status': 'open',
        'valid_until': dates.today() + datetime.timedelta(days=QUOTE_VALID_DAYS),
        'created_at': dates.now(),
    })


def get_quote(quote_id):
    q = db.query_one('SELECT q.*, c.first_name, c.last_name, c.email, '
                     'v.make, v.model, v.derivative, v.reg, v.stock_no '
                     'FROM quotes q JOIN customers c ON c.id = q.customer_id '
                     'JOIN vehicles v ON v.id = q.vehicle_id WHERE q.id = %s', (quote_id,))
    if q:
        q['lines'] = db.query('SELECT * FROM quote_lines WHERE quote_id = %s ORDER BY id',
                              (quote_id,))
    return q


def add_quote_line(quote_id, description, amount, vatable=True):
    return db.execute('INSERT INTO quote_lines (quote_id, description, amount, vatable) '
                      'VALUES (%s, %s, %s, %s)',
                      (quote_id, description, utils.round_money(amount), 1 if vatable else 0))


def remove_quote_line(line_id):
    db.execute('DELETE FROM quote_lines WHERE id = %s', (line_id,))


def set_discount(quote_id, discount, user):
    # >5% discount needs a manager. Nobody remembers who decided 5%.
    q = db.query_one('SELECT price FROM quotes WHERE id = %s', (quote_id,))
    if utils.to_decimal(discount) > utils.to_decimal(q['price']) * utils.to_decimal('0.05') \
            and user.get('role') not in ('manager', 'admin'):
        raise ValueError('Discount over 5% needs manager approval')
    db.execute('UPDATE quotes SET discount = %s WHERE id = %s',
               (utils.round_money(discount), quote_id))


def quote_totals(quote_id):
    q = get_quote(quote_id)
    net_vehicle = utils.to_decimal(q['price'], 0) - utils.to_decimal(q['discount'], 0)
    extras = sum(utils.to_decimal(l['amount'], 0) for l in q['lines'])
    allowance = utils.to_decimal(0)
    if q['appraisal_id']:
        a = db.query_one('SELECT offer FROM appraisals WHERE id = %s', (q['appraisal_id'],))
        allowance = utils.to_decimal(a['offer'], 0) if a else allowance
    total = net_vehicle + extras
    return {
        'vehicle': utils.round_money(net_vehicle),
        'extras': utils.round_money(extras),
        'total': utils.round_money(total),
        'vat': utils.vat_of(total, VAT_RATE),
        'allowance': utils.round_money(allowance),
        'to_change': utils.round_money(total - allowance),
    }


def attach_appraisal(quote_id, appraisal_id):
    db.execute('UPDATE quotes SET appraisal_id = %s WHERE id = %s', (appraisal_id, quote_id))


def finance_example(quote_id, apr=9.9, months=48, deposit_pct=10):
    t = quote_totals(quote_id)
    deposit = float(t['to_change']) * deposit_pct / 100.0
    principal = float(t['to_change']) - deposit
    return {
        'deposit': round(deposit, 2),
        'monthly': utils.calc_monthly_payment(principal, apr, months),
        'apr': apr,
        'months': months,
    }


def quote_pdf(quote_id):
    q = get_quote(quote_id)
    t = quote_totals(quote_id)
    doc = PdfDoc('Quotation Q%06d' % q['id'])
    doc.line('For: %s %s' % (q['first_name'], q['last_name']))
    doc.line('Valid until %s' % utils.fmt_date(q['valid_until']))
    doc.gap()
    doc.line('%s %s %s (%s)' % (q['make'], q['model'], q['derivative'] or '', q['reg'] or q['stock_no']),
             utils.format_money(q['price']), bold=True)
    if q['discount']:
        doc.line('Discount', utils.format_money(-q['discount']))
    for l in q['lines']:
        doc.line(l['description'], utils.format_money(l['amount']))
    doc.gap()
    doc.line('Total', utils.format_money(t['total']), bold=True)
    if t['allowance']:
        doc.line('Part exchange allowance', utils.format_money(-t['allowance']))
        doc.line('Balance to change', utils.format_money(t['to_change']), bold=True)
    fin = finance_example(quote_id)
    doc.gap()
    doc.line('Finance example: %d x %s at %.1f%% APR (deposit %s)' % (
        fin['months'], utils.format_money(fin['monthly']), fin['apr'],
        utils.format_money(fin['deposit'])))
    return doc.finish()


def email_quote(quote_id):
    q = get_quote(quote_id)
    if not q['email']:
        return False
    body = ('Dear %s,\n\nThank you for visiting Harrow Motors. Please find attached '
            'our quotation for the %s %s.\n\nKind regards\nHarrow Motors Sales') % (
        q['first_name'] or 'Customer', q['make'], q['model'])
    return mailer.send_mail(q['email'], 'Your quotation from Harrow Motors', body,
                            attachments=[('quote_%d.pdf' % quote_id, quote_pdf(quote_id))])


def mark_lost(quote_id, reason=''):
    db.execute("UPDATE quotes SET status = 'lost' WHERE id = %s", (quote_id,))
    q = db.query_one('SELECT customer_id, vehicle_id FROM quotes WHERE id = %s', (quote_id,))
    # give the car back if we had reserved it for this quote
    db.execute("UPDATE vehicles SET status = 'in_stock' WHERE id = %s AND status = 'reserved' "
               "AND id NOT IN (SELECT vehicle_id FROM deals WHERE status IN ('pending','signed'))",
               (q['vehicle_id'],))
    log.info('quote %s lost: %s', quote_id, reason)


def expire_old_quotes():
    n = db.execute("UPDATE quotes SET status = 'expired' WHERE status = 'open' "
                   "AND valid_until < CURDATE()")
    log.info('expired %s quotes', n)
    return n


def open_quotes(salesperson_id=None):
    sql = ("SELECT q.*, c.last_name, v.stock_no, v.make, v.model FROM quotes q "
           "JOIN customers c ON c.id = q.customer_id JOIN vehicles v ON v.id = q.vehicle_id "
           "WHERE q.status = 'open'")
    params = []
    if salesperson_id:
        sql += ' AND q.salesperson_id = %s'
        params.append(salesperson_id)
    return db.query(sql + ' ORDER BY q.created_at DESC', params)


def conversion_rate(start, end):
    row = db.query_one("SELECT COUNT(*) AS n, SUM(status = 'accepted') AS won FROM quotes "
                       "WHERE created_at BETWEEN %s AND %s", (start, end))
    if not row or not row['n']:
        return 0.0
    return float(row['won'] or 0) / row['n']
