from datetime import datetime

from cellar.extensions import db
from cellar.models.base import TimestampMixin


class PurchaseOrder(TimestampMixin, db.Model):
    __tablename__ = "purchase_orders"
    id = db.Column(db.Integer, primary_key=True)
    number = db.Column(db.String(20), unique=True)
    producer_id = db.Column(db.Integer, db.ForeignKey("producers.id"), nullable=False)
    status = db.Column(db.String(20), default="draft")  # draft, sent, confirmed, shipped, received, cancelled
    currency = db.Column(db.String(3), default="EUR")
    fx_rate = db.Column(db.Numeric(10, 6))
    order_date = db.Column(db.Date)
    expected_date = db.Column(db.Date)
    buyer_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipments.id"))
    in_bond = db.Column(db.Boolean, default=True)
    notes = db.Column(db.Text)

    producer = db.relationship("Producer")
    lines = db.relationship("PurchaseOrderLine", backref="order", cascade="all, delete-orphan")


class PurchaseOrderLine(db.Model):
    __tablename__ = "purchase_order_lines"
    id = db.Column(db.Integer, primary_key=True)
    purchase_order_id = db.Column(db.Integer, db.ForeignKey("purchase_orders.id"), nullable=False)
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"), nullable=False)
    cases = db.Column(db.Integer, nullable=False)
    unit_cost = db.Column(db.Numeric(10, 4))
    received_cases = db.Column(db.Integer, default=0)

    wine = db.relationship("Wine")


class Shipment(TimestampMixin, db.Model):
    __tablename__ = "shipments"
    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(40))
    forwarder = db.Column(db.String(80))
    container_no = db.Column(db.String(20))
    mode = db.Column(db.String(10), default="road")  # road, sea, air
    origin_country = db.Column(db.String(2))
    etd = db.Column(db.Date)
    eta = db.Column(db.Date)
    arrived_at = db.Column(db.DateTime)
    freight_cost = db.Column(db.Numeric(10, 2))
    insurance_cost = db.Column(db.Numeric(10, 2))
    status = db.Column(db.String(20), default="booked")

    orders = db.relationship("PurchaseOrder", backref="shipment")


class CustomsEntry(db.Model):
    __tablename__ = "customs_entries"
    id = db.Column(db.Integer, primary_key=True)
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipments.id"), nullable=False)
    mrn = db.Column(db.String(30))  # movement reference number
    entry_date = db.Column(db.Date, default=datetime.utcnow)
    import_duty = db.Column(db.Numeric(10, 2), default=0)
    import_vat = db.Column(db.Numeric(10, 2), default=0)
    excise_deferred = db.Column(db.Boolean, default=True)
    broker_fee = db.Column(db.Numeric(10, 2))
    cleared = db.Column(db.Boolean, default=False)
