# -*- coding: utf-8 -*-
"""Outbound e-mail and SMS. Merged mailer.py + sms.py (2020)."""
import smtplib
import string
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid

try:
    import requests
except ImportError:  # pragma: no cover
    requests = None

from lib import config
from lib.jobbase import retry
from lib.log import get_logger

log = get_logger("notify")


def render(template, **values):
    """$var style templates. Missing keys are left as-is on purpose."""
    return string.Template(template).safe_substitute(**values)


@retry(times=3, delay=5, exceptions=(smtplib.SMTPException, OSError))
def send_mail(to, subject, body, attachments=None, html=False, from_addr=None, cc=None):
    cfg = config.get_config()
    if isinstance(to, str):
        to = [to]
    msg = MIMEMultipart()
    msg["From"] = from_addr or cfg.get("mail", "from_addr")
    msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="telco.example")
    msg.attach(MIMEText(body, "html" if html else "plain", "utf-8"))
    for name, data in (attachments or []):
        part = MIMEApplication(data, Name=name)
        part["Content-Disposition"] = 'attachment; filename="%s"' % name
        msg.attach(part)
    s = smtplib.SMTP(cfg.get("mail", "smtp_host"), cfg.getint("mail", "smtp_port", 25), timeout=30)
    try:
        s.sendmail(msg["From"], to + (cc or []), msg.as_string())
    finally:
        s.quit()
    log.info("mail sent to %s: %s", to, subject)


def mail_ops(subject, body):
    try:
        send_mail(config.get("mail", "ops_addr"), "[telcobss] " + subject, body)
    except Exception as e:  # never let alerting break a job
        log.error("could not mail ops: %s", e)


@retry(times=2, delay=3)
def send_sms(msisdn, text, sender=None):
    cfg = config.get_config()
    if requests is None:
        raise RuntimeError("requests not installed")
    params = {
        "username": cfg.get("sms", "username"),
        "password": cfg.get("sms", "password"),
        "from": sender or cfg.get("sms", "sender"),
        "to": msisdn,
        "text": text[:459],
        "charset": "UTF-8",
    }
    r = requests.get(cfg.get("sms", "gateway_url"), params=params, timeout=10)
    if r.status_code not in (200, 202):
        raise IOError("sms gateway returned %s: %s" % (r.status_code, r.text[:200]))
    return True
