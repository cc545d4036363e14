"""Plan review workflow: one PlanReview per discipline per cycle."""
import datetime as dt

import config
from errors import BusinessRuleViolation, ValidationFailed
from models.core import ApplicationStatus, PermitType
from models.review import DISCIPLINES, PlanReview
from services import documents, notifications
from utils.dates import add_business_days


def required_disciplines(application):
    needed = {"building", "zoning"}
    if application.permit_type in (PermitType.ELECTRICAL, PermitType.SIGN):
        needed = {"electrical", "zoning"} if application.permit_type == PermitType.SIGN else {"electrical"}
    elif application.permit_type == PermitType.PLUMBING:
        needed = {"plumbing"}
    elif application.permit_type == PermitType.MECHANICAL:
        needed = {"mechanical"}
    elif application.permit_type == PermitType.FENCE:
        needed = {"zoning"}
    if application.permit_type == PermitType.BUILDING and (application.square_feet or 0) > 5000:
        needed |= {"fire", "structural"}
    if application.parcel is not None and application.parcel.historic_district:
        needed.add("historic")
    return sorted(needed)


def _due_at(application, start):
    days = config.get("EXPEDITED_REVIEW_SLA_DAYS") if application.expedited else config.get("REVIEW_SLA_DAYS")
    return dt.datetime.combine(add_business_days(start.date(), days), dt.time(17, 0))


def start_review(session, application, user):
    if application.status not in (ApplicationStatus.SUBMITTED, ApplicationStatus.CORRECTIONS):
        raise BusinessRuleViolation("application is not waiting for review")
    cycle = max([r.cycle for r in application.reviews] or [0]) + 1
    plan_set = documents.latest_plan_set(session, application)
    now = dt.datetime.utcnow()
    for discipline in required_disciplines(application):
        session.add(PlanReview(application=application, discipline=discipline, cycle=cycle,
                               plan_set_id=plan_set.id if plan_set else None,
                               reviewer_id=application.assigned_reviewer_id, started_at=now,
                               due_at=_due_at(application, now)))
    if plan_set is not None:
        documents.mark_plan_set(session, plan_set, "in_review")
    application.status = ApplicationStatus.IN_REVIEW
    session.flush()


def assign_reviewer(session, application, reviewer):
    if not reviewer.has_role("reviewer"):
        raise ValidationFailed("%s is not a plan reviewer" % reviewer.username)
    application.assigned_reviewer_id = reviewer.id
    for review in application.reviews:
        if review.status == PlanReview.PENDING:
            review.reviewer_id = reviewer.id
    session.flush()


def _current_cycle(application):
    cycle = max([r.cycle for r in application.reviews] or [0])
    return [r for r in application.reviews if r.cycle == cycle]


def record_decision(session, review, decision, comments, user):
    if decision not in (PlanReview.APPROVED, PlanReview.CORRECTIONS, PlanReview.NOT_REQUIRED):
        raise ValidationFailed("unknown decision %s" % decision)
    if review.discipline not in DISCIPLINES:
        raise ValidationFailed("unknown discipline")
    if review.status != PlanReview.PENDING:
        raise BusinessRuleViolation("review already decided")
    review.status = decision
    review.comments = comments
    review.reviewer_id = user.id
    review.completed_at = dt.datetime.utcnow()
    session.flush()
    _advance(session, review.application, user)


def _advance(session, application, user):
    cycle = _current_cycle(application)
    if any(r.status == PlanReview.PENDING for r in cycle):
        return
    if any(r.status == PlanReview.CORRECTIONS for r in cycle):
        request_corrections(session, application, user)
    else:
        application.status = ApplicationStatus.APPROVED
        plan_set = documents.latest_plan_set(session, application)
        if plan_set is not None:
            documents.mark_plan_set(session, plan_set, "approved")
        session.flush()
        notifications.notify_application_approved(application)


def request_corrections(session, application, user):
    application.status = ApplicationStatus.CORRECTIONS
    comments = ["[%s] %s" % (r.discipline, r.comments) for r in _current_cycle(application)
                if r.status == PlanReview.CORRECTIONS]
    session.flush()
    notifications.notify_corrections_required(application, comments)
