"""Installation projects and the crews that build them."""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String,
                        Text)
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin

PROJECT_STATUSES = ("pending", "permitting", "scheduled", "in_progress", "installed",
                    "inspected", "complete", "cancelled", "on_hold")


class Crew(Base, TimestampMixin):
    __tablename__ = "crews"

    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False)
    region = Column(String(40))
    lead_installer = Column(String(120))
    max_kw_per_day = Column(Numeric(6, 2), default=8)
    does_batteries = Column(Boolean, default=False)
    active = Column(Boolean, default=True)

    members = relationship("CrewMember", back_populates="crew")


class CrewMember(Base):
    __tablename__ = "crew_members"

    id = Column(Integer, primary_key=True)
    crew_id = Column(Integer, ForeignKey("crews.id"), nullable=False)
    full_name = Column(String(120))
    role = Column(String(40))  # installer, electrician, foreman, apprentice
    phone = Column(String(32))
    email = Column(String(200))
    certified_electrician = Column(Boolean, default=False)
    active = Column(Boolean, default=True)

    crew = relationship("Crew", back_populates="members")


class InstallationProject(Base, TimestampMixin):
    __tablename__ = "installation_projects"

    id = Column(Integer, primary_key=True)
    project_number = Column(String(20), unique=True)
    quote_id = Column(Integer, ForeignKey("quotes.id"), nullable=False)
    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False)
    status = Column(String(20), default="pending", index=True)
    address = Column(String(300))
    state = Column(String(2))
    system_size_kw = Column(Numeric(8, 2))
    has_battery = Column(Boolean, default=False)
    crew_id = Column(Integer, ForeignKey("crews.id"))
    install_date = Column(Date)
    install_days = Column(Integer, default=1)
    installed_at = Column(DateTime)
    completed_at = Column(DateTime)
    hold_reason = Column(String(200))
    notes = Column(Text)

    milestones = relationship("ProjectMilestone", back_populates="project",
                              order_by="ProjectMilestone.sequence")
    crew = relationship("Crew")


class ProjectMilestone(Base):
    __tablename__ = "project_milestones"

    id = Column(Integer, primary_key=True)
    project_id = Column(Integer, ForeignKey("installation_projects.id"), nullable=False)
    sequence = Column(Integer, default=0)
    name = Column(String(80))
    due_date = Column(Date)
    done_at = Column(DateTime)

    project = relationship("InstallationProject", back_populates="milestones")


class CrewAssignment(Base):
    __tablename__ = "crew_assignments"

    id = Column(Integer, primary_key=True)
    crew_id = Column(Integer, ForeignKey("crews.id"), nullable=False)
    project_id = Column(Integer, ForeignKey("installation_projects.id"))
    service_ticket_id = Column(Integer, ForeignKey("service_tickets.id"))  # added 2021 for service calls
    work_date = Column(Date, nullable=False, index=True)
    hours = Column(Numeric(4, 1), default=8)
    kind = Column(String(20), default="install")  # install, service, inspection_meet
