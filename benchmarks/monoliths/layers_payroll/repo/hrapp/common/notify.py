import logging
import smtplib
from email.message import EmailMessage

from hrapp.config import get_settings

log = logging.getLogger(__name__)

TEMPLATES = {
    "leave_approved": "Hi {name}, your leave from {start} to {end} was approved.",
    "leave_rejected": "Hi {name}, your leave request was rejected: {reason}",
    "payslip_ready": "Hi {name}, your payslip for {period} is available.",
    "interview_invite": "Dear {name}, we'd like to invite you for an interview on {when}.",
    "timesheet_reminder": "Hi {name}, please submit your timesheet for week {week}.",
    "claim_rejected": "Hi {name}, expense claim {reference} was rejected: {reason}",
}


def render_template(name, **context):
    return TEMPLATES[name].format(**context)


def send_email(to, subject, body):
    settings = get_settings()
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
            smtp.send_message(msg)
    except OSError:
        log.exception("could not send mail to %s", to)


def notify_employee(employee, template, subject, **context):
    if not employee or not employee.work_email:
        return
    send_email(employee.work_email, subject, render_template(template, name=employee.first_name, **context))
