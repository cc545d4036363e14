from django.db import models

from common.models import TimeStampedModel


class ReportCard(TimeStampedModel):
    STATUSES = (("draft", "Draft"), ("published", "Published"), ("withheld", "Withheld"))

    student = models.ForeignKey("core.Student", on_delete=models.CASCADE, related_name="report_cards")
    term = models.ForeignKey("core.Term", on_delete=models.PROTECT, related_name="report_cards")
    status = models.CharField(max_length=10, choices=STATUSES, default="draft")
    issued_on = models.DateField(null=True, blank=True)
    gpa = models.DecimalField(max_digits=4, decimal_places=2, null=True, blank=True)
    days_absent = models.PositiveSmallIntegerField(default=0)
    days_tardy = models.PositiveSmallIntegerField(default=0)
    homeroom_comment = models.TextField(blank=True)
    pdf = models.FileField(upload_to="report_cards/%Y/", blank=True)

    class Meta:
        unique_together = ("student", "term")
        ordering = ["-term__start_date"]

    def __str__(self):
        return "Report card %s %s" % (self.student, self.term)


class ReportCardLine(models.Model):
    EFFORT = (("O", "Outstanding"), ("S", "Satisfactory"), ("N", "Needs improvement"), ("U", "Unsatisfactory"))

    card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="lines")
    section = models.ForeignKey("core.Section", on_delete=models.PROTECT)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    letter = models.CharField(max_length=3, blank=True)
    effort = models.CharField(max_length=1, choices=EFFORT, blank=True)
    comment = models.CharField(max_length=400, blank=True)
    teacher_name = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["section__course__code"]
