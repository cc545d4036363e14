from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, String,
                        Text)
from sqlalchemy.orm import relationship

from carehub.core.database import Base
from carehub.models.base import AuditMixin, TimestampMixin

__all__ = ["Incident", "IncidentAction", "SafeguardingReferral", "BodyMapEntry"]


class Incident(Base, AuditMixin):
    __tablename__ = "incidents"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True)
    client_id = Column(Integer, ForeignKey("clients.id"), index=True)
    staff_id = Column(Integer, ForeignKey("staff.id"), index=True)
    visit_id = Column(Integer, ForeignKey("visits.id"))
    mar_entry_id = Column(Integer, ForeignKey("mar_entries.id"))
    occurred_at = Column(DateTime)
    category = Column(String(40))  # fall, medication_error, missed_visit, injury, complaint, safeguarding, other
    severity = Column(String(20), default="low")
    description = Column(Text)
    immediate_action = Column(Text)
    status = Column(String(20), default="open")
    riddor_reportable = Column(Boolean, default=False)
    cqc_notified_at = Column(DateTime)
    closed_at = Column(DateTime)

    actions = relationship("IncidentAction", back_populates="incident")


class IncidentAction(Base, TimestampMixin):
    __tablename__ = "incident_actions"

    id = Column(Integer, primary_key=True)
    incident_id = Column(Integer, ForeignKey("incidents.id"), nullable=False)
    description = Column(Text)
    owner_id = Column(Integer, ForeignKey("users.id"))
    due_date = Column(Date)
    done_on = Column(Date)

    incident = relationship("Incident", back_populates="actions")


class SafeguardingReferral(Base, AuditMixin):
    __tablename__ = "safeguarding_referrals"

    id = Column(Integer, primary_key=True)
    incident_id = Column(Integer, ForeignKey("incidents.id"))
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False)
    abuse_type = Column(String(40))
    alleged_perpetrator = Column(String(40))  # staff, family, other
    referred_to = Column(String(120))  # local authority safeguarding team
    referred_on = Column(Date)
    la_reference = Column(String(40))
    outcome = Column(Text)
    status = Column(String(20), default="open")


class BodyMapEntry(Base, TimestampMixin):
    __tablename__ = "body_map_entries"

    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id"), nullable=False, index=True)
    incident_id = Column(Integer, ForeignKey("incidents.id"))
    visit_id = Column(Integer, ForeignKey("visits.id"))
    recorded_by_staff_id = Column(Integer, ForeignKey("staff.id"))
    body_region = Column(String(40))
    mark_type = Column(String(40))  # bruise, skin_tear, pressure_area, rash
    size_mm = Column(Integer)
    description = Column(Text)
    photo_path = Column(String(255))
