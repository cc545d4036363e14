import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from common.utils import format_money, format_date

log = logging.getLogger(__name__)


def send_templated_email(to, template, context, from_email=None, attachments=None):
    if isinstance(to, str):
        to = [to]
    subject = render_to_string("emails/%s_subject.txt" % template, context).strip()
    text = render_to_string("emails/%s.txt" % template, context)
    try:
        html = render_to_string("emails/%s.html" % template, context)
    except Exception:
        html = None
    msg = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html:
        msg.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments or []:
        msg.attach(name, content, mimetype)
    try:
        msg.send()
    except Exception:
        log.exception("could not send %s to %s", template, to)
        return False
    return True


def send_booking_confirmation(booking):
    member = booking.member
    ctx = {
        "member": member,
        "room": booking.room,
        "start": format_date(booking.start, "%a %d %b %H:%M"),
        "end": format_date(booking.end, "%H:%M"),
        "cost": format_money(booking.price) if booking.price else None,
    }
    return send_templated_email(member.email, "room_booking_confirmed", ctx)


def send_invoice_email(invoice, pdf_bytes=None):
    attachments = []
    if pdf_bytes:
        attachments.append(("%s.pdf" % invoice.number, pdf_bytes, "application/pdf"))
    ctx = {"invoice": invoice, "total": format_money(invoice.total, invoice.currency)}
    to = invoice.billing_email or invoice.member.email
    return send_templated_email(to, "invoice_issued", ctx,
                                from_email=settings.BILLING_FROM_EMAIL, attachments=attachments)
