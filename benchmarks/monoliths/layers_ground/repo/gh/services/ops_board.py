"""Data for the big screen in the ops control room."""
from datetime import timedelta

from gh.extensions import db
from gh.models.equipment import Equipment, EquipmentType
from gh.models.flights import Flight, Turnaround
from gh.models.staff import Shift, ShiftAssignment, Staff
from gh.repositories.flight_repository import FlightRepository
from gh.utils.dates import utc_now, format_hhmm


def build_ops_board(hours_ahead=3):
    now = utc_now()
    flights = FlightRepository().in_window(now - timedelta(hours=1), now + timedelta(hours=hours_ahead))
    rows = []
    for f in flights:
        t = Turnaround.query.filter(db.or_(Turnaround.arrival_flight_id == f.id,
                                           Turnaround.departure_flight_id == f.id)).first()
        rows.append({
            "flight": f.flight_number, "dir": f.direction, "sched": format_hhmm(f.sched_time),
            "est": format_hhmm(f.est_time), "stand": f.stand.code if f.stand else None,
            "turnaround": t.status if t else None, "delay": f.delay_minutes(),
        })
    return {"flights": rows, "staff": staff_on_duty(now), "gse": gse_availability()}


def staff_on_duty(at):
    rows = db.session.query(Shift.team, db.func.count(ShiftAssignment.id)) \
        .join(ShiftAssignment, ShiftAssignment.shift_id == Shift.id) \
        .filter(Shift.starts_at <= at, Shift.ends_at > at, ShiftAssignment.status == "ASSIGNED") \
        .group_by(Shift.team).all()
    return dict(rows)


def gse_availability():
    rows = db.session.query(EquipmentType.code, Equipment.status, db.func.count(Equipment.id)) \
        .join(Equipment, Equipment.type_id == EquipmentType.id) \
        .group_by(EquipmentType.code, Equipment.status).all()
    out = {}
    for code, status, n in rows:
        out.setdefault(code, {})[status] = n
    return out
