# -*- coding: utf-8 -*-
"""Invoice PDF rendering (reportlab) and the e-mail that goes with it."""
import os

try:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
except ImportError:  # admin box doesn't have reportlab
    canvas = None
    A4 = (595.27, 841.89)
    mm = 2.834645669

from lib import config, dbutil
from lib.dates import period_label
from lib.money import format_money, D
from lib import invoicing

LINE_HEIGHT = 5 * mm
LEFT = 20 * mm
RIGHT = A4[0] - 20 * mm

EMAIL_TEMPLATE = u"""Dear $name,

Your invoice $invoice_no for $period is attached.

Amount due: $total
Due date:   $due_date
$payment_text

Kind regards,
$company
"""

DD_TEXT = u"The amount will be collected by direct debit from %s."
TRANSFER_TEXT = u"Please transfer the amount to %s quoting %s."


def pdf_path_for(inv):
    base = config.path("invoice_pdf") or "/tmp"
    sub = inv["issue_date"].strftime("%Y/%m")
    return os.path.join(base, sub, "%s.pdf" % inv["invoice_no"])


def build_context(invoice_id):
    inv = dbutil.get_invoice(invoice_id)
    acc = dbutil.get_account(inv["account_id"])
    lines = invoicing.invoice_lines(invoice_id)
    by_sub = {}
    for l in lines:
        by_sub.setdefault(l["subscriber_id"], []).append(l)
    msisdns = {}
    if by_sub:
        ph, params = dbutil.in_clause([k for k in by_sub if k])
        for r in dbutil.fetchall("SELECT id, msisdn FROM subscribers WHERE id IN (" + ph + ")", params):
            msisdns[r["id"]] = r["msisdn"]
    # payment method decides the footer text
    pm = dbutil.fetchone("""
        SELECT method, iban FROM payment_methods WHERE account_id = %s
         ORDER BY is_default DESC, id DESC LIMIT 1""", (acc["id"],))
    balance, _ = dbutil.get_account_balance(acc["id"])
    previous_balance = balance - D(inv["total_amount"])
    return {
        "invoice": inv,
        "account": acc,
        "address": dbutil.get_billing_address(acc["id"]),
        "contact": dbutil.get_primary_contact(acc["id"]),
        "lines_by_sub": by_sub,
        "msisdns": msisdns,
        "payment_method": pm,
        "previous_balance": previous_balance if previous_balance > 0 else D(0),
    }


def _header(c, ctx):
    inv, acc, addr = ctx["invoice"], ctx["account"], ctx["address"]
    y = A4[1] - 25 * mm
    c.setFont("Helvetica-Bold", 16)
    c.drawString(LEFT, y, config.get("billing", "company_name"))
    c.setFont("Helvetica", 10)
    y -= 15 * mm
    for txt in (acc["name"], addr and addr["line1"], addr and addr["line2"],
                addr and ("%s  %s" % (addr["postcode"], addr["city"]))):
        if txt:
            c.drawString(LEFT, y, txt)
            y -= LINE_HEIGHT
    c.drawRightString(RIGHT, A4[1] - 40 * mm, "Invoice %s" % inv["invoice_no"])
    c.drawRightString(RIGHT, A4[1] - 45 * mm, "Account %s" % acc["account_no"])
    c.drawRightString(RIGHT, A4[1] - 50 * mm, "Date %s" % inv["issue_date"].strftime("%d-%m-%Y"))
    c.drawRightString(RIGHT, A4[1] - 55 * mm, "Period %s" % period_label(inv["period_start"], inv["period_end"]))
    return y - 10 * mm


def _lines(c, ctx, y):
    for sub_id, lines in sorted(ctx["lines_by_sub"].items(), key=lambda kv: kv[0] or 0):
        if y < 40 * mm:
            c.showPage()
            y = A4[1] - 25 * mm
        c.setFont("Helvetica-Bold", 10)
        c.drawString(LEFT, y, ctx["msisdns"].get(sub_id, "Account charges"))
        y -= LINE_HEIGHT
        c.setFont("Helvetica", 9)
        for l in lines:
            c.drawString(LEFT + 5 * mm, y, l["description"][:80])
            c.drawRightString(RIGHT, y, format_money(l["amount"]))
            y -= LINE_HEIGHT
        y -= 2 * mm
    return y


def _totals(c, ctx, y):
    inv = ctx["invoice"]
    c.setFont("Helvetica", 10)
    for label, amount in (("Subtotal", inv["net_amount"]), ("VAT", inv["vat_amount"])):
        c.drawString(RIGHT - 60 * mm, y, label)
        c.drawRightString(RIGHT, y, format_money(amount))
        y -= LINE_HEIGHT
    c.setFont("Helvetica-Bold", 11)
    c.drawString(RIGHT - 60 * mm, y, "Total")
    c.drawRightString(RIGHT, y, format_money(inv["total_amount"]))
    if ctx["previous_balance"] > 0:
        y -= 2 * LINE_HEIGHT
        c.setFont("Helvetica", 9)
        c.drawString(LEFT, y, "Outstanding from previous invoices: %s" % format_money(ctx["previous_balance"]))


def render_pdf(invoice_id, path=None):
    if canvas is None:
        raise RuntimeError("reportlab not installed on this host")
    ctx = build_context(invoice_id)
    path = path or pdf_path_for(ctx["invoice"])
    d = os.path.dirname(path)
    if not os.path.isdir(d):
        os.makedirs(d)
    c = canvas.Canvas(path, pagesize=A4)
    y = _header(c, ctx)
    y = _lines(c, ctx, y)
    _totals(c, ctx, y)
    c.showPage()
    c.save()
    return path, ctx


def email_body(ctx):
    from lib.notify import render
    inv, pm = ctx["invoice"], ctx["payment_method"]
    if pm and pm["method"] == "dd":
        payment_text = DD_TEXT % ("*" * 8 + (pm["iban"] or "")[-4:])
    else:
        payment_text = TRANSFER_TEXT % (config.get("billing", "creditor_iban"), inv["invoice_no"])
    contact = ctx["contact"] or {}
    return render(EMAIL_TEMPLATE,
                  name=contact.get("name") or ctx["account"]["name"],
                  invoice_no=inv["invoice_no"],
                  period=period_label(inv["period_start"], inv["period_end"]),
                  total=format_money(inv["total_amount"]),
                  due_date=inv["due_date"].strftime("%d-%m-%Y"),
                  payment_text=payment_text,
                  company=config.get("billing", "company_name"))
