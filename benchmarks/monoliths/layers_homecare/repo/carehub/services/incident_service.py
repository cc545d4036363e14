import logging
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carehub.core.constants import IncidentSeverity
from carehub.core.exceptions import CareHubError, NotFound
from carehub.crud.incident import add_action, incident_crud
from carehub.models.incident import BodyMapEntry, Incident, SafeguardingReferral
from carehub.services.notification_service import notify_office, send_email

log = logging.getLogger(__name__)

CQC_NOTIFIABLE = {"serious_injury", "death", "safeguarding", "police"}
ESCALATE_CATEGORIES = {"fall", "medication_error", "safeguarding"}


def next_incident_ref(db: Session):
    n = db.execute(select(func.count(Incident.id))).scalar() or 0
    return "IR%s-%04d" % (date.today().strftime("%y"), n + 1)


def report_incident(db: Session, data, reported_by=None, commit=True):
    inc = Incident(reference=next_incident_ref(db), created_by_id=reported_by, **data)
    db.add(inc)
    db.flush()
    if inc.severity in (IncidentSeverity.SERIOUS.value, IncidentSeverity.CRITICAL.value):
        escalate_incident(db, inc)
    if inc.client_id and inc.category in ESCALATE_CATEGORIES:
        from carehub.services.care_plan_service import trigger_review
        trigger_review(db, inc.client_id, "incident", due_in_days=3)
    if commit:
        db.commit()
    return inc


def escalate_incident(db: Session, incident):
    notify_office("Incident %s (%s)" % (incident.reference, incident.severity),
                  "Category: %s\n\n%s" % (incident.category, incident.description))
    add_action(db, incident.id, "Registered manager to review within 24h",
               due_date=date.today() + timedelta(days=1))


def close_incident(db: Session, incident_id, user):
    inc = incident_crud.get_or_404(db, incident_id)
    open_actions = [a for a in inc.actions if not a.done_on]
    if open_actions:
        raise CareHubError("Incident still has %d open actions" % len(open_actions))
    inc.status = "closed"
    inc.closed_at = datetime.utcnow()
    db.commit()
    return inc


def raise_safeguarding_referral(db: Session, incident_id, data, user):
    inc = incident_crud.get_or_404(db, incident_id)
    ref = SafeguardingReferral(incident_id=inc.id, client_id=inc.client_id, referred_on=date.today(),
                               created_by_id=user.id, **data)
    db.add(ref)
    inc.category = "safeguarding"
    if inc.severity == "low":
        inc.severity = IncidentSeverity.MODERATE.value
    if data.get("alleged_perpetrator") == "staff" and inc.staff_id:
        # carer must be taken off rota pending investigation
        from carehub.models.staff import Staff
        from carehub.services.scheduling_service import unassign_carer_visits
        staff = db.get(Staff, inc.staff_id)
        staff.status = "suspended"
        unassign_carer_visits(db, staff.id)
    notify_cqc(db, inc, "safeguarding")
    db.commit()
    return ref


def notify_cqc(db: Session, incident, reason):
    if reason not in CQC_NOTIFIABLE:
        return False
    # no API - the manager submits the statutory notification form, we just remind them
    notify_office("CQC notification required: %s" % incident.reference,
                  "Submit notification (%s) via the CQC provider portal within 24h." % reason)
    incident.cqc_notified_at = datetime.utcnow()
    return True


def record_body_map(db: Session, client_id, data, staff=None, visit_id=None, incident_id=None):
    entry = BodyMapEntry(client_id=client_id, visit_id=visit_id, incident_id=incident_id,
                         recorded_by_staff_id=staff.id if staff else None, **data)
    db.add(entry)
    if data.get("mark_type") in ("pressure_area",) and not incident_id:
        report_incident(db, {"client_id": client_id, "visit_id": visit_id,
                             "occurred_at": datetime.utcnow(), "category": "pressure_area",
                             "severity": "moderate", "description": data.get("description") or ""},
                        commit=False)
    db.commit()
    return entry
