"""Which guardian may see which child."""
from common.exceptions import NotAllowed
from core.models import Student


def children_of(user):
    account = getattr(user, "parent_account", None)
    if account is None or not account.verified:
        return Student.objects.none()
    return (Student.objects.active()
            .filter(studentguardian__guardian=account.guardian, studentguardian__has_custody=True)
            .select_related("school").distinct())


def child_or_403(user, student_id):
    student = children_of(user).filter(pk=student_id).first()
    if student is None:
        raise NotAllowed("Not your child")
    return student
