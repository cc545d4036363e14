# -*- coding: utf-8 -*-
"""All outgoing email. Templates are in templates/email/."""
import logging

from flask import current_app, render_template
from flask_mail import Message

from festival.extensions import mail
from festival.helpers import format_pence, order_reference_hash, shift_label
from festival.utils.text import mask_email

log = logging.getLogger(__name__)


def send_email(to, subject, template, sender=None, attachments=None, **context):
    if isinstance(to, str):
        to = [to]
    context.setdefault("festival_name", current_app.config["FESTIVAL_NAME"])
    msg = Message(subject=subject, recipients=to,
                  sender=sender or current_app.config["MAIL_DEFAULT_SENDER"])
    msg.body = render_template("email/%s.txt" % template, **context)
    try:
        msg.html = render_template("email/%s.html" % template, **context)
    except Exception:  # no html version, fine
        pass
    for filename, mimetype, data in attachments or []:
        msg.attach(filename, mimetype, data)
    if current_app.config.get("TESTING"):
        log.info("not sending %s to %s (testing)", template, [mask_email(t) for t in to])
        return msg
    mail.send(msg)
    return msg


def send_order_confirmation(order):
    link_hash = order_reference_hash(order.reference, order.buyer_email)
    tickets = order.tickets.all()
    return send_email(order.buyer_email, "Your tickets - order %s" % order.reference,
                      "order_confirmation", sender=current_app.config["BOX_OFFICE_EMAIL"],
                      order=order, tickets=tickets, total=format_pence(order.total_pence),
                      link_hash=link_hash)


def send_ticket_transfer_notice(ticket, old_holder_email, new_holder_email):
    send_email(old_holder_email, "Ticket transferred", "ticket_transfer_old", ticket=ticket)
    send_email(new_holder_email, "A ticket has been transferred to you",
               "ticket_transfer_new", ticket=ticket)


def send_refund_confirmation(order, amount_pence):
    return send_email(order.buyer_email, "Refund processed - %s" % order.reference,
                      "order_refund", order=order, amount=format_pence(amount_pence))


def send_offer_to_agent(booking):
    agent = booking.artist.agent
    if agent is None:
        log.warning("booking %s has no agent, offer not emailed", booking.id)
        return None
    return send_email(agent.email, "Offer: %s at %s" % (booking.artist.name,
                                                         current_app.config["FESTIVAL_NAME"]),
                      "artist_offer", sender=current_app.config["BOOKINGS_EMAIL"],
                      booking=booking, agent=agent, fee=booking.fee_display())


def send_contract_for_signature(contract, pdf_bytes):
    booking = contract.booking
    agent = booking.artist.agent
    to = agent.email if agent else current_app.config["BOOKINGS_EMAIL"]
    return send_email(to, "Contract v%d - %s" % (contract.version, booking.artist.name),
                      "artist_contract", sender=current_app.config["BOOKINGS_EMAIL"],
                      attachments=[("contract_v%d.pdf" % contract.version, "application/pdf", pdf_bytes)],
                      contract=contract, booking=booking)


def send_unsigned_contract_chaser(contract, days_outstanding):
    booking = contract.booking
    agent = booking.artist.agent
    if not agent:
        return None
    return send_email(agent.email, "Reminder: contract for %s" % booking.artist.name,
                      "artist_contract_chaser", contract=contract,
                      days_outstanding=days_outstanding)


def send_lineup_newsletter(announcement, recipients):
    # recipients = buyer emails that opted in. TODO: proper list provider
    for batch_start in range(0, len(recipients), 50):
        send_email(recipients[batch_start:batch_start + 50], announcement.title,
                   "lineup_announcement", announcement=announcement)


def send_vendor_decision(application):
    vendor = application.vendor
    template = "vendor_accepted" if application.status == "accepted" else "vendor_rejected"
    return send_email(vendor.contact_email, "Your trader application %d" % application.year,
                      template, application=application, vendor=vendor,
                      fee=format_pence(application.fee_quoted_pence))


def send_hygiene_cert_expiry_warning(vendor, cert):
    return send_email(vendor.contact_email, "Food hygiene certificate expiring",
                      "vendor_cert_expiry", vendor=vendor, cert=cert)


def send_volunteer_welcome(volunteer):
    return send_email(volunteer.email, "Welcome to the crew!", "volunteer_welcome",
                      sender=current_app.config["VOLUNTEER_EMAIL"], volunteer=volunteer)


def send_shift_reminder(volunteer, signups):
    lines = [shift_label(s.slot) for s in signups]
    return send_email(volunteer.email, "Your shifts tomorrow", "volunteer_shift_reminder",
                      sender=current_app.config["VOLUNTEER_EMAIL"],
                      volunteer=volunteer, shifts=lines)


def send_deposit_refunded(volunteer, deposit):
    return send_email(volunteer.email, "Your deposit has been refunded", "volunteer_deposit_refund",
                      volunteer=volunteer, amount=format_pence(deposit.amount_pence))


def send_camping_confirmation(booking):
    return send_email(booking.email, "Camping booking %s" % booking.reference,
                      "camping_confirmation", booking=booking,
                      total=format_pence(booking.total_pence))


def send_incident_alert(incident):
    return send_email(current_app.config["SECURITY_CONTROL_EMAIL"],
                      "[%s] Incident %s at %s" % (incident.severity.upper(), incident.reference,
                                                  incident.location),
                      "incident_alert", incident=incident)


def send_lost_property_match(item, claimant_email):
    return send_email(claimant_email, "We may have found your %s" % item.category,
                      "lost_property_match", item=item)


def send_sponsor_deliverable_reminder(deal, deliverables):
    # goes to the internal deal owner, not the sponsor
    to = deal.owner or current_app.config["MAIL_DEFAULT_SENDER"]
    return send_email(to, "Overdue deliverables: %s" % deal.sponsor.name,
                      "sponsor_deliverables_overdue", deal=deal, deliverables=deliverables)
