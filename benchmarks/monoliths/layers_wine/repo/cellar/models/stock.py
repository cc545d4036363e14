from datetime import datetime

from cellar.extensions import db
from cellar.models.base import TimestampMixin


class Warehouse(db.Model):
    __tablename__ = "warehouses"
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), unique=True)
    name = db.Column(db.String(80))
    bonded = db.Column(db.Boolean, default=False)
    address = db.Column(db.Text)
    third_party = db.Column(db.Boolean, default=False)  # e.g. London City Bond


class Bin(db.Model):
    __tablename__ = "bins"
    id = db.Column(db.Integer, primary_key=True)
    warehouse_id = db.Column(db.Integer, db.ForeignKey("warehouses.id"), nullable=False)
    code = db.Column(db.String(20), nullable=False)  # A-03-2
    capacity_cases = db.Column(db.Integer)
    temperature_controlled = db.Column(db.Boolean, default=True)

    warehouse = db.relationship("Warehouse", backref="bins")


class Lot(TimestampMixin, db.Model):
    __tablename__ = "lots"
    id = db.Column(db.Integer, primary_key=True)
    wine_id = db.Column(db.Integer, db.ForeignKey("wines.id"), nullable=False, index=True)
    bin_id = db.Column(db.Integer, db.ForeignKey("bins.id"))
    purchase_order_line_id = db.Column(db.Integer, db.ForeignKey("purchase_order_lines.id"))
    lot_code = db.Column(db.String(30))
    received_on = db.Column(db.Date)
    qty_bottles = db.Column(db.Integer, default=0)
    unit_cost = db.Column(db.Numeric(10, 4))  # landed GBP/bottle
    duty_paid = db.Column(db.Boolean, default=False)

    wine = db.relationship("Wine")
    bin = db.relationship("Bin")


class StockMovement(db.Model):
    __tablename__ = "stock_movements"
    id = db.Column(db.Integer, primary_key=True)
    lot_id = db.Column(db.Integer, db.ForeignKey("lots.id"), nullable=False)
    moved_at = db.Column(db.DateTime, default=datetime.utcnow, index=True)
    kind = db.Column(db.String(20))  # receipt, pick, transfer, adjust, breakage, duty_release
    qty = db.Column(db.Integer, nullable=False)  # signed bottles
    from_bin_id = db.Column(db.Integer, db.ForeignKey("bins.id"))
    to_bin_id = db.Column(db.Integer, db.ForeignKey("bins.id"))
    reference = db.Column(db.String(40))
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))


class StockReservation(db.Model):
    __tablename__ = "stock_reservations"
    id = db.Column(db.Integer, primary_key=True)
    lot_id = db.Column(db.Integer, db.ForeignKey("lots.id"), nullable=False)
    sales_order_line_id = db.Column(db.Integer, db.ForeignKey("sales_order_lines.id"))
    qty = db.Column(db.Integer, nullable=False)
    reserved_at = db.Column(db.DateTime, default=datetime.utcnow)
    expires_at = db.Column(db.DateTime)
    released = db.Column(db.Boolean, default=False)


class StockCount(db.Model):
    __tablename__ = "stock_counts"
    id = db.Column(db.Integer, primary_key=True)
    warehouse_id = db.Column(db.Integer, db.ForeignKey("warehouses.id"))
    started_at = db.Column(db.DateTime, default=datetime.utcnow)
    closed_at = db.Column(db.DateTime)
    counted_by = db.Column(db.Integer, db.ForeignKey("users.id"))
    status = db.Column(db.String(10), default="open")

    lines = db.relationship("StockCountLine", backref="count")


class StockCountLine(db.Model):
    __tablename__ = "stock_count_lines"
    id = db.Column(db.Integer, primary_key=True)
    stock_count_id = db.Column(db.Integer, db.ForeignKey("stock_counts.id"))
    lot_id = db.Column(db.Integer, db.ForeignKey("lots.id"))
    expected_qty = db.Column(db.Integer)
    counted_qty = db.Column(db.Integer)
