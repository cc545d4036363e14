import logging

from flask import current_app

from cellar.utils.mailer import send_email
from cellar.utils.money import format_money
from cellar.utils.pdf import render_pdf

log = logging.getLogger(__name__)


def notify_order_confirmed(order):
    customer = order.customer
    if not customer.email:
        log.info("no email for %s, skipping confirmation", customer.account_code)
        return False
    return send_email(customer.email, "Order %s confirmed" % order.number,
                      template="order_confirmed.html", order=order,
                      total=format_money(order.net_total + order.duty_total + order.vat_total))


def notify_dispatch(order, delivery):
    if not order.customer.email:
        return False
    return send_email(order.customer.email, "Your order %s is on its way" % order.number,
                      template="dispatched.html", order=order, delivery=delivery)


def send_invoice_email(invoice):
    from cellar.services.crm_service import invoice_contact_email
    to = invoice_contact_email(invoice.customer)
    pdf = render_pdf("invoice.html", invoice=invoice)
    return send_email([to], "Invoice %s from Vino Trade" % invoice.number, template="invoice.html",
                      attachments=[("%s.pdf" % invoice.number, "application/pdf", pdf)],
                      invoice=invoice, total=format_money(invoice.gross_total))


def notify_licence_expiry(licence):
    to = [current_app.config["ACCOUNTS_EMAIL"]]
    if licence.customer_id:
        from cellar.models.customer import Customer
        cust = Customer.query.get(licence.customer_id)
        if cust and cust.email:
            to.append(cust.email)
    return send_email(to, "Premises licence %s expires %s" % (licence.number, licence.valid_to),
                      template="licence_expiry.html", licence=licence)


def notify_po_to_producer(po):
    pdf = render_pdf("purchase_order.html", po=po)
    return send_email(po.producer.contact_email, "Purchase order %s" % po.number,
                      template="po.html", po=po,
                      attachments=[("%s.pdf" % po.number, "application/pdf", pdf)])


def notify_low_stock(rows):
    lines = "".join("<li>%s: %s bottles</li>" % (w.sku, qty) for w, qty in rows)
    return send_email("buying@vinotrade.co.uk", "Low stock (%d wines)" % len(rows),
                      body="<ul>%s</ul>" % lines)
