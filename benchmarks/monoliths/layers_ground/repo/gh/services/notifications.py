import json
import logging
import smtplib
from email.mime.text import MIMEText

import requests
from flask import current_app

from gh.utils.decorators import retry

log = logging.getLogger(__name__)


def _smtp():
    return smtplib.SMTP(current_app.config["SMTP_HOST"])


@retry(times=2)
def send_email(to, subject, body):
    if not to:
        log.warning("send_email called without recipient: %s", subject)
        return False
    msg = MIMEText(body)
    msg["Subject"] = subject
    msg["From"] = current_app.config["MAIL_FROM"]
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    s = _smtp()
    try:
        s.send_message(msg)
    finally:
        s.quit()
    return True


def send_sms(number, text):
    # SMS gateway was cancelled in 2022, keep the stub so old callers don't break
    log.info("SMS to %s: %s", number, text)


def post_to_ops_channel(text, level="info"):
    url = current_app.config.get("OPS_CHANNEL_WEBHOOK")
    if not url:
        log.info("[ops] %s", text)
        return
    requests.post(url, data=json.dumps({"text": text, "level": level}), timeout=5)
