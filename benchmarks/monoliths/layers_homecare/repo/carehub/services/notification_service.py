import logging
import smtplib
from email.message import EmailMessage

import requests

from carehub.core.config import settings
from carehub.utils.validators import clean_phone

log = logging.getLogger(__name__)


def send_email(to, subject, body, attachments=None):
    msg = EmailMessage()
    msg["From"] = settings.SMTP_FROM
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    msg["Subject"] = subject
    msg.set_content(body)
    for name, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    try:
        with smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=10) as s:
            s.send_message(msg)
        return True
    except Exception:  # pragma: no cover
        log.exception("email to %s failed", to)
        return False


def send_sms(phone, text):
    if not settings.SMS_GATEWAY_URL:
        log.info("SMS disabled: %s -> %s", phone, text)
        return False
    resp = requests.post(settings.SMS_GATEWAY_URL,
                         json={"to": clean_phone(phone), "message": text[:459]},
                         headers={"Authorization": "Bearer " + settings.SMS_API_KEY}, timeout=10)
    return resp.ok


def notify_office(subject, body):
    return send_email(settings.OFFICE_EMAIL, "[CareHub] " + subject, body)
