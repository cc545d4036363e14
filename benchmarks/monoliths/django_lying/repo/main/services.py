import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone

from common.utils import send_templated_email
from main.models import Enrollment, EnrollmentLog, Lesson, LessonProgress, Submission

log = logging.getLogger(__name__)


class EnrollmentClosed(Exception):
    pass


def log_enrollment_event(enrollment, event, note=""):
    EnrollmentLog.objects.create(enrollment=enrollment, event=event, note=note[:255])


@transaction.atomic
def enroll_user(user, course, source="free", cohort=None):
    if cohort is not None and cohort.seats_left() == 0:
        raise EnrollmentClosed("cohort is full")
    enrollment, created = Enrollment.objects.get_or_create(
        user=user, course=course, defaults={"source": source, "cohort": cohort}
    )
    if not created and enrollment.status == Enrollment.DROPPED:
        enrollment.status = Enrollment.ACTIVE
        enrollment.source = source
        enrollment.save()
        log_enrollment_event(enrollment, "reactivated", source)
    elif created:
        log_enrollment_event(enrollment, "enrolled", source)
        send_templated_email(user.email, "welcome_to_course", {"course": course, "user": user})
    return enrollment


def drop_enrollment(enrollment, reason=""):
    enrollment.status = Enrollment.DROPPED
    enrollment.save(update_fields=["status", "updated_at"])
    log_enrollment_event(enrollment, "dropped", reason)


def can_access_course(user, course):
    from common.utils import user_has_active_subscription

    if course.is_free:
        return True
    if Enrollment.objects.filter(user=user, course=course).exclude(status=Enrollment.DROPPED).exists():
        return True
    return course.included_in_subscription and user_has_active_subscription(user)


def inactive_enrollments(days=None):
    days = days or settings.INACTIVE_REMINDER_DAYS
    cutoff = timezone.now() - timedelta(days=days)
    return Enrollment.objects.raw(
        "SELECT e.* FROM enrollments e "
        "JOIN accounts_user u ON u.id = e.user_id "
        "WHERE e.status = 'active' AND e.last_activity_at < %s AND u.is_active "
        "ORDER BY e.last_activity_at",
        [cutoff],
    )


def complete_course_if_done(enrollment):
    from legacy.services import issue_certificate

    if enrollment.status == Enrollment.COMPLETED:
        return False
    if completion_ratio(enrollment) < 1.0:
        return False
    grade = final_grade(enrollment)
    if grade is not None and grade < settings.PASSING_GRADE:
        return False
    enrollment.status = Enrollment.COMPLETED
    enrollment.completed_at = timezone.now()
    enrollment.save(update_fields=["status", "completed_at", "updated_at"])
    log_enrollment_event(enrollment, "completed")
    issue_certificate(enrollment, grade=grade)
    return True


# ---------------------------------------------------------------- progress


def mark_lesson_done(enrollment, lesson, seconds=0):
    progress, _ = LessonProgress.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    progress.completed = True
    progress.seconds_watched = max(progress.seconds_watched, seconds)
    progress.save()
    enrollment.touch()
    return progress


def completion_ratio(enrollment):
    total = Lesson.objects.filter(course_id=enrollment.course_id).count()
    if not total:
        return 0.0
    done = LessonProgress.objects.filter(enrollment=enrollment, completed=True).count()
    return done / total


def next_lesson(enrollment):
    done = LessonProgress.objects.filter(enrollment=enrollment, completed=True).values("lesson_id")
    return (
        Lesson.objects.filter(course_id=enrollment.course_id)
        .exclude(pk__in=done)
        .order_by("position")
        .first()
    )


# ---------------------------------------------------------------- grading


def record_grade(submission, score, grader, feedback=""):
    if not 0 <= score <= 100:
        raise ValueError("score must be between 0 and 100")
    submission.score = score
    submission.feedback = feedback
    submission.graded_by = grader
    submission.graded_at = timezone.now()
    submission.save()
    send_templated_email(
        submission.enrollment.user.email, "submission_graded", {"submission": submission}
    )
    return submission


def final_grade(enrollment):
    """Average of graded assignments and best quiz attempts, None when nothing is graded."""
    from api.models import QuizAttempt

    scores = []
    assignment_avg = Submission.objects.filter(
        enrollment=enrollment, score__isnull=False
    ).aggregate(avg=Avg("score"))["avg"]
    if assignment_avg is not None:
        scores.append(float(assignment_avg))
    best = {}
    for attempt in QuizAttempt.objects.filter(
        user_id=enrollment.user_id, quiz__lesson__course_id=enrollment.course_id, finished_at__isnull=False
    ):
        best[attempt.quiz_id] = max(best.get(attempt.quiz_id, 0), attempt.score or 0)
    scores.extend(best.values())
    if not scores:
        return None
    return round(sum(scores) / len(scores), 1)
