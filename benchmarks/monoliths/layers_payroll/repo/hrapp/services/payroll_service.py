import logging
from datetime import timedelta
from decimal import Decimal

from hrapp.common.dates import business_days_between, month_bounds, utcnow
from hrapp.common.errors import StateConflict
from hrapp.common.money import percent_of, prorate_salary, round_money, to_decimal
from hrapp.config import get_settings
from hrapp.models import EmploymentStatus, PayrollRun, PayRunStatus, Payslip
from hrapp.repositories.employee_repo import EmployeeRepository
from hrapp.repositories.payroll_repo import DeductionRepository, PayrollRunRepository, PayslipRepository
from hrapp.repositories.time_repo import TimesheetRepository
from hrapp.services.benefits_service import monthly_benefit_cost
from hrapp.services.expense_service import collect_reimbursements, mark_reimbursed
from hrapp.services.tax import income_tax_for_period, social_security
from hrapp.services.time_service import overtime_hours_for, unpaid_leave_days

log = logging.getLogger(__name__)


def create_run(session, year, month, pay_date=None, off_cycle=False):
    start, end = month_bounds(year, month)
    runs = PayrollRunRepository(session)
    if not off_cycle and runs.for_period(start) is not None:
        raise StateConflict(f"run for {start:%Y-%m} already exists")
    settings = get_settings()
    pay_date = pay_date or end.replace(day=min(settings.payroll_cutoff_day, end.day))
    return runs.add(PayrollRun(period_start=start, period_end=end, pay_date=pay_date, is_off_cycle=off_cycle))


def _base_pay(employee, start, end):
    contract = employee.current_contract(end) or employee.current_contract(start)
    if contract is None:
        return Decimal(0), None
    period_days = business_days_between(start, end)
    worked_from = max(start, employee.hire_date, contract.start_date)
    worked_to = min(end, employee.termination_date or end, contract.end_date or end)
    worked = business_days_between(worked_from, worked_to) if worked_to >= worked_from else 0
    if worked == period_days:
        return round_money(contract.monthly_salary), contract
    return prorate_salary(contract.monthly_salary, worked, period_days), contract


def _hourly_rate(contract):
    if contract.hourly_rate:
        return to_decimal(contract.hourly_rate)
    return round_money(to_decimal(contract.monthly_salary) * 12 / 52 / to_decimal(contract.weekly_hours or 40))


def calculate_payslip(session, run, employee):
    slips = PayslipRepository(session)
    start, end = run.period_start, run.period_end
    base, contract = _base_pay(employee, start, end)
    slip = Payslip(run=run, employee=employee)
    session.add(slip)
    slips.add_line(slip, "BASE", base, "Base salary")
    gross = base

    ot_hours = overtime_hours_for(session, employee.id, start, end)
    if ot_hours and contract is not None:
        ot = round_money(ot_hours * _hourly_rate(contract) * Decimal(str(get_settings().overtime_multiplier)))
        slips.add_line(slip, "OT", ot, f"Overtime {ot_hours}h")
        slip.overtime_hours = ot_hours
        gross += ot

    unpaid = unpaid_leave_days(session, employee.id, start, end)
    if unpaid and contract is not None:
        cut = -prorate_salary(contract.monthly_salary, unpaid, business_days_between(start, end))
        slips.add_line(slip, "UNPAID", cut, f"Unpaid leave {unpaid}d")
        gross += cut

    pre_tax, post_tax = _apply_deductions(session, slip, employee, end)
    taxable = gross - pre_tax
    slip.gross = gross
    slip.taxable = taxable
    slip.income_tax = income_tax_for_period(session, employee, taxable, end.year)
    slip.social_security = social_security(taxable)
    slips.add_line(slip, "TAX", -slip.income_tax, "Wage tax", taxable=False)
    slips.add_line(slip, "SOC", -slip.social_security, "Social security", taxable=False)

    reimbursed = collect_reimbursements(session, employee.id, end)
    if reimbursed:
        slips.add_line(slip, "EXP", reimbursed, "Expense reimbursements", taxable=False)
    slip.reimbursements = reimbursed
    slip.net = round_money(taxable - slip.income_tax - slip.social_security - post_tax + reimbursed)
    return slip


def _apply_deductions(session, slip, employee, on_date):
    slips = PayslipRepository(session)
    pre_tax = Decimal(0)
    post_tax = Decimal(0)
    for ded in DeductionRepository(session).active_for(employee.id, on_date):
        amount = round_money(ded.amount) if ded.amount is not None else percent_of(slip.gross or 0, ded.percent)
        slips.add_line(slip, ded.code, -amount, "Deduction", taxable=not ded.pre_tax)
        if ded.pre_tax:
            pre_tax += amount
        else:
            post_tax += amount
    benefit_cost = monthly_benefit_cost(session, employee.id, on_date, pre_tax_only=True)
    if benefit_cost:
        slips.add_line(slip, "BEN", -benefit_cost, "Benefits (pre-tax)", taxable=False)
        pre_tax += benefit_cost
    return pre_tax, post_tax


def calculate_run(session, run_id):
    runs = PayrollRunRepository(session)
    run = runs.get_or_404(run_id)
    if run.status not in (PayRunStatus.DRAFT, PayRunStatus.CALCULATED):
        raise StateConflict("run is locked")
    for slip in list(run.payslips):
        session.delete(slip)
    session.flush()
    employees = EmployeeRepository(session)
    for employee in employees.active() + _leavers_in_period(session, run):
        calculate_payslip(session, run, employee)
    session.flush()
    runs.update_totals(run)
    run.status = PayRunStatus.CALCULATED
    return run


def _leavers_in_period(session, run):
    from hrapp.models import Employee

    return (
        session.query(Employee)
        .filter(Employee.status == EmploymentStatus.TERMINATED,
                Employee.termination_date.between(run.period_start, run.period_end))
        .all()
    )


def approve_run(session, run_id, approver_id):
    run = PayrollRunRepository(session).get_or_404(run_id)
    if run.status != PayRunStatus.CALCULATED:
        raise StateConflict("run must be calculated first")
    run.status = PayRunStatus.APPROVED
    run.approved_by_id = approver_id
    run.approved_at = utcnow()
    TimesheetRepository(session).lock_for_run(run.id, run.period_start, run.period_end)
    for slip in run.payslips:
        if slip.reimbursements:
            mark_reimbursed(session, slip.employee_id, run.period_end, slip.id)
    return run


def schedule_final_pay(session, employee, termination_date, unused_leave_days=0):
    """Off-cycle run for a leaver, including payout of unused leave."""
    run = create_run(session, termination_date.year, termination_date.month,
                     pay_date=termination_date + timedelta(days=5), off_cycle=True)
    slip = calculate_payslip(session, run, employee)
    slip.is_final_pay = True
    if unused_leave_days:
        contract = employee.current_contract(termination_date)
        day_rate = round_money(to_decimal(contract.monthly_salary) * 12 / 260) if contract else Decimal(0)
        payout = round_money(day_rate * to_decimal(unused_leave_days))
        PayslipRepository(session).add_line(slip, "LEAVE", payout, f"Unused leave {unused_leave_days}d")
        slip.gross += payout
        slip.net += payout
    return run
