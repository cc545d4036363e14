from decimal import Decimal

from django.db import models
from django.utils import timezone

from common.models import AuditFieldsMixin, TimeStampedModel


class Exam(models.Model):
    KIND_CHOICES = (
        ('midterm', 'Midterm'),
        ('final', 'Final'),
        ('resit', 'Resit'),
        ('coursework', 'Coursework deadline'),
    )
    section = models.ForeignKey('academics.Section', on_delete=models.CASCADE, related_name='exams')
    kind = models.CharField(max_length=12, choices=KIND_CHOICES, default='final')
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(default=120)
    venue = models.CharField(max_length=100, blank=True)
    weight = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal('100.00'),
                                 help_text='percentage of final mark')
    invigilator = models.ForeignKey('staff.Faculty', null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name='invigilations')

    class Meta:
        ordering = ('starts_at',)

    def __str__(self):
        return '{0} {1}'.format(self.section, self.get_kind_display())


class ExamSitting(models.Model):
    exam = models.ForeignKey(Exam, on_delete=models.CASCADE, related_name='sittings')
    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='exam_sittings')
    seat = models.CharField(max_length=10, blank=True)
    attended = models.NullBooleanField()
    extra_time_minutes = models.PositiveIntegerField(default=0)
    mark = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    mitigating_circumstances = models.BooleanField(default=False)

    class Meta:
        unique_together = (('exam', 'student'),)


class Grade(TimeStampedModel):
    STATUS_CHOICES = (('provisional', 'Provisional'), ('published', 'Published'), ('amended', 'Amended'))
    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='grades')
    section = models.ForeignKey('academics.Section', on_delete=models.CASCADE, related_name='grades')
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    letter = models.CharField(max_length=2, blank=True)
    points = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default='provisional', db_index=True)
    entered_by = models.ForeignKey('staff.Faculty', null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name='grades_entered')
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = (('student', 'section'),)

    def __str__(self):
        return '{0} {1} {2}'.format(self.student_id, self.section_id, self.letter or '-')


class GradeAppeal(TimeStampedModel, AuditFieldsMixin):
    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name='appeals')
    reason = models.TextField()
    status = models.CharField(max_length=10, default='lodged',
                              choices=(('lodged', 'Lodged'), ('upheld', 'Upheld'),
                                       ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')))
    outcome_notes = models.TextField(blank=True)
    previous_letter = models.CharField(max_length=2, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = 'grade_appeals'


class TranscriptRequest(TimeStampedModel):
    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='transcript_requests')
    copies = models.PositiveSmallIntegerField(default=1)
    official = models.BooleanField(default=True)
    deliver_to = models.TextField(blank=True)
    status = models.CharField(max_length=12, default='pending',
                              choices=(('pending', 'Pending'), ('blocked', 'Blocked (hold)'),
                                       ('issued', 'Issued'), ('cancelled', 'Cancelled')))
    issued_at = models.DateTimeField(null=True, blank=True)
    blocked_reason = models.CharField(max_length=255, blank=True)


class ScholarshipAward(TimeStampedModel):
    """Merit scholarships. Here because they are computed from GPA.
    Finance owns the money side: they appear as credit lines on invoices."""

    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='scholarships')
    term = models.ForeignKey('academics.Term', on_delete=models.PROTECT, related_name='scholarships')
    name = models.CharField(max_length=100)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    percent_of_tuition = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    applied_to_invoice = models.ForeignKey('main.Invoice', null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name='scholarship_awards')
    awarded_at = models.DateTimeField(default=timezone.now)
    revoked = models.BooleanField(default=False)

    class Meta:
        db_table = 'billing_scholarship_award'
        unique_together = (('student', 'term', 'name'),)
