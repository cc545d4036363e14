import csv
import io
import logging
import os
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func

from cellar.db import next_document_number
from cellar.extensions import db
from cellar.models.customer import Customer
from cellar.models.finance import CreditNote, Invoice, InvoiceLine, Payment, PaymentReminder
from cellar.models.orders import SalesOrder
from cellar.repositories.invoice_repo import InvoiceRepository, PaymentRepository
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError
from cellar.utils.formatting import wine_display_name
from cellar.utils.money import round_money, to_decimal, vat_amount

log = logging.getLogger(__name__)

invoices = InvoiceRepository()
payments = PaymentRepository()


def create_invoice_for_order(order_id, delivery_charge=None):
    order = db.session.query(SalesOrder).get(order_id)
    if Invoice.query.filter_by(sales_order_id=order.id).first():
        raise BusinessRuleError("order %s already invoiced" % order.number)
    customer = order.customer
    inv = Invoice(customer_id=customer.id, sales_order_id=order.id, issue_date=date.today(),
                  due_date=date.today() + timedelta(days=customer.payment_terms_days or 30))
    rate = current_app.config["VAT_RATE"]
    for l in order.lines:
        net = to_decimal(l.unit_price) * l.qty_bottles * (1 - to_decimal(l.discount_pct) / 100)
        duty = to_decimal(l.duty_per_bottle) * l.qty_bottles
        inv.lines.append(InvoiceLine(
            description=wine_display_name(l.wine.producer.name, l.wine.name, l.wine.vintage,
                                          l.wine.bottle_ml),
            wine_id=l.wine_id, qty=l.qty_bottles, unit_price=l.unit_price, duty=round_money(duty),
            vat_rate=rate, line_total=round_money(net)))
    if delivery_charge:
        inv.lines.append(InvoiceLine(description="Delivery", qty=1, unit_price=delivery_charge,
                                     vat_rate=rate, line_total=round_money(delivery_charge)))
    _recalc(inv)
    db.session.add(inv)
    order.status = "invoiced"
    db.session.flush()
    return inv


def _recalc(inv):
    inv.net_total = sum((to_decimal(l.line_total) for l in inv.lines), Decimal(0))
    inv.duty_total = sum((to_decimal(l.duty) for l in inv.lines), Decimal(0))
    inv.vat_total = vat_amount(inv.net_total + inv.duty_total)
    inv.gross_total = inv.net_total + inv.duty_total + inv.vat_total


def issue_invoice(invoice_id, send=True, user_id=None):
    from cellar.services.notification_service import send_invoice_email
    inv = invoices.get(invoice_id)
    if inv.status != "draft":
        raise BusinessRuleError("invoice already issued")
    inv.number = next_document_number("INV", "inv_seq")
    inv.status = "issued"
    inv.issue_date = date.today()
    log_action("issue", "invoice", inv.id, user_id)
    db.session.commit()
    if send:
        send_invoice_email(inv)
    return inv


def record_payment(customer_id, amount, method, reference=None, invoice_id=None, received_on=None):
    payment = Payment(customer_id=customer_id, amount=round_money(amount), method=method,
                      reference=reference, invoice_id=invoice_id,
                      received_on=received_on or date.today(), unallocated=round_money(amount))
    db.session.add(payment)
    db.session.flush()
    allocate_payment(payment)
    db.session.commit()
    return payment


def allocate_payment(payment):
    """Oldest invoice first unless the payment names an invoice."""
    if payment.invoice_id:
        targets = [invoices.get(payment.invoice_id)]
    else:
        targets = invoices.open_for_customer(payment.customer_id)
    for inv in targets:
        if payment.unallocated <= 0:
            break
        outstanding = to_decimal(inv.gross_total) - to_decimal(inv.amount_paid)
        take = min(outstanding, to_decimal(payment.unallocated))
        inv.amount_paid = to_decimal(inv.amount_paid) + take
        payment.unallocated = to_decimal(payment.unallocated) - take
        inv.status = "paid" if inv.amount_paid >= inv.gross_total else "part_paid"
    customer = db.session.query(Customer).get(payment.customer_id)
    if customer.on_stop and customer_balance(customer.id) <= 0:
        from cellar.services.crm_service import take_off_stop
        take_off_stop(customer.id)


