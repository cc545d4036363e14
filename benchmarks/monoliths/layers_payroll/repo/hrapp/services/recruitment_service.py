from datetime import datetime

from hrapp.common.dates import today
from hrapp.common.errors import StateConflict, ValidationFailed
from hrapp.common.formatting import generate_reference
from hrapp.common.notify import render_template, send_email
from hrapp.models import Application, ApplicationStage, Candidate, Interview, JobOpening
from hrapp.repositories.employee_repo import PositionRepository
from hrapp.repositories.recruitment_repo import CandidateRepository, InterviewRepository, JobOpeningRepository
from hrapp.services.employee_service import hire_employee

ALLOWED_MOVES = {
    ApplicationStage.APPLIED: {ApplicationStage.SCREENING, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN},
    ApplicationStage.SCREENING: {ApplicationStage.INTERVIEW, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN},
    ApplicationStage.INTERVIEW: {ApplicationStage.OFFER, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN},
    ApplicationStage.OFFER: {ApplicationStage.HIRED, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN},
}


def open_job(session, position_id, title, hiring_manager_id, closes_on=None, budget_salary=None, description=None):
    position = PositionRepository(session).get_or_404(position_id)
    position.is_open = True
    return JobOpeningRepository(session).add(
        JobOpening(
            reference=generate_reference("JOB", 6), position_id=position.id, title=title,
            hiring_manager_id=hiring_manager_id, closes_on=closes_on, opened_on=today(),
            budget_salary=budget_salary or position.max_salary, description=description, status="published",
        )
    )


def apply(session, opening_id, first_name, last_name, email, source="website", expected_salary=None):
    opening = JobOpeningRepository(session).get_or_404(opening_id)
    if opening.status != "published":
        raise StateConflict("opening is closed")
    candidates = CandidateRepository(session)
    candidate = candidates.by_email(email)
    if candidate is None:
        candidate = candidates.add(Candidate(first_name=first_name, last_name=last_name, email=email, source=source))
    application = Application(opening=opening, candidate=candidate, expected_salary=expected_salary)
    session.add(application)
    return application


def move_stage(session, application_id, new_stage, reason=None):
    application = CandidateRepository(session).application(application_id)
    if new_stage not in ALLOWED_MOVES.get(application.stage, set()):
        raise StateConflict(f"cannot move from {application.stage.value} to {new_stage.value}")
    application.stage = new_stage
    if new_stage == ApplicationStage.REJECTED:
        application.rejection_reason = reason
    return application


def schedule_interview(session, application_id, interviewer_id, when: datetime, kind="onsite"):
    application = CandidateRepository(session).application(application_id)
    if application.stage == ApplicationStage.SCREENING:
        application.stage = ApplicationStage.INTERVIEW
    interview = InterviewRepository(session).add(
        Interview(application_id=application.id, interviewer_id=interviewer_id, scheduled_at=when, kind=kind)
    )
    candidate = application.candidate
    send_email(candidate.email, "Interview invitation",
               render_template("interview_invite", name=candidate.first_name, when=f"{when:%d %b %H:%M}"))
    return interview


def make_offer(session, application_id, salary):
    application = CandidateRepository(session).application(application_id)
    opening = application.opening
    if opening.budget_salary and salary > opening.budget_salary:
        raise ValidationFailed("offer above budget")
    avg = InterviewRepository(session).average_score(application.id)
    if avg is not None and avg < 3:
        raise ValidationFailed("interview scores too low for an offer")
    application.offer_salary = salary
    return move_stage(session, application.id, ApplicationStage.OFFER)


def accept_offer(session, application_id, start_date, work_email):
    """Candidate accepted: create the employee record and close the opening."""
    application = CandidateRepository(session).application(application_id)
    candidate = application.candidate
    opening = application.opening
    employee = hire_employee(
        session,
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        work_email=work_email,
        hire_date=start_date,
        position_id=opening.position_id,
        monthly_salary=application.offer_salary,
        manager_id=opening.hiring_manager_id,
    )
    candidate.hired_employee_id = employee.id
    move_stage(session, application.id, ApplicationStage.HIRED)
    opening.status = "filled"
    for other in opening.applications:
        if other.id != application.id and other.stage not in (ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN):
            other.stage = ApplicationStage.REJECTED
            other.rejection_reason = "position filled"
    return employee
