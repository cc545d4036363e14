import enum


class Role(str, enum.Enum):
    ADMIN = "admin"
    MANAGER = "manager"
    COORDINATOR = "coordinator"
    FINANCE = "finance"
    CARER = "carer"
    SENIOR_CARER = "senior_carer"


class VisitStatus(str, enum.Enum):
    PLANNED = "planned"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    MISSED = "missed"
    CANCELLED = "cancelled"
    CANCELLED_CHARGEABLE = "cancelled_chargeable"


class CarePlanStatus(str, enum.Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    UNDER_REVIEW = "under_review"
    SUPERSEDED = "superseded"


class MarOutcome(str, enum.Enum):
    GIVEN = "G"
    REFUSED = "R"
    NOT_AVAILABLE = "N"
    PRN_NOT_REQUIRED = "P"
    HOSPITAL = "H"
    OTHER = "O"


class InvoiceStatus(str, enum.Enum):
    DRAFT = "draft"
    ISSUED = "issued"
    PART_PAID = "part_paid"
    PAID = "paid"
    CREDITED = "credited"


class IncidentSeverity(str, enum.Enum):
    LOW = "low"
    MODERATE = "moderate"
    SERIOUS = "serious"
    CRITICAL = "critical"


COUNCIL_FUNDER_TYPES = ("council", "nhs_chc")
MAX_CARER_HOURS_PER_WEEK = 60
