from decimal import Decimal

from hrapp.common.errors import StateConflict, ValidationFailed
from hrapp.common.money import round_money, to_decimal
from hrapp.models import BenefitEnrollment, Deduction, Dependent
from hrapp.repositories.benefit_repo import BenefitRepository
from hrapp.repositories.payroll_repo import DeductionRepository


def enroll(session, employee_id, plan_code, start_date, coverage_level="employee"):
    repo = BenefitRepository(session)
    plan = repo.by_code(plan_code)
    if plan is None or not plan.active:
        raise ValidationFailed(f"unknown plan {plan_code}")
    for existing in repo.enrollments_for(employee_id, start_date):
        if existing.plan.kind == plan.kind:
            raise StateConflict(f"already enrolled in a {plan.kind} plan")
    enrollment = repo.add_enrollment(
        BenefitEnrollment(plan_id=plan.id, employee_id=employee_id, start_date=start_date, coverage_level=coverage_level)
    )
    if plan.kind == "lease_bike":
        # bike lease is recovered through a payroll deduction instead of the benefit premium
        session.add(Deduction(employee_id=employee_id, code="BIKE", amount=plan.employee_cost,
                              pre_tax=True, start_date=start_date, source_enrollment_id=enrollment.id))
    return enrollment


def add_dependent(session, employee_id, enrollment_id, full_name, relation, birth_date=None):
    dependent = Dependent(employee_id=employee_id, enrollment_id=enrollment_id, full_name=full_name,
                          relation=relation, birth_date=birth_date)
    session.add(dependent)
    return dependent


def end_enrollments(session, employee_id, end_date):
    ended = 0
    for enrollment in BenefitRepository(session).enrollments_for(employee_id, end_date):
        enrollment.end_date = end_date
        for ded in DeductionRepository(session).for_enrollment(enrollment.id):
            ded.end_date = end_date
        ended += 1
    return ended


def monthly_benefit_cost(session, employee_id, on_date, pre_tax_only=False):
    total = Decimal(0)
    for enrollment in BenefitRepository(session).enrollments_for(employee_id, on_date):
        plan = enrollment.plan
        if plan.kind == "lease_bike":
            continue
        if pre_tax_only and not plan.pre_tax:
            continue
        total += to_decimal(plan.employee_cost) + to_decimal(plan.per_dependent_cost) * len(enrollment.dependents)
    return round_money(total)
