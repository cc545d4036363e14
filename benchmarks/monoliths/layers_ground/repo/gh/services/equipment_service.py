import logging
from datetime import datetime

from gh.extensions import db
from gh.models.equipment import (Equipment, EquipmentAllocation, MaintenanceOrder, DefectReport,
                                 SparePart)
from gh.repositories.assets import allocations_overlapping, open_maintenance_orders
from gh.services.audit import record_audit
from gh.services.notifications import post_to_ops_channel, send_email
from gh.services.training_service import has_valid_certification
from gh.utils.validators import ValidationError

log = logging.getLogger(__name__)


def can_operate(staff_id, equipment):
    return has_valid_certification(staff_id, equipment.type.requires_licence)


def allocate_equipment(equipment_id, start, end, turnaround_id=None, operator_id=None):
    eq = Equipment.query.get(equipment_id)
    if eq.status != "SERVICEABLE":
        raise ValidationError("%s is %s" % (eq.fleet_no, eq.status))
    if allocations_overlapping(equipment_id, start, end):
        raise ValidationError("%s already allocated" % eq.fleet_no)
    if operator_id and not can_operate(operator_id, eq):
        raise ValidationError("operator not licensed for %s" % eq.type.code)
    a = EquipmentAllocation(equipment_id=equipment_id, turnaround_id=turnaround_id,
                            allocated_from=start, allocated_to=end, operator_id=operator_id)
    db.session.add(a)
    return a


def release_allocations(turnaround_id):
    for a in EquipmentAllocation.query.filter_by(turnaround_id=turnaround_id, released=False).all():
        a.released = True
        a.allocated_to = a.allocated_to or datetime.utcnow()


def report_defect(equipment_id, reported_by, description, severity="LOW"):
    eq = Equipment.query.get(equipment_id)
    d = DefectReport(equipment_id=equipment_id, reported_by=reported_by,
                     description=description, severity=severity)
    db.session.add(d)
    if severity in ("HIGH", "CRIT"):
        eq.status = "U/S"
        mo = open_maintenance_order(equipment_id, description, kind="CORRECTIVE", commit=False)
        db.session.flush()
        d.maintenance_order_id = mo.id
        post_to_ops_channel("%s taken out of service: %s" % (eq.fleet_no, description), level="warning")
    db.session.commit()
    return d


def open_maintenance_order(equipment_id, description, kind="PREVENTIVE", commit=True):
    existing = open_maintenance_orders(equipment_id)
    if existing and kind == "PREVENTIVE":
        return existing[0]
    mo = MaintenanceOrder(equipment_id=equipment_id, description=description, kind=kind)
    db.session.add(mo)
    record_audit("maintenance.open", "equipment", equipment_id, kind=kind)
    if commit:
        db.session.commit()
    return mo


def close_maintenance_order(order_id, mechanic_id, labour_hours):
    mo = MaintenanceOrder.query.get(order_id)
    mo.status = "CLOSED"
    mo.closed_at = datetime.utcnow()
    mo.mechanic_id = mechanic_id
    mo.labour_hours = labour_hours
    eq = Equipment.query.get(mo.equipment_id)
    eq.status = "SERVICEABLE"
    if mo.kind == "PREVENTIVE":
        eq.last_service_hours = eq.engine_hours
    db.session.commit()
    return mo


def consume_spare_part(part_no, qty=1):
    part = SparePart.query.filter_by(part_no=part_no).first()
    if part is None or part.qty_on_hand < qty:
        raise ValidationError("not enough stock for %s" % part_no)
    part.qty_on_hand -= qty
    if part.qty_on_hand <= part.reorder_level:
        send_email("workshop@groundhandling.example", "Reorder %s" % part_no,
                   "%s is down to %s" % (part.description, part.qty_on_hand))
    db.session.commit()


def update_engine_hours(fleet_no, hours):
    eq = Equipment.query.filter_by(fleet_no=fleet_no).first()
    if eq is None:
        log.warning("telematics: unknown fleet no %s", fleet_no)
        return None
    if hours < eq.engine_hours:
        log.warning("telematics: hours going backwards for %s", fleet_no)
        return eq
    eq.engine_hours = hours
    db.session.commit()
    return eq
