"""PDFs with reportlab: invoices, statements, pick lists, POs, order acknowledgements.

Returns the PDF as a byte string; callers write it out or attach it.
"""
try:
    from cStringIO import StringIO as BytesIO
except ImportError:
    from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

import config
from util import fmt_money, fmt_date, format_address

LEFT = 15 * mm
TOP = A4[1] - 15 * mm


def _header(c, title, number, date):
    c.setFont('Helvetica-Bold', 16)
    c.drawString(LEFT, TOP, config.COMPANY_NAME)
    c.setFont('Helvetica', 9)
    y = TOP - 12
    for line in config.COMPANY_ADDRESS + ['VAT ' + config.VAT_NO]:
        c.drawString(LEFT, y, line)
        y -= 11
    c.setFont('Helvetica-Bold', 14)
    c.drawRightString(A4[0] - LEFT, TOP, title)
    c.setFont('Helvetica', 10)
    c.drawRightString(A4[0] - LEFT, TOP - 16, number)
    c.drawRightString(A4[0] - LEFT, TOP - 28, fmt_date(date))
    return y - 20


def _address_block(c, y, lines):
    c.setFont('Helvetica', 10)
    for line in lines:
        if line:
            c.drawString(LEFT, y, line)
            y -= 12
    return y - 10


def _table(c, y, cols, rows, widths):
    c.setFont('Helvetica-Bold', 9)
    x = LEFT
    for col, w in zip(cols, widths):
        c.drawString(x, y, col)
        x += w
    y -= 14
    c.setFont('Helvetica', 9)
    for row in rows:
        if y < 30 * mm:
            c.showPage()
            y = TOP
            c.setFont('Helvetica', 9)
        x = LEFT
        for val, w in zip(row, widths):
            c.drawString(x, y, u'%s' % (val if val is not None else ''))
            x += w
        y -= 12
    return y


def _new():
    buf = BytesIO()
    return buf, canvas.Canvas(buf, pagesize=A4)


def invoice_pdf(inv):
    buf, c = _new()
    y = _header(c, 'INVOICE', inv.InvoiceNo, inv.InvoiceDate)
    y = _address_block(c, y, [inv.CustomerName, inv.BillAddr1, inv.BillAddr2, inv.BillCity,
                              inv.BillPostcode, 'Account: ' + inv.AccountNo,
                              'Your order: %s' % (inv.CustomerPO or '-')])
    rows = [(l.Sku, l.Description[:45], l.Qty, fmt_money(l.UnitPrice), l.TaxCode, fmt_money(l.LineNet))
            for l in inv.lines]
    y = _table(c, y, ['Code', 'Description', 'Qty', 'Price', 'VAT', 'Net'], rows,
               [25 * mm, 80 * mm, 15 * mm, 22 * mm, 12 * mm, 25 * mm])
    y -= 10
    for label, val in (('Goods', inv.NetAmount), ('Carriage', inv.FreightAmount),
                       ('VAT', inv.TaxAmount), ('TOTAL', inv.TotalAmount)):
        c.drawRightString(A4[0] - 45 * mm, y, label)
        c.drawRightString(A4[0] - LEFT, y, fmt_money(val))
        y -= 12
    c.drawString(LEFT, 20 * mm, 'Payment due by %s. Bank: Barclays 20-45-77 account 83004412.'
                 % fmt_date(inv.DueDate))
    c.save()
    return buf.getvalue()


def statement_pdf(customer, invoices):
    buf, c = _new()
    y = _header(c, 'STATEMENT', customer.AccountNo, None)
    y = _address_block(c, y, [customer.Name, customer.BillAddr1, customer.BillAddr2,
                              customer.BillCity, customer.BillPostcode])
    total = sum([i.Outstanding for i in invoices]) if invoices else 0
    rows = [(i.InvoiceNo, fmt_date(i.InvoiceDate), fmt_date(i.DueDate), fmt_money(i.TotalAmount),
             fmt_money(i.Outstanding)) for i in invoices]
    y = _table(c, y, ['Invoice', 'Date', 'Due', 'Amount', 'Outstanding'], rows,
               [30 * mm, 30 * mm, 30 * mm, 35 * mm, 35 * mm])
    c.setFont('Helvetica-Bold', 11)
    c.drawRightString(A4[0] - LEFT, y - 14, 'Balance due: %s' % fmt_money(total))
    c.save()
    return buf.getvalue()


def pick_list_pdf(pl):
    buf, c = _new()
    y = _header(c, 'PICK LIST', 'Order %s' % pl.OrderNo, pl.PrintedAt)
    y = _address_block(c, y, [pl.CustomerName, 'Deliver to: %s' % (pl.ShipToName or '-'),
                              pl.DeliveryNotes, pl.Notes])
    rows = [(l.BinCode or '?', l.Sku, l.Description[:50], l.QtyToPick, l.Uom, '______')
            for l in pl.lines]
    _table(c, y, ['Bin', 'Code', 'Description', 'Qty', 'UoM', 'Picked'], rows,
           [20 * mm, 25 * mm, 85 * mm, 15 * mm, 12 * mm, 20 * mm])
    c.save()
    return buf.getvalue()


def packing_slip_pdf(pl, shipto):
    # the carrier wanted these in the box; now they print their own labels. unused since 2012
    buf, c = _new()
    y = _header(c, 'DELIVERY NOTE', 'Order %s' % pl.OrderNo, pl.CompletedAt)
    y = _address_block(c, y, format_address(shipto).split('\n'))
    rows = [(l.Sku, l.Description[:60], l.QtyPicked) for l in pl.lines if l.QtyPicked]
    _table(c, y, ['Code', 'Description', 'Qty'], rows, [30 * mm, 120 * mm, 20 * mm])
    c.save()
    return buf.getvalue()


def po_pdf(po):
    buf, c = _new()
    y = _header(c, 'PURCHASE ORDER', po.PoNo, po.OrderDate)
    y = _address_block(c, y, [po.SupplierName, 'Deliver to warehouse %s' % po.WarehouseCode,
                              'Expected by %s' % fmt_date(po.ExpectedDate)])
    rows = [(l.SupplierSku or '', l.Sku, l.Description[:45], l.QtyOrdered, fmt_money(l.UnitCost))
            for l in po.lines]
    y = _table(c, y, ['Your code', 'Our code', 'Description', 'Qty', 'Cost'], rows,
               [28 * mm, 25 * mm, 80 * mm, 15 * mm, 25 * mm])
    c.drawRightString(A4[0] - LEFT, y - 14, 'Total: %s' % fmt_money(po.TotalCost))
    c.save()
    return buf.getvalue()


def order_ack_pdf(order, customer):
    buf, c = _new()
    y = _header(c, 'ORDER ACKNOWLEDGEMENT', order.OrderNo, order.OrderDate)
    y = _address_block(c, y, [customer.Name, 'Your ref: %s' % (order.CustomerPO or '-'),
                              'Required: %s' % fmt_date(order.RequiredDate)])
    rows = [(l.Sku, l.Description[:50], l.Qty, fmt_money(l.UnitPrice), fmt_money(l.LineValue))
            for l in order.lines]
    y = _table(c, y, ['Code', 'Description', 'Qty', 'Price', 'Value'], rows,
               [25 * mm, 90 * mm, 15 * mm, 25 * mm, 25 * mm])
    c.drawRightString(A4[0] - LEFT, y - 14, 'Order value (ex VAT): %s' % fmt_money(order.TotalValue))
    c.save()
    return buf.getvalue()
