"""Fleet monitoring, alerts and service tickets."""
import logging
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.notifications import OutgoingEmail, render_template, send_email, send_sms
from solarco.core.utils import BusinessRuleError, NotFoundError, estimate_annual_yield_kwh, to_decimal
from solarco.models.lead import Lead
from solarco.models.monitoring import MonitoredSystem, ServiceTicket, SystemAlert
from solarco.models.project import InstallationProject
from solarco.repositories.monitoring_repo import (AlertRepository, ContractRepository,
                                                  MonitoredSystemRepository, ReadingRepository,
                                                  TicketRepository)

log = logging.getLogger(__name__)

ANNUAL_DEGRADATION = 0.005
OFFLINE_AFTER_HOURS = 48
# crude monthly share of annual production (northern hemisphere)
MONTHLY_SHARE = [0.055, 0.064, 0.085, 0.095, 0.105, 0.108, 0.107, 0.102, 0.09, 0.078, 0.062, 0.049]


def degradation_factor(commissioned_on: Optional[date], on: Optional[date] = None) -> float:
    if not commissioned_on:
        return 1.0
    on = on or date.today()
    years = max((on - commissioned_on).days / 365.25, 0)
    return (1 - ANNUAL_DEGRADATION) ** years


def expected_kwh_between(system: MonitoredSystem, start: date, end: date) -> float:
    annual = float(system.expected_annual_kwh or 0)
    total = 0.0
    d = start
    while d <= end:
        days_in_month = 31 if d.month in (1, 3, 5, 7, 8, 10, 12) else 30 if d.month != 2 else 28
        total += annual * MONTHLY_SHARE[d.month - 1] / days_in_month
        d += timedelta(days=1)
    return total * degradation_factor(system.commissioned_on, end)


class MonitoringService:
    def __init__(self, db: Session):
        self.db = db
        self.systems = MonitoredSystemRepository(db)
        self.readings = ReadingRepository(db)
        self.alerts = AlertRepository(db)

    def register_system(self, project: InstallationProject, inverter_serial: str, vendor: str,
                        commit: bool = True) -> MonitoredSystem:
        existing = self.systems.by_project(project.id)
        if existing:
            return existing
        system = MonitoredSystem(
            project_id=project.id, lead_id=project.lead_id, inverter_vendor=vendor.lower(),
            inverter_serial=inverter_serial, system_size_kw=project.system_size_kw,
            state=project.state, commissioned_on=date.today(), status="active",
            expected_annual_kwh=estimate_annual_yield_kwh(float(project.system_size_kw or 0),
                                                          project.state),
        )
        self.systems.add(system)
        if commit:
            self.db.commit()
        return system

    def ingest(self, system_id: int, rows: List[Dict]) -> int:
        system = self.systems.get_or_404(system_id)
        n = self.readings.upsert_many(system.id, rows)
        system.last_reading_at = datetime.utcnow()
        if system.status == "offline":
            system.status = "active"
            for a in self.alerts.open_for_system(system.id, "OFFLINE"):
                a.resolved_at = datetime.utcnow()
        self.db.commit()
        return n

    def performance_ratio(self, system_id: int, days: int = 30) -> Optional[float]:
        system = self.systems.get_or_404(system_id)
        end = date.today() - timedelta(days=1)
        start = end - timedelta(days=days - 1)
        expected = expected_kwh_between(system, start, end)
        if expected <= 0:
            return None
        actual = self.readings.total_kwh(system.id, start, end)
        return round(actual / expected, 3)

    def open_alert(self, system_id: int, code: str, message: str, severity: str = "warning") -> SystemAlert:
        existing = self.alerts.open_for_system(system_id, code)
        if existing:
            return existing[0]
        alert = SystemAlert(system_id=system_id, code=code, message=message, severity=severity)
        self.alerts.add(alert)
        return alert

    def resolve_alert(self, alert_id: int) -> SystemAlert:
        alert = self.alerts.get_or_404(alert_id)
        alert.resolved_at = datetime.utcnow()
        self.db.commit()
        return alert

    def detect_underperformance(self) -> int:
        n = 0
        for system in self.systems.active():
            if not system.commissioned_on or (date.today() - system.commissioned_on).days < 45:
                continue
            pr = self.performance_ratio(system.id)
            if pr is not None and pr < settings.underperformance_threshold:
                self.open_alert(system.id, "UNDERPERFORMING",
                                f"30-day performance ratio {pr:.0%}", severity="warning")
                n += 1
        self.db.commit()
        return n

    def detect_offline(self) -> int:
        cutoff = datetime.utcnow() - timedelta(hours=OFFLINE_AFTER_HOURS)
        n = 0
        for system in self.systems.silent_since(cutoff):
            system.status = "offline"
            self.open_alert(system.id, "OFFLINE", "no data for 48h", severity="critical")
            n += 1
        self.db.commit()
        return n


