from sqlalchemy import func, select

from rental.models import Branch, Claim, DamageReport, OdometerReading, Vehicle, VehicleCategory, VehicleStatus
from rental.repositories.base import BaseRepository
from rental.utils import normalize_plate


class VehicleRepository(BaseRepository):
    model = Vehicle

    def by_plate(self, plate):
        return self.db.scalar(select(Vehicle).where(Vehicle.plate == normalize_plate(plate)))

    def at_branch(self, branch_id, status=None):
        stmt = select(Vehicle).where(Vehicle.branch_id == branch_id)
        if status:
            stmt = stmt.where(Vehicle.status == status)
        return list(self.db.scalars(stmt.order_by(Vehicle.plate)))

    def available_in_category(self, category_id, branch_id):
        stmt = select(Vehicle).where(
            Vehicle.category_id == category_id,
            Vehicle.branch_id == branch_id,
            Vehicle.status == VehicleStatus.AVAILABLE,
        )
        return list(self.db.scalars(stmt))

    def category(self, category_id):
        return self.db.get(VehicleCategory, category_id)

    def category_by_code(self, code):
        return self.db.scalar(select(VehicleCategory).where(VehicleCategory.code == code.upper()))

    def last_reading(self, vehicle_id):
        stmt = (select(OdometerReading).where(OdometerReading.vehicle_id == vehicle_id)
                .order_by(OdometerReading.read_at.desc()).limit(1))
        return self.db.scalar(stmt)

    def count_by_status(self):
        rows = self.db.execute(select(Vehicle.status, func.count()).group_by(Vehicle.status))
        return {status.value: n for status, n in rows}


class BranchRepository(BaseRepository):
    model = Branch

    def by_code(self, code):
        return self.db.scalar(select(Branch).where(Branch.code == code.upper()))


class VehicleHistoryRepository(BaseRepository):
    """Damage history of a vehicle (used by the counter staff before check-out)."""
    model = DamageReport

    def damages(self, vehicle_id, include_repaired=False):
        stmt = select(DamageReport).where(DamageReport.vehicle_id == vehicle_id)
        if not include_repaired:
            stmt = stmt.where(DamageReport.severity > 0)
        return list(self.db.scalars(stmt.order_by(DamageReport.created_at.desc())))

    def open_claims(self, vehicle_id):
        stmt = (select(Claim).join(DamageReport, Claim.damage_report_id == DamageReport.id)
                .where(DamageReport.vehicle_id == vehicle_id, Claim.status.in_(["open", "submitted"])))
        return list(self.db.scalars(stmt))
