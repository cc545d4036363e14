from gh.extensions import db
from gh.models.equipment import Equipment, EquipmentType, EquipmentAllocation, MaintenanceOrder
from gh.models.fuel import FuelTank, FuelOrder
from gh.repositories.base import BaseRepository


class EquipmentRepository(BaseRepository):
    model = Equipment

    def serviceable_of_type(self, type_code):
        return Equipment.query.join(EquipmentType).filter(
            EquipmentType.code == type_code, Equipment.status == "SERVICEABLE").all()

    def by_fleet_no(self, fleet_no):
        return Equipment.query.filter_by(fleet_no=fleet_no).first()

    def overdue_for_service(self):
        return Equipment.query.join(EquipmentType).filter(
            Equipment.engine_hours - Equipment.last_service_hours >= EquipmentType.service_interval_hours,
            Equipment.status != "RETIRED").all()


def allocations_overlapping(equipment_id, start, end):
    return EquipmentAllocation.query.filter(
        EquipmentAllocation.equipment_id == equipment_id,
        EquipmentAllocation.released.is_(False),
        EquipmentAllocation.allocated_from < end,
        db.or_(EquipmentAllocation.allocated_to.is_(None), EquipmentAllocation.allocated_to > start)).all()


def open_maintenance_orders(equipment_id=None):
    q = MaintenanceOrder.query.filter(MaintenanceOrder.status != "CLOSED")
    if equipment_id:
        q = q.filter_by(equipment_id=equipment_id)
    return q.all()


# fuel stuff ended up here because bowsers are equipment... (JP)
def pending_fuel_orders():
    return FuelOrder.query.filter(FuelOrder.status.in_(["REQUESTED", "DISPATCHED"])).order_by(FuelOrder.created_at).all()


def tank_for_product(product):
    return FuelTank.query.filter_by(product=product).order_by(FuelTank.level_litres.desc()).first()
