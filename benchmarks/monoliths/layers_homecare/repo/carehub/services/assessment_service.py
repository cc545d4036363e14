from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from carehub.core.business_rules import requires_two_carers
from carehub.core.exceptions import NotFound
from carehub.crud.client import add_note, client_crud
from carehub.models.client import NeedsAssessment
from carehub.utils.geo import geocode_postcode

DOMAIN_WEIGHTS = {"mobility": 1.5, "personal_care": 2.0, "nutrition": 1.0, "cognition": 1.0}


def score_assessment(assessment):
    by_domain = {}
    for item in assessment.items:
        by_domain.setdefault(item.domain, 0)
        by_domain[item.domain] += item.score or 0
    assessment.mobility_score = by_domain.get("mobility", 0)
    assessment.personal_care_score = by_domain.get("personal_care", 0)
    assessment.nutrition_score = by_domain.get("nutrition", 0)
    assessment.cognition_score = by_domain.get("cognition", 0)
    return by_domain


def estimate_weekly_hours(assessment):
    # rough guide only - the coordinator agrees the final figure with the council
    total = 0.0
    total += (assessment.mobility_score or 0) * DOMAIN_WEIGHTS["mobility"]
    total += (assessment.personal_care_score or 0) * DOMAIN_WEIGHTS["personal_care"]
    total += (assessment.nutrition_score or 0) * DOMAIN_WEIGHTS["nutrition"]
    total += (assessment.cognition_score or 0) * DOMAIN_WEIGHTS["cognition"]
    if assessment.medication_support_level in ("assist", "administer"):
        total += 1.75
    if requires_two_carers(assessment):
        total *= 1.6
    return Decimal(str(round(total * 2) / 2))


def complete_assessment(db: Session, assessment_id, user):
    a = db.get(NeedsAssessment, assessment_id)
    if not a:
        raise NotFound("assessment not found")
    score_assessment(a)
    if not a.assessed_hours_per_week:
        a.assessed_hours_per_week = estimate_weekly_hours(a)
    a.status = "completed"
    db.flush()
    # a completed assessment always produces a draft plan for the coordinator
    from carehub.services.care_plan_service import create_draft_plan_from_assessment
    create_draft_plan_from_assessment(db, a, user)
    db.commit()
    return a


def admit_client(db: Session, client_id, start_date, user):
    client = client_crud.get_or_404(db, client_id)
    if client.lat is None and client.postcode:
        client.lat, client.lng = geocode_postcode(client.postcode)
    client.status = "active"
    client.start_date = start_date
    add_note(db, client.id, "Client admitted to service from %s" % start_date, "admin", user.id)
    db.commit()
    return client


def discharge_client(db: Session, client_id, end_date, reason, user):
    from carehub.services.scheduling_service import cancel_future_visits
    from carehub.services.invoicing_service import close_funding
    client = client_crud.get_or_404(db, client_id)
    client.status = "deceased" if reason == "deceased" else "discharged"
    client.end_date = end_date
    cancel_future_visits(db, client.id, datetime.combine(end_date + timedelta(days=1), datetime.min.time()),
                         reason="client discharged")
    close_funding(db, client.id, end_date)
    add_note(db, client.id, "Discharged: %s" % reason, "admin", user.id)
    db.commit()


def mark_in_hospital(db: Session, client_id, admitted_on, user):
    from carehub.services.scheduling_service import suspend_visits
    client = client_crud.get_or_404(db, client_id)
    client.status = "hospital"
    suspend_visits(db, client.id, admitted_on)
    add_note(db, client.id, "Admitted to hospital %s" % admitted_on, "hospital", user.id, alert=True)
    db.commit()


