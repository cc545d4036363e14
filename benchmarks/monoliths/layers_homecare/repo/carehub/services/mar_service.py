import logging
from datetime import date, datetime, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from carehub.core.business_rules import can_administer_medication
from carehub.core.constants import MarOutcome
from carehub.core.exceptions import CareHubError, NotFound
from carehub.crud.care_plan import client_medications, insert_mar_entry, schedules_for_slot
from carehub.models.care import MarEntry, Medication, MedicationSchedule
from carehub.models.visit import Visit

log = logging.getLogger(__name__)

SLOT_BY_HOUR = [(11, "morning"), (14, "lunch"), (18, "tea"), (24, "bed")]


def _slot_for(dt):
    for hour, slot in SLOT_BY_HOUR:
        if dt.hour < hour:
            return slot
    return "bed"


def medication_due_for_visit(db: Session, visit):
    slot = _slot_for(visit.planned_start)
    dow = str(visit.planned_start.weekday())
    due = [s for s in schedules_for_slot(db, visit.client_id, slot) if dow in (s.days_of_week or "")]
    done = {e.schedule_id for e in db.query(MarEntry).filter(MarEntry.visit_id == visit.id)}
    return [s for s in due if s.id not in done]


def record_administration(db: Session, visit_id, staff, data):
    visit = db.get(Visit, visit_id)
    if not visit:
        raise NotFound("visit")
    if not can_administer_medication(staff):
        raise CareHubError("Carer is not signed off as medication competent")
    med = db.get(Medication, data["medication_id"])
    if med.client_id != visit.client_id:
        raise CareHubError("Medication does not belong to this client")
    if med.is_controlled and not data.get("witness_staff_id"):
        raise CareHubError("Controlled drugs need a witness")
    if med.is_prn and data["outcome"] == MarOutcome.GIVEN.value:
        # TODO PRN protocol checks (max doses / interval) - see ticket CH-412
        pass
    entry = insert_mar_entry(db, medication_id=med.id, schedule_id=data.get("schedule_id"),
                             visit_id=visit.id, staff_id=staff.id, due_at=visit.planned_start,
                             recorded_at=datetime.utcnow(), outcome=data["outcome"],
                             quantity_given=data.get("quantity_given"),
                             witness_staff_id=data.get("witness_staff_id"), notes=data.get("notes"))
    if data["outcome"] == MarOutcome.REFUSED.value and _refused_streak(db, med.id) >= 3:
        from carehub.services.incident_service import report_incident
        report_incident(db, {"client_id": visit.client_id, "staff_id": staff.id, "visit_id": visit.id,
                             "mar_entry_id": entry.id, "occurred_at": datetime.utcnow(),
                             "category": "medication_refusal", "severity": "moderate",
                             "description": "%s refused 3 times in a row" % med.name},
                        reported_by=staff.user_id, commit=False)
    db.commit()
    return entry


def _refused_streak(db, medication_id):
    last = (db.query(MarEntry).filter(MarEntry.medication_id == medication_id)
            .order_by(MarEntry.recorded_at.desc()).limit(5).all())
    n = 0
    for e in last:
        if e.outcome != MarOutcome.REFUSED.value:
            break
        n += 1
    return n


def build_mar_chart(db: Session, client_id, start, end):
    meds = client_medications(db, client_id, include_stopped=True)
    chart = []
    for m in meds:
        entries = db.execute(select(MarEntry).where(
            MarEntry.medication_id == m.id,
            MarEntry.due_at >= datetime.combine(start, datetime.min.time()),
            MarEntry.due_at < datetime.combine(end + timedelta(days=1), datetime.min.time()))).scalars().all()
        chart.append({"medication": m, "entries": entries})
    return chart


def missed_doses(db: Session, day):
    """Completed visits where a scheduled medication has no MAR entry."""
    start = datetime.combine(day, datetime.min.time())
    visits = (db.query(Visit).filter(Visit.planned_start >= start, Visit.planned_start < start + timedelta(days=1),
                                     Visit.status == "completed").all())
    out = []
    for v in visits:
        for s in medication_due_for_visit(db, v):
            out.append((v, s))
    return out


