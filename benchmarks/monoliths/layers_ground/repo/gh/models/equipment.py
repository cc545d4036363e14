from datetime import datetime

from gh.extensions import db
from gh.models.base import TimestampMixin, CRUDMixin


class EquipmentType(db.Model):
    __tablename__ = "equipment_types"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(16), unique=True)  # GPU, TUG, BELT, DOLLY, HILOADER, STAIRS, BOWSER
    description = db.Column(db.String(128))
    service_interval_hours = db.Column(db.Integer, default=250)
    requires_licence = db.Column(db.String(16))  # course code needed to drive it


class Equipment(TimestampMixin, CRUDMixin, db.Model):
    __tablename__ = "equipment"

    id = db.Column(db.Integer, primary_key=True)
    fleet_no = db.Column(db.String(16), unique=True, nullable=False)
    type_id = db.Column(db.Integer, db.ForeignKey("equipment_types.id"), nullable=False)
    status = db.Column(db.String(16), default="SERVICEABLE")  # SERVICEABLE, U/S, MAINTENANCE, RETIRED
    engine_hours = db.Column(db.Float, default=0)
    last_service_hours = db.Column(db.Float, default=0)
    location = db.Column(db.String(32))
    purchased_on = db.Column(db.Date)

    type = db.relationship("EquipmentType")

    def hours_since_service(self):
        return (self.engine_hours or 0) - (self.last_service_hours or 0)


class MaintenanceOrder(TimestampMixin, db.Model):
    __tablename__ = "maintenance_orders"

    id = db.Column(db.Integer, primary_key=True)
    equipment_id = db.Column(db.Integer, db.ForeignKey("equipment.id"), nullable=False)
    kind = db.Column(db.String(16), default="CORRECTIVE")
    opened_at = db.Column(db.DateTime, default=datetime.utcnow)
    closed_at = db.Column(db.DateTime)
    mechanic_id = db.Column(db.Integer, db.ForeignKey("staff.id"))
    labour_hours = db.Column(db.Float, default=0)
    description = db.Column(db.Text)
    status = db.Column(db.String(12), default="OPEN")


class SparePart(db.Model):
    __tablename__ = "spare_parts"

    id = db.Column(db.Integer, primary_key=True)
    part_no = db.Column(db.String(32), unique=True)
    description = db.Column(db.String(128))
    qty_on_hand = db.Column(db.Integer, default=0)
    reorder_level = db.Column(db.Integer, default=2)
    unit_cost = db.Column(db.Numeric(10, 2))


class EquipmentAllocation(db.Model):
    __tablename__ = "equipment_allocations"

    id = db.Column(db.Integer, primary_key=True)
    equipment_id = db.Column(db.Integer, db.ForeignKey("equipment.id"), nullable=False)
    turnaround_id = db.Column(db.Integer, db.ForeignKey("turnarounds.id"))
    allocated_from = db.Column(db.DateTime, nullable=False)
    allocated_to = db.Column(db.DateTime)
    operator_id = db.Column(db.Integer, db.ForeignKey("staff.id"))
    released = db.Column(db.Boolean, default=False)


class DefectReport(db.Model):
    __tablename__ = "defect_reports"

    id = db.Column(db.Integer, primary_key=True)
    equipment_id = db.Column(db.Integer, db.ForeignKey("equipment.id"), nullable=False)
    reported_by = db.Column(db.Integer, db.ForeignKey("staff.id"))
    reported_at = db.Column(db.DateTime, default=datetime.utcnow)
    severity = db.Column(db.String(8), default="LOW")
    description = db.Column(db.Text)
    maintenance_order_id = db.Column(db.Integer, db.ForeignKey("maintenance_orders.id"))
