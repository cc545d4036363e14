"""Outgoing email and SMS. Everything that talks to parents goes through here."""
import logging

import requests
from django.core.mail import send_mail
from django.template import Context, Template

from common.conf import feature_enabled, get_setting
from common.formatting import format_phone

log = logging.getLogger("sis.notify")


class NotificationError(Exception):
    pass


def render_message(template_text, context):
    return Template(template_text).render(Context(context))


def send_email(to, subject, body, fail_silently=True):
    if isinstance(to, str):
        to = [to]
    to = [addr for addr in to if addr]
    if not to:
        return 0
    return send_mail(subject, body, get_setting("DEFAULT_FROM_EMAIL"), to,
                     fail_silently=fail_silently)


def send_sms(number, text):
    if not feature_enabled("sms"):
        log.info("sms disabled, would send to %s: %s", format_phone(number), text)
        return False
    try:
        resp = requests.post(
            get_setting("SMS_GATEWAY_URL"),
            data={"to": number, "from": get_setting("SMS_SENDER_ID"), "text": text[:459]},
            headers={"Authorization": "Bearer %s" % get_setting("SMS_GATEWAY_TOKEN")},
            timeout=10,
        )
    except requests.RequestException as exc:
        raise NotificationError(str(exc))
    if resp.status_code >= 400:
        raise NotificationError("gateway said %s" % resp.status_code)
    return True


def notify_contact(email=None, mobile=None, prefers_sms=False, subject="", body=""):
    """Send to whichever channel the contact prefers, falling back to email."""
    if prefers_sms and mobile:
        try:
            return send_sms(mobile, body)
        except NotificationError:
            log.exception("sms failed, falling back to email")
    return bool(send_email(email, subject, body))
