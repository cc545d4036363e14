# -*- coding: utf-8 -*-
from __future__ import unicode_literals

from django.conf import settings
from django.db import models

from common.dates import today
from common.formatting import format_name, grade_level_label
from common.models import SoftDeleteModel, TimeStampedModel
from core.managers import (EnrolmentQuerySet, SectionQuerySet, StaffQuerySet,
                           StudentQuerySet, TermManager)

GRADE_LEVELS = [(-1, "Pre-K"), (0, "Kindergarten")] + [(i, "Grade %d" % i) for i in range(1, 13)]


class School(models.Model):
    KINDS = (("elementary", "Elementary"), ("middle", "Middle"), ("high", "High"))

    code = models.CharField(max_length=6, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=12, choices=KINDS)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    lowest_grade = models.IntegerField(choices=GRADE_LEVELS, default=0)
    highest_grade = models.IntegerField(choices=GRADE_LEVELS, default=5)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def serves_grade(self, level):
        return self.lowest_grade <= level <= self.highest_grade


class Term(models.Model):
    KINDS = (("year", "Full year"), ("semester", "Semester"), ("quarter", "Quarter"), ("trimester", "Trimester"))

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="terms")
    school_year = models.IntegerField(db_index=True)
    name = models.CharField(max_length=30)
    kind = models.CharField(max_length=10, choices=KINDS)
    start_date = models.DateField()
    end_date = models.DateField()
    is_grading_period = models.BooleanField(default=False)
    grades_locked = models.BooleanField(default=False)

    objects = TermManager()

    class Meta:
        ordering = ["school", "start_date"]
        unique_together = ("school", "school_year", "name")

    def __str__(self):
        return "%s %s %s" % (self.school.code, self.school_year, self.name)

    def contains(self, day):
        return self.start_date <= day <= self.end_date


class StaffMember(SoftDeleteModel):
    ROLES = (("teacher", "Teacher"), ("admin", "Administrator"), ("office", "Office staff"),
             ("counsellor", "Counsellor"), ("nurse", "Nurse"), ("driver", "Bus driver"),
             ("cafeteria", "Cafeteria"), ("para", "Paraeducator"))

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="staff_profile")
    employee_number = models.CharField(max_length=12, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    role = models.CharField(max_length=12, choices=ROLES, default="teacher")
    schools = models.ManyToManyField(School, blank=True, related_name="staff")
    hire_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    can_substitute = models.BooleanField(default=False)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return format_name(self.first_name, self.last_name)

    @property
    def is_teacher(self):
        return self.role == "teacher"


class Guardian(TimeStampedModel):
    LANGUAGES = (("en", "English"), ("es", "Spanish"), ("vi", "Vietnamese"), ("tl", "Tagalog"), ("zh", "Chinese"))

    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(blank=True)
    mobile = models.CharField(max_length=20, blank=True)
    home_phone = models.CharField(max_length=20, blank=True)
    preferred_language = models.CharField(max_length=2, choices=LANGUAGES, default="en")
    receives_sms = models.BooleanField(default=True)

    def __str__(self):
        return self.full_name

    def __unicode__(self):
        return self.full_name

    @property
    def full_name(self):
        return format_name(self.first_name, self.last_name)

    def contact_number(self):
        return self.mobile or self.home_phone


class Student(SoftDeleteModel):
    STATUSES = (("active", "Active"), ("withdrawn", "Withdrawn"), ("transferred", "Transferred out"),
                ("graduated", "Graduated"), ("preregistered", "Pre-registered"))

    state_id = models.CharField("SSID", max_length=10, unique=True)
    local_id = models.CharField(max_length=10, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    preferred_name = models.CharField(max_length=60, blank=True)
    birth_date = models.DateField()
    gender = models.CharField(max_length=1, choices=(("F", "F"), ("M", "M"), ("X", "X")))
    grade_level = models.IntegerField(choices=GRADE_LEVELS)
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students")
    homeroom = models.CharField(max_length=10, blank=True)
    status = models.CharField(max_length=14, choices=STATUSES, default="active")
    entry_date = models.DateField(default=today)
    exit_date = models.DateField(null=True, blank=True)
    exit_reason = models.CharField(max_length=100, blank=True)
    address_line1 = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    has_iep = models.BooleanField("IEP", default=False)
    is_ell = models.BooleanField("English learner", default=False)
    guardians = models.ManyToManyField(Guardian, through="StudentGuardian", related_name="students")

    objects = StudentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return "%s (%s)" % (self.full_name, self.local_id)

    @property
    def full_name(self):
        return format_name(self.first_name, self.last_name, self.preferred_name)

    @property
    def grade_label(self):
        return grade_level_label(self.grade_level)

    @property
    def is_active(self):
        return self.status == "active"

    def primary_guardian(self):
        link = (self.studentguardian_set.select_related("guardian")
                .order_by("-is_primary", "emergency_order").first())
        return link.guardian if link else None

    def contactable_guardians(self):
        return [link.guardian for link in
                self.studentguardian_set.select_related("guardian").filter(receives_mail=True)]

    def withdraw(self, on, reason, status="withdrawn"):
        self.status = status
        self.exit_date = on
        self.exit_reason = reason
        self.save()


class StudentGuardian(models.Model):
    RELATIONSHIPS = (("mother", "Mother"), ("father", "Father"), ("grandparent", "Grandparent"),
                     ("foster", "Foster parent"), ("guardian", "Legal guardian"), ("other", "Other"))

    student = models.ForeignKey(Student, on_delete=models.CASCADE)
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE)
    relationship = models.CharField(max_length=12, choices=RELATIONSHIPS)
    is_primary = models.BooleanField(default=False)
    has_custody = models.BooleanField(default=True)
    receives_mail = models.BooleanField(default=True)
    emergency_order = models.PositiveSmallIntegerField(default=1)

    class Meta:
        unique_together = ("student", "guardian")
        ordering = ["emergency_order"]


class Course(models.Model):
    code = models.CharField(max_length=12, unique=True)
    name = models.CharField(max_length=120)
    department = models.CharField(max_length=40, blank=True)
    credits = models.DecimalField(max_digits=4, decimal_places=2, default=0)
    grade_levels = models.CharField(max_length=40, blank=True, help_text="comma separated, e.g. 9,10")
    takes_attendance = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return "%s %s" % (self.code, self.name)

    def allowed_grades(self):
        return [int(g) for g in self.grade_levels.split(",") if g.strip()]


class Section(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sections")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sections")
    number = models.CharField(max_length=6)
    teacher = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="sections")
    room = models.CharField(max_length=12, blank=True)
    capacity = models.PositiveSmallIntegerField(default=30)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["course__code", "number"]
        unique_together = ("course", "term", "number")

    def __str__(self):
        return "%s-%s" % (self.course.code, self.number)

    def active_enrolments(self):
        return self.enrolments.filter(status="active")

    def is_full(self):
        return self.capacity - self.active_enrolments().count() <= 0

    def roster(self):
        return [e.student for e in self.active_enrolments().select_related("student")
                .order_by("student__last_name", "student__first_name")]


class Enrolment(TimeStampedModel):
    STATUSES = (("active", "Active"), ("dropped", "Dropped"), ("completed", "Completed"))

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="enrolments")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_on = models.DateField(default=today)
    dropped_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default="active")
    drop_reason = models.CharField(max_length=100, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        unique_together = ("student", "section")

    def __str__(self):
        return "%s in %s" % (self.student, self.section)

    def drop(self, on, reason=""):
        self.status = "dropped"
        self.dropped_on = on
        self.drop_reason = reason
        self.save()
