from datetime import date, timedelta

from sqlalchemy import select

from fleetco.common.base_repository import BaseRepository
from fleetco.models.accounts import Driver, DriverLicense
from fleetco.models.assets import FuelLog, MaintenanceRecord, Vehicle
from fleetco.models.billing import DriverShift


class VehicleRepository(BaseRepository):
    model = Vehicle

    def by_registration(self, registration):
        reg = registration.replace(" ", "").upper()
        return self.session.query(Vehicle).filter(Vehicle.registration == reg).one_or_none()

    def available(self, depot=None, min_payload_kg=0):
        stmt = select(Vehicle).where(Vehicle.active.is_(True))
        if depot:
            stmt = stmt.where(Vehicle.depot == depot)
        if min_payload_kg:
            stmt = stmt.where(Vehicle.payload_kg >= min_payload_kg)
        return self.session.execute(stmt.order_by(Vehicle.payload_kg)).scalars().all()

    def add_fuel(self, vehicle, **fields):
        log = FuelLog(vehicle_id=vehicle.id, **fields)
        self.session.add(log)
        return log


class MaintenanceRepository(BaseRepository):
    model = MaintenanceRecord

    def open_for_vehicle(self, vehicle_id):
        q = self.session.query(MaintenanceRecord)
        return q.filter_by(vehicle_id=vehicle_id, completed_on=None).all()


class DriverRepository(BaseRepository):
    model = Driver

    def active(self, depot=None):
        q = self.session.query(Driver).filter(Driver.active.is_(True))
        if depot:
            q = q.filter(Driver.home_depot == depot)
        return q.order_by(Driver.last_name).all()

    def open_shift(self, driver_id):
        return (
            self.session.query(DriverShift)
            .filter(DriverShift.driver_id == driver_id, DriverShift.ended_at.is_(None))
            .one_or_none()
        )

    def licenses_expiring(self, within_days=30):
        limit = date.today() + timedelta(days=within_days)
        stmt = select(DriverLicense).where(DriverLicense.expires_on <= limit)
        return self.session.execute(stmt).scalars().all()
