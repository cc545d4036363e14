from datetime import datetime

from gh.extensions import db
from gh.models.base import TimestampMixin


class BaggageIncident(TimestampMixin, db.Model):
    __tablename__ = "baggage_incidents"

    id = db.Column(db.Integer, primary_key=True)
    file_ref = db.Column(db.String(10), unique=True)  # WorldTracer-like LUXAB12345
    flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"))
    kind = db.Column(db.String(12), nullable=False)  # DELAYED, DAMAGED, PILFERED, LOST
    passenger_name = db.Column(db.String(128))
    passenger_contact = db.Column(db.String(128))
    bag_tag = db.Column(db.String(10))
    status = db.Column(db.String(12), default="OPEN")
    handler_fault = db.Column(db.Boolean)
    closed_at = db.Column(db.DateTime)


class DelayedBag(db.Model):
    __tablename__ = "delayed_bags"

    id = db.Column(db.Integer, primary_key=True)
    incident_id = db.Column(db.Integer, db.ForeignKey("baggage_incidents.id"), nullable=False)
    bag_tag = db.Column(db.String(10))
    found_at_station = db.Column(db.String(3))
    forwarded_flight = db.Column(db.String(10))
    delivered_at = db.Column(db.DateTime)


class BaggageClaim(TimestampMixin, db.Model):
    __tablename__ = "baggage_claims"

    id = db.Column(db.Integer, primary_key=True)
    incident_id = db.Column(db.Integer, db.ForeignKey("baggage_incidents.id"), nullable=False)
    amount_claimed = db.Column(db.Numeric(10, 2))
    amount_settled = db.Column(db.Numeric(10, 2))
    currency = db.Column(db.String(3), default="EUR")
    status = db.Column(db.String(12), default="SUBMITTED")
    recharge_to_airline = db.Column(db.Boolean, default=False)


class IncidentNote(db.Model):
    __tablename__ = "incident_notes"

    id = db.Column(db.Integer, primary_key=True)
    incident_id = db.Column(db.Integer, db.ForeignKey("baggage_incidents.id"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    body = db.Column(db.Text)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)
