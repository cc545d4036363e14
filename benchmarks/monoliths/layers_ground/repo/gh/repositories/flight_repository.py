from datetime import timedelta

from gh.extensions import db
from gh.models.flights import Flight, Turnaround, TurnaroundTask, Stand, FlightDelay
from gh.repositories.base import BaseRepository


class FlightRepository(BaseRepository):
    model = Flight

    def find_by_number(self, flight_number, day):
        start = day.replace(hour=0, minute=0, second=0)
        return Flight.query.filter(Flight.flight_number == flight_number,
                                   Flight.sched_time >= start,
                                   Flight.sched_time < start + timedelta(days=1)).first()

    def in_window(self, start, end, direction=None):
        q = Flight.query.filter(Flight.sched_time >= start, Flight.sched_time < end)
        if direction:
            q = q.filter(Flight.direction == direction)
        return q.order_by(Flight.sched_time).all()

    def for_airline(self, airline_id, start, end):
        return Flight.query.filter_by(airline_id=airline_id).filter(
            Flight.sched_time >= start, Flight.sched_time <= end).all()


class TurnaroundRepository(BaseRepository):
    model = Turnaround

    def open_turnarounds(self):
        return Turnaround.query.filter(Turnaround.status.in_(["PLANNED", "IN_PROGRESS"])).all()

    def tasks_for(self, turnaround_id):
        return TurnaroundTask.query.filter_by(turnaround_id=turnaround_id).order_by(TurnaroundTask.planned_start).all()

    def completed_between(self, start, end):
        return Turnaround.query.filter(Turnaround.status == "COMPLETED",
                                       Turnaround.completed_at >= start,
                                       Turnaround.completed_at < end).all()


def free_stands(start, end):
    busy = db.session.query(Turnaround.stand_id).join(Flight, Turnaround.arrival_flight_id == Flight.id) \
        .filter(Turnaround.status != "CANCELLED", Flight.sched_time < end).subquery()
    return Stand.query.filter(Stand.active.is_(True), ~Stand.id.in_(busy)).all()


def delays_for_flight(flight_id):
    return FlightDelay.query.filter_by(flight_id=flight_id).all()
