"""Outbound email + SMS.

Started as a thin smtplib wrapper; everybody then added "just one more"
notification in here. The generic bits are at the top.
"""
import logging
import smtplib
from email.mime.text import MIMEText
from string import Template

import requests
from flask import current_app

from carshare.lib.money import format_money
from carshare.lib.formatting import format_datetime, display_plate

log = logging.getLogger(__name__)


def render_text(template, **ctx):
    return Template(template).safe_substitute(**ctx)


def send_email(to, subject, body, reply_to=None):
    cfg = current_app.config
    if cfg.get("TESTING"):
        log.info("[test] email to %s: %s", to, subject)
        return True
    msg = MIMEText(body, "plain", "utf-8")
    msg["Subject"] = subject
    msg["From"] = cfg["SMTP_FROM"]
    msg["To"] = to
    if reply_to:
        msg["Reply-To"] = reply_to
    try:
        s = smtplib.SMTP(cfg["SMTP_HOST"])
        s.sendmail(cfg["SMTP_FROM"], [to], msg.as_string())
        s.quit()
        return True
    except Exception:  # noqa
        log.exception("email to %s failed", to)
        return False


def send_sms(phone, text):
    url = current_app.config.get("SMS_GATEWAY_URL")
    if not url or not phone:
        log.info("sms skipped (%s)", phone)
        return False
    resp = requests.post(url, json={"to": phone, "text": text[:320]}, timeout=5)
    return resp.status_code == 200


# ---------------------------------------------------------------------------
# domain notifications (TODO: move next to the code that sends them)
# ---------------------------------------------------------------------------

RESERVATION_TMPL = """Hi $name,

Your car $plate is booked from $start to $end.
Pick it up at $zone.

CarShare"""


def send_reservation_confirmation(member, reservation, vehicle, zone_name):
    body = render_text(
        RESERVATION_TMPL,
        name=member["first_name"],
        plate=display_plate(vehicle["plate"]),
        start=format_datetime(reservation["starts_at"]),
        end=format_datetime(reservation["ends_at"]),
        zone=zone_name or "the usual spot",
    )
    send_email(member["email"], "Your CarShare booking #%s" % reservation["id"], body)
    if member.get("phone"):
        send_sms(member["phone"], "CarShare: %s booked from %s" % (
            display_plate(vehicle["plate"]), format_datetime(reservation["starts_at"])))


def send_waitlist_available(member, zone_name, starts_at):
    send_email(
        member["email"],
        "A car is free in %s" % zone_name,
        "Good news - a car became available in %s for %s. Book quickly!" % (
            zone_name, format_datetime(starts_at)),
    )


def send_invoice_email(member, invoice, lines):
    rows = "\n".join("  %-40s %10s" % (l["description"][:40], format_money(l["amount_pence"])) for l in lines)
    body = "Invoice %s\n\n%s\n\n  VAT %s\n  TOTAL %s\n" % (
        invoice["number"], rows, format_money(invoice["vat_pence"]), format_money(invoice["total_pence"]))
    send_email(member["email"], "CarShare invoice %s" % invoice["number"], body)


def send_payment_failed(member, invoice, reason):
    send_email(
        member["email"],
        "Payment failed for invoice %s" % invoice["number"],
        "We couldn't take %s: %s. Please update your card." % (format_money(invoice["total_pence"]), reason),
    )
    send_sms(member.get("phone"), "CarShare: payment failed, please update your card")


def send_licence_rejected(member, reason):
    send_email(
        member["email"],
        "We couldn't verify your driving licence",
        "Hi %s,\n\nUnfortunately your licence could not be verified: %s\n" % (member["first_name"], reason),
    )


def send_account_suspended(member, reason):
    send_email(member["email"], "Your CarShare account is suspended", "Reason: %s" % reason)


def notify_garage(garage_email, vehicle, job):
    send_email(
        garage_email,
        "Booking: %s for %s" % (job["job_type"], display_plate(vehicle["plate"])),
        "Vehicle %s (%s %s) booked in for %s on %s." % (
            display_plate(vehicle["plate"]), vehicle.get("make"), vehicle.get("model"),
            job["job_type"], format_datetime(job["scheduled_for"])),
    )


def send_fine_recharge_notice(member, fine, admin_fee_pence):
    send_email(
        member["email"],
        "Penalty notice %s" % fine["reference"],
        "A penalty from %s (%s) was issued while you were driving. It plus an admin fee of %s "
        "will be added to your next invoice." % (
            fine["authority"], format_money(fine["amount_pence"]), format_money(admin_fee_pence)),
    )


def send_ticket_reply(member_email, ticket_id, body):
    send_email(member_email, "Re: your support request #%s" % ticket_id, body,
               reply_to="support+%s@carshare.example" % ticket_id)
