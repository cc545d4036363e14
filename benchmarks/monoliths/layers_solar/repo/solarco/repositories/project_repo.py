from datetime import date
from typing import List, Optional

from sqlalchemy import and_, func, select, text
from sqlalchemy.orm import selectinload

from solarco.models.project import (Crew, CrewAssignment, CrewMember, InstallationProject,
                                    ProjectMilestone)
from solarco.repositories.base import BaseRepository


class ProjectRepository(BaseRepository[InstallationProject]):
    model = InstallationProject

    def get_full(self, project_id: int) -> Optional[InstallationProject]:
        stmt = (select(InstallationProject)
                .options(selectinload(InstallationProject.milestones))
                .where(InstallationProject.id == project_id))
        return self.db.scalars(stmt).first()

    def by_number(self, number: str) -> Optional[InstallationProject]:
        return self.db.scalars(select(InstallationProject)
                               .where(InstallationProject.project_number == number)).first()

    def by_quote(self, quote_id: int) -> Optional[InstallationProject]:
        return self.db.scalars(select(InstallationProject)
                               .where(InstallationProject.quote_id == quote_id)).first()

    def by_status(self, *statuses: str) -> List[InstallationProject]:
        stmt = (select(InstallationProject)
                .where(InstallationProject.status.in_(statuses))
                .order_by(InstallationProject.install_date.nulls_last()))
        return list(self.db.scalars(stmt))

    def scheduled_between(self, start: date, end: date) -> List[InstallationProject]:
        stmt = select(InstallationProject).where(
            InstallationProject.install_date.between(start, end),
            InstallationProject.status.in_(("scheduled", "in_progress")),
        )
        return list(self.db.scalars(stmt))

    def next_number(self) -> str:
        year = date.today().year
        n = self.db.execute(
            text("SELECT count(*) FROM installation_projects "
                 "WHERE project_number LIKE :p"), {"p": f"PRJ-{year}-%"}
        ).scalar() or 0
        return f"PRJ-{year}-{n + 1:04d}"

    def add_milestone(self, project_id: int, sequence: int, name: str, due: Optional[date]) -> ProjectMilestone:
        ms = ProjectMilestone(project_id=project_id, sequence=sequence, name=name, due_date=due)
        self.db.add(ms)
        return ms

    def milestone(self, project_id: int, name: str) -> Optional[ProjectMilestone]:
        return self.db.scalars(select(ProjectMilestone).where(
            ProjectMilestone.project_id == project_id, ProjectMilestone.name == name)).first()


class CrewRepository(BaseRepository[Crew]):
    model = Crew

    def active(self, region: Optional[str] = None) -> List[Crew]:
        stmt = select(Crew).where(Crew.active.is_(True))
        if region:
            stmt = stmt.where(Crew.region == region)
        return list(self.db.scalars(stmt.order_by(Crew.name)))

    def members(self, crew_id: int) -> List[CrewMember]:
        return list(self.db.scalars(select(CrewMember).where(CrewMember.crew_id == crew_id)))

    def assignments_on(self, work_date: date) -> List[CrewAssignment]:
        return list(self.db.scalars(select(CrewAssignment).where(CrewAssignment.work_date == work_date)))

    def assignments_for_crew(self, crew_id: int, start: date, end: date) -> List[CrewAssignment]:
        stmt = (select(CrewAssignment)
                .where(CrewAssignment.crew_id == crew_id,
                       CrewAssignment.work_date.between(start, end))
                .order_by(CrewAssignment.work_date))
        return list(self.db.scalars(stmt))

    def free_crews(self, work_date: date, region: Optional[str] = None,
                   needs_battery: bool = False) -> List[Crew]:
        busy = select(CrewAssignment.crew_id).where(CrewAssignment.work_date == work_date)
        stmt = select(Crew).where(Crew.active.is_(True), Crew.id.not_in(busy))
        if region:
            stmt = stmt.where(Crew.region == region)
        if needs_battery:
            stmt = stmt.where(Crew.does_batteries.is_(True))
        return list(self.db.scalars(stmt))

    def assign(self, crew_id: int, work_date: date, project_id: Optional[int] = None,
               service_ticket_id: Optional[int] = None, kind: str = "install",
               hours: float = 8) -> CrewAssignment:
        a = CrewAssignment(crew_id=crew_id, work_date=work_date, project_id=project_id,
                           service_ticket_id=service_ticket_id, kind=kind, hours=hours)
        self.db.add(a)
        self.db.flush()
        return a

    def unassign_project(self, project_id: int) -> int:
        return self.db.execute(
            text("DELETE FROM crew_assignments WHERE project_id = :p AND work_date >= current_date"),
            {"p": project_id},
        ).rowcount

    def hours_by_crew(self, start: date, end: date) -> dict:
        rows = self.db.execute(
            select(CrewAssignment.crew_id, func.sum(CrewAssignment.hours))
            .where(and_(CrewAssignment.work_date >= start, CrewAssignment.work_date <= end))
            .group_by(CrewAssignment.crew_id)
        ).all()
        return {crew_id: float(h or 0) for crew_id, h in rows}
