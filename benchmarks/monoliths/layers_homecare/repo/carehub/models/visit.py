from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey, Integer,
                        String, Text)
from sqlalchemy.orm import relationship

from carehub.core.database import Base
from carehub.models.base import TimestampMixin

__all__ = ["Visit", "VisitTaskLog", "CareRun", "CallMonitoringEvent", "TravelLeg"]


class CareRun(Base, TimestampMixin):
    __tablename__ = "care_runs"

    id = Column(Integer, primary_key=True)
    name = Column(String(60))
    area = Column(String(40))
    run_date = Column(Date, index=True)
    staff_id = Column(Integer, ForeignKey("staff.id"))
    shift = Column(String(20))  # am, lunch, pm, night
    published = Column(Boolean, default=False)

    visits = relationship("Visit", back_populates="run", order_by="Visit.planned_start")


class Visit(Base, TimestampMixin):
    __tablename__ = "visits"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    care_plan_task_id = Column(Integer, ForeignKey("care_plan_tasks.id"))
    run_id = Column(Integer, ForeignKey("care_runs.id"))
    staff_id = Column(Integer, ForeignKey("staff.id"), index=True)
    second_staff_id = Column(Integer, ForeignKey("staff.id"))
    planned_start = Column(DateTime, nullable=False, index=True)
    planned_minutes = Column(Integer, nullable=False, default=30)
    actual_start = Column(DateTime)
    actual_end = Column(DateTime)
    status = Column(String(24), default="planned", index=True)
    cancel_reason = Column(String(120))
    notes = Column(Text)
    invoiced = Column(Boolean, default=False)
    invoice_line_id = Column(Integer, ForeignKey("invoice_lines.id"))
    timesheet_entry_id = Column(Integer, ForeignKey("timesheet_entries.id"))

    run = relationship("CareRun", back_populates="visits")
    task_logs = relationship("VisitTaskLog", back_populates="visit")


class VisitTaskLog(Base):
    __tablename__ = "visit_task_logs"

    id = Column(Integer, primary_key=True)
    visit_id = Column(Integer, ForeignKey("visits.id"), nullable=False, index=True)
    care_plan_task_id = Column(Integer, ForeignKey("care_plan_tasks.id"))
    completed = Column(Boolean, default=False)
    not_done_reason = Column(String(120))
    note = Column(Text)
    recorded_at = Column(DateTime)

    visit = relationship("Visit", back_populates="task_logs")


class CallMonitoringEvent(Base):
    __tablename__ = "call_monitoring_events"

    id = Column(Integer, primary_key=True)
    visit_id = Column(Integer, ForeignKey("visits.id"), index=True)
    staff_id = Column(Integer, ForeignKey("staff.id"))
    event_type = Column(String(20))  # check_in, check_out, alert_late, alert_missed
    occurred_at = Column(DateTime)
    lat = Column(Float)
    lng = Column(Float)
    method = Column(String(20), default="app")  # app, telephony, nfc, manual
    distance_m = Column(Integer)
    flagged = Column(Boolean, default=False)


class TravelLeg(Base):
    __tablename__ = "travel_legs"

    id = Column(Integer, primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), index=True)
    from_visit_id = Column(Integer, ForeignKey("visits.id"))
    to_visit_id = Column(Integer, ForeignKey("visits.id"))
    leg_date = Column(Date, index=True)
    distance_km = Column(Float)
    minutes = Column(Integer)
