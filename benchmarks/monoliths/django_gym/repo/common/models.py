from datetime import timedelta

from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ActiveQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def inactive(self):
        return self.filter(active=False)


# ------------------------------------------------------------------ timetable


class ClassType(models.Model):
    name = models.CharField(max_length=60)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    intensity = models.PositiveSmallIntegerField(default=2)  # 1..5
    default_minutes = models.PositiveIntegerField(default=45)
    colour = models.CharField(max_length=7, default="#ff5a1f")
    premium = models.BooleanField(default=False)  # not included in off-peak plans
    active = models.BooleanField(default=True)

    objects = ActiveQuerySet.as_manager()

    def __str__(self):
        return self.name


class Studio(models.Model):
    club = models.ForeignKey("core.Club", related_name="studios", on_delete=models.CASCADE)
    name = models.CharField(max_length=40)
    capacity = models.PositiveIntegerField(default=20)
    has_bikes = models.BooleanField(default=False)

    def __str__(self):
        return "%s / %s" % (self.club.code, self.name)


class ClassSession(TimeStampedModel):
    class_type = models.ForeignKey(ClassType, on_delete=models.PROTECT)
    studio = models.ForeignKey(Studio, on_delete=models.PROTECT)
    instructor = models.ForeignKey("dashboard.Trainer", null=True, blank=True,
                                   related_name="classes", on_delete=models.SET_NULL)
    starts_at = models.DateTimeField(db_index=True)
    minutes = models.PositiveIntegerField(default=45)
    capacity = models.PositiveIntegerField(null=True, blank=True)  # None -> studio capacity
    cancelled = models.BooleanField(default=False)
    cancel_note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return "%s @ %s" % (self.class_type, self.starts_at)

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    def spaces(self):
        cap = self.capacity or self.studio.capacity
        taken = self.bookings.filter(status__in=["booked", "attended"]).count()
        return max(cap - taken, 0)

    def is_full(self):
        return self.spaces() == 0

    def bookable(self):
        return not self.cancelled and self.starts_at > timezone.now()


class Booking(models.Model):
    STATUS = (("booked", "Booked"), ("cancelled", "Cancelled"), ("late_cancel", "Late cancel"),
              ("attended", "Attended"), ("no_show", "No show"))
    session = models.ForeignKey(ClassSession, related_name="bookings", on_delete=models.CASCADE)
    member = models.ForeignKey("core.Member", related_name="bookings", on_delete=models.CASCADE)
    status = models.CharField(max_length=12, choices=STATUS, default="booked")
    booked_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, default="web")  # web / app / desk
    bike_no = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        unique_together = [("session", "member")]


class WaitlistEntry(models.Model):
    session = models.ForeignKey(ClassSession, related_name="waitlist", on_delete=models.CASCADE)
    member = models.ForeignKey("core.Member", on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["session", "position"]


# ------------------------------------------------------------------ outbox
# everything we ever send to a member goes through common.notify and lands here


class NotificationLog(models.Model):
    CHANNELS = (("email", "E-mail"), ("sms", "SMS"), ("push", "Push"))
    member = models.ForeignKey("core.Member", null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(max_length=5, choices=CHANNELS)
    template = models.CharField(max_length=60)
    recipient = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    campaign = models.ForeignKey("dashboard.Campaign", null=True, blank=True, on_delete=models.SET_NULL)
    sent_at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField(default=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]
        index_together = [("member", "template")]