class TicketService:
    def __init__(self, db: Session):
        self.db = db
        self.tickets = TicketRepository(db)
        self.contracts = ContractRepository(db)
        self.systems = MonitoredSystemRepository(db)

    def open(self, system_id: int, category: str, description: str, priority: str = "normal",
             alert_id: Optional[int] = None) -> ServiceTicket:
        system = self.systems.get_or_404(system_id)
        contract = self.contracts.active_for_system(system.id)
        ticket = ServiceTicket(system_id=system.id, contract_id=contract.id if contract else None,
                               category=category, description=description, priority=priority,
                               billable=contract is None and not self._under_warranty(system))
        self.tickets.add(ticket)
        if alert_id:
            alert = self.db.get(SystemAlert, alert_id)
            if alert:
                alert.ticket_id = ticket.id
        self.db.commit()
        return ticket

    def _under_warranty(self, system: MonitoredSystem) -> bool:
        # 10 year workmanship warranty
        return bool(system.commissioned_on) and (date.today() - system.commissioned_on).days < 3653

    def schedule(self, ticket_id: int, crew_id: int, day: date, hours: float = 4) -> ServiceTicket:
        from solarco.services.project_service import CrewScheduler

        ticket = self.tickets.get_or_404(ticket_id)
        CrewScheduler(self.db).book_service_visit(crew_id, ticket.id, day, hours)
        ticket.assigned_crew_id = crew_id
        ticket.scheduled_for = day
        ticket.status = "scheduled"
        self.db.commit()
        self._notify(ticket)
        return ticket

    def resolve(self, ticket_id: int, resolution: str, labor_hours: float,
                parts: Optional[Dict[int, int]] = None, by: Optional[str] = None) -> ServiceTicket:
        from solarco.models.inventory import Product
        from solarco.services.billing_service import InvoiceService
        from solarco.services.inventory_service import InventoryService

        ticket = self.tickets.get_or_404(ticket_id)
        if ticket.status in ("resolved", "closed"):
            raise BusinessRuleError("ticket already resolved")
        ticket.resolution = resolution
        ticket.labor_hours = labor_hours
        ticket.status = "resolved"
        ticket.resolved_at = datetime.utcnow()
        if parts:
            InventoryService(self.db).issue_parts(parts, f"TKT-{ticket.id}", by=by)
        for alert in AlertRepository(self.db).open_for_system(ticket.system_id):
            if alert.ticket_id == ticket.id:
                alert.resolved_at = datetime.utcnow()
        if ticket.billable:
            system = self.systems.get(ticket.system_id)
            priced: Dict[str, Decimal] = {}
            for pid, qty in (parts or {}).items():
                p = self.db.get(Product, pid)
                priced[f"{p.brand} {p.model} x{qty}"] = to_decimal(p.list_price) * qty
            InvoiceService(self.db).create_service_invoice(ticket, system.lead_id, priced,
                                                           state=system.state, commit=False)
        self.db.commit()
        self._notify(ticket)
        return ticket

    def _notify(self, ticket: ServiceTicket) -> None:
        system = self.systems.get(ticket.system_id)
        lead = self.db.get(Lead, system.lead_id) if system else None
        if not lead:
            return
        body = render_template("ticket_update", ticket_id=ticket.id, status=ticket.status)
        if lead.phone:
            send_sms(lead.phone, body)
        elif lead.email:
            send_email(OutgoingEmail(to=[lead.email], subject=f"Service ticket #{ticket.id}", body=body))
