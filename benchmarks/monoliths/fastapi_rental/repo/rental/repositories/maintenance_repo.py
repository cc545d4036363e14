from sqlalchemy import select

from rental.models import JobStatus, MaintenanceJob, ServiceInterval, Workshop
from rental.repositories.base import BaseRepository


class MaintenanceRepository(BaseRepository):
    model = MaintenanceJob

    def open_for_vehicle(self, vehicle_id):
        stmt = select(MaintenanceJob).where(MaintenanceJob.vehicle_id == vehicle_id,
                                            MaintenanceJob.status.in_([JobStatus.PLANNED, JobStatus.IN_PROGRESS]))
        return list(self.db.scalars(stmt))

    def last_done(self, vehicle_id, kind):
        stmt = (select(MaintenanceJob).where(MaintenanceJob.vehicle_id == vehicle_id, MaintenanceJob.kind == kind,
                                             MaintenanceJob.status == JobStatus.DONE)
                .order_by(MaintenanceJob.finished_on.desc()).limit(1))
        return self.db.scalar(stmt)

    def intervals_for(self, category_id):
        return list(self.db.scalars(select(ServiceInterval).where(ServiceInterval.category_id == category_id)))

    def workshops_near(self, branch_id):
        stmt = select(Workshop).where((Workshop.branch_id == branch_id) | (Workshop.branch_id.is_(None)))
        return list(self.db.scalars(stmt.order_by(Workshop.is_internal.desc())))
