import logging

import requests
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from shared.utils import format_money, to_local

log = logging.getLogger(__name__)


class SmsGatewayError(Exception):
    pass


def render_message(template_name, context):
    return render_to_string(template_name, context).strip()


def send_sms(number, body):
    if not number:
        return False
    if settings.DEBUG:
        log.info("SMS to %s: %s", number, body)
        return True
    try:
        resp = requests.post(settings.SMS_GATEWAY_URL, timeout=10, data={
            "key": settings.SMS_GATEWAY_KEY,
            "from": settings.SMS_SENDER,
            "to": number,
            "text": body[:459],
        })
    except requests.RequestException as exc:
        raise SmsGatewayError(str(exc))
    if resp.status_code != 200:
        raise SmsGatewayError("gateway returned %s" % resp.status_code)
    return True


def send_email(to, subject, template_name, context, attachments=None):
    if isinstance(to, str):
        to = [to]
    text = render_message(template_name + ".txt", context)
    msg = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    try:
        html = render_to_string(template_name + ".html", context)
        msg.attach_alternative(html, "text/html")
    except Exception:  # no html version, fine
        pass
    for name, content, mimetype in attachments or []:
        msg.attach(name, content, mimetype)
    msg.send(fail_silently=False)


def notify_session_expiring(session):
    prefs = getattr(session.customer, "notification_prefs", None)
    if prefs is not None and not prefs.sms_session_reminders:
        return
    body = "Your parking for %s at %s expires at %s. Reply EXT 30 to extend." % (
        session.vrm, session.location.code, to_local(session.expires_at).strftime("%H:%M"))
    try:
        send_sms(session.customer.phone, body)
    except SmsGatewayError:
        log.warning("could not send reminder for session %s", session.pk)


def notify_permit_expiry(permit):
    send_email(permit.customer.email, "Your parking permit is due for renewal",
               "emails/permit_expiry", {"permit": permit})


def notify_pcn_issued(pcn):
    # only for registered customers, everyone else gets the letter
    if pcn.vehicle_id and pcn.vehicle.customer_id:
        send_email(pcn.vehicle.customer.email, "Penalty Charge Notice %s" % pcn.pcn_ref,
                   "emails/pcn_issued", {"pcn": pcn, "amount": format_money(pcn.amount_pence)})


def notify_refund_processed(refund):
    customer = refund.payment.customer
    if customer is None:
        return
    send_email(customer.email, "Your refund", "emails/refund",
               {"refund": refund, "amount": format_money(refund.amount_pence)})
