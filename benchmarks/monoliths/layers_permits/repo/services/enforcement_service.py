"""Complaints -> cases -> notices -> citations."""
import datetime as dt
import logging

import config
from errors import BusinessRuleViolation, ValidationFailed
from models.core import format_record_number
from models.enforcement import Citation, Complaint, EnforcementCase, Violation, ViolationNotice
from repositories.base import next_sequence
from repositories.enforcement_repo import CaseRepository, ComplaintRepository
from services import notifications
from utils.dates import add_business_days

log = logging.getLogger(__name__)

FINE_SCHEDULE = {1: 10000, 2: 50000, 3: 100000}  # 1st, 2nd, 3rd+ citation on a case (cents)
COMPLY_DAYS = {"courtesy": 30, "nov": 30, "final": 10, "stop_work": 0}


def log_complaint(session, data):
    if not data.get("description"):
        raise ValidationFailed("description required")
    complaint = Complaint(source=data.get("source", "web"), parcel_id=data.get("parcel_id"),
                          address_text=data.get("address"), category=data.get("category"),
                          description=data["description"], reporter_name=data.get("reporter_name"),
                          reporter_contact=data.get("reporter_contact"),
                          anonymous=bool(data.get("anonymous")))
    if complaint.parcel_id:
        recent = ComplaintRepository(session).recent_for_parcel(complaint.parcel_id)
        open_cases = CaseRepository(session).open_for_parcel(complaint.parcel_id)
        if open_cases:
            complaint.case_id = open_cases[0].id
            complaint.status = "duplicate" if recent else "case_opened"
    session.add(complaint)
    session.flush()
    return complaint


def open_case(session, parcel_id, officer, complaint=None, related_permit_id=None, priority=3):
    year = dt.date.today().year
    case = EnforcementCase(number=format_record_number("CE", year, next_sequence(session, "enforcement_cases", "CE", year)),
                           parcel_id=parcel_id, officer_id=officer.id if officer else None,
                           related_permit_id=related_permit_id, priority=priority)
    session.add(case)
    session.flush()
    if complaint is not None:
        complaint.case_id = case.id
        complaint.status = "case_opened"
    return case


def add_violation(session, case, code_section, description, observed_on=None):
    v = Violation(case=case, code_section=code_section, description=description,
                  observed_on=observed_on or dt.date.today())
    session.add(v)
    session.flush()
    return v


def send_notice(session, case, kind, delivery="mail"):
    if kind not in COMPLY_DAYS:
        raise ValidationFailed("unknown notice kind %s" % kind)
    if not case.open_violations and kind != "stop_work":
        raise BusinessRuleViolation("case has no open violations")
    notice = ViolationNotice(case=case, kind=kind, delivery=delivery,
                             comply_by=add_business_days(dt.date.today(), COMPLY_DAYS[kind]))
    session.add(notice)
    case.status = "notice_sent"
    session.flush()
    notifications.notify_notice_of_violation(case, notice)
    return notice


def issue_citation(session, case, violation=None):
    count = len(case.citations) + 1
    fine = FINE_SCHEDULE.get(count, FINE_SCHEDULE[3])
    year = dt.date.today().year
    citation = Citation(case=case, violation_id=violation.id if violation else None,
                        number=format_record_number("CIT", year, next_sequence(session, "citations", "CIT", year)),
                        fine_cents=fine, due_on=dt.date.today() + dt.timedelta(days=config.get("CITATION_DUE_DAYS")))
    session.add(citation)
    case.status = "cited"
    session.flush()
    return citation


def record_compliance(session, case, violation_ids=None):
    today = dt.date.today()
    for v in case.violations:
        if violation_ids is None or v.id in violation_ids:
            v.status = "corrected"
            v.corrected_on = today
    if not case.open_violations:
        case.status = "in_compliance"
    session.flush()


def close_case(session, case, reason):
    unpaid = [c for c in case.citations if c.status == "unpaid"]
    if unpaid and reason != "lien_recorded":
        raise BusinessRuleViolation("case has unpaid citations")
    case.status = "closed"
    case.closed_on = dt.date.today()
    case.closing_reason = reason
    session.flush()


def escalate_overdue(session, today):
    escalated = []
    for case in CaseRepository(session).past_compliance_date(today):
        if not case.open_violations:
            continue
        last = case.notices[-1]
        if last.kind in ("courtesy", "nov"):
            send_notice(session, case, "final")
        else:
            issue_citation(session, case, case.open_violations[0])
        escalated.append(case)
    return escalated


def referral_from_inspection(session, deficiency, user):
    """Life-safety deficiency found on a permitted job -> case on the parcel."""
    permit = deficiency.inspection.permit
    parcel_id = permit.application.parcel_id
    existing = CaseRepository(session).open_for_parcel(parcel_id)
    case = existing[0] if existing else open_case(session, parcel_id, None, related_permit_id=permit.id, priority=1)
    violation = add_violation(session, case, deficiency.code_section or "IBC", deficiency.description)
    deficiency.referred_case_id = case.id
    log.info("deficiency %s referred to case %s (violation %s)", deficiency.id, case.number, violation.id)
    return case


def stop_work_order(session, case, permit, user):
    from services import permit_service

    notice = send_notice(session, case, "stop_work", delivery="posted")
    permit_service.suspend_permit(session, permit, "stop work order %s" % case.number)
    return notice
