import io
import logging
import string

from sqlalchemy import select

from rental.models import Branch, Channel, Invoice, MessageTemplate, OutboundMessage
from rental.utils import format_money, send_email, send_sms, utcnow

log = logging.getLogger(__name__)

FALLBACK_TEMPLATES = {
    "reservation_confirmed": ("Your reservation $reference", "Hi $first_name, your car is booked: $reference."),
    "reservation_cancelled": ("Reservation $reference cancelled", "Your reservation $reference was cancelled."),
    "pickup_reminder": (None, "Reminder: pick up your car tomorrow at $branch. Ref $reference"),
}


def render_template(db, key, language, payload, channel=Channel.EMAIL):
    tpl = db.scalar(select(MessageTemplate).where(MessageTemplate.key == key, MessageTemplate.language == language,
                                                  MessageTemplate.channel == channel))
    if tpl is None and language != "en":
        return render_template(db, key, "en", payload, channel)
    if tpl is None:
        subject, body = FALLBACK_TEMPLATES.get(key, (key, "$reference"))
    else:
        subject, body = tpl.subject, tpl.body
    subject = string.Template(subject or "").safe_substitute(payload)
    return subject, string.Template(body).safe_substitute(payload)


def notify_customer(db, customer, key, payload, channel=Channel.EMAIL):
    payload = dict(payload, first_name=customer.first_name)
    recipient = customer.email if channel == Channel.EMAIL else customer.phone
    msg = OutboundMessage(customer_id=customer.id, channel=channel, recipient=recipient or "", template_key=key,
                          payload=payload)
    db.add(msg)
    _deliver(db, msg)
    return msg


def _deliver(db, msg):
    subject, body = render_template(db, msg.template_key, "en", msg.payload or {}, msg.channel)
    msg.attempts += 1
    try:
        if msg.channel == Channel.SMS:
            send_sms(msg.recipient, body)
        else:
            send_email(msg.recipient, subject, body)
        msg.sent_at = utcnow()
    except Exception as exc:  # noqa: BLE001 - never break a booking because the mail server is down
        msg.last_error = str(exc)[:300]
        log.warning("delivery failed for message %s: %s", msg.id, exc)


def notify_branch(db, branch_id, key, payload):
    branch = db.get(Branch, branch_id)
    to = f"branch-{branch.code.lower()}@rentwheels.example" if branch else "ops@rentwheels.example"
    subject, body = render_template(db, key, "en", payload)
    send_email(to, subject or key, body)


def send_confirmation(db, reservation):
    payload = {"reference": reservation.reference, "pickup": f"{reservation.pickup_at:%d-%m-%Y %H:%M}",
               "total": format_money(reservation.quoted_total, reservation.currency)}
    return notify_customer(db, reservation.customer, "reservation_confirmed", payload)


def retry_failed_messages(db, max_attempts=5):
    pending = db.scalars(select(OutboundMessage).where(OutboundMessage.sent_at.is_(None),
                                                       OutboundMessage.attempts < max_attempts)).all()
    for msg in pending:
        _deliver(db, msg)
    return len(pending)


def render_invoice_pdf(db, invoice_id):
    # Not really a PDF yet; the accountants accept this text version (see RW-412).
    invoice = db.get(Invoice, invoice_id)
    out = io.StringIO()
    out.write(f"INVOICE {invoice.number}\nIssued {invoice.issued_on}  Due {invoice.due_on}\n\n")
    for line in invoice.lines:
        out.write(f"{line.description:<50}{line.quantity:>6} x {format_money(line.unit_price):>12}\n")
    out.write(f"\nNet {format_money(invoice.net_total)}  VAT {format_money(invoice.vat_total)}\n")
    return out.getvalue().encode("utf-8")
