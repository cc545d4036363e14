from datetime import datetime

from gh.extensions import db
from gh.models.base import TimestampMixin


class FuelTank(db.Model):
    __tablename__ = "fuel_tanks"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(32))
    product = db.Column(db.String(8), default="JET-A1")
    capacity_litres = db.Column(db.Integer)
    level_litres = db.Column(db.Integer, default=0)
    last_dip_at = db.Column(db.DateTime)


class FuelPrice(db.Model):
    __tablename__ = "fuel_prices"

    id = db.Column(db.Integer, primary_key=True)
    product = db.Column(db.String(8), default="JET-A1")
    airline_id = db.Column(db.Integer, db.ForeignKey("airlines.id"))  # null = posted price
    price_per_litre = db.Column(db.Numeric(8, 4), nullable=False)
    valid_from = db.Column(db.Date, nullable=False)
    valid_to = db.Column(db.Date)


class FuelOrder(TimestampMixin, db.Model):
    __tablename__ = "fuel_orders"

    id = db.Column(db.Integer, primary_key=True)
    flight_id = db.Column(db.Integer, db.ForeignKey("flights.id"), nullable=False)
    requested_litres = db.Column(db.Integer)
    requested_kg = db.Column(db.Integer)
    product = db.Column(db.String(8), default="JET-A1")
    status = db.Column(db.String(12), default="REQUESTED")  # REQUESTED, DISPATCHED, FUELLED, CANCELLED
    bowser_id = db.Column(db.Integer, db.ForeignKey("equipment.id"))
    operator_id = db.Column(db.Integer, db.ForeignKey("staff.id"))
    requested_by = db.Column(db.String(64))


class FuelDelivery(db.Model):
    __tablename__ = "fuel_deliveries"

    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("fuel_orders.id"), nullable=False)
    tank_id = db.Column(db.Integer, db.ForeignKey("fuel_tanks.id"))
    litres = db.Column(db.Integer, nullable=False)
    density = db.Column(db.Float, default=0.8)
    meter_start = db.Column(db.Integer)
    meter_end = db.Column(db.Integer)
    delivered_at = db.Column(db.DateTime, default=datetime.utcnow)
    docket_no = db.Column(db.String(20))
