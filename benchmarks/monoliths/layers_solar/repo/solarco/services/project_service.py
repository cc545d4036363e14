"""Installation projects, crew scheduling - and permits.

The permit functions at the bottom were moved here from the old
``permit_helpers.py`` in 2020 because "they're part of the project flow".
grid_connection.py has the utility side.
"""
import logging
from datetime import date, datetime, timedelta
from typing import Dict, List, Optional

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from solarco.core.notifications import notify_crew_of_assignment
from solarco.core.utils import (BusinessRuleError, NotFoundError, add_business_days, is_business_day,
                                one_line_address, to_decimal)
from solarco.models.lead import Lead, Quote
from solarco.models.permit import PermitApplication
from solarco.models.project import Crew, InstallationProject
from solarco.repositories.permits import PermitRepository
from solarco.repositories.project_repo import CrewRepository, ProjectRepository

log = logging.getLogger(__name__)

DEFAULT_MILESTONES = [
    ("contract_signed", 0),
    ("permit_submitted", 5),
    ("permit_approved", 25),
    ("equipment_reserved", 27),
    ("installed", 35),
    ("inspection_passed", 45),
    ("pto_received", 60),
]


class ProjectService:
    def __init__(self, db: Session):
        self.db = db
        self.projects = ProjectRepository(db)
        self.crews = CrewRepository(db)

    def get(self, project_id: int) -> InstallationProject:
        p = self.projects.get_full(project_id)
        if p is None:
            raise NotFoundError("InstallationProject", project_id)
        return p

    def create_from_quote(self, quote: Quote, commit: bool = True) -> InstallationProject:
        existing = self.projects.by_quote(quote.id)
        if existing:
            return existing
        lead = self.db.get(Lead, quote.lead_id)
        project = InstallationProject(
            project_number=self.projects.next_number(),
            quote_id=quote.id,
            lead_id=quote.lead_id,
            status="pending",
            address=one_line_address(lead.address_line1 or "", lead.city or "", lead.state or "",
                                     lead.zip_code or ""),
            state=lead.state,
            system_size_kw=quote.system_size_kw,
            has_battery=bool(quote.battery_product_id),
            install_days=estimate_install_days(float(quote.system_size_kw or 0),
                                               bool(quote.battery_product_id)),
        )
        self.projects.add(project)
        self.add_default_milestones(project)
        self.complete_milestone(project.id, "contract_signed")
        if commit:
            self.db.commit()
        return project

    def add_default_milestones(self, project: InstallationProject) -> None:
        today = date.today()
        for seq, (name, offset) in enumerate(DEFAULT_MILESTONES):
            self.projects.add_milestone(project.id, seq, name, add_business_days(today, offset))

    def complete_milestone(self, project_id: int, name: str) -> None:
        ms = self.projects.milestone(project_id, name)
        if ms and ms.done_at is None:
            ms.done_at = datetime.utcnow()

    def schedule_install(self, project_id: int, install_date: date, crew_id: Optional[int] = None,
                         by: Optional[str] = None) -> InstallationProject:
        from solarco.services.inventory_service import InventoryService

        project = self.get(project_id)
        if project.status in ("complete", "cancelled"):
            raise BusinessRuleError(f"project is {project.status}")
        if not permit_ready(self.db, project_id):
            raise BusinessRuleError("building permit not approved yet")
        if not is_business_day(install_date):
            raise BusinessRuleError("installs are only scheduled on business days")

        scheduler = CrewScheduler(self.db)
        crew = self.crews.get(crew_id) if crew_id else scheduler.pick_crew(project, install_date)
        if crew is None:
            raise BusinessRuleError("no crew available on that date")
        self.crews.unassign_project(project.id)
        days = scheduler.book(crew, project, install_date)

        InventoryService(self.db).reserve_for_project(project, by=by)
        self.complete_milestone(project.id, "equipment_reserved")

        project.crew_id = crew.id
        project.install_date = install_date
        project.status = "scheduled"
        self.db.commit()
        notify_crew_of_assignment(self.db, crew.id, project.project_number, project.address,
                                  install_date)
        log.info("scheduled %s with crew %s for %s (%s days)", project.project_number, crew.name,
                 install_date, len(days))
        return project

    def mark_installed(self, project_id: int, by: Optional[str] = None) -> InstallationProject:
        from solarco.services.billing_service import InvoiceService
        from solarco.services.inventory_service import InventoryService

        project = self.get(project_id)
        if project.status not in ("scheduled", "in_progress"):
            raise BusinessRuleError("project is not scheduled")
        project.status = "installed"
        project.installed_at = datetime.utcnow()
        self.complete_milestone(project.id, "installed")
        InventoryService(self.db).consume_for_project(project, by=by)
        InvoiceService(self.db).create_progress_invoice(project, commit=False)
        self.db.commit()
        return project

    def complete(self, project_id: int, inverter_serial: str, vendor: str,
                 by: Optional[str] = None) -> InstallationProject:
        """After PTO: hand the system over to monitoring and bill the balance."""
        from solarco.services.billing_service import InvoiceService
        from solarco.services.monitoring_service import MonitoringService

        project = self.get(project_id)
        if project.status not in ("installed", "inspected"):
            raise BusinessRuleError("project must be installed and inspected first")
        project.status = "complete"
        project.completed_at = datetime.utcnow()
        self.complete_milestone(project.id, "pto_received")
        MonitoringService(self.db).register_system(project, inverter_serial, vendor, commit=False)
        InvoiceService(self.db).create_final_invoice(project, commit=False)
        self.db.commit()
        return project

    def put_on_hold(self, project_id: int, reason: str) -> InstallationProject:
        project = self.get(project_id)
        project.status = "on_hold"
        project.hold_reason = reason
        self.crews.unassign_project(project.id)
        self.db.commit()
        return project

    def cancel(self, project_id: int, reason: str, by: Optional[str] = None) -> InstallationProject:
        from solarco.services.inventory_service import InventoryService

        project = self.get(project_id)
        if project.status in ("installed", "complete"):
            raise BusinessRuleError("cannot cancel an installed project")
        project.status = "cancelled"
        project.hold_reason = reason
        self.crews.unassign_project(project.id)
        InventoryService(self.db).release_for_project(project, by=by)
        self.db.commit()
        return project

    def overdue_milestones(self) -> List[Dict]:
        sql = """
            SELECT ip.project_number, m.name, m.due_date
              FROM project_milestones m JOIN installation_projects ip ON ip.id = m.project_id
             WHERE m.done_at IS NULL AND m.due_date < current_date
               AND ip.status NOT IN ('complete', 'cancelled')
             ORDER BY m.due_date
        """
        return [dict(r) for r in self.db.execute(text(sql)).mappings()]


