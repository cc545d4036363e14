"""Electronic call monitoring (ECM) - check in / out from the carer app or telephony."""
import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from carehub.core.business_rules import visit_is_late
from carehub.core.config import settings
from carehub.core.constants import VisitStatus
from carehub.core.exceptions import CareHubError, NotFound
from carehub.crud.client import add_note
from carehub.crud.visit import visits_for_day
from carehub.models.client import Client
from carehub.models.visit import CallMonitoringEvent, Visit, VisitTaskLog
from carehub.services.notification_service import notify_office, send_sms
from carehub.utils.geo import haversine_km

log = logging.getLogger(__name__)


def check_in(db: Session, visit_id, staff, lat=None, lng=None, method="app", when=None):
    visit = db.get(Visit, visit_id)
    if not visit:
        raise NotFound("visit")
    if staff.id not in (visit.staff_id, visit.second_staff_id):
        raise CareHubError("You are not rostered on this visit")
    when = when or datetime.utcnow()
    client = db.get(Client, visit.client_id)
    dist = None
    if None not in (lat, lng, client.lat, client.lng):
        dist = int(haversine_km(lat, lng, client.lat, client.lng) * 1000)
    ev = CallMonitoringEvent(visit_id=visit.id, staff_id=staff.id, event_type="check_in",
                             occurred_at=when, lat=lat, lng=lng, method=method, distance_m=dist,
                             flagged=bool(dist and dist > settings.CHECKIN_RADIUS_METRES))
    db.add(ev)
    if visit.actual_start is None:
        visit.actual_start = when
    visit.status = VisitStatus.IN_PROGRESS.value
    db.commit()
    return visit


def check_out(db: Session, visit_id, staff, lat=None, lng=None, method="app", when=None, notes=None):
    visit = db.get(Visit, visit_id)
    when = when or datetime.utcnow()
    db.add(CallMonitoringEvent(visit_id=visit.id, staff_id=staff.id, event_type="check_out",
                               occurred_at=when, lat=lat, lng=lng, method=method))
    visit.actual_end = when
    visit.status = VisitStatus.COMPLETED.value
    if notes:
        visit.notes = notes
        add_note(db, visit.client_id, notes, "visit", staff.user_id, visit_id=visit.id)
    db.commit()
    return visit


def record_task_outcomes(db: Session, visit_id, outcomes):
    for o in outcomes:
        db.add(VisitTaskLog(visit_id=visit_id, care_plan_task_id=o["care_plan_task_id"],
                            completed=o["completed"], not_done_reason=o.get("not_done_reason"),
                            note=o.get("note"), recorded_at=datetime.utcnow()))
    db.commit()


def flag_late_visits(db: Session, now=None):
    now = now or datetime.utcnow()
    flagged = []
    for v in visits_for_day(db, now.date()):
        if v.status not in ("assigned", "planned") or v.planned_start > now:
            continue
        if not visit_is_late(v, now):
            continue
        already = (db.query(CallMonitoringEvent)
                   .filter(CallMonitoringEvent.visit_id == v.id,
                           CallMonitoringEvent.event_type == "alert_late").first())
        if already:
            continue
        db.add(CallMonitoringEvent(visit_id=v.id, staff_id=v.staff_id, event_type="alert_late",
                                   occurred_at=now, method="system"))
        flagged.append(v)
    db.commit()
    if flagged:
        notify_office("%d late visits" % len(flagged),
                      "\n".join("Visit %s for client %s planned %s" % (v.id, v.client_id, v.planned_start)
                                for v in flagged))
    return flagged


def mark_missed_visits(db: Session, now=None):
    from carehub.services.incident_service import report_incident
    now = now or datetime.utcnow()
    cutoff = now - timedelta(minutes=settings.MISSED_VISIT_THRESHOLD_MINUTES)
    missed = (db.query(Visit)
              .filter(Visit.status.in_(["planned", "assigned"]), Visit.planned_start < cutoff,
                      Visit.planned_start > cutoff - timedelta(hours=12), Visit.actual_start.is_(None))
              .all())
    for v in missed:
        v.status = VisitStatus.MISSED.value
        db.add(CallMonitoringEvent(visit_id=v.id, staff_id=v.staff_id, event_type="alert_missed",
                                   occurred_at=now, method="system"))
        report_incident(db, {"client_id": v.client_id, "staff_id": v.staff_id, "visit_id": v.id,
                             "occurred_at": v.planned_start, "category": "missed_visit",
                             "severity": "moderate",
                             "description": "Visit not checked in %d minutes after planned start"
                                            % settings.MISSED_VISIT_THRESHOLD_MINUTES},
                        reported_by=None, commit=False)
        client = db.get(Client, v.client_id)
        if client and client.phone:
            send_sms(client.phone, "We're sorry, your carer is running late. The office will call you.")
    db.commit()
    return missed
