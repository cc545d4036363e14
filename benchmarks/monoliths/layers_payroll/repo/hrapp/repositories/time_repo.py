from sqlalchemy import and_, func, select, text

from hrapp.common.base_repository import BaseRepository
from hrapp.models import Absence, LeaveBalance, Timesheet, TimesheetEntry, TimesheetStatus


class TimesheetRepository(BaseRepository):
    model = Timesheet

    def for_week(self, employee_id, week_start):
        return self.session.execute(
            select(Timesheet).where(Timesheet.employee_id == employee_id, Timesheet.week_start == week_start)
        ).scalar_one_or_none()

    def overtime_hours(self, employee_id, start, end):
        return (
            self.session.query(func.coalesce(func.sum(TimesheetEntry.hours), 0))
            .join(Timesheet)
            .filter(
                Timesheet.employee_id == employee_id,
                Timesheet.status == TimesheetStatus.APPROVED,
                TimesheetEntry.is_overtime.is_(True),
                TimesheetEntry.work_date.between(start, end),
            )
            .scalar()
        )

    def lock_for_run(self, run_id, start, end):
        self.session.execute(
            text(
                "UPDATE timesheets SET status = 'locked', payroll_run_id = :run "
                "WHERE status = 'approved' AND week_start BETWEEN :start AND :end"
            ),
            {"run": run_id, "start": start, "end": end},
        )


class AbsenceRepository(BaseRepository):
    model = Absence

    def overlapping(self, employee_id, start, end):
        return (
            self.session.query(Absence)
            .filter(
                Absence.employee_id == employee_id,
                Absence.status != "rejected",
                and_(Absence.start_date <= end, Absence.end_date >= start),
            )
            .all()
        )

    def unpaid_days(self, employee_id, start, end):
        return self.session.execute(
            text(
                "SELECT COALESCE(SUM(days), 0) FROM absences "
                "WHERE employee_id = :emp AND kind = 'unpaid' AND status = 'approved' "
                "AND start_date <= :end AND end_date >= :start"
            ),
            {"emp": employee_id, "start": start, "end": end},
        ).scalar()


class LeaveBalanceRepository(BaseRepository):
    model = LeaveBalance

    def for_year(self, employee_id, year, kind):
        return (
            self.session.query(LeaveBalance)
            .filter_by(employee_id=employee_id, year=year, kind=kind)
            .one_or_none()
        )

    def open_balances(self, year):
        return self.session.query(LeaveBalance).filter_by(year=year, closed=False).all()
