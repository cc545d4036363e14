from decimal import Decimal

from hrapp.common.dates import today, utcnow
from hrapp.common.errors import StateConflict, ValidationFailed
from hrapp.common.money import percent_of
from hrapp.models import Goal, PerformanceReview, ReviewCycle
from hrapp.repositories.employee_repo import EmployeeRepository
from hrapp.repositories.review_repo import GoalRepository, ReviewRepository
from hrapp.services.employee_service import change_salary

MERIT_MATRIX = {1: Decimal("0"), 2: Decimal("1.0"), 3: Decimal("2.5"), 4: Decimal("4.0"), 5: Decimal("6.0")}


def start_cycle(session, name, starts_on, ends_on, merit_budget_pct=3):
    cycle = ReviewCycle(name=name, starts_on=starts_on, ends_on=ends_on, status="open", merit_budget_pct=merit_budget_pct)
    session.add(cycle)
    session.flush()
    for employee in EmployeeRepository(session).active():
        if employee.manager_id is None:
            continue
        session.add(PerformanceReview(cycle_id=cycle.id, employee_id=employee.id, reviewer_id=employee.manager_id))
    return cycle


def submit_review(session, review_id, reviewer_id, rating, summary):
    review = ReviewRepository(session).get_or_404(review_id)
    if review.reviewer_id != reviewer_id:
        raise ValidationFailed("not the assigned reviewer")
    if review.cycle.status != "open":
        raise StateConflict("cycle is closed")
    review.rating = rating
    review.summary = summary
    review.submitted_at = utcnow()
    return review


def set_goal(session, employee_id, title, weight=1, due_date=None, cycle_id=None):
    return GoalRepository(session).add(
        Goal(employee_id=employee_id, title=title, weight=weight, due_date=due_date, cycle_id=cycle_id)
    )


def apply_merit_increases(session, cycle_id, effective_date=None):
    """Close the cycle and push merit increases into the employees' contracts."""
    effective_date = effective_date or today()
    cycle = session.get(ReviewCycle, cycle_id)
    raised = 0
    for review in ReviewRepository(session).in_cycle(cycle_id):
        rating = review.calibrated_rating or review.rating
        pct = MERIT_MATRIX.get(rating or 0, Decimal(0))
        contract = review.employee.current_contract()
        if not pct or contract is None:
            continue
        new_salary = contract.monthly_salary + percent_of(contract.monthly_salary, pct)
        change_salary(session, review.employee_id, new_salary, effective_date)
        raised += 1
    cycle.status = "closed"
    return raised