def estimate_install_days(system_kw: float, has_battery: bool) -> int:
    days = 1 if system_kw <= 8 else 2 if system_kw <= 16 else 3
    return days + (1 if has_battery else 0)


class CrewScheduler:
    """Very simple greedy scheduler.  TODO: regions are strings, should be a table."""

    REGION_BY_STATE = {"AZ": "southwest", "NV": "southwest", "NM": "southwest", "UT": "southwest",
                       "CA": "west", "CO": "mountain", "TX": "south", "FL": "south"}

    def __init__(self, db: Session):
        self.db = db
        self.crews = CrewRepository(db)

    def region_for(self, project: InstallationProject) -> Optional[str]:
        return self.REGION_BY_STATE.get((project.state or "").upper())

    def working_days(self, start: date, n: int) -> List[date]:
        days, d = [], start
        while len(days) < n:
            if is_business_day(d):
                days.append(d)
            d += timedelta(days=1)
        return days

    def pick_crew(self, project: InstallationProject, start: date) -> Optional[Crew]:
        days = self.working_days(start, project.install_days or 1)
        candidates = self.crews.free_crews(days[0], self.region_for(project), project.has_battery)
        for crew in candidates:
            if all(not self.crews.assignments_for_crew(crew.id, d, d) for d in days[1:]):
                if float(crew.max_kw_per_day or 0) * len(days) >= float(project.system_size_kw or 0):
                    return crew
        return None

    def book(self, crew: Crew, project: InstallationProject, start: date) -> List[date]:
        days = self.working_days(start, project.install_days or 1)
        for d in days:
            self.crews.assign(crew.id, d, project_id=project.id, kind="install")
        return days

    def book_service_visit(self, crew_id: int, ticket_id: int, day: date, hours: float = 4) -> None:
        self.crews.assign(crew_id, day, service_ticket_id=ticket_id, kind="service", hours=hours)

    def calendar(self, crew_id: int, start: date, end: date) -> List[Dict]:
        out = []
        for a in self.crews.assignments_for_crew(crew_id, start, end):
            out.append({"date": a.work_date.isoformat(), "kind": a.kind, "project_id": a.project_id,
                        "ticket_id": a.service_ticket_id, "hours": float(a.hours or 0)})
        return out


