# -*- coding: utf-8 -*-
"""PDF output via reportlab.  PdfDoc is the generic bit, the rest are the
documents we print."""
import os
import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from dealer import config, db, utils


class PdfDoc(object):
    LEFT = 20 * mm
    TOP = 275 * mm
    LINE = 5 * mm

    def __init__(self, title):
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4)
        self.c.setTitle(title)
        self.y = self.TOP
        self.header(title)

    def header(self, title):
        self.c.setFont('Helvetica-Bold', 14)
        self.c.drawString(self.LEFT, self.y, config.get('dealer_name'))
        self.c.setFont('Helvetica', 9)
        self.c.drawRightString(190 * mm, self.y, 'VAT No ' + config.get('vat_no'))
        self.y -= 2 * self.LINE
        self.c.setFont('Helvetica-Bold', 12)
        self.c.drawString(self.LEFT, self.y, title)
        self.y -= 2 * self.LINE
        self.c.setFont('Helvetica', 10)

    def line(self, text, right=None, bold=False):
        if self.y < 25 * mm:
            self.c.showPage()
            self.y = self.TOP
        self.c.setFont('Helvetica-Bold' if bold else 'Helvetica', 10)
        self.c.drawString(self.LEFT, self.y, text)
        if right is not None:
            self.c.drawRightString(190 * mm, self.y, right)
        self.y -= self.LINE

    def gap(self, n=1):
        self.y -= n * self.LINE

    def finish(self):
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def save_pdf(data, subdir, filename):
    path = os.path.join(config.get('pdf_dir'), subdir)
    if not os.path.isdir(path):
        os.makedirs(path)
    full = os.path.join(path, filename)
    with open(full, 'wb') as f:
        f.write(data)
    return full


def deal_invoice_pdf(deal_id):
    d = db.query_one(
        "SELECT d.*, c.first_name, c.last_name, c.address1, c.town, c.postcode, "
        "v.make, v.model, v.derivative, v.reg, v.vin, v.mileage "
        "FROM deals d JOIN customers c ON c.id = d.customer_id "
        "JOIN vehicles v ON v.id = d.vehicle_id WHERE d.id = %s", (deal_id,))
    fees = db.query('SELECT * FROM deal_fees WHERE deal_id = %s', (deal_id,))
    doc = PdfDoc('Vehicle Invoice ' + d['deal_no'])
    doc.line('%s %s' % (d['first_name'], d['last_name']))
    doc.line(d['address1'] or '')
    doc.line('%s %s' % (d['town'] or '', d['postcode'] or ''))
    doc.gap()
    doc.line('%s %s %s' % (d['make'], d['model'], d['derivative'] or ''), bold=True)
    doc.line('Reg %s   VIN %s   Mileage %s' % (d['reg'], d['vin'], d['mileage']))
    doc.gap()
    total = utils.to_decimal(d['sale_price'])
    doc.line('Vehicle price', utils.format_money(d['sale_price']))
    for f in fees:
        doc.line(f['fee_type'].replace('_', ' ').title(), utils.format_money(f['amount']))
        total += utils.to_decimal(f['amount'])
    if d['trade_in_id']:
        ti = db.query_one('SELECT allowance, settlement FROM trade_ins WHERE id = %s',
                          (d['trade_in_id'],))
        doc.line('Less part exchange', utils.format_money(-ti['allowance']))
        total -= utils.to_decimal(ti['allowance']) - utils.to_decimal(ti['settlement'])
        if ti['settlement']:
            doc.line('Settlement of existing finance', utils.format_money(ti['settlement']))
    doc.gap()
    doc.line('Total', utils.format_money(total), bold=True)
    doc.line('VAT included', utils.format_money(utils.vat_of(total)))
    data = doc.finish()
    save_pdf(data, 'deals', '%s.pdf' % d['deal_no'])
    return data


def ro_invoice_pdf(ro_id):
    ro = db.query_one(
        "SELECT r.*, c.first_name, c.last_name, v.reg, v.make, v.model "
        "FROM repair_orders r LEFT JOIN customers c ON c.id = r.customer_id "
        "JOIN vehicles v ON v.id = r.vehicle_id WHERE r.id = %s", (ro_id,))
    labour = db.query('SELECT * FROM ro_labour WHERE ro_id = %s', (ro_id,))
    parts = db.query('SELECT rp.*, p.part_no, p.description FROM ro_parts rp '
                     'JOIN parts p ON p.id = rp.part_id WHERE rp.ro_id = %s', (ro_id,))
    doc = PdfDoc('Service Invoice ' + ro['ro_no'])
    doc.line('%s %s' % (ro['first_name'] or '', ro['last_name'] or ''))
    doc.line('%s  %s %s  (mileage %s)' % (ro['reg'], ro['make'], ro['model'], ro['mileage_in']))
    doc.gap()
    net = 0
    doc.line('Labour', bold=True)
    for l in labour:
        amt = utils.round_money(utils.to_decimal(l['sold_hours']) * utils.to_decimal(l['rate']))
        doc.line('  %s %s' % (l['op_code'] or '', l['description']), utils.format_money(amt))
        net += amt
    doc.line('Parts', bold=True)
    for p in parts:
        amt = utils.round_money(utils.to_decimal(p['qty']) * utils.to_decimal(p['unit_price']))
        doc.line('  %s %s x%s' % (p['part_no'], p['description'], p['qty']), utils.format_money(amt))
        net += amt
    doc.gap()
    doc.line('Net', utils.format_money(net))
    doc.line('VAT', utils.format_money(utils.add_vat(net) - net))
    doc.line('Total', utils.format_money(utils.add_vat(net)), bold=True)
    data = doc.finish()
    save_pdf(data, 'service', '%s.pdf' % ro['ro_no'])
    return data


def payslip_pdf(payslip_id):
    p = db.query_one(
        "SELECT ps.*, e.first_name, e.last_name, r.period FROM payslips ps "
        "JOIN employees e ON e.id = ps.employee_id "
        "JOIN payroll_runs r ON r.id = ps.payroll_run_id WHERE ps.id = %s", (payslip_id,))
    doc = PdfDoc('Payslip %s' % p['period'])
    doc.line('%s %s' % (p['first_name'], p['last_name']), bold=True)
    doc.gap()
    doc.line('Gross pay', utils.format_money(p['gross']))
    doc.line('Commission', utils.format_money(p['commission']))
    doc.line('Deductions', utils.format_money(-p['deductions']))
    doc.line('Net pay', utils.format_money(p['net']), bold=True)
    return doc.finish()
