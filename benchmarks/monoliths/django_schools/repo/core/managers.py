from django.db import models
from django.db.models import Count, Q

from common.dates import today


class StudentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status="active", deleted_at__isnull=True)

    def in_grade(self, level):
        return self.filter(grade_level=level)

    def search(self, q):
        q = (q or "").strip()
        if not q:
            return self
        if q.isdigit():
            return self.filter(Q(state_id=q) | Q(local_id=q))
        parts = q.split()
        if len(parts) > 1:
            return self.filter(first_name__istartswith=parts[0], last_name__istartswith=parts[-1])
        return self.filter(Q(last_name__istartswith=q) | Q(first_name__istartswith=q)
                           | Q(preferred_name__istartswith=q))


class StaffQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, deleted_at__isnull=True)

    def teachers(self):
        return self.active().filter(role="teacher")


class TermManager(models.Manager):
    def current(self, school, on=None):
        on = on or today()
        return (self.filter(school=school, start_date__lte=on, end_date__gte=on)
                .order_by("-is_grading_period", "end_date").first())


class SectionQuerySet(models.QuerySet):
    def taught_by(self, staff):
        return self.filter(teacher=staff)

    def with_counts(self):
        return self.annotate(enrolled=Count("enrolments", filter=Q(enrolments__status="active")))



class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status="active")

    def for_student(self, student):
        return self.filter(student=student).select_related("section__course", "section__term")

    def for_section(self, section):
        return self.filter(section=section).select_related("student")

