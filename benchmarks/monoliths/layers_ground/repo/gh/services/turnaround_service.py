from datetime import timedelta

from gh.extensions import db
from gh.models.flights import Flight, Turnaround, TurnaroundTask
from gh.repositories.commercial import active_contract
from gh.services import billing_service, equipment_service
from gh.services.notifications import post_to_ops_channel
from gh.services.training_service import has_valid_certification
from gh.utils.dates import utc_now, minutes_between
from gh.utils.validators import ValidationError

# task code -> (offset from on-blocks in minutes, duration, required course)
TASK_TEMPLATES = {
    "CHOCKS": (0, 2, None),
    "GPU": (1, 40, "GPU_OPS"),
    "UNLOAD": (3, 15, "AIRSIDE_DL"),
    "CLEANING": (5, 15, None),
    "LOAD": (20, 15, "AIRSIDE_DL"),
    "PUSHBACK": (42, 5, "PUSHBACK"),
}

WIDEBODY_TYPES = ("A330", "A332", "A333", "B763", "B772", "B77W", "B788", "B789", "B744", "B748")


def create_turnaround(arrival_id, departure_id=None, supervisor_id=None):
    arr = Flight.query.get(arrival_id)
    t = Turnaround(arrival_flight_id=arrival_id, departure_flight_id=departure_id,
                   stand_id=arr.stand_id, supervisor_id=supervisor_id)
    db.session.add(t)
    db.session.flush()
    plan_tasks(t, arr.est_time or arr.sched_time)
    db.session.commit()
    return t


def plan_tasks(turnaround, on_blocks):
    for code, (offset, duration, _course) in TASK_TEMPLATES.items():
        db.session.add(TurnaroundTask(turnaround_id=turnaround.id, task_code=code,
                                      planned_start=on_blocks + timedelta(minutes=offset),
                                      planned_end=on_blocks + timedelta(minutes=offset + duration)))


def assign_task_staff(task_id, staff_id, equipment_id=None):
    task = TurnaroundTask.query.get(task_id)
    course = TASK_TEMPLATES.get(task.task_code, (0, 0, None))[2]
    if not has_valid_certification(staff_id, course):
        raise ValidationError("staff %s lacks %s certification" % (staff_id, course))
    task.assigned_staff_id = staff_id
    if equipment_id:
        equipment_service.allocate_equipment(equipment_id, task.planned_start, task.planned_end,
                                             turnaround_id=task.turnaround_id, operator_id=staff_id)
        task.equipment_id = equipment_id
    db.session.commit()
    return task


def start_turnaround(turnaround_id):
    t = Turnaround.query.get(turnaround_id)
    t.status = "IN_PROGRESS"
    t.started_at = utc_now()
    db.session.commit()
    return t


def complete_turnaround(turnaround_id):
    t = Turnaround.query.get(turnaround_id)
    if t.status == "COMPLETED":
        raise ValidationError("already completed")
    t.status = "COMPLETED"
    t.completed_at = utc_now()
    flight = t.departure or t.arrival
    code = "TURN_WB" if (flight.aircraft_type or "") in WIDEBODY_TYPES else "TURN_NB"
    billing_service.record_billable_event(flight.airline_id, code, t.completed_at,
                                          flight_id=flight.id, source="TURNAROUND")
    for task in t.tasks:
        if task.task_code == "GPU" and task.actual_start and task.actual_end:
            hours = minutes_between(task.actual_start, task.actual_end) / 60.0
            billing_service.record_billable_event(flight.airline_id, "GPU_HOUR", t.completed_at,
                                                  quantity=round(hours, 2), flight_id=flight.id, source="TURNAROUND")
        elif task.task_code == "PUSHBACK" and task.status == "DONE":
            billing_service.record_billable_event(flight.airline_id, "PUSHBACK", t.completed_at,
                                                  flight_id=flight.id, source="TURNAROUND")
    equipment_service.release_allocations(turnaround_id)
    db.session.commit()
    if turnaround_sla_breached(t):
        post_to_ops_channel("Turnaround %s for %s exceeded SLA (%s min)" % (t.id, flight.flight_number, t.duration_minutes()),
                            level="warning")
    return t


def turnaround_sla_breached(t):
    flight = t.departure or t.arrival
    contract = active_contract(flight.airline_id)
    if not contract or t.duration_minutes() is None:
        return False
    return t.duration_minutes() > contract.sla_turnaround_minutes


def old_complete_task(task_id):
    # superseded by the tablet app writing actual_end directly
    task = TurnaroundTask.query.get(task_id)
    task.status = "DONE"
    task.actual_end = utc_now()
    db.session.commit()
