"""Outbound messages. E-mail via Django, SMS via the Textlocal-ish gateway, push via FCM.

Everything is logged in NotificationLog (marketing wants open rates one day).
"""
import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context, Template

from common.models import NotificationLog

log = logging.getLogger("pulsefit.notify")

TEMPLATES = {
    "welcome": ("Welcome to PulseFit, {{ member.first_name }}!",
                "Your member number is {{ member.member_no }}. See you at {{ club }}."),
    "booking_confirmed": ("You're booked: {{ session.class_type }}",
                          "{{ session.class_type }} on {{ when }} in {{ session.studio.name }}."),
    "waitlist_offer": ("A space opened up", "A space is free on {{ session.class_type }} at "
                       "{{ when }}. Book within 2 hours to keep it."),
    "class_cancelled": ("Class cancelled", "Sorry, {{ session.class_type }} at {{ when }} is "
                        "cancelled. {{ note }}"),
    "payment_failed": ("Payment problem", "We couldn't collect {{ amount }} for invoice "
                       "{{ invoice.number }}. Please update your details."),
    "invoice": ("Your invoice {{ invoice.number }}", "Total {{ amount }}, due {{ due }}."),
    "pt_booked": ("PT session booked", "With {{ trainer }} on {{ when }}."),
    "guest_pass": ("You're invited", "{{ host }} invited you to {{ club }} on {{ day }}. "
                   "Show code {{ code }} at the desk."),
    "card_lost": ("Card blocked", "Your old card is blocked; collect a new one at the desk."),
}


def render(template_name, ctx):
    subject, body = TEMPLATES[template_name]
    c = Context(ctx)
    return Template(subject).render(c), Template(body).render(c)


def _log(member, channel, template_name, recipient, subject, body, ok=True, error="",
         campaign=None):
    return NotificationLog.objects.create(
        member=member, channel=channel, template=template_name, recipient=recipient,
        subject=subject[:200], body=body, ok=ok, error=error, campaign=campaign)


def send_email(member, template_name, ctx=None, to=None, campaign=None, subject=None, body=None):
    ctx = dict(ctx or {}, member=member)
    if subject is None:
        subject, body = render(template_name, ctx)
    to = to or (member.email if member else None)
    if not to:
        return None
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    except Exception as exc:  # smtp falls over every other monday
        log.warning("mail to %s failed: %s", to, exc)
        return _log(member, "email", template_name, to, subject, body, ok=False,
                    error=str(exc), campaign=campaign)
    return _log(member, "email", template_name, to, subject, body, campaign=campaign)


def send_sms(member, template_name, ctx=None, campaign=None, text=None):
    if not member or not member.phone or not settings.SMS_GATEWAY_URL:
        return None
    if text is None:
        _, text = render(template_name, dict(ctx or {}, member=member))
    payload = json.dumps({"to": member.phone, "message": text[:459],
                          "sender": "PulseFit"}).encode("utf-8")
    req = urllib.request.Request(settings.SMS_GATEWAY_URL, data=payload, headers={
        "Authorization": "Bearer " + settings.SMS_GATEWAY_TOKEN,
        "Content-Type": "application/json"})
    try:
        urllib.request.urlopen(req, timeout=10).read()
    except Exception as exc:
        return _log(member, "sms", template_name, member.phone, "", text, ok=False,
                    error=str(exc), campaign=campaign)
    return _log(member, "sms", template_name, member.phone, "", text, campaign=campaign)


def send_push(member, template_name, ctx=None):
    from api.models import PushDevice
    subject, body = render(template_name, dict(ctx or {}, member=member))
    sent = 0
    for device in PushDevice.objects.filter(member=member, active=True):
        # FCM call lives in the mobile team's lambda; we just log for now
        _log(member, "push", template_name, device.token[:200], subject, body)
        sent += 1
    return sent


def notify(member, template_name, **ctx):
    """Pick the member's channel(s). Transactional messages always go by e-mail."""
    send_email(member, template_name, ctx)
    if member is not None and member.sms_ok and template_name in (
            "waitlist_offer", "class_cancelled", "payment_failed"):
        send_sms(member, template_name, ctx)
    if template_name in ("waitlist_offer", "booking_confirmed", "class_cancelled"):
        send_push(member, template_name, ctx)
