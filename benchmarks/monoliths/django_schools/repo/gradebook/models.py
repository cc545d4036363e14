from django.conf import settings
from django.db import models

from common.models import TimeStampedModel


class GradingScale(models.Model):
    name = models.CharField(max_length=40, unique=True)
    bands = models.CharField(max_length=200, default=settings.DEFAULT_GRADING_SCALE,
                             help_text="letter:minimum pairs, highest first, e.g. A:90,B:80,C:70,D:60,F:0")
    is_default = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class Category(models.Model):
    section = models.ForeignKey("core.Section", on_delete=models.CASCADE, related_name="grade_categories")
    name = models.CharField(max_length=40)
    weight = models.DecimalField(max_digits=5, decimal_places=2, help_text="percent of the final grade")

    class Meta:
        verbose_name_plural = "categories"
        unique_together = ("section", "name")

    def __str__(self):
        return "%s (%s%%)" % (self.name, self.weight)


class Assignment(TimeStampedModel):
    section = models.ForeignKey("core.Section", on_delete=models.CASCADE, related_name="assignments")
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL)
    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=120)
    due_date = models.DateField()
    max_points = models.DecimalField(max_digits=6, decimal_places=2, default=100)
    published = models.BooleanField(default=True, help_text="visible on the parent portal")
    extra_credit = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.title


class ScoreQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(excused=False).exclude(points__isnull=True, missing=False)

    def for_student(self, student):
        return self.filter(student=student)

    def published(self):
        return self.filter(assignment__published=True)


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="scores")
    points = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    excused = models.BooleanField(default=False)
    missing = models.BooleanField(default=False)
    late = models.BooleanField(default=False)
    comment = models.CharField(max_length=200, blank=True)
    entered_at = models.DateTimeField(auto_now=True)

    objects = ScoreQuerySet.as_manager()

    class Meta:
        unique_together = ("assignment", "student")

    @property
    def effective_points(self):
        if self.missing:
            return 0
        return self.points
