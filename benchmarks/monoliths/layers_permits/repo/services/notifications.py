"""All outgoing e-mail. Templates are inline on purpose (the clerks asked us
to change wording without a deploy once; we never built that)."""
import logging

from utils.dates import fmt_date
from utils.mail import render_text, send_mail
from utils.money import fmt_money

log = logging.getLogger(__name__)

SIGNATURE = "\n\nCity of Brookvale - Building & Safety\n(555) 010-4400 - permits@cityofbrookvale.example"


def _deliver(to, subject, template, **values):
    body = render_text(template, **values) + SIGNATURE
    ok = send_mail(to, subject, body)
    if not ok:
        log.warning("notification %r to %s not sent", subject, to)
    return ok


def _applicant_email(application):
    if application.applicant is not None and application.applicant.email:
        return application.applicant.email
    if application.contractor is not None:
        return application.contractor.email
    return None


def notify_application_received(application):
    return _deliver(_applicant_email(application), "Application %s received" % application.number,
                    "We received your {type} permit application {number} for {address}.\n"
                    "Fees due now: {fees}. You can pay online or at the counter.",
                    type=application.permit_type, number=application.number,
                    address=application.parcel.address, fees=fmt_money(application.total_fees_cents()))


def notify_corrections_required(application, comments):
    return _deliver(_applicant_email(application), "Corrections required - %s" % application.number,
                    "Plan review of {number} found items to correct:\n\n{comments}\n\n"
                    "Please resubmit revised plans through the portal.",
                    number=application.number, comments="\n".join(comments))


def notify_application_approved(application):
    return _deliver(_applicant_email(application), "Application %s approved" % application.number,
                    "Your application {number} is approved. The permit will be issued once all fees "
                    "({balance} outstanding) are paid.",
                    number=application.number, balance=fmt_money(application.balance_due_cents()))


def notify_permit_issued(permit):
    return _deliver(_applicant_email(permit.application), "Permit %s issued" % permit.number,
                    "Permit {number} was issued and expires {expires} unless an inspection is passed "
                    "before then. Post the permit card on site.",
                    number=permit.number, expires=fmt_date(permit.expires_on))


def notify_permit_expiring(permit):
    return _deliver(_applicant_email(permit.application), "Permit %s expires soon" % permit.number,
                    "Permit {number} expires on {expires}. Request an inspection or an extension.",
                    number=permit.number, expires=fmt_date(permit.expires_on))


def notify_payment_receipt(payment):
    to = None
    if payment.application is not None:
        to = _applicant_email(payment.application)
    return _deliver(to, "Receipt %s" % payment.receipt_number,
                    "We received {amount} by {method}. Receipt number {receipt}.",
                    amount=fmt_money(payment.amount_cents), method=payment.method,
                    receipt=payment.receipt_number)


def notify_inspection_scheduled(inspection, request=None):
    phone = request.contact_phone if request is not None else ""
    return _deliver(_applicant_email(inspection.permit.application),
                    "Inspection scheduled - %s" % inspection.permit.number,
                    "{type} inspection for permit {number} is scheduled on {day} ({window}).\n"
                    "The inspector will call {phone} about 30 minutes before arrival.",
                    type=inspection.inspection_type.name, number=inspection.permit.number,
                    day=fmt_date(inspection.scheduled_for), window=inspection.window or "any time",
                    phone=phone or "the number on file")


def notify_inspection_result(inspection):
    items = "\n".join("- %s %s" % (d.code_section or "", d.description) for d in inspection.deficiencies)
    return _deliver(_applicant_email(inspection.permit.application),
                    "Inspection result - %s" % inspection.permit.number,
                    "{type} inspection on {day}: {outcome}.\n{items}",
                    type=inspection.inspection_type.name, day=fmt_date(inspection.scheduled_for),
                    outcome=inspection.outcome.upper(), items=items)


def notify_license_expiring(lic, days_left):
    return _deliver(lic.contractor.email, "License %s expires in %d days" % (lic.number, days_left),
                    "Your {cls} contractor license {number} expires on {expires}. Renew at the counter "
                    "or online; permits cannot be pulled on an expired license.",
                    cls=lic.license_class, number=lic.number, expires=fmt_date(lic.expires_on))


def notify_notice_of_violation(case, notice):
    owner = case.parcel.owner_name or "Property owner"
    log.info("NOV %s for case %s goes out by %s to %s", notice.kind, case.number, notice.delivery, owner)
    # owners don't have e-mail on file; the letter is printed by the nightly batch.
    return True