# ---------------------------------------------------------------------------
# permits (moved from permit_helpers.py)
# ---------------------------------------------------------------------------
JURISDICTION_OVERRIDES = {
    ("AZ", "PHOENIX"): "City of Phoenix",
    ("AZ", "SCOTTSDALE"): "City of Scottsdale",
    ("CA", "LOS ANGELES"): "LADBS",
    ("NV", "LAS VEGAS"): "Clark County",
    ("NV", "HENDERSON"): "Clark County",
}


def jurisdiction_for(state: Optional[str], city: Optional[str]) -> str:
    key = ((state or "").upper(), (city or "").upper())
    return JURISDICTION_OVERRIDES.get(key, f"{(city or 'Unknown').title()}, {key[0]}")


def permit_fee_estimate(jurisdiction: str, system_kw: float) -> float:
    base = 350.0 if "County" in jurisdiction else 250.0
    return round(base + 15.0 * system_kw, 2)


def submit_building_permit(db: Session, project_id: int, documents: Optional[Dict[str, str]] = None,
                           by: Optional[str] = None) -> PermitApplication:
    project = db.get(InstallationProject, project_id)
    if project is None:
        raise NotFoundError("InstallationProject", project_id)
    lead = db.get(Lead, project.lead_id)
    repo = PermitRepository(db)
    jur = jurisdiction_for(lead.state, lead.city)
    permit = repo.create(project_id=project_id, jurisdiction=jur, permit_type="building",
                         status="submitted", submitted_at=datetime.utcnow(),
                         fee=permit_fee_estimate(jur, float(project.system_size_kw or 0)))
    for doc_type, url in (documents or {}).items():
        repo.add_document(permit.id, doc_type, url)
    project.status = "permitting"
    ProjectService(db).complete_milestone(project_id, "permit_submitted")
    db.commit()
    return permit


def record_permit_decision(db: Session, permit_id: int, approved: bool, permit_number: Optional[str] = None,
                           note: Optional[str] = None) -> PermitApplication:
    repo = PermitRepository(db)
    permit = repo.get(permit_id)
    if permit is None:
        raise NotFoundError("PermitApplication", permit_id)
    if approved:
        permit.status = "approved"
        permit.approved_at = datetime.utcnow()
        permit.permit_number = permit_number
        permit.expires_on = date.today() + timedelta(days=180)
        if repo.all_approved(permit.project_id):
            ProjectService(db).complete_milestone(permit.project_id, "permit_approved")
    else:
        permit.status = "corrections"
        permit.corrections_note = note
    db.commit()
    return permit


def record_inspection_result(db: Session, permit_id: int, result: str, inspector: Optional[str] = None,
                             notes: Optional[str] = None) -> None:
    repo = PermitRepository(db)
    visit = repo.last_inspection(permit_id)
    if visit is None:
        visit = repo.add_inspection(permit_id, datetime.utcnow(), inspector)
    visit.result = result
    visit.notes = notes
    permit = repo.get(permit_id)
    if result == "pass":
        permit.status = "closed"
        project = db.get(InstallationProject, permit.project_id)
        if project and project.status == "installed":
            project.status = "inspected"
        ProjectService(db).complete_milestone(permit.project_id, "inspection_passed")
    db.commit()


def permit_ready(db: Session, project_id: int) -> bool:
    return PermitRepository(db).all_approved(project_id)
