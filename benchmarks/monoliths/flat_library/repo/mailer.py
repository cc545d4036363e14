import smtplib
import logging
from email.mime.text import MIMEText

import config

log = logging.getLogger("rln.mail")


def send_mail(to, subject, body, html=False):
    if not to:
        log.info("no address, skipping mail %r", subject)
        return False
    msg = MIMEText(body, "html" if html else "plain", "utf-8")
    msg["Subject"] = subject
    msg["From"] = config.SMTP_FROM
    msg["To"] = to
    try:
        s = smtplib.SMTP(config.SMTP_HOST)
        s.sendmail(config.SMTP_FROM, [to], msg.as_string())
        s.quit()
    except Exception:
        log.exception("mail to %s failed", to)
        return False
    return True


def send_sms(phone, text):
    # TODO: SMS provider contract ended 2022, this just logs now
    log.info("SMS to %s: %s", phone, text)
    return False


def render_mail(template_name, **ctx):
    from bottle import template
    return template("mail/" + template_name, **ctx)


def legacy_send_mail_old(to, subject, body):
    # kept for the old newsletter script, do not use
    return send_mail(to, subject, body)
