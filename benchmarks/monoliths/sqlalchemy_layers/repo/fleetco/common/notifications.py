import logging
import smtplib
from email.message import EmailMessage

import requests

from fleetco.config import get_settings

log = logging.getLogger(__name__)

TEMPLATES = {
    "quote_ready": "Your quote {reference} is ready: {total}. Valid until {valid_until}.",
    "shipment_booked": "Shipment {reference} booked for collection on {pickup_date}.",
    "shipment_delivered": "Shipment {reference} was delivered at {delivered_at}.",
    "invoice_issued": "Invoice {number} for {total} is due on {due_date}.",
    "payment_reminder": "Reminder: invoice {number} ({total}) is {days} days overdue.",
    "license_expiry": "Driver {name}: licence {category} expires on {expires_on}.",
    "maintenance_due": "Vehicle {registration} is due for {kind} service.",
}


def render_template(name, **context):
    template = TEMPLATES.get(name)
    if template is None:
        raise KeyError(f"no template {name}")
    return template.format(**context)


def send_email(to, subject, body):
    settings = get_settings()
    if not to:
        log.warning("send_email without recipient: %s", subject)
        return False
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "noreply@fleetco.example", to, subject
    msg.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host) as smtp:
            smtp.send_message(msg)
    except OSError:
        log.exception("smtp failed for %s", to)
        return False
    return True


def send_sms(phone, text):
    settings = get_settings()
    if not phone:
        return False
    try:
        resp = requests.post(settings.sms_gateway_url, json={"to": phone, "text": text}, timeout=5)
        return resp.status_code == 200
    except requests.RequestException:
        log.exception("sms gateway down")
        return False
