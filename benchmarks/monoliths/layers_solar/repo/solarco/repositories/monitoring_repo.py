from datetime import date, datetime, timedelta
from typing import Dict, List, Optional

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from solarco.models.monitoring import (MaintenanceContract, MonitoredSystem, ProductionReading,
                                       ServiceTicket, SystemAlert)
from solarco.repositories.base import BaseRepository


class MonitoredSystemRepository(BaseRepository[MonitoredSystem]):
    model = MonitoredSystem

    def by_serial(self, serial: str) -> Optional[MonitoredSystem]:
        return self.db.scalars(select(MonitoredSystem)
                               .where(MonitoredSystem.inverter_serial == serial)).first()

    def by_project(self, project_id: int) -> Optional[MonitoredSystem]:
        return self.db.scalars(select(MonitoredSystem)
                               .where(MonitoredSystem.project_id == project_id)).first()

    def active(self, vendor: Optional[str] = None) -> List[MonitoredSystem]:
        stmt = select(MonitoredSystem).where(MonitoredSystem.status != "decommissioned")
        if vendor:
            stmt = stmt.where(MonitoredSystem.inverter_vendor == vendor)
        return list(self.db.scalars(stmt))

    def silent_since(self, cutoff: datetime) -> List[MonitoredSystem]:
        stmt = select(MonitoredSystem).where(
            MonitoredSystem.status == "active",
            (MonitoredSystem.last_reading_at < cutoff) | MonitoredSystem.last_reading_at.is_(None))
        return list(self.db.scalars(stmt))


class ReadingRepository:
    def __init__(self, db):
        self.db = db

    def upsert_many(self, system_id: int, rows: List[Dict]) -> int:
        if not rows:
            return 0
        stmt = pg_insert(ProductionReading).values(
            [{"system_id": system_id, **r} for r in rows])
        stmt = stmt.on_conflict_do_update(
            index_elements=["system_id", "reading_date"],
            set_={"kwh": stmt.excluded.kwh, "peak_kw": stmt.excluded.peak_kw},
        )
        return self.db.execute(stmt).rowcount

    def total_kwh(self, system_id: int, start: date, end: date) -> float:
        v = self.db.execute(select(func.coalesce(func.sum(ProductionReading.kwh), 0)).where(
            ProductionReading.system_id == system_id,
            ProductionReading.reading_date.between(start, end))).scalar_one()
        return float(v)

    def daily(self, system_id: int, days: int = 30) -> List[ProductionReading]:
        since = date.today() - timedelta(days=days)
        return list(self.db.scalars(select(ProductionReading).where(
            ProductionReading.system_id == system_id,
            ProductionReading.reading_date >= since).order_by(ProductionReading.reading_date)))


class AlertRepository(BaseRepository[SystemAlert]):
    model = SystemAlert

    def open_for_system(self, system_id: int, code: Optional[str] = None) -> List[SystemAlert]:
        stmt = select(SystemAlert).where(SystemAlert.system_id == system_id,
                                         SystemAlert.resolved_at.is_(None))
        if code:
            stmt = stmt.where(SystemAlert.code == code)
        return list(self.db.scalars(stmt))

    def open_all(self) -> List[SystemAlert]:
        return list(self.db.scalars(select(SystemAlert).where(SystemAlert.resolved_at.is_(None))
                                    .order_by(SystemAlert.opened_at.desc())))


class TicketRepository(BaseRepository[ServiceTicket]):
    model = ServiceTicket

    def open_for_system(self, system_id: int) -> List[ServiceTicket]:
        return list(self.db.scalars(select(ServiceTicket).where(
            ServiceTicket.system_id == system_id,
            ServiceTicket.status.in_(("open", "scheduled")))))

    def queue(self, priority: Optional[str] = None) -> List[ServiceTicket]:
        stmt = select(ServiceTicket).where(ServiceTicket.status.in_(("open", "scheduled")))
        if priority:
            stmt = stmt.where(ServiceTicket.priority == priority)
        return list(self.db.scalars(stmt.order_by(ServiceTicket.created_at)))


class ContractRepository(BaseRepository[MaintenanceContract]):
    model = MaintenanceContract

    def active_for_system(self, system_id: int, on: Optional[date] = None) -> Optional[MaintenanceContract]:
        on = on or date.today()
        return self.db.scalars(select(MaintenanceContract).where(
            MaintenanceContract.system_id == system_id,
            MaintenanceContract.start_date <= on,
            MaintenanceContract.end_date >= on,
            MaintenanceContract.cancelled_at.is_(None))).first()

    def expiring_between(self, start: date, end: date) -> List[MaintenanceContract]:
        return list(self.db.scalars(select(MaintenanceContract).where(
            MaintenanceContract.end_date.between(start, end),
            MaintenanceContract.cancelled_at.is_(None))))
