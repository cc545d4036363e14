import logging
import smtplib
from email.message import EmailMessage

import config

log = logging.getLogger(__name__)


def render_text(template, **values):
    # templates are plain str.format strings, see services/notifications.py
    try:
        return template.format(**values)
    except KeyError as exc:
        log.error("missing value %s for mail template", exc)
        raise


def send_mail(to, subject, body):
    if not to:
        log.info("no recipient for %r, skipped", subject)
        return False
    if config.get("MAIL_DISABLED"):
        log.info("mail disabled: would send %r to %s", subject, to)
        return True
    msg = EmailMessage()
    msg["From"] = config.get("MAIL_FROM")
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    msg["Subject"] = subject
    msg.set_content(body)
    try:
        with smtplib.SMTP(config.get("SMTP_HOST"), config.get("SMTP_PORT"), timeout=20) as smtp:
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException):
        log.exception("sending %r to %s failed", subject, to)
        return False
    return True
