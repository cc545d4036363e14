"""Rostering: districts, inspector certifications, shifts and leave."""
import datetime as dt
import json

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin


class District(Base, IdMixin):
    __tablename__ = "districts"

    code = Column(String(10), unique=True, nullable=False)
    name = Column(String(80))
    polygon_json = Column(Text)  # [[lon, lat], ...] exported from GIS
    supervisor_id = Column(Integer, ForeignKey("staff.id", use_alter=True))

    def polygon(self):
        return json.loads(self.polygon_json or "[]")


class InspectorCertification(Base, IdMixin):
    __tablename__ = "inspector_certifications"

    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False)
    cert_code = Column(String(10), nullable=False)  # ICC: B1, B2, E1, P1, M1, CE (code enforcement)
    issued_on = Column(Date)
    expires_on = Column(Date)

    staff = relationship("StaffMember", back_populates="certifications")

    def valid_on(self, day):
        return self.expires_on is None or self.expires_on >= day


class Shift(Base, IdMixin):
    __tablename__ = "shifts"

    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False)
    work_date = Column(Date, nullable=False)
    starts_at = Column(Time)
    ends_at = Column(Time)
    district_id = Column(Integer, ForeignKey("districts.id"))
    kind = Column(String(10), default="field")  # field, office, on_call
    published = Column(DateTime)

    staff = relationship("StaffMember")


class LeaveRequest(Base, IdMixin):
    __tablename__ = "leave_requests"

    staff_id = Column(Integer, ForeignKey("staff.id"), nullable=False)
    first_day = Column(Date, nullable=False)
    last_day = Column(Date, nullable=False)
    kind = Column(String(20), default="vacation")  # vacation, sick, training
    status = Column(String(20), default="requested")  # requested, approved, denied
    approved_by_id = Column(Integer, ForeignKey("staff.id"))
    source = Column(String(10), default="app")  # app, hr_sync
    created_at = Column(DateTime, default=dt.datetime.utcnow)

    def covers(self, day):
        return self.status == "approved" and self.first_day <= day <= self.last_day
