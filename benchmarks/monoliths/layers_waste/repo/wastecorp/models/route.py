import datetime as dt

from wastecorp.extensions import db

# This file was written with the Flask-SQLAlchemy db.Column style; the
# others moved to plain sqlalchemy imports. Both work.

__all__ = ["Route", "RouteStop", "CollectionSchedule", "CollectionEvent",
           "MissedCollection", "HolidayShift"]

ROUND_TYPES = ("DOMESTIC", "TRADE", "RECYCLING", "GARDEN", "BULKY", "SKIP")


class Route(db.Model):
    __tablename__ = "routes"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(16), unique=True, nullable=False)   # e.g. N-TRD-TUE-2
    name = db.Column(db.String(120))
    depot = db.Column(db.String(10), nullable=False)
    round_type = db.Column(db.String(12), default="TRADE")
    weekday = db.Column(db.Integer, nullable=False)
    week_parity = db.Column(db.Integer)            # None = weekly, 0/1 = fortnightly A/B
    default_vehicle_id = db.Column(db.Integer, db.ForeignKey("vehicles.id"))
    disposal_site_id = db.Column(db.Integer, db.ForeignKey("disposal_sites.id"))
    active = db.Column(db.Boolean, default=True)

    stops = db.relationship("RouteStop", back_populates="route",
                            order_by="RouteStop.sequence")


class RouteStop(db.Model):
    __tablename__ = "route_stops"

    id = db.Column(db.Integer, primary_key=True)
    route_id = db.Column(db.Integer, db.ForeignKey("routes.id"), nullable=False)
    service_address_id = db.Column(db.Integer, db.ForeignKey("service_addresses.id"),
                                   nullable=False)
    contract_service_id = db.Column(db.Integer, db.ForeignKey("contract_services.id"))
    sequence = db.Column(db.Integer, nullable=False)
    est_service_secs = db.Column(db.Integer, default=60)
    time_window_start = db.Column(db.Time)
    time_window_end = db.Column(db.Time)

    route = db.relationship("Route", back_populates="stops")


class CollectionSchedule(db.Model):
    """Materialised calendar: which route visits which stop on which date."""
    __tablename__ = "collection_schedules"

    id = db.Column(db.Integer, primary_key=True)
    route_id = db.Column(db.Integer, db.ForeignKey("routes.id"), nullable=False)
    collection_date = db.Column(db.Date, nullable=False, index=True)
    original_date = db.Column(db.Date)
    status = db.Column(db.String(12), default="PLANNED")  # PLANNED, IN_PROGRESS, DONE, CANCELLED
    vehicle_id = db.Column(db.Integer, db.ForeignKey("vehicles.id"))
    started_at = db.Column(db.DateTime)
    finished_at = db.Column(db.DateTime)


class CollectionEvent(db.Model):
    """One bin lift (or failed lift) recorded by the in-cab unit."""
    __tablename__ = "collection_events"

    id = db.Column(db.Integer, primary_key=True)
    schedule_id = db.Column(db.Integer, db.ForeignKey("collection_schedules.id"))
    route_stop_id = db.Column(db.Integer, db.ForeignKey("route_stops.id"))
    container_id = db.Column(db.Integer, db.ForeignKey("containers.id"))
    vehicle_id = db.Column(db.Integer, db.ForeignKey("vehicles.id"))
    lifted_at = db.Column(db.DateTime, default=dt.datetime.utcnow)
    outcome = db.Column(db.String(16), default="LIFTED")  # LIFTED, NOT_OUT, CONTAMINATED, BLOCKED
    onboard_weight_kg = db.Column(db.Numeric(8, 1))
    photo_ref = db.Column(db.String(120))


class MissedCollection(db.Model):
    __tablename__ = "missed_collections"

    id = db.Column(db.Integer, primary_key=True)
    service_address_id = db.Column(db.Integer, db.ForeignKey("service_addresses.id"),
                                   nullable=False)
    route_id = db.Column(db.Integer, db.ForeignKey("routes.id"))
    due_date = db.Column(db.Date, nullable=False)
    reported_at = db.Column(db.DateTime, default=dt.datetime.utcnow)
    reported_by = db.Column(db.String(60))
    reason = db.Column(db.String(40))
    crew_fault = db.Column(db.Boolean)
    resolved_at = db.Column(db.DateTime)
    return_visit_date = db.Column(db.Date)
    credit_issued = db.Column(db.Boolean, default=False)


class HolidayShift(db.Model):
    __tablename__ = "holiday_shifts"

    id = db.Column(db.Integer, primary_key=True)
    original_date = db.Column(db.Date, nullable=False, unique=True)
    shifted_date = db.Column(db.Date, nullable=False)
    depot = db.Column(db.String(10))
    notes = db.Column(db.String(200))


def week_parity_for(day):
    """0 for A weeks, 1 for B weeks.  Week A started on 2018-01-01."""
    return ((day - dt.date(2018, 1, 1)).days // 7) % 2
