from decimal import Decimal

from django.db import models
from django.db.models import F, Sum
from django.utils import timezone

from utils.models import TimeStampedModel


class EventQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(published=True, starts_at__gte=timezone.now()).order_by("starts_at")


class Event(TimeStampedModel):
    TYPES = (("talk", "Talk"), ("workshop", "Workshop"), ("evening", "Evening event"),
             ("holiday", "Holiday club"), ("experience", "Keeper experience"),
             ("private", "Private hire"))
    title = models.CharField(max_length=150)
    slug = models.SlugField(unique=True)
    event_type = models.CharField(max_length=12, choices=TYPES)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField(default=20)
    price = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    member_price = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    location = models.CharField(max_length=120, blank=True)
    enclosure = models.ForeignKey("backoffice.Enclosure", null=True, blank=True,
                                  on_delete=models.SET_NULL)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    published = models.BooleanField(default=False)

    objects = EventQuerySet.as_manager()

    def __str__(self):
        return self.title

    def places_booked(self):
        return (self.bookings.filter(status__in=("confirmed", "pending"))
                .aggregate(q=Sum("quantity"))["q"] or 0)

    def places_left(self):
        return max(self.capacity - self.places_booked(), 0)


class EventBooking(models.Model):
    STATUS = (("pending", "Pending"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled"),
              ("attended", "Attended"))
    event = models.ForeignKey(Event, related_name="bookings", on_delete=models.CASCADE)
    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    member = models.ForeignKey("core.Member", null=True, blank=True, on_delete=models.SET_NULL)
    quantity = models.PositiveSmallIntegerField(default=1)
    total = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    status = models.CharField(max_length=10, choices=STATUS, default="pending")
    payment_ref = models.CharField(max_length=64, blank=True)
    reference = models.CharField(max_length=20, blank=True)
    booked_at = models.DateTimeField(auto_now_add=True)
    dietary_notes = models.CharField(max_length=200, blank=True)


class SchoolVisit(models.Model):
    KEY_STAGES = (("EY", "Early years"), ("KS1", "KS1"), ("KS2", "KS2"), ("KS3", "KS3"),
                  ("KS4", "KS4"), ("KS5", "KS5/college"))
    STATUS = (("enquiry", "Enquiry"), ("booked", "Booked"), ("invoiced", "Invoiced"),
              ("paid", "Paid"), ("cancelled", "Cancelled"))
    school_name = models.CharField(max_length=150)
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=30, blank=True)
    visit_date = models.DateField()
    pupils = models.PositiveSmallIntegerField()
    teachers = models.PositiveSmallIntegerField(default=1)
    key_stage = models.CharField(max_length=3, choices=KEY_STAGES)
    session_topic = models.CharField(max_length=120, blank=True)
    educator = models.ForeignKey("animals.Keeper", null=True, blank=True,
                                 limit_choices_to={"role": "education"},
                                 on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUS, default="enquiry")
    price_per_pupil = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("8.50"))
    total = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    invoice_ref = models.CharField(max_length=30, blank=True)
    risk_assessment_sent = models.BooleanField(default=False)

    def calc_total(self):
        # 1 free teacher per 10 pupils, extra adults charged at pupil rate
        free_adults = (self.pupils + 9) // 10
        paying_adults = max(self.teachers - free_adults, 0)
        self.total = (self.pupils + paying_adults) * self.price_per_pupil
        return self.total


class KeeperTalk(models.Model):
    """The daily keeper talks / feeding displays on the visitor map."""
    title = models.CharField(max_length=120)
    enclosure = models.ForeignKey("backoffice.Enclosure", on_delete=models.CASCADE)
    keeper = models.ForeignKey("animals.Keeper", null=True, blank=True, on_delete=models.SET_NULL)
    talk_time = models.TimeField()
    weekdays = models.CharField(max_length=13, default="0,1,2,3,4,5,6")
    season = models.CharField(max_length=10, blank=True)
    is_feeding_display = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("talk_time",)

    def runs_on(self, d):
        return str(d.weekday()) in self.weekdays.split(",")


class LearningResource(models.Model):
    title = models.CharField(max_length=150)
    key_stage = models.CharField(max_length=3, choices=SchoolVisit.KEY_STAGES, blank=True)
    topic = models.CharField(max_length=80)
    file = models.FileField(upload_to="learning/")
    species = models.ForeignKey("animals.Species", null=True, blank=True, on_delete=models.SET_NULL)
    published = models.BooleanField(default=True)
    downloads = models.PositiveIntegerField(default=0)

    def record_download(self):
        LearningResource.objects.filter(pk=self.pk).update(downloads=F("downloads") + 1)
