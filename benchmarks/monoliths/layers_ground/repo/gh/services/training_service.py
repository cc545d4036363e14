from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from flask import current_app

from gh.extensions import db
from gh.models.training import Course, TrainingSession, Enrollment, Certification
from gh.models.staff import Staff
from gh.repositories.people import valid_certifications, course_by_code, enrollments_for_session
from gh.services.notifications import send_email
from gh.utils.validators import ValidationError


def schedule_session(course_code, starts_at, trainer, room=None, capacity=12):
    course = course_by_code(course_code)
    if course is None:
        raise ValidationError("unknown course %s" % course_code)
    s = TrainingSession(course_id=course.id, starts_at=starts_at, trainer=trainer, room=room, capacity=capacity)
    db.session.add(s)
    db.session.commit()
    return s


def enroll_staff(session_id, staff_id):
    session = TrainingSession.query.get(session_id)
    if len(enrollments_for_session(session_id)) >= session.capacity:
        raise ValidationError("session is full")
    e = Enrollment(session_id=session_id, staff_id=staff_id)
    db.session.add(e)
    db.session.commit()
    staff = Staff.query.get(staff_id)
    send_email(staff.email, "Training booked: %s" % session.course.title,
               "You are booked on %s at %s" % (session.course.title, session.starts_at))
    return e


def record_result(enrollment_id, result, score=None):
    e = Enrollment.query.get(enrollment_id)
    e.result = result
    e.score = score
    if result == "PASS":
        session = TrainingSession.query.get(e.session_id)
        issue_certification(e.staff_id, session.course, session.starts_at.date())
    db.session.commit()
    return e


def issue_certification(staff_id, course, issued_on=None):
    issued_on = issued_on or date.today()
    expires = issued_on + relativedelta(months=course.validity_months) if course.validity_months else None
    cert = Certification(staff_id=staff_id, course_id=course.id, issued_on=issued_on, expires_on=expires)
    db.session.add(cert)
    return cert


def has_valid_certification(staff_id, course_code, on=None):
    """Used by rostering / turnaround / equipment to check a person may do the job."""
    if not course_code:
        return True
    for c in valid_certifications(staff_id, on):
        if c.course.code == course_code:
            return True
    return False


def expiring_certifications(days=None):
    days = days or current_app.config.get("CERT_WARNING_DAYS", 45)
    limit = date.today() + timedelta(days=days)
    return Certification.query.filter(Certification.revoked.is_(False),
                                      Certification.expires_on != None,  # noqa
                                      Certification.expires_on <= limit).all()


def mandatory_gaps(team):
    gaps = []
    courses = Course.query.filter_by(mandatory_for_team=team).all()
    for s in Staff.query.filter_by(team=team, active=True).all():
        for c in courses:
            if not has_valid_certification(s.id, c.code):
                gaps.append((s, c))
    return gaps
