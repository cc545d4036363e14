from decimal import Decimal

from hrapp.common.dates import count_leave_days, iso_week_start, utcnow
from hrapp.common.errors import StateConflict, ValidationFailed
from hrapp.common.notify import notify_employee
from hrapp.config import get_settings
from hrapp.models import Absence, AbsenceType, LeaveBalance, Timesheet, TimesheetEntry, TimesheetStatus
from hrapp.repositories.employee_repo import EmployeeRepository
from hrapp.repositories.time_repo import AbsenceRepository, LeaveBalanceRepository, TimesheetRepository

MAX_HOURS_PER_DAY = Decimal("12")


def log_hours(session, employee_id, work_date, hours, project_code=None, note=None):
    repo = TimesheetRepository(session)
    week = iso_week_start(work_date)
    sheet = repo.for_week(employee_id, week)
    if sheet is None:
        sheet = repo.add(Timesheet(employee_id=employee_id, week_start=week))
    if sheet.status not in (TimesheetStatus.OPEN, TimesheetStatus.REJECTED):
        raise StateConflict("timesheet already submitted")
    if Decimal(str(hours)) > MAX_HOURS_PER_DAY:
        raise ValidationFailed("too many hours for one day")
    entry = TimesheetEntry(timesheet=sheet, work_date=work_date, hours=hours, project_code=project_code, note=note)
    session.add(entry)
    return entry


def _flag_overtime(sheet, weekly_hours):
    running = Decimal(0)
    for entry in sorted(sheet.entries, key=lambda e: e.work_date):
        running += Decimal(entry.hours)
        entry.is_overtime = running > weekly_hours


def submit_timesheet(session, timesheet_id):
    sheet = TimesheetRepository(session).get_or_404(timesheet_id)
    if not sheet.entries:
        raise ValidationFailed("empty timesheet")
    contract = sheet.employee.current_contract(sheet.week_start)
    _flag_overtime(sheet, Decimal(contract.weekly_hours if contract else 40))
    sheet.status = TimesheetStatus.SUBMITTED
    sheet.submitted_at = utcnow()
    return sheet


def approve_timesheet(session, timesheet_id, approver_id):
    sheet = TimesheetRepository(session).get_or_404(timesheet_id)
    if sheet.status != TimesheetStatus.SUBMITTED:
        raise StateConflict("timesheet is not submitted")
    sheet.status = TimesheetStatus.APPROVED
    sheet.approved_by_id = approver_id
    return sheet


def overtime_hours_for(session, employee_id, start, end):
    return Decimal(TimesheetRepository(session).overtime_hours(employee_id, start, end) or 0)


def unpaid_leave_days(session, employee_id, start, end):
    return Decimal(AbsenceRepository(session).unpaid_days(employee_id, start, end) or 0)


def grant_initial_leave(session, employee):
    settings = get_settings()
    year = employee.hire_date.year
    remaining_months = 12 - employee.hire_date.month + 1
    entitled = round(settings.annual_leave_days * remaining_months / 12 * 2) / 2
    balance = LeaveBalance(employee_id=employee.id, year=year, kind=AbsenceType.VACATION, entitled=entitled)
    session.add(balance)
    return balance


def request_leave(session, employee_id, kind, start, end, half_day_start=False, half_day_end=False, reason=None):
    if end < start:
        raise ValidationFailed("end before start")
    absences = AbsenceRepository(session)
    if absences.overlapping(employee_id, start, end):
        raise StateConflict("overlaps an existing absence")
    days = count_leave_days(start, end, half_day_start, half_day_end)
    if kind == AbsenceType.VACATION:
        balance = LeaveBalanceRepository(session).for_year(employee_id, start.year, kind)
        if balance is None or balance.remaining < days:
            raise ValidationFailed("insufficient leave balance")
    absence = Absence(
        employee_id=employee_id, kind=kind, start_date=start, end_date=end, days=days,
        half_day_start=half_day_start, half_day_end=half_day_end, reason=reason,
        status="approved" if kind == AbsenceType.SICK else "requested",
    )
    return absences.add(absence)


def approve_leave(session, absence_id, approver_id):
    absence = AbsenceRepository(session).get_or_404(absence_id)
    if absence.status != "requested":
        raise StateConflict("absence already decided")
    absence.status = "approved"
    absence.approver_id = approver_id
    if absence.kind == AbsenceType.VACATION:
        balance = LeaveBalanceRepository(session).for_year(absence.employee_id, absence.start_date.year, absence.kind)
        balance.taken = (balance.taken or 0) + absence.days
    notify_employee(absence.employee, "leave_approved", "Leave approved", start=absence.start_date, end=absence.end_date)
    return absence


def reject_leave(session, absence_id, approver_id, reason):
    absence = AbsenceRepository(session).get_or_404(absence_id)
    absence.status = "rejected"
    absence.approver_id = approver_id
    notify_employee(absence.employee, "leave_rejected", "Leave rejected", reason=reason)
    return absence


def accrue_leave_for_year(session, year):
    """Open next year's balances, carrying over at most max_carry_over_days."""
    settings = get_settings()
    balances = LeaveBalanceRepository(session)
    created = 0
    for employee in EmployeeRepository(session).active():
        previous = balances.for_year(employee.id, year - 1, AbsenceType.VACATION)
        carry = min(previous.remaining, settings.max_carry_over_days) if previous else 0
        if balances.for_year(employee.id, year, AbsenceType.VACATION) is None:
            contract = employee.current_contract()
            fte = float(contract.fte) if contract else 1.0
            session.add(LeaveBalance(employee_id=employee.id, year=year, kind=AbsenceType.VACATION,
                                     entitled=settings.annual_leave_days * fte, carried_over=carry))
            created += 1
        if previous is not None:
            previous.closed = True
    return created


def close_leave_balances(session, employee_id, year):
    """Close balances on exit; returns unused vacation days (paid out by payroll)."""
    unused = Decimal(0)
    for balance in session.query(LeaveBalance).filter_by(employee_id=employee_id, year=year, closed=False):
        if balance.kind == AbsenceType.VACATION:
            unused += Decimal(balance.remaining)
        balance.closed = True
    return unused
