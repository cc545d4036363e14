import datetime as dt
import logging

import config
from errors import BusinessRuleViolation, ValidationFailed
from models.core import Inspection, InspectionOutcome, Permit
from models.inspection import ChecklistResult, Deficiency, InspectionRequest
from repositories.inspection_repo import (InspectionRepository, InspectionRequestRepository,
                                          InspectionTypeRepository)
from services import fee_calculator, notifications, scheduling
from utils.dates import add_business_days, is_business_day

log = logging.getLogger(__name__)


def _check_sequence(session, permit, inspection_type):
    """Framing can't be requested before foundation passed, etc."""
    types = InspectionTypeRepository(session).for_permit_type(permit.application.permit_type)
    passed = InspectionRepository(session).passed_type_codes(permit.id)
    missing = [t.code for t in types if t.sequence < inspection_type.sequence and t.code not in passed
               and not t.is_final]
    if missing:
        raise BusinessRuleViolation("prerequisite inspections not passed", {"missing": missing})


def request_inspection(session, permit, type_code, requested_by, contact_phone=None,
                       preferred_date=None, window=None, channel="web", access_notes=None):
    if permit.status != Permit.ACTIVE or permit.is_expired():
        raise BusinessRuleViolation("permit %s is not active" % permit.number)
    inspection_type = InspectionTypeRepository(session).by_code(type_code)
    if inspection_type is None or not inspection_type.applies_to(permit.application.permit_type):
        raise ValidationFailed("inspection type %s not valid for this permit" % type_code)
    _check_sequence(session, permit, inspection_type)
    earliest = add_business_days(dt.date.today(), config.get("INSPECTION_LEAD_DAYS"))
    if preferred_date is None or preferred_date < earliest:
        preferred_date = earliest
    if not is_business_day(preferred_date):
        raise ValidationFailed("inspections are only scheduled on business days")
    req = InspectionRequest(permit=permit, inspection_type=inspection_type, requested_by=requested_by,
                            contact_phone=contact_phone, preferred_date=preferred_date,
                            window=window, channel=channel, access_notes=access_notes)
    session.add(req)
    session.flush()
    return req


def schedule_request(session, req, day=None, inspector=None):
    day = day or req.preferred_date
    parcel = req.permit.application.parcel
    if inspector is None:
        inspector = scheduling.pick_inspector(session, parcel.district_id, day,
                                              req.inspection_type.required_certification)
    if inspector is None:
        raise BusinessRuleViolation("no inspector available on %s" % day.isoformat())
    inspection = Inspection(permit=req.permit, request_id=req.id, inspection_type=req.inspection_type,
                            inspector_id=inspector.id, scheduled_for=day, window=req.window)
    req.status = "scheduled"
    session.add(inspection)
    session.flush()
    notifications.notify_inspection_scheduled(inspection, req)
    return inspection


def schedule_pending(session):
    scheduled, failed = [], []
    for req in InspectionRequestRepository(session).pending():
        try:
            scheduled.append(schedule_request(session, req))
        except BusinessRuleViolation as exc:
            failed.append((req, exc.message))
    return scheduled, failed


def record_result(session, inspection, outcome, user, checklist=(), deficiencies=(), notes=None):
    if inspection.status != "scheduled":
        raise BusinessRuleViolation("inspection already resulted")
    if outcome not in (InspectionOutcome.PASS, InspectionOutcome.FAIL, InspectionOutcome.PARTIAL,
                       InspectionOutcome.NO_ACCESS):
        raise ValidationFailed("unknown outcome %s" % outcome)
    inspection.outcome = outcome
    inspection.status = "completed"
    inspection.completed_at = dt.datetime.utcnow()
    inspection.notes = notes
    for item in checklist:
        session.add(ChecklistResult(inspection=inspection, item_code=item.get("code"),
                                    item_text=item.get("text"), result=item.get("result"),
                                    comment=item.get("comment")))
    for d in deficiencies:
        session.add(Deficiency(inspection=inspection, code_section=d.get("code_section"),
                               description=d["description"], severity=d.get("severity", "minor"),
                               photo_document_id=d.get("photo_document_id")))
    session.flush()

    repo = InspectionRepository(session)
    if outcome == InspectionOutcome.FAIL and repo.failed_count(inspection.permit_id, inspection.inspection_type_id) > 1:
        fee_calculator.reinspection_fee(session, inspection.permit, user)
    if outcome == InspectionOutcome.PASS and inspection.inspection_type.is_final:
        from services import permit_service
        permit_service.finalize_permit(session, inspection.permit)
    life_safety = [d for d in inspection.deficiencies if d.severity == "life_safety"]
    if life_safety:
        from services import enforcement_service
        for d in life_safety:
            enforcement_service.referral_from_inspection(session, d, user)
    notifications.notify_inspection_result(inspection)
    return inspection


def cancel_inspection(session, inspection, reason):
    if inspection.status != "scheduled":
        return
    inspection.status = "cancelled"
    inspection.outcome = InspectionOutcome.CANCELLED
    inspection.notes = reason
    session.flush()


def cancel_open_for_permit(session, permit, reason):
    for inspection in InspectionRepository(session).open_for_permit(permit.id):
        cancel_inspection(session, inspection, reason)


def expire_stale_requests(session, today):
    stale = InspectionRequestRepository(session).stale(today - dt.timedelta(days=10))
    for req in stale:
        req.status = "expired"
    session.flush()
    log.info("%d stale inspection requests expired", len(stale))
    return stale
