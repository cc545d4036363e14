# import every model so that Flask-Migrate sees the whole metadata
from gh.models.base import TimestampMixin, CRUDMixin, SoftDeleteMixin, model_to_dict  # noqa
from gh.models.billing import Airline, Contract, ContractRate, BillableEvent, Invoice, InvoiceLine, Payment  # noqa
from gh.models.flights import Stand, Flight, Turnaround, TurnaroundTask, FlightDelay  # noqa
from gh.models.staff import Staff, Shift, ShiftAssignment, LeaveRequest, Timesheet  # noqa
from gh.models.equipment import (EquipmentType, Equipment, MaintenanceOrder, SparePart,  # noqa
                                 EquipmentAllocation, DefectReport)
from gh.models.baggage import BaggageIncident, DelayedBag, BaggageClaim, IncidentNote  # noqa
from gh.models.fuel import FuelTank, FuelPrice, FuelOrder, FuelDelivery  # noqa
from gh.models.training import Course, TrainingSession, Enrollment, Certification  # noqa
from gh.models.users import Role, User, ApiToken, AuditLog, user_roles  # noqa
