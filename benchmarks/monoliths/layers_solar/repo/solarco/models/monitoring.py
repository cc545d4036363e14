"""Post-install: monitoring fleet, alerts, O&M contracts and service tickets."""
from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String,
                        Text, UniqueConstraint, func)
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin


class MonitoredSystem(Base, TimestampMixin):
    __tablename__ = "monitored_systems"

    id = Column(Integer, primary_key=True)
    project_id = Column(Integer, ForeignKey("installation_projects.id"), unique=True)
    lead_id = Column(Integer, ForeignKey("leads.id"))
    inverter_vendor = Column(String(40))  # enphase, solaredge, sma, tesla
    inverter_serial = Column(String(80), index=True)
    site_external_id = Column(String(80))
    system_size_kw = Column(Numeric(8, 2))
    state = Column(String(2))
    commissioned_on = Column(Date)
    expected_annual_kwh = Column(Numeric(10, 1))
    last_reading_at = Column(DateTime)
    status = Column(String(20), default="active")  # active, offline, decommissioned

    readings = relationship("ProductionReading", back_populates="system")


class ProductionReading(Base):
    __tablename__ = "production_readings"
    __table_args__ = (UniqueConstraint("system_id", "reading_date"),)

    id = Column(Integer, primary_key=True)
    system_id = Column(Integer, ForeignKey("monitored_systems.id"), nullable=False)
    reading_date = Column(Date, nullable=False)
    kwh = Column(Numeric(10, 3))
    peak_kw = Column(Numeric(8, 3))
    source = Column(String(20), default="poller")

    system = relationship("MonitoredSystem", back_populates="readings")


class SystemAlert(Base):
    __tablename__ = "system_alerts"

    id = Column(Integer, primary_key=True)
    system_id = Column(Integer, ForeignKey("monitored_systems.id"), nullable=False)
    severity = Column(String(10), default="warning")
    code = Column(String(40))
    message = Column(Text)
    opened_at = Column(DateTime, server_default=func.now())
    resolved_at = Column(DateTime)
    ticket_id = Column(Integer, ForeignKey("service_tickets.id"))


class MaintenanceContract(Base, TimestampMixin):
    __tablename__ = "maintenance_contracts"

    id = Column(Integer, primary_key=True)
    system_id = Column(Integer, ForeignKey("monitored_systems.id"), nullable=False)
    plan = Column(String(20), default="basic")  # basic, plus, premium
    annual_fee = Column(Numeric(10, 2))
    start_date = Column(Date)
    end_date = Column(Date)
    auto_renew = Column(Boolean, default=True)
    cancelled_at = Column(DateTime)


class ServiceTicket(Base, TimestampMixin):
    __tablename__ = "service_tickets"

    id = Column(Integer, primary_key=True)
    system_id = Column(Integer, ForeignKey("monitored_systems.id"), nullable=False)
    contract_id = Column(Integer, ForeignKey("maintenance_contracts.id"))
    category = Column(String(30))  # inverter, panel, roof_leak, monitoring, cleaning, other
    priority = Column(String(10), default="normal")
    status = Column(String(20), default="open")  # open, scheduled, resolved, closed
    description = Column(Text)
    assigned_crew_id = Column(Integer, ForeignKey("crews.id"))
    scheduled_for = Column(Date)
    resolved_at = Column(DateTime)
    resolution = Column(Text)
    billable = Column(Boolean, default=False)
    labor_hours = Column(Numeric(5, 2))
