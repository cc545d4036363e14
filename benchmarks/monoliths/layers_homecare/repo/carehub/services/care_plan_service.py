import logging
from datetime import date, datetime, time, timedelta

from sqlalchemy.orm import Session

from carehub.core.constants import CarePlanStatus
from carehub.core.exceptions import CareHubError, NotFound
from carehub.crud.care_plan import create_plan, due_reviews, get_active_plan
from carehub.models.care import CarePlan, CarePlanReview, CarePlanTask

log = logging.getLogger(__name__)

REVIEW_INTERVAL_DAYS = 182  # CQC expects at least 6 monthly
DEFAULT_SLOTS = {
    "morning": (time(7, 30), 45),
    "lunch": (time(12, 30), 30),
    "tea": (time(16, 30), 30),
    "bed": (time(20, 0), 30),
}


def create_draft_plan_from_assessment(db: Session, assessment, user):
    tasks = []
    slots = ["morning", "bed"]
    if (assessment.nutrition_score or 0) >= 2:
        slots += ["lunch", "tea"]
    for slot in slots:
        start, mins = DEFAULT_SLOTS[slot]
        tasks.append({"call_slot": slot, "start_time": start, "duration_minutes": mins,
                      "title": "%s call" % slot.title(),
                      "is_medication_task": assessment.medication_support_level in ("assist", "administer"),
                      "carers_required": 2 if assessment.hoist_required else 1})
    plan = create_plan(db, assessment.client_id, user.id,
                       {"assessment_id": assessment.id, "status": CarePlanStatus.DRAFT.value,
                        "tasks": tasks})
    return plan


def approve_plan(db: Session, plan_id, user):
    plan = db.get(CarePlan, plan_id)
    if not plan:
        raise NotFound("care plan not found")
    if plan.status != CarePlanStatus.DRAFT.value:
        raise CareHubError("Only draft plans can be approved")
    previous = get_active_plan(db, plan.client_id)
    if previous and previous.id != plan.id:
        previous.status = CarePlanStatus.SUPERSEDED.value
    plan.status = CarePlanStatus.ACTIVE.value
    plan.approved_by_id = user.id
    plan.approved_at = datetime.utcnow()
    plan.effective_from = plan.effective_from or date.today()
    plan.next_review_due = plan.effective_from + timedelta(days=REVIEW_INTERVAL_DAYS)
    schedule_review(db, plan, plan.next_review_due)
    db.flush()
    # rota must follow the plan
    from carehub.services.scheduling_service import regenerate_visits_from_plan
    regenerate_visits_from_plan(db, plan)
    db.commit()
    return plan


def schedule_review(db: Session, plan, due_date, trigger="scheduled"):
    review = CarePlanReview(care_plan_id=plan.id, due_date=due_date, trigger=trigger)
    db.add(review)
    return review


def complete_review(db: Session, review_id, user, notes=None, changes_required=False):
    review = db.get(CarePlanReview, review_id)
    review.completed_on = date.today()
    review.reviewer_id = user.id
    review.notes = notes
    review.changes_required = changes_required
    plan = db.get(CarePlan, review.care_plan_id)
    if changes_required:
        plan.status = CarePlanStatus.UNDER_REVIEW.value
    else:
        plan.next_review_due = date.today() + timedelta(days=REVIEW_INTERVAL_DAYS)
        schedule_review(db, plan, plan.next_review_due)
    db.commit()
    return review


def trigger_review(db: Session, client_id, trigger, due_in_days=7):
    """Called after incidents / hospital discharge"""
    plan = get_active_plan(db, client_id)
    if not plan:
        log.warning("no active plan for client %s, cannot trigger review", client_id)
        return None
    return schedule_review(db, plan, date.today() + timedelta(days=due_in_days), trigger=trigger)


def tasks_for_visit(db: Session, visit):
    if visit.care_plan_task_id:
        task = db.get(CarePlanTask, visit.care_plan_task_id)
        return [task] if task else []
    plan = get_active_plan(db, visit.client_id)
    if not plan:
        return []
    dow = str(visit.planned_start.weekday())
    return [t for t in plan.tasks if t.active and dow in (t.days_of_week or "")]


