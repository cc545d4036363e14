import logging

from hrapp.common.dates import today
from hrapp.common.errors import StateConflict, ValidationFailed
from hrapp.models import ContractType, Employee, EmploymentContract, EmploymentStatus
from hrapp.repositories.employee_repo import EmployeeRepository, PositionRepository

log = logging.getLogger(__name__)


def hire_employee(session, *, first_name, last_name, work_email, hire_date, position_id, monthly_salary,
                  manager_id=None, contract_type=ContractType.PERMANENT, weekly_hours=40, tax_code="STD"):
    repo = EmployeeRepository(session)
    position = PositionRepository(session).get_or_404(position_id)
    if position.max_salary and monthly_salary > position.max_salary:
        raise ValidationFailed("salary above the band of the position", details={"max": str(position.max_salary)})
    employee = repo.add(
        Employee(
            employee_number=repo.next_employee_number(),
            first_name=first_name,
            last_name=last_name,
            work_email=work_email,
            hire_date=hire_date,
            position_id=position.id,
            org_unit_id=position.org_unit_id,
            manager_id=manager_id,
            status=EmploymentStatus.PRE_HIRE if hire_date > today() else EmploymentStatus.ACTIVE,
            tax_code=tax_code,
        )
    )
    repo.add_contract(
        EmploymentContract(
            employee_id=employee.id,
            contract_type=contract_type,
            start_date=hire_date,
            monthly_salary=monthly_salary,
            weekly_hours=weekly_hours,
        )
    )
    position.is_open = False

    # new joiners get their leave entitlement straight away
    from hrapp.services.time_service import grant_initial_leave

    grant_initial_leave(session, employee)
    log.info("hired %s as %s", employee.employee_number, position.title)
    return employee


def terminate_employee(session, employee_id, termination_date, reason=None):
    from hrapp.services.benefits_service import end_enrollments
    from hrapp.services.payroll_service import schedule_final_pay
    from hrapp.services.time_service import close_leave_balances

    employee = EmployeeRepository(session).get_or_404(employee_id)
    if employee.status == EmploymentStatus.TERMINATED:
        raise StateConflict("employee already terminated")
    employee.termination_date = termination_date
    employee.status = EmploymentStatus.TERMINATED
    contract = employee.current_contract()
    if contract is not None:
        contract.end_date = termination_date
    for report in EmployeeRepository(session).direct_reports(employee.id):
        report.manager_id = employee.manager_id
    end_enrollments(session, employee.id, termination_date)
    unused_days = close_leave_balances(session, employee.id, termination_date.year)
    schedule_final_pay(session, employee, termination_date, unused_leave_days=unused_days)
    log.info("terminated %s (%s)", employee.employee_number, reason or "n/a")
    return employee


def change_salary(session, employee_id, new_monthly_salary, effective_date):
    """Close the current contract and open a new one with the new salary."""
    employee = EmployeeRepository(session).get_or_404(employee_id)
    current = employee.current_contract()
    if current is None:
        raise StateConflict("employee has no active contract")
    if effective_date <= current.start_date:
        current.monthly_salary = new_monthly_salary
        return current
    current.end_date = effective_date
    new = EmploymentContract(
        employee_id=employee.id,
        contract_type=current.contract_type,
        start_date=effective_date,
        fte=current.fte,
        monthly_salary=new_monthly_salary,
        hourly_rate=current.hourly_rate,
        weekly_hours=current.weekly_hours,
    )
    session.add(new)
    return new
