# -*- coding: utf-8 -*-
"""Bits and pieces used all over KOPS. If you don't know where something goes, it goes here.
"""
import csv
import datetime
import functools
import logging
import smtplib
import traceback
from decimal import Decimal, ROUND_HALF_UP
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

try:
    from StringIO import StringIO
except ImportError:
    from io import StringIO

try:
    import ConfigParser as configparser
except ImportError:
    import configparser

import web

import config
import db

log = logging.getLogger('kops')

TWO_PLACES = Decimal('0.01')
_tax_cache = {}


# ---------------------------------------------------------------- numbers & dates

def to_decimal(value, default=Decimal('0')):
    if value is None or value == '':
        return default
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        value = repr(value)
    try:
        return Decimal(str(value).replace(',', '').replace(u'£', '').strip())
    except Exception:
        return default


def round_money(value):
    return to_decimal(value).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def fmt_money(value, symbol=u'£'):
    if value is None:
        return ''
    v = round_money(value)
    sign = '-' if v < 0 else ''
    return u'%s%s%s' % (sign, symbol, '{:,.2f}'.format(abs(v)))


def fmt_date(d, fmt='%d/%m/%Y'):
    if not d:
        return ''
    if isinstance(d, basestring):
        return d
    return d.strftime(fmt)


def parse_date(s):
    """Accepts dd/mm/yyyy (what the office types) and yyyy-mm-dd (what the browser sends)."""
    if not s:
        return None
    if isinstance(s, (datetime.date, datetime.datetime)):
        return s
    s = s.strip()
    for fmt in ('%d/%m/%Y', '%Y-%m-%d', '%d/%m/%y', '%d-%m-%Y'):
        try:
            return datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError('bad date: %r' % s)


def today():
    return datetime.date.today()


def add_business_days(start, days):
    d = start
    while days > 0:
        d += datetime.timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def safe_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def smart_str(s, encoding='utf-8'):
    if s is None:
        return ''
    if isinstance(s, unicode):
        return s.encode(encoding)
    return str(s)


def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


