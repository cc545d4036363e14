"""Outbound SMS / e-mail.  Members mostly want SMS at harvest."""
import logging
import smtplib
from email.mime.text import MIMEText

import requests

from coop.config import get_config
from coop.utils.decorators import retry
from coop.utils.helpers import grade_label, member_display_name
from coop.utils.money import format_money

log = logging.getLogger(__name__)

_cfg = get_config()


@retry(times=3, delay=2.0, exceptions=(requests.RequestException,))
def send_sms(phone, body):
    if not phone:
        log.info("no phone, sms skipped: %s", body[:40])
        return False
    if not _cfg.SMS_API_KEY:
        log.info("[sms dry-run] %s: %s", phone, body)
        return True
    resp = requests.post(_cfg.SMS_GATEWAY_URL, json={"to": phone, "text": body[:459]},
                         headers={"Authorization": "Bearer " + _cfg.SMS_API_KEY}, timeout=10)
    resp.raise_for_status()
    return True


def send_email(to, subject, body, attachments=None):
    if not to:
        return False
    msg = MIMEText(body)
    msg["Subject"] = subject
    msg["From"] = _cfg.SMTP_FROM
    msg["To"] = to
    # TODO attachments (bank remittance pdf) -- never finished
    try:
        with smtplib.SMTP(_cfg.SMTP_HOST) as s:
            s.send_message(msg)
        return True
    except (OSError, smtplib.SMTPException):
        log.exception("email to %s failed", to)
        return False


def _render(template, **ctx):
    try:
        return template.format(**ctx)
    except KeyError as exc:
        log.warning("template missing %s", exc)
        return template


def notify_ticket_graded(ticket, sample):
    body = _render(
        "PVG Coop: ticket {no} {commodity} graded {grade}. Net {net} kg, "
        "moisture {m}%, dockage {d}%. Paid weight {paid} kg.",
        no=ticket.ticket_no, commodity=ticket.commodity,
        grade=grade_label(ticket.commodity, ticket.grade_code),
        net=ticket.net_kg, m=sample.moisture_pct, d=sample.dockage_pct, paid=ticket.paid_kg,
    )
    return send_sms(ticket.member.phone, body)


def notify_load_rejected(ticket, rejection):
    body = _render("PVG Coop: load {no} REJECTED ({reason}). Please call the site office.",
                   no=ticket.ticket_no, reason=rejection.reason_code)
    return send_sms(ticket.member.phone, body)


def notify_share_certificate(member, holding):
    return send_email(
        member.email,
        "Your share certificate %s" % holding.certificate_no,
        _render("Dear {name},\n\nYou now hold {q} class {c} shares.\n\nPVG Coop",
                name=member_display_name(member), q=holding.quantity, c=holding.share_class.code),
    )


def notify_booking_confirmed(booking):
    body = _render("PVG Coop: {eq} booked {start:%d %b %H:%M} - {end:%d %b %H:%M}. Ref {ref}.",
                   eq=booking.equipment.description, start=booking.start_at,
                   end=booking.end_at, ref=booking.ref)
    return send_sms(booking.member.phone, body)


def notify_payout(member, net_amount, payment_date):
    body = _render("PVG Coop: settlement of {amt} will be deposited on {d}.",
                   amt=format_money(net_amount), d=payment_date.isoformat())
    ok = send_sms(member.phone, body)
    if member.email:
        send_email(member.email, "Grain settlement payment", body)
    return ok


def notify_soil_results(sample, recommendation=None):
    member = sample.field.owner
    lines = ["Soil test results for %s are in." % sample.field.name]
    if recommendation is not None:
        lines.append("Recommended N %s / P2O5 %s / K2O %s / S %s kg/ha" % (
            recommendation.n_kg_ha, recommendation.p2o5_kg_ha,
            recommendation.k2o_kg_ha, recommendation.s_kg_ha))
    return send_email(member.email, "Soil test results", "\n".join(lines))
