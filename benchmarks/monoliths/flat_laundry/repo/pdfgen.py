"""
pdfgen.py - PDF output with reportlab.
PdfDoc is generic. render_invoice lives here too because it was the first
thing we ever printed (2010) and nobody moved it.
"""
import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

import config
import db
import util


class PdfDoc(object):
    line_height = 5 * mm

    def __init__(self, title):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4)
        self.title = title
        self.y = A4[1] - 20 * mm
        self.header()

    def header(self):
        self.c.setFont('Helvetica-Bold', 14)
        self.c.drawString(20 * mm, self.y, config.COMPANY_NAME)
        self.y -= 8 * mm
        self.c.setFont('Helvetica', 11)
        self.c.drawString(20 * mm, self.y, self.title)
        self.y -= 10 * mm

    def line(self, text, x=20, bold=False):
        if self.y < 25 * mm:
            self.c.showPage()
            self.y = A4[1] - 20 * mm
        self.c.setFont('Helvetica-Bold' if bold else 'Helvetica', 9)
        self.c.drawString(x * mm, self.y, text)
        self.y -= self.line_height

    def table(self, headers, rows, widths):
        x = 20
        for h, w in zip(headers, widths):
            self.line(h, x=x, bold=True)
            self.y += self.line_height
            x += w
        self.y -= self.line_height
        for r in rows:
            x = 20
            for v, w in zip(r, widths):
                self.line(u'%s' % (v if v is not None else ''), x=x)
                self.y += self.line_height
                x += w
            self.y -= self.line_height

    def output(self):
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def render_table_pdf(title, headers, rows, widths=None):
    widths = widths or [40] * len(headers)
    doc = PdfDoc(title)
    doc.table(headers, rows, widths)
    return doc.output()


def render_invoice(invoice_id):
    inv = db.fetch_one(
        "SELECT i.*, c.name AS customer_name, c.account_no, c.vat_no "
        "FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE i.id = %s",
        (invoice_id,))
    if not inv:
        return None
    lines = db.fetch_all(
        'SELECT description, qty, unit_price, line_total, vat_code FROM invoice_lines '
        'WHERE invoice_id = %s ORDER BY id', (invoice_id,))
    doc = PdfDoc('INVOICE %s' % inv['invoice_no'])
    doc.line('Account: %s  %s' % (inv['account_no'], inv['customer_name']))
    doc.line('Date: %s   Due: %s' % (util.fmt_date(inv['issue_date']), util.fmt_date(inv['due_date'])))
    doc.line('')
    doc.table(['Description', 'Qty', 'Price', 'Total', 'VAT'],
              [(l['description'], l['qty'], l['unit_price'], util.fmt_money(l['line_total']),
                l['vat_code']) for l in lines],
              [90, 15, 20, 25, 10])
    doc.line('')
    doc.line('Net: %s' % util.fmt_money(inv['net']), x=140, bold=True)
    doc.line('VAT: %s' % util.fmt_money(inv['vat']), x=140, bold=True)
    doc.line('Total: %s' % util.fmt_money(inv['gross']), x=140, bold=True)
    doc.line('VAT reg: ' + config.COMPANY_VAT_NO)
    return doc.output()
