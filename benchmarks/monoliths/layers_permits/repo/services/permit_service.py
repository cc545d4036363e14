"""Application intake, issuance and the permit lifecycle.

Grew into the place where "everything that happens to a permit" lives, so it
calls fees, documents, licensing and inspections. Split it when you touch it."""
import datetime as dt
import logging

import config
from errors import BusinessRuleViolation, ValidationFailed
from models.core import (Applicant, ApplicationContractor, ApplicationStatus, Permit,
                         PermitApplication, PermitType, format_record_number)
from repositories.base import next_sequence
from repositories.permit_repo import ApplicantRepository, ParcelRepository, PermitApplicationRepository
from services import contractor_service, documents, fee_calculator, notifications
from utils.validators import is_valid_email, normalize_phone, require_fields, valid_apn

log = logging.getLogger(__name__)


def _require_status(application, *allowed):
    if application.status not in allowed:
        raise BusinessRuleViolation("application %s is %s" % (application.number, application.status))


def _find_or_create_applicant(session, data):
    email = (data.get("email") or "").strip().lower()
    if email and not is_valid_email(email):
        raise ValidationFailed("invalid email", {"email": email})
    repo = ApplicantRepository(session)
    applicant = repo.by_email(email) if email else None
    if applicant is None:
        applicant = Applicant(full_name=data["full_name"], email=email or None)
        session.add(applicant)
    applicant.company = data.get("company") or applicant.company
    applicant.phone = normalize_phone(data.get("phone")) or applicant.phone
    applicant.mailing_address = data.get("mailing_address") or applicant.mailing_address
    applicant.is_owner = bool(data.get("is_owner", applicant.is_owner))
    return applicant


def _resolve_parcel(session, apn):
    if not valid_apn(apn):
        raise ValidationFailed("invalid APN", {"apn": apn})
    parcel = ParcelRepository(session).by_apn(apn)
    if parcel is None:
        raise ValidationFailed("unknown parcel", {"apn": apn})
    return parcel


def validate_application(data):
    require_fields(data, "permit_type", "apn", "description", "applicant")
    if data["permit_type"] not in PermitType.ALL:
        raise ValidationFailed("unknown permit type", {"permit_type": data["permit_type"]})
    if data["permit_type"] == PermitType.BUILDING and not data.get("valuation"):
        raise ValidationFailed("valuation required for building permits")
    if data.get("owner_builder") and data.get("contractor_id"):
        raise ValidationFailed("owner-builder applications cannot name a contractor")


def create_application(session, data, user=None):
    validate_application(data)
    parcel = _resolve_parcel(session, data["apn"])
    application = PermitApplication(
        permit_type=data["permit_type"],
        work_class=data.get("work_class"),
        parcel=parcel,
        applicant=_find_or_create_applicant(session, data["applicant"]),
        description=data["description"],
        valuation=data.get("valuation") or 0,
        square_feet=data.get("square_feet") or 0,
        expedited=bool(data.get("expedited")),
        owner_builder=bool(data.get("owner_builder")),
        status=ApplicationStatus.DRAFT,
    )
    if data.get("contractor_id"):
        contractor = contractor_service.get_contractor(session, data["contractor_id"])
        contractor_service.verify_contractor_for_permit(session, contractor, application.permit_type)
        application.contractor = contractor
    for sub in data.get("subcontractors", []):
        session.add(ApplicationContractor(application=application, contractor_id=sub["contractor_id"],
                                          trade=sub.get("trade")))
    session.add(application)
    session.flush()
    return application


def submit_application(session, application, files=None, user=None):
    _require_status(application, ApplicationStatus.DRAFT, ApplicationStatus.CORRECTIONS)
    if application.permit_type in PermitType.NEEDS_PLANS:
        if not files and not application.plan_sets:
            raise ValidationFailed("plans are required for this permit type")
    if files:
        documents.attach_plan_set(session, application, files, uploaded_by=user.username if user else "online")
    now = dt.datetime.utcnow()
    if application.number is None:
        seq = next_sequence(session, "permit_applications", application.permit_type, now.year)
        application.number = format_record_number(application.permit_type, now.year, seq)
        fee_calculator.assess_intake_fees(session, application, user)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    session.flush()
    notifications.notify_application_received(application)
    log.info("application %s submitted", application.number)
    return application


