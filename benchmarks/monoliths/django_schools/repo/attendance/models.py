from django.db import models

from common.models import TimeStampedModel

STATUSES = (("P", "Present"), ("A", "Absent"), ("T", "Tardy"), ("E", "Early departure"), ("N", "Not enrolled"))


class AbsenceCode(models.Model):
    code = models.CharField(max_length=4, unique=True)
    description = models.CharField(max_length=80)
    state_code = models.CharField(max_length=4, blank=True, help_text="code used in the state export")
    is_excused = models.BooleanField(default=False)
    parent_selectable = models.BooleanField(default=False, help_text="offered on the portal absence form")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return "%s - %s" % (self.code, self.description)


class AttendanceQuerySet(models.QuerySet):
    def for_student(self, student):
        return self.filter(student=student)

    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def absences(self):
        return self.filter(status="A")

    def unexcused(self):
        return self.absences().filter(models.Q(code__isnull=True) | models.Q(code__is_excused=False))

    def tardies(self):
        return self.filter(status="T")

    def daily(self):
        return self.filter(section__isnull=True)


class AttendanceRecord(TimeStampedModel):
    SOURCES = (("teacher", "Teacher register"), ("office", "Front office"), ("portal", "Parent portal"),
               ("import", "Import"), ("system", "System"))

    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="attendance")
    date = models.DateField(db_index=True)
    section = models.ForeignKey("core.Section", null=True, blank=True, on_delete=models.CASCADE,
                                help_text="empty for elementary daily attendance")
    status = models.CharField(max_length=1, choices=STATUSES, default="P")
    code = models.ForeignKey(AbsenceCode, null=True, blank=True, on_delete=models.PROTECT)
    minutes_late = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey("core.StaffMember", null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=8, choices=SOURCES, default="teacher")

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        unique_together = ("student", "date", "section")
        index_together = [("section", "date")]

    def __str__(self):
        return "%s %s %s" % (self.student_id, self.date, self.status)

    @property
    def is_excused(self):
        return self.code is not None and self.code.is_excused


class DailySummary(models.Model):
    """One row per student per school day, rebuilt from the period records.
    The state export and the district reports only look at this table."""

    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="daily_attendance")
    date = models.DateField()
    status = models.CharField(max_length=8, choices=(("present", "Present"), ("absent", "Absent"),
                                                    ("half", "Half day"), ("ne", "Not enrolled")))
    periods_absent = models.PositiveSmallIntegerField(default=0)
    periods_total = models.PositiveSmallIntegerField(default=0)
    excused = models.BooleanField(default=False)
    tardy = models.BooleanField(default=False)

    class Meta:
        unique_together = ("student", "date")
        verbose_name_plural = "daily summaries"
