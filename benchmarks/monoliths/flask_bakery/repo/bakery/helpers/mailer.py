"""Email / SMS / Slack notifications."""
import logging
import smtplib
from email.mime.text import MIMEText

import requests
from flask import current_app, render_template

from bakery.helpers.decorators import retry

log = logging.getLogger(__name__)


def send_email(to, subject, body, html=False, sender=None):
    cfg = current_app.config
    if not cfg.get("MAIL_SERVER"):
        log.info("mail disabled, would send %r to %s", subject, to)
        return False
    if isinstance(to, str):
        to = [to]
    msg = MIMEText(body, "html" if html else "plain", "utf-8")
    msg["Subject"] = subject
    msg["From"] = sender or cfg["MAIL_FROM"]
    msg["To"] = ", ".join(to)
    smtp = smtplib.SMTP(cfg["MAIL_SERVER"], cfg.get("MAIL_PORT", 25))
    try:
        smtp.sendmail(msg["From"], to, msg.as_string())
    finally:
        smtp.quit()
    return True


def send_template_email(to, subject, template, **context):
    body = render_template(template, **context)
    return send_email(to, subject, body, html=template.endswith(".html"))


@retry(times=2, delay=0.5)
def send_sms(number, text):
    cfg = current_app.config
    if not cfg.get("SMS_API_KEY"):
        log.info("sms disabled, would text %s: %s", number, text)
        return False
    resp = requests.post(cfg["SMS_API_URL"], data={
        "apikey": cfg["SMS_API_KEY"], "numbers": number, "message": text[:459],
        "sender": "CrumbCo",
    }, timeout=10)
    resp.raise_for_status()
    return True


def notify_slack(text, channel=None):
    url = current_app.config.get("SLACK_WEBHOOK")
    if not url:
        log.info("slack: %s", text)
        return
    payload = {"text": text}
    if channel:
        payload["channel"] = channel
    try:
        requests.post(url, json=payload, timeout=5)
    except requests.RequestException:
        log.exception("slack notify failed")


def send_po_to_supplier(po):
    """Email a purchase order to the supplier's order desk.

    TODO: move to services once PO stuff is split out (2020-03, still here)
    """
    supplier = po.supplier
    if not supplier.order_email:
        log.warning("supplier %s has no order email, PO %s not sent", supplier.name, po.id)
        return False
    lines = list(po.lines)
    ok = send_template_email(
        supplier.order_email,
        "Purchase order %s from Crumb & Co" % po.reference,
        "email/purchase_order.txt",
        po=po, lines=lines, supplier=supplier,
    )
    if ok:
        po.status = "sent"
        po.save()
    return ok
