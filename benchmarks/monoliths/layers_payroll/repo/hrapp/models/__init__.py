from hrapp.models.compensation import (  # noqa: F401
    BenefitEnrollment,
    BenefitPlan,
    ContractType,
    Deduction,
    Dependent,
    EmploymentContract,
    PayslipLine,
    TaxBracket,
)
from hrapp.models.core import Employee, EmploymentStatus, OrgUnit, PayrollRun, PayRunStatus, Payslip, Position  # noqa: F401
from hrapp.models.expenses import ClaimStatus, ExpenseClaim, ExpenseItem, Receipt  # noqa: F401
from hrapp.models.hiring import Application, ApplicationStage, Candidate, Interview, JobOpening  # noqa: F401
from hrapp.models.talent import Goal, PerformanceReview, ReviewCycle  # noqa: F401
from hrapp.models.time import Absence, AbsenceType, LeaveBalance, Timesheet, TimesheetEntry, TimesheetStatus  # noqa: F401
