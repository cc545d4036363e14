"""Endpoints used by the carer mobile app (CareHub Go)."""
from datetime import date, datetime, time, timedelta
from typing import List

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_carer, get_db
from carehub.crud.visit import visits_for_carer
from carehub.models.staff import CarerAvailability
from carehub.schemas.care_plan import MarEntryIn
from carehub.schemas.incident import IncidentCreate
from carehub.schemas.visit import CheckInOut, TaskLogIn, VisitOut
from carehub.services import (call_monitoring, care_plan_service, incident_service, mar_service)

router = APIRouter(prefix="/api/app", tags=["carer app"])


@router.get("/schedule")
def my_schedule(day: date = None, db: Session = Depends(get_db), carer=Depends(get_current_carer)):
    day = day or date.today()
    start = datetime.combine(day, datetime.min.time())
    visits = visits_for_carer(db, carer.id, start, start + timedelta(days=1))
    return [VisitOut.from_orm(v) for v in visits if v.status != "cancelled"]


@router.post("/visits/{visit_id}/check-in", response_model=VisitOut)
def app_check_in(visit_id: int, body: CheckInOut, db: Session = Depends(get_db),
                 carer=Depends(get_current_carer)):
    return call_monitoring.check_in(db, visit_id, carer, body.lat, body.lng, body.method, body.occurred_at)


@router.post("/visits/{visit_id}/check-out", response_model=VisitOut)
def app_check_out(visit_id: int, body: CheckInOut, notes: str = None, db: Session = Depends(get_db),
                  carer=Depends(get_current_carer)):
    return call_monitoring.check_out(db, visit_id, carer, body.lat, body.lng, body.method,
                                     body.occurred_at, notes)


@router.get("/visits/{visit_id}/tasks")
def app_visit_tasks(visit_id: int, db: Session = Depends(get_db), carer=Depends(get_current_carer)):
    from carehub.models.visit import Visit
    visit = db.get(Visit, visit_id)
    return [{"id": t.id, "title": t.title, "instructions": t.instructions}
            for t in care_plan_service.tasks_for_visit(db, visit)]


@router.post("/visits/{visit_id}/tasks")
def app_record_tasks(visit_id: int, body: List[TaskLogIn], db: Session = Depends(get_db),
                     carer=Depends(get_current_carer)):
    call_monitoring.record_task_outcomes(db, visit_id, [b.dict() for b in body])
    return {"detail": "saved"}


@router.get("/visits/{visit_id}/medication")
def app_due_medication(visit_id: int, db: Session = Depends(get_db), carer=Depends(get_current_carer)):
    from carehub.models.visit import Visit
    visit = db.get(Visit, visit_id)
    return [{"schedule_id": s.id, "medication_id": s.medication_id, "name": s.medication.name,
             "dose": s.medication.dose, "quantity": s.quantity}
            for s in mar_service.medication_due_for_visit(db, visit)]


@router.post("/visits/{visit_id}/mar")
def app_record_mar(visit_id: int, body: MarEntryIn, db: Session = Depends(get_db),
                   carer=Depends(get_current_carer)):
    e = mar_service.record_administration(db, visit_id, carer, body.dict())
    return {"id": e.id}


@router.post("/concerns")
def app_report_concern(body: IncidentCreate, db: Session = Depends(get_db), carer=Depends(get_current_carer)):
    data = body.dict()
    data["staff_id"] = data.get("staff_id") or carer.id
    body_map = data.pop("body_map", None)
    inc = incident_service.report_incident(db, data, reported_by=carer.user_id)
    if body_map:
        incident_service.record_body_map(db, data.get("client_id"), body_map, staff=carer,
                                         visit_id=data.get("visit_id"), incident_id=inc.id)
    return {"reference": inc.reference}


@router.post("/availability")
def set_availability(day_of_week: int = None, from_time: time = None, to_time: time = None,
                     unavailable_date: date = None, reason: str = None,
                     db: Session = Depends(get_db), carer=Depends(get_current_carer)):
    a = CarerAvailability(staff_id=carer.id, day_of_week=day_of_week, from_time=from_time, to_time=to_time,
                          unavailable_date=unavailable_date, reason=reason)
    db.add(a)
    db.commit()
    return {"id": a.id}
