"""Email / SMS sending.  Synchronous, yes, we know."""
import logging
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage as _MimeMessage
from string import Template
from typing import Dict, List, Optional

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.utils import retry

log = logging.getLogger(__name__)

TEMPLATES: Dict[str, str] = {
    "quote_sent": "Hi $first_name,\n\nYour solar proposal $number is ready: $total.\n$link\n",
    "survey_scheduled": "Hi $first_name,\n\nYour site survey is booked for $when.\n",
    "invoice_issued": "Invoice $number for $total is due on $due_date.\n",
    "payment_reminder": "Friendly reminder: invoice $number ($balance) is overdue.\n",
    "crew_assignment": "You are on $project_number at $address on $work_date.\n",
    "pto_granted": "Great news $first_name - your system has permission to operate!\n",
    "ticket_update": "Service ticket #$ticket_id is now $status.\n",
}


@dataclass
class OutgoingEmail:
    to: List[str]
    subject: str
    body: str
    cc: List[str] = field(default_factory=list)
    attachments: List[tuple] = field(default_factory=list)


def render_template(name: str, **context) -> str:
    return Template(TEMPLATES[name]).safe_substitute(**context)


@retry(times=3, delay=2.0, exceptions=(smtplib.SMTPException, OSError))
def send_email(message: OutgoingEmail) -> None:
    if settings.environment == "dev":
        log.info("[dev] email to %s: %s", message.to, message.subject)
        return
    mime = _MimeMessage()
    mime["From"] = settings.mail_from
    mime["To"] = ", ".join(message.to)
    if message.cc:
        mime["Cc"] = ", ".join(message.cc)
    mime["Subject"] = message.subject
    mime.set_content(message.body)
    for filename, content, mimetype in message.attachments:
        maintype, subtype = mimetype.split("/", 1)
        mime.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port) as smtp:
        smtp.send_message(mime)


def send_sms(to: Optional[str], body: str) -> bool:
    if not to or not settings.twilio_sid:
        log.info("sms skipped (%s): %s", to, body[:40])
        return False
    resp = requests.post(
        f"https://api.twilio.com/2010-04-01/Accounts/{settings.twilio_sid}/Messages.json",
        data={"To": to, "From": settings.twilio_from, "Body": body},
        auth=(settings.twilio_sid, settings.twilio_token),
        timeout=10,
    )
    return resp.status_code < 300


def notify_crew_of_assignment(db: Session, crew_id: int, project_number: str, address: str,
                              work_date) -> int:
    """Text every member of a crew about a job.  Lives here because it was
    written during the 2020 Twilio migration; should move to scheduling."""
    from solarco.models.project import CrewMember

    members = db.scalars(select(CrewMember).where(CrewMember.crew_id == crew_id,
                                                  CrewMember.active.is_(True))).all()
    body = render_template("crew_assignment", project_number=project_number, address=address,
                           work_date=work_date)
    sent = 0
    for m in members:
        if send_sms(m.phone, body):
            sent += 1
    return sent
