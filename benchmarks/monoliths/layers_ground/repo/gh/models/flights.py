from datetime import datetime

from gh.extensions import db
from gh.models.base import TimestampMixin, CRUDMixin


class Stand(db.Model):
    __tablename__ = "stands"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(8), unique=True, nullable=False)
    terminal = db.Column(db.String(4))
    is_remote = db.Column(db.Boolean, default=False)
    max_wingspan_code = db.Column(db.String(1), default="E")
    active = db.Column(db.Boolean, default=True)


class Flight(TimestampMixin, CRUDMixin, db.Model):
    __tablename__ = "flights"

    id = db.Column(db.Integer, primary_key=True)
    airline_id = db.Column(db.Integer, db.ForeignKey("airlines.id"), nullable=False)
    flight_number = db.Column(db.String(10), nullable=False, index=True)
    direction = db.Column(db.String(3), nullable=False)  # ARR / DEP
    origin = db.Column(db.String(3))
    destination = db.Column(db.String(3))
    sched_time = db.Column(db.DateTime, nullable=False, index=True)
    est_time = db.Column(db.DateTime)
    actual_time = db.Column(db.DateTime)
    aircraft_type = db.Column(db.String(4))
    registration = db.Column(db.String(10))
    stand_id = db.Column(db.Integer, db.ForeignKey("stands.id"))
    pax_count = db.Column(db.Integer, default=0)
    bag_count = db.Column(db.Integer, default=0)
    status = db.Column(db.String(12), default="SCHEDULED")
    linked_flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"))

    airline = db.relationship("Airline")
    stand = db.relationship("Stand")

    def is_arrival(self):
        return self.direction == "ARR"

    def delay_minutes(self):
        ref = self.actual_time or self.est_time
        if not ref:
            return 0
        return max(0, int((ref - self.sched_time).total_seconds() // 60))


class Turnaround(TimestampMixin, db.Model):
    __tablename__ = "turnarounds"

    id = db.Column(db.Integer, primary_key=True)
    arrival_flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"))
    departure_flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"))
    stand_id = db.Column(db.Integer, db.ForeignKey("stands.id"))
    supervisor_id = db.Column(db.Integer, db.ForeignKey("staff.id"))
    status = db.Column(db.String(12), default="PLANNED")
    started_at = db.Column(db.DateTime)
    completed_at = db.Column(db.DateTime)
    notes = db.Column(db.Text)

    arrival = db.relationship("Flight", foreign_keys=[arrival_flight_id])
    departure = db.relationship("Flight", foreign_keys=[departure_flight_id])
    tasks = db.relationship("TurnaroundTask", backref="turnaround", lazy="dynamic")

    def duration_minutes(self):
        if not (self.started_at and self.completed_at):
            return None
        return int((self.completed_at - self.started_at).total_seconds() // 60)


class TurnaroundTask(db.Model):
    __tablename__ = "turnaround_tasks"

    id = db.Column(db.Integer, primary_key=True)
    turnaround_id = db.Column(db.Integer, db.ForeignKey("turnarounds.id"), nullable=False)
    task_code = db.Column(db.String(16), nullable=False)  # e.g. CHOCKS, PUSHBACK, GPU, CLEANING
    planned_start = db.Column(db.DateTime)
    planned_end = db.Column(db.DateTime)
    actual_start = db.Column(db.DateTime)
    actual_end = db.Column(db.DateTime)
    assigned_staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"))
    equipment_id = db.Column(db.Integer, db.ForeignKey("equipment.id"))
    status = db.Column(db.String(12), default="OPEN")
    billable = db.Column(db.Boolean, default=True)


class FlightDelay(db.Model):
    __tablename__ = "flight_delays"

    id = db.Column(db.Integer, primary_key=True)
    flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"), nullable=False)
    delay_code = db.Column(db.String(3), nullable=False)  # IATA AHM730 code
    minutes = db.Column(db.Integer, nullable=False)
    handler_fault = db.Column(db.Boolean, default=False)
    reason = db.Column(db.String(255))
    recorded_at = db.Column(db.DateTime, default=datetime.utcnow)
