from cellar.extensions import db
from cellar.models.base import TimestampMixin


class Carrier(db.Model):
    __tablename__ = "carriers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(80))  # own fleet, Palletways, DHL...
    account_no = db.Column(db.String(40))
    api_kind = db.Column(db.String(20))
    per_case_rate = db.Column(db.Numeric(8, 2))
    min_charge = db.Column(db.Numeric(8, 2))


class Vehicle(db.Model):
    __tablename__ = "vehicles"
    id = db.Column(db.Integer, primary_key=True)
    registration = db.Column(db.String(10), unique=True)
    capacity_cases = db.Column(db.Integer)
    refrigerated = db.Column(db.Boolean, default=False)
    driver_name = db.Column(db.String(80))
    active = db.Column(db.Boolean, default=True)


class DeliveryRoute(TimestampMixin, db.Model):
    __tablename__ = "delivery_routes"
    id = db.Column(db.Integer, primary_key=True)
    route_date = db.Column(db.Date, index=True)
    zone = db.Column(db.String(20))  # LONDON-W, BRISTOL, SW...
    vehicle_id = db.Column(db.Integer, db.ForeignKey("vehicles.id"))
    status = db.Column(db.String(12), default="planned")  # planned, loaded, out, closed
    dispatched_at = db.Column(db.DateTime)

    vehicle = db.relationship("Vehicle")
    stops = db.relationship("DeliveryStop", backref="route", order_by="DeliveryStop.sequence")


class Delivery(TimestampMixin, db.Model):
    __tablename__ = "deliveries"
    id = db.Column(db.Integer, primary_key=True)
    sales_order_id = db.Column(db.Integer, db.ForeignKey("sales_orders.id"), nullable=False)
    carrier_id = db.Column(db.Integer, db.ForeignKey("carriers.id"))
    tracking_no = db.Column(db.String(40))
    cases = db.Column(db.Integer)
    status = db.Column(db.String(12), default="pending")  # pending, routed, out, delivered, failed
    delivered_at = db.Column(db.DateTime)
    signed_by = db.Column(db.String(80))
    pod_image = db.Column(db.String(200))
    charge = db.Column(db.Numeric(8, 2), default=0)
    failure_reason = db.Column(db.String(120))


class DeliveryStop(db.Model):
    __tablename__ = "delivery_stops"
    id = db.Column(db.Integer, primary_key=True)
    route_id = db.Column(db.Integer, db.ForeignKey("delivery_routes.id"), nullable=False)
    delivery_id = db.Column(db.Integer, db.ForeignKey("deliveries.id"), nullable=False)
    sequence = db.Column(db.Integer)
    eta = db.Column(db.Time)
    arrived_at = db.Column(db.DateTime)

    delivery = db.relationship("Delivery")
