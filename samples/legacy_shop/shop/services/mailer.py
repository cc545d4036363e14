"""Outgoing mail. Everything is queued in email_queue and sent by the cron job."""
import logging
import smtplib
from email.mime.text import MIMEText

from shop import db
from shop.dao import EmailQueueDAO, OrderDAO
from shop.utils import format_money, get_config

log = logging.getLogger(__name__)

queue = EmailQueueDAO()

FALLBACK_TEMPLATES = {
    "order_placed": ("Your order #{order_id}", "Thanks {first_name}! We got your order of {total}."),
    "order_cancelled": ("Order #{order_id} cancelled", "Your order #{order_id} was cancelled."),
    "shipped": ("Order #{order_id} is on its way", "Track it here: {tracking}"),
    "password_reset": ("Reset your password", "Click here: {link}"),
}


def render(template_name, **context):
    row = db.query_one(
        "SELECT subject, body FROM email_templates WHERE name = %s AND active", (template_name,)
    )
    if row:
        subject, body = row["subject"], row["body"]
    else:
        subject, body = FALLBACK_TEMPLATES[template_name]
    return subject.format(**context), body.format(**context)


def wants(user_id, kind):
    row = db.query_one(
        "SELECT enabled FROM notification_prefs WHERE user_id = %s AND kind = %s", (user_id, kind)
    )
    return True if row is None else row["enabled"]


def enqueue(to, template_name, **context):
    subject, body = render(template_name, **context)
    queue.push(to, subject, body, template_name)


def notify_order_placed(order_id):
    order = OrderDAO().with_customer(order_id)
    if not wants(order["user_id"], "order"):
        return
    enqueue(order["email"], "order_placed", order_id=order_id, first_name=order["first_name"],
            total=format_money(order["total"], order["currency"]))


def notify_order_cancelled(order_id):
    order = OrderDAO().with_customer(order_id)
    enqueue(order["email"], "order_cancelled", order_id=order_id)


def notify_shipped(order_id, tracking_link):
    order = OrderDAO().with_customer(order_id)
    if wants(order["user_id"], "shipping"):
        enqueue(order["email"], "shipped", order_id=order_id, tracking=tracking_link or "-")


def send_password_reset(email, link):
    enqueue(email, "password_reset", link=link)


def notify_ops(subject, body):
    queue.push(get_config("OPS_EMAIL", "ops@shop.example"), subject, body)


def flush(batch=50):
    rows = queue.take(batch)
    if not rows:
        return 0
    host = get_config("SMTP_HOST", "localhost")
    smtp = smtplib.SMTP(host, int(get_config("SMTP_PORT", 25)))
    sent = []
    try:
        for row in rows:
            msg = MIMEText(row["body"], "plain", "utf-8")
            msg["Subject"] = row["subject"]
            msg["From"] = get_config("MAIL_FROM", "shop@shop.example")
            msg["To"] = row["recipient"]
            try:
                smtp.sendmail(msg["From"], [row["recipient"]], msg.as_string())
                sent.append(row["id"])
            except smtplib.SMTPException as e:
                log.error("mail %s failed: %s", row["id"], e)
    finally:
        smtp.quit()
    if sent:
        queue.mark_sent(sent)
    return len(sent)
