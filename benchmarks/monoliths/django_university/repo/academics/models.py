from decimal import Decimal

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from common.models import AuditFieldsMixin, TimeStampedModel


class Term(models.Model):
    code = models.CharField(max_length=10, unique=True)   # e.g. 2019A, 2019B, 2020S
    name = models.CharField(max_length=50)
    academic_year = models.CharField(max_length=7)
    starts_on = models.DateField()
    ends_on = models.DateField()
    registration_opens = models.DateField()
    registration_closes = models.DateField()
    add_drop_deadline = models.DateField()
    results_published = models.BooleanField(default=False)

    class Meta:
        ordering = ('-starts_on',)

    def __str__(self):
        return self.name

    @property
    def registration_open(self):
        today = timezone.localdate()
        return self.registration_opens <= today <= self.registration_closes


class Course(TimeStampedModel):
    code = models.CharField(max_length=12, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    credits = models.PositiveSmallIntegerField(default=3)
    level = models.PositiveSmallIntegerField(default=1)
    department = models.ForeignKey('staff.Department', on_delete=models.PROTECT, related_name='courses')
    is_active = models.BooleanField(default=True)
    restricted_to_programmes = models.CharField(max_length=255, blank=True,
                                                help_text='comma separated programme codes')

    class Meta:
        ordering = ('code',)

    def __str__(self):
        return '{0} {1}'.format(self.code, self.title)

    def programme_allowed(self, programme_code):
        if not self.restricted_to_programmes:
            return True
        allowed = [c.strip() for c in self.restricted_to_programmes.split(',')]
        return programme_code in allowed


class Prerequisite(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name='prerequisites')
    required_course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name='required_for')
    minimum_letter = models.CharField(max_length=2, default='D')
    concurrent_allowed = models.BooleanField(default=False)

    class Meta:
        unique_together = (('course', 'required_course'),)


class SectionQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            enrolled_count=Count('enrolments', filter=Q(enrolments__status='enrolled')),
            waitlist_count=Count('enrolments', filter=Q(enrolments__status='waitlisted')),
        )

    def open_for(self, term):
        return self.filter(term=term, is_cancelled=False)


class Section(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name='sections')
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name='sections')
    number = models.CharField(max_length=4, default='01')
    capacity = models.PositiveIntegerField(default=30)
    waitlist_capacity = models.PositiveIntegerField(default=10)
    room = models.CharField(max_length=50, blank=True)
    # NB: the real teaching allocation lives in staff.TeachingAssignment,
    # this is only the "lead" shown in the catalogue.
    lead_instructor = models.ForeignKey('staff.Faculty', null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name='led_sections')
    is_cancelled = models.BooleanField(default=False)

    objects = SectionQuerySet.as_manager()

    class Meta:
        unique_together = (('course', 'term', 'number'),)
        ordering = ('course__code', 'number')

    def __str__(self):
        return '{0}-{1} ({2})'.format(self.course.code, self.number, self.term.code)

    def seats_taken(self):
        return self.enrolments.filter(status='enrolled').count()

    def seats_left(self):
        return max(self.capacity - self.seats_taken(), 0)


class TimetableSlot(models.Model):
    DAYS = ((0, 'Mon'), (1, 'Tue'), (2, 'Wed'), (3, 'Thu'), (4, 'Fri'))
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name='slots')
    weekday = models.PositiveSmallIntegerField(choices=DAYS)
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    location = models.CharField(max_length=50, blank=True)

    class Meta:
        db_table = 'timetable_slot'   # shared with the old room booking system, don't rename
        ordering = ('weekday', 'starts_at')

    def overlaps(self, other):
        return (self.weekday == other.weekday and self.starts_at < other.ends_at
                and other.starts_at < self.ends_at)


class Enrolment(TimeStampedModel):
    STATUS_CHOICES = (
        ('enrolled', 'Enrolled'),
        ('waitlisted', 'Waitlisted'),
        ('dropped', 'Dropped'),
        ('withdrawn', 'Withdrawn (W)'),
        ('completed', 'Completed'),
    )
    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='enrolments')
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name='enrolments')
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default='enrolled', db_index=True)
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    enrolled_at = models.DateTimeField(default=timezone.now)
    dropped_at = models.DateTimeField(null=True, blank=True)
    drop_reason = models.CharField(max_length=255, blank=True)
    override_by = models.CharField(max_length=150, blank=True)
    is_audit = models.BooleanField(default=False)

    class Meta:
        unique_together = (('student', 'section'),)

    def __str__(self):
        return '{0} in {1}'.format(self.student_id, self.section)


# ---------------------------------------------------------------------------
# Residences. Lives here because Estates wanted "rooms" and academics already
# had a rooms field on Section. Yes, these are different rooms.
# ---------------------------------------------------------------------------

class ResidenceHall(models.Model):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=6, unique=True)
    address = models.TextField(blank=True)
    warden_name = models.CharField(max_length=100, blank=True)
    warden_email = models.EmailField(blank=True)
    gender_policy = models.CharField(max_length=1, default='X',
                                     choices=(('X', 'Mixed'), ('F', 'Female only'), ('M', 'Male only')))
    is_active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Room(models.Model):
    ROOM_TYPES = (
        ('single', 'Single'),
        ('ensuite', 'Single ensuite'),
        ('twin', 'Twin'),
        ('studio', 'Studio'),
    )
    hall = models.ForeignKey(ResidenceHall, on_delete=models.CASCADE, related_name='rooms')
    number = models.CharField(max_length=10)
    floor = models.SmallIntegerField(default=0)
    room_type = models.CharField(max_length=10, choices=ROOM_TYPES, default='single')
    beds = models.PositiveSmallIntegerField(default=1)
    termly_rent = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal('1850.00'))
    accessible = models.BooleanField(default=False)
    out_of_service = models.BooleanField(default=False)

    class Meta:
        unique_together = (('hall', 'number'),)
        ordering = ('hall__name', 'number')

    def __str__(self):
        return '{0} {1}'.format(self.hall.code, self.number)

    def occupants(self, term):
        return self.assignments.filter(term=term, vacated_on__isnull=True)

    def has_space(self, term):
        return not self.out_of_service and self.occupants(term).count() < self.beds


class RoomAssignment(TimeStampedModel, AuditFieldsMixin):
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name='assignments')
    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='room_assignments')
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name='room_assignments')
    moved_in_on = models.DateField(null=True, blank=True)
    vacated_on = models.DateField(null=True, blank=True)
    vacate_reason = models.CharField(max_length=255, blank=True)
    rent_invoiced = models.BooleanField(default=False)

    class Meta:
        ordering = ('-term__starts_on',)


class MaintenanceRequest(TimeStampedModel):
    PRIORITY = (('low', 'Low'), ('normal', 'Normal'), ('urgent', 'Urgent'))
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name='maintenance_requests')
    reported_by = models.ForeignKey('main.Student', null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name='maintenance_requests')
    description = models.TextField()
    priority = models.CharField(max_length=10, choices=PRIORITY, default='normal')
    status = models.CharField(max_length=10, default='open',
                              choices=(('open', 'Open'), ('assigned', 'Assigned'), ('closed', 'Closed')))
    assigned_to = models.CharField(max_length=100, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    recharge_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True,
                                          help_text='Damage charged back to the student')