def withdraw_application(session, application, reason, user):
    _require_status(application, *ApplicationStatus.OPEN)
    application.status = ApplicationStatus.WITHDRAWN
    application.decided_at = dt.datetime.utcnow()
    application.notes = ((application.notes or "") + "\nWithdrawn: %s" % reason).strip()
    # intake fees are refundable minus 20% if nobody has started reviewing yet
    if not any(r.completed_at for r in application.reviews):
        from services import payments
        payments.refund_application(session, application, percent=80, reason="withdrawn", user=user)
    session.flush()


def issue_permit(session, application, user):
    _require_status(application, ApplicationStatus.APPROVED)
    balance = fee_calculator.balance_due(session, application)
    if balance > 0:
        raise BusinessRuleViolation("fees outstanding", {"balance_cents": balance})
    if application.contractor is not None:
        contractor_service.verify_contractor_for_permit(session, application.contractor, application.permit_type)
    elif not application.owner_builder:
        raise BusinessRuleViolation("a licensed contractor or owner-builder declaration is required")
    if application.permit_type in PermitType.NEEDS_PLANS:
        documents.stamp_approved_plans(session, application, user)

    now = dt.datetime.utcnow()
    permit = Permit(
        number=application.number.replace(application.permit_type, application.permit_type + "P", 1),
        application=application,
        issued_at=now,
        issued_by_id=user.id,
        expires_on=now.date() + dt.timedelta(days=config.get("PERMIT_EXPIRY_DAYS")),
    )
    session.add(permit)
    application.status = ApplicationStatus.ISSUED
    application.decided_at = now
    fee_calculator.assess_issuance_fees(session, application, user)
    session.flush()
    notifications.notify_permit_issued(permit)
    return permit


def extend_permit(session, permit, user, days=None):
    if permit.status != Permit.ACTIVE:
        raise BusinessRuleViolation("only active permits can be extended")
    if (permit.extensions or 0) >= config.get("PERMIT_MAX_EXTENSIONS"):
        raise BusinessRuleViolation("maximum extensions reached")
    permit.extend(days or config.get("PERMIT_EXPIRY_DAYS"))
    fee_calculator.assess_fee_by_code(session, permit.application, "EXT", user)
    session.flush()


def revoke_permit(session, permit, reason, user):
    from services import inspection_service

    permit.status = Permit.REVOKED
    permit.revoked_reason = reason
    inspection_service.cancel_open_for_permit(session, permit, "permit revoked")
    session.flush()
    log.warning("permit %s revoked by %s: %s", permit.number, user.username, reason)


def suspend_permit(session, permit, reason):
    permit.status = Permit.SUSPENDED
    permit.revoked_reason = reason
    session.flush()


def finalize_permit(session, permit):
    """Called when the final inspection passes."""
    permit.status = Permit.FINALED
    permit.finaled_at = dt.datetime.utcnow()
    session.flush()


def expire_permits(session, today):
    from repositories.permit_repo import PermitRepository

    expired = []
    for permit in PermitRepository(session).past_expiry(today):
        permit.status = Permit.EXPIRED
        expired.append(permit)
    session.flush()
    return expired


def permit_summary(session, permit):
    """Everything the counter clerk sees on the permit card."""
    from repositories.inspection_repo import InspectionRepository

    application = permit.application
    return {
        "number": permit.number,
        "status": permit.status,
        "address": application.parcel.address,
        "expires_on": permit.expires_on.isoformat(),
        "balance_cents": fee_calculator.balance_due(session, application),
        "inspections": [
            {"type": i.inspection_type.code, "date": i.scheduled_for and i.scheduled_for.isoformat(),
             "outcome": i.outcome}
            for i in InspectionRepository(session).for_permit(permit.id)
        ],
        "plan_sets": len(application.plan_sets),
    }


def _legacy_status_map(old_code):
    # used by the 2021 PermitTrax import, see utils/legacy.py
    return {"A": ApplicationStatus.ISSUED, "P": ApplicationStatus.SUBMITTED}.get(old_code)


def search_applications(session, args):
    return PermitApplicationRepository(session).search(
        status=args.get("status"), permit_type=args.get("type"),
        parcel_id=args.get("parcel_id"), text=args.get("q"))