def issue_credit_note(invoice_id, amount, reason, user_id=None):
    inv = invoices.get(invoice_id)
    amount = round_money(amount)
    if amount > to_decimal(inv.gross_total):
        raise BusinessRuleError("credit exceeds invoice")
    net = round_money(amount / (1 + current_app.config["VAT_RATE"]))
    cn = CreditNote(invoice_id=inv.id, amount=amount, vat=amount - net, reason=reason,
                    number=next_document_number("CN", "cn_seq"))
    db.session.add(cn)
    apply_credit_note(cn)
    log_action("credit_note", "invoice", inv.id, user_id, {"amount": amount, "reason": reason})
    db.session.commit()
    return cn


def apply_credit_note(cn):
    inv = invoices.get(cn.invoice_id)
    inv.amount_paid = to_decimal(inv.amount_paid) + to_decimal(cn.amount)
    if inv.amount_paid >= inv.gross_total:
        inv.status = "paid"
    cn.applied = True


def customer_balance(customer_id):
    total = (db.session.query(func.coalesce(func.sum(Invoice.gross_total - Invoice.amount_paid), 0))
             .filter(Invoice.customer_id == customer_id,
                     Invoice.status.in_(["issued", "part_paid"])).scalar())
    unallocated = (db.session.query(func.coalesce(func.sum(Payment.unallocated), 0))
                   .filter(Payment.customer_id == customer_id).scalar())
    return to_decimal(total) - to_decimal(unallocated)


def check_credit(customer, order_gross):
    limit = to_decimal(customer.credit_limit)
    if limit <= 0:
        return True  # no limit set == cash with order handled manually
    exposure = customer_balance(customer.id) + to_decimal(order_gross)
    if exposure > limit:
        raise BusinessRuleError("credit limit exceeded (%s > %s)" % (exposure, limit),
                                {"exposure": str(exposure), "limit": str(limit)})
    return True


def _next_reminder_level(inv):
    last = (PaymentReminder.query.filter_by(invoice_id=inv.id)
            .order_by(PaymentReminder.level.desc()).first())
    return (last.level + 1) if last else 1


def send_reminders(as_of=None):
    from cellar.services.crm_service import invoice_contact_email, put_on_stop
    from cellar.utils.mailer import send_email
    sent = 0
    for inv in invoices.overdue(as_of):
        level = _next_reminder_level(inv)
        if level > 3:
            continue
        to = invoice_contact_email(inv.customer)
        send_email(to, "Payment reminder - invoice %s" % inv.number,
                   template="reminder_%d.html" % level, invoice=inv)
        db.session.add(PaymentReminder(invoice_id=inv.id, level=level, sent_to=to))
        if level == 3:
            put_on_stop(inv.customer_id, "invoice %s unpaid after 3 reminders" % inv.number)
        sent += 1
    db.session.commit()
    return sent


def export_to_sage(out_dir=None):
    """Sage 50 audit trail import CSV (type SI). accounts run this monthly-ish."""
    out_dir = out_dir or current_app.config["SAGE_EXPORT_DIR"]
    rows = invoices.not_exported()
    buf = io.StringIO()
    w = csv.writer(buf)
    for inv in rows:
        w.writerow(["SI", inv.customer.account_code, "4000", inv.issue_date.strftime("%d/%m/%Y"),
                    inv.number, inv.net_total + inv.duty_total, "T1", inv.vat_total])
        inv.exported_at = datetime.utcnow()
    path = os.path.join(out_dir, "sales_%s.csv" % date.today().strftime("%Y%m%d"))
    with open(path, "w") as fh:
        fh.write(buf.getvalue())
    db.session.commit()
    return path, len(rows)