class Pager(object):
    def __init__(self, total, page=1, per_page=50):
        self.total = total or 0
        self.per_page = per_page
        self.page = max(1, safe_int(page, 1))
        self.pages = max(1, (self.total + per_page - 1) // per_page)

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def sql(self):
        # SQL Server 2005 has no OFFSET, callers wrap in ROW_NUMBER() themselves
        return self.offset + 1, self.offset + self.per_page


# ---------------------------------------------------------------- document numbers

def _next_no(prefix, table, column, width=6):
    last = db.scalar("SELECT MAX(%s) FROM %s WHERE %s LIKE ?" % (column, table, column),
                     (prefix + '%',))
    n = 1
    if last:
        n = int(last[len(prefix):]) + 1
    return '%s%0*d' % (prefix, width, n)


def next_order_no():
    return _next_no('SO', 'SalesOrder', 'OrderNo')


def next_quote_no():
    return _next_no('QU', 'Quote', 'QuoteNo')


def next_invoice_no():
    return _next_no('IN', 'Invoice', 'InvoiceNo', 7)


def next_po_no():
    return _next_no('PO', 'PurchaseOrder', 'PoNo')


# ---------------------------------------------------------------- business rules that ended up here

def credit_available(customer_id):
    """Credit limit minus open invoices minus released-but-not-invoiced orders."""
    cust = db.query_one("SELECT CreditLimit, OnStop FROM Customer WHERE CustomerID = ?",
                        (customer_id,))
    if cust is None or cust.OnStop:
        return Decimal('0')
    open_ar = db.scalar("SELECT ISNULL(SUM(TotalAmount - AmountPaid), 0) FROM Invoice "
                        "WHERE CustomerID = ? AND Status <> 'PAID'", (customer_id,))
    open_orders = db.scalar("SELECT ISNULL(SUM(TotalValue), 0) FROM SalesOrder "
                            "WHERE CustomerID = ? AND Status IN ('RELEASED', 'PICKING', 'PART')",
                            (customer_id,))
    return to_decimal(cust.CreditLimit) - to_decimal(open_ar) - to_decimal(open_orders)


def format_address(row, sep='\n'):
    parts = []
    for key in ('Name', 'Addr1', 'Addr2', 'City', 'County', 'Postcode'):
        if row.has_key(key) and row[key]:
            parts.append(row[key])
    return sep.join(parts)


def tax_rate(code):
    if not _tax_cache:
        for r in db.query("SELECT TaxCode, RatePct FROM TaxCode"):
            _tax_cache[r.TaxCode] = to_decimal(r.RatePct)
    return _tax_cache.get(code or config.DEFAULT_TAX_CODE, Decimal('20.00'))


def line_tax(net, code):
    return round_money(to_decimal(net) * tax_rate(code) / 100)


def due_date(invoice_date, terms_days):
    # end of month following for 'EOM' accounts was never done, everyone is on N days
    return invoice_date + datetime.timedelta(days=terms_days or config.DEFAULT_TERMS_DAYS)


def freight_estimate(weight_kg, carrier):
    if carrier is None:
        return Decimal('0.00')
    charge = to_decimal(carrier.RatePerKg) * to_decimal(weight_kg or 0)
    return round_money(max(charge, to_decimal(carrier.MinCharge)))


def sscc(serial, prefix='5012345'):
    """18 digit SSCC with GS1 mod 10 check digit, for the ASN labels."""
    body = '0' + prefix + str(serial).zfill(17 - 1 - len(prefix))
    total = 0
    for i, ch in enumerate(reversed(body)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return body + str((10 - total % 10) % 10)


def valid_sku(sku):
    return bool(sku) and len(sku) <= 20 and sku.replace('-', '').replace('/', '').isalnum()


def round_to_pack(qty, pack_qty):
    if not pack_qty or pack_qty <= 1:
        return qty
    return ((qty + pack_qty - 1) // pack_qty) * pack_qty


def margin_pct(price, cost):
    price = to_decimal(price)
    if price == 0:
        return Decimal('0')
    return round_money((price - to_decimal(cost)) / price * 100)


def fax_order_ack(order, fax_no):
    # the Rightfax gateway was switched off in 2011. kept in case sales want it back.
    body = 'Order %s acknowledged, %d lines, value %s' % (
        order.OrderNo, len(order.lines), fmt_money(order.TotalValue))
    send_mail('%s@fax.kestrelsupply.local' % fax_no.replace(' ', ''), 'ORDER ACK', body)


# ---------------------------------------------------------------- web helpers

def current_user():
    return web.ctx.session.get('user') if hasattr(web.ctx, 'session') else None


def check_password(username, password):
    import hashlib
    cp = configparser.RawConfigParser()
    cp.read(config.USERS_FILE)
    if not cp.has_section(username):
        return None
    if cp.get(username, 'sha1') != hashlib.sha1(password.encode('utf-8')).hexdigest():
        return None
    return {'username': username, 'roles': cp.get(username, 'roles').split(',')}


def requires_login(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kw):
        if not current_user():
            raise web.seeother('/login?next=' + web.ctx.path)
        return fn(*args, **kw)
    return wrapper


def requires_role(role):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kw):
            user = current_user()
            if not user or (role not in user['roles'] and 'admin' not in user['roles']):
                raise web.forbidden()
            return fn(*args, **kw)
        return wrapper
    return deco


def json_response(data):
    import json
    web.header('Content-Type', 'application/json')
    return json.dumps(data, default=str)


def csv_response(filename, header, rows):
    out = StringIO()
    w = csv.writer(out)
    w.writerow(header)
    for r in rows:
        w.writerow([smart_str(c) for c in r])
    web.header('Content-Type', 'text/csv')
    web.header('Content-Disposition', 'attachment; filename=%s' % filename)
    return out.getvalue()


def send_mail(to, subject, body, attachments=None, sender=None):
    msg = MIMEMultipart()
    msg['From'] = sender or config.MAIL_FROM
    msg['To'] = to if isinstance(to, basestring) else ', '.join(to)
    msg['Subject'] = subject
    msg.attach(MIMEText(body, 'plain', 'utf-8'))
    for name, data in (attachments or []):
        part = MIMEApplication(data)
        part.add_header('Content-Disposition', 'attachment', filename=name)
        msg.attach(part)
    s = smtplib.SMTP(config.SMTP_HOST)
    try:
        s.sendmail(msg['From'], [a.strip() for a in msg['To'].split(',')], msg.as_string())
    finally:
        s.quit()


def log_exception(where):
    log.error('%s failed:\n%s', where, traceback.format_exc())
