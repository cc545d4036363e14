"""E-mail notifications.

send_email() is the generic part; the notify_* functions were added by
whoever needed a mail. Templates are inline because the template engine
migration never happened.
"""
import logging
import smtplib
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from flask import current_app

from freightly.extensions import db_session
from freightly.models import Customer, CustomerContact
from freightly.repositories.customer_repo import ContactRepository
from freightly.utils.dates import to_iso
from freightly.utils.money import format_money

log = logging.getLogger("freightly.mail")


def _cfg(key, default=None):
    try:
        return current_app.config.get(key, default)
    except RuntimeError:
        return default


def render(template, **ctx):
    """Poor man's templating: {name} placeholders."""
    try:
        return template.format(**ctx)
    except KeyError as exc:
        log.error("missing template var %s", exc)
        return template


def send_email(to, subject, body, attachments=None, html=False, cc=None):
    if isinstance(to, str):
        to = [to]
    to = [t for t in to if t]
    if not to:
        log.info("no recipients for %r, skipping", subject)
        return False
    msg = MIMEMultipart()
    msg["Subject"] = subject
    msg["From"] = _cfg("MAIL_FROM", "noreply@freightly.example")
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg.attach(MIMEText(body, "html" if html else "plain", "utf-8"))
    for name, data in attachments or []:
        part = MIMEApplication(data, Name=name)
        part["Content-Disposition"] = 'attachment; filename="%s"' % name
        msg.attach(part)
    try:
        smtp = smtplib.SMTP(_cfg("SMTP_HOST", "localhost"), _cfg("SMTP_PORT", 25), timeout=20)
        smtp.sendmail(msg["From"], to + (cc or []), msg.as_string())
        smtp.quit()
    except (smtplib.SMTPException, OSError) as exc:
        log.error("mail to %s failed: %s", to, exc)
        return False
    return True


BOOKING_CONFIRMED_TPL = u"""Dear customer,

your booking {reference} from {origin} to {destination} has been confirmed.
Estimated departure: {etd}
Estimated arrival:   {eta}

Kind regards
Freightly Operations
"""


def notify_booking_confirmed(shipment):
    recipients = ContactRepository().for_role(shipment.customer_id, "ops")
    body = render(BOOKING_CONFIRMED_TPL, reference=shipment.reference, origin=shipment.origin,
                  destination=shipment.destination, etd=to_iso(shipment.etd) or "tbc",
                  eta=to_iso(shipment.eta) or "tbc")
    return send_email([c.email for c in recipients], "Booking confirmed %s" % shipment.reference,
                      body)


def notify_milestone(target, shipment, event):
    body = u"Shipment %s: %s at %s (%s)\n%s" % (shipment.reference, event.code,
                                               event.location or "-", to_iso(event.event_time),
                                               event.description or "")
    return send_email(target, "[%s] %s" % (shipment.reference, event.code), body)


def notify_customs_hold(shipment, reason):
    contacts = db_session.query(CustomerContact).filter_by(customer_id=shipment.customer_id,
                                                          role="customs").all()
    to = [c.email for c in contacts] or [_cfg("MAIL_FROM")]
    body = u"Shipment %s is on customs hold.\nReason: %s\n\nOur customs team will contact you." % (
        shipment.reference, reason)
    return send_email(to, "Customs hold %s" % shipment.reference, body)


OVERDUE_TPL = u"""Dear {name},

our records show that invoice {number} of {issue_date} over {amount} is
{days} days overdue. Please arrange payment at your earliest convenience.

This is reminder level {level}.

Freightly Accounts Receivable
"""


def notify_invoice_overdue(invoice, days):
    customer = db_session.query(Customer).get(invoice.customer_id)
    to = ContactRepository().invoice_recipients(invoice.customer_id)
    body = render(OVERDUE_TPL, name=customer.name, number=invoice.number,
                  issue_date=invoice.issue_date, amount=format_money(invoice.open_amount,
                                                                    invoice.currency),
                  days=days, level=invoice.reminder_level)
    return send_email(to, "Payment reminder %s" % invoice.number, body)


def send_invoice(invoice, pdf_bytes=None):
    to = ContactRepository().invoice_recipients(invoice.customer_id)
    attachments = [("%s.pdf" % invoice.number, pdf_bytes)] if pdf_bytes else None
    return send_email(to, "Invoice %s" % invoice.number,
                      "Please find attached invoice %s over %s." % (
                          invoice.number, format_money(invoice.total_amount, invoice.currency)),
                      attachments=attachments)


def notify_claim_status(claim):
    contacts = ContactRepository().for_role(claim.customer_id, "claims")
    body = u"Your claim %s is now %s." % (claim.claim_no, claim.status)
    if claim.status == "settled":
        body += u"\nA credit note will follow separately."
    return send_email([c.email for c in contacts], "Claim %s" % claim.claim_no, body)
