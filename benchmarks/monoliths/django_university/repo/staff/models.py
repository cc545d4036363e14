from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import AuditFieldsMixin, TimeStampedModel


class Department(models.Model):
    code = models.CharField(max_length=8, unique=True)
    name = models.CharField(max_length=150)
    faculty_name = models.CharField(max_length=150, blank=True,
                                    help_text='The Faculty (school) this dept belongs to')
    head = models.ForeignKey('staff.Faculty', null=True, blank=True, on_delete=models.SET_NULL,
                             related_name='headed_departments')
    budget_code = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return self.name


class Faculty(TimeStampedModel):
    """A member of academic staff. (Not a 'Faculty' in the sense of a school --
    naming decision from 2016 that we now regret.)"""

    RANKS = (
        ('ta', 'Teaching assistant'),
        ('lecturer', 'Lecturer'),
        ('senior', 'Senior lecturer'),
        ('reader', 'Reader'),
        ('professor', 'Professor'),
    )
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name='faculty_profile')
    staff_number = models.CharField(max_length=10, unique=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    title = models.CharField(max_length=20, blank=True)
    email = models.EmailField()
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name='members')
    rank = models.CharField(max_length=10, choices=RANKS, default='lecturer')
    fte = models.DecimalField(max_digits=3, decimal_places=2, default=Decimal('1.00'))
    annual_salary = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal('0.00'))
    contracted_teaching_hours = models.PositiveIntegerField(default=180)
    start_date = models.DateField(default=timezone.localdate)
    end_date = models.DateField(null=True, blank=True)
    office = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = 'faculty'
        ordering = ('last_name', 'first_name')

    def __str__(self):
        return '{0} {1} {2}'.format(self.title, self.first_name, self.last_name).strip()

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()


class TeachingAssignment(models.Model):
    faculty = models.ForeignKey(Faculty, on_delete=models.CASCADE, related_name='teaching_assignments')
    section = models.ForeignKey('academics.Section', on_delete=models.CASCADE,
                                related_name='teaching_assignments')
    role = models.CharField(max_length=12, default='lead',
                            choices=(('lead', 'Lead'), ('co', 'Co-teacher'), ('tutor', 'Tutor')))
    contact_hours = models.PositiveIntegerField(default=30)
    approved = models.BooleanField(default=False)

    class Meta:
        unique_together = (('faculty', 'section', 'role'),)


class LeaveRequest(TimeStampedModel, AuditFieldsMixin):
    KINDS = (('annual', 'Annual'), ('sick', 'Sick'), ('research', 'Research / sabbatical'),
             ('parental', 'Parental'), ('unpaid', 'Unpaid'))
    faculty = models.ForeignKey(Faculty, on_delete=models.CASCADE, related_name='leave_requests')
    kind = models.CharField(max_length=10, choices=KINDS, default='annual')
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, default='pending',
                              choices=(('pending', 'Pending'), ('approved', 'Approved'),
                                       ('rejected', 'Rejected'), ('cancelled', 'Cancelled')))
    approver = models.ForeignKey(Faculty, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name='approved_leave')
    notes = models.TextField(blank=True)

    @property
    def days(self):
        return (self.ends_on - self.starts_on).days + 1


class PayrollRecord(TimeStampedModel):
    faculty = models.ForeignKey(Faculty, on_delete=models.PROTECT, related_name='payroll_records')
    period = models.CharField(max_length=7)   # YYYY-MM
    gross_pay = models.DecimalField(max_digits=10, decimal_places=2)
    overload_pay = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal('0.00'))
    unpaid_leave_deduction = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal('0.00'))
    net_pay = models.DecimalField(max_digits=10, decimal_places=2)
    exported = models.BooleanField(default=False)

    class Meta:
        db_table = 'hr_payroll_record'
        unique_together = (('faculty', 'period'),)


class Interview(TimeStampedModel):
    """Admissions interviews. Put in staff because the interview panel is
    staff and we needed the Faculty FK without a circular import (2019)."""

    application = models.ForeignKey('main.Application', on_delete=models.CASCADE, related_name='interviews')
    interviewer = models.ForeignKey(Faculty, on_delete=models.SET_NULL, null=True, related_name='interviews')
    scheduled_for = models.DateTimeField()
    location = models.CharField(max_length=100, blank=True, help_text='room or video link')
    outcome = models.CharField(max_length=10, blank=True,
                               choices=(('strong', 'Strong'), ('pass', 'Pass'), ('weak', 'Weak'),
                                        ('no_show', 'No show')))
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = 'admissions_interview'
        ordering = ('scheduled_for',)
