# Import every model module so relationship() strings resolve and
# Base.metadata knows all tables (alembic autogenerate relies on this).
from models.base import Base, Session, get_session  # noqa: F401
from models.core import (Applicant, ApplicationContractor, ApplicationStatus, AssessedFee,  # noqa: F401
                         Contractor, Inspection, InspectionOutcome, Parcel, Payment, Permit,
                         PermitApplication, PermitType, StaffMember)
from models.documents import Document, DocumentVersion, PlanSet  # noqa: F401
from models.enforcement import Citation, Complaint, EnforcementCase, Violation, ViolationNotice  # noqa: F401
from models.fees import FeeSchedule, FeeScheduleItem, Refund  # noqa: F401
from models.inspection import ChecklistResult, Deficiency, InspectionRequest, InspectionType  # noqa: F401
from models.licensing import ContractorLicense, InsuranceCertificate, LicenseClass, LicenseRenewal  # noqa: F401
from models.review import PlanReview  # noqa: F401
from models.staff import District, InspectorCertification, LeaveRequest, Shift  # noqa: F401
