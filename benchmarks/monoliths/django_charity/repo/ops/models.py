from django.db import models
from django.utils import timezone

from utils.models import TimeStampedModel


# ---- volunteering ---------------------------------------------------------

class VolunteerRole(models.Model):
    title = models.CharField(max_length=100)
    location = models.CharField(max_length=80)
    needs_dbs = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return "%s (%s)" % (self.title, self.location)


class Shift(models.Model):
    role = models.ForeignKey(VolunteerRole, on_delete=models.CASCADE)
    event = models.ForeignKey("ops.Event", null=True, blank=True, on_delete=models.SET_NULL)
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    places = models.PositiveSmallIntegerField(default=1)
    notes = models.CharField(max_length=200, blank=True)

    def places_left(self):
        return self.places - self.shiftassignment_set.exclude(status="cancelled").count()


class ShiftAssignment(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE)
    volunteer = models.ForeignKey("crm.Volunteer", on_delete=models.CASCADE)
    status = models.CharField(max_length=12, default="booked")  # booked, attended, no-show, cancelled
    reminder_sent = models.BooleanField(default=False)

    class Meta:
        unique_together = ("shift", "volunteer")


class Timesheet(models.Model):
    volunteer = models.ForeignKey("crm.Volunteer", on_delete=models.CASCADE)
    assignment = models.ForeignKey(ShiftAssignment, null=True, blank=True, on_delete=models.SET_NULL)
    worked_on = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    expenses = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    approved = models.BooleanField(default=False)


# ---- events ---------------------------------------------------------------

class Event(TimeStampedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    campaign = models.ForeignKey("core.Campaign", null=True, blank=True, on_delete=models.SET_NULL)
    venue = models.CharField(max_length=200)
    starts = models.DateTimeField()
    capacity = models.PositiveIntegerField(default=100)
    fundraising_target = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    published = models.BooleanField(default=False)
    closed = models.BooleanField(default=False)

    def __str__(self):
        return self.name

    def tickets_sold(self):
        return Attendee.objects.filter(booking__event=self, booking__cancelled=False).count()


class TicketType(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE)
    name = models.CharField(max_length=80)  # Adult, Child, Runner entry
    price = models.DecimalField(max_digits=8, decimal_places=2)
    quantity = models.PositiveIntegerField(null=True, blank=True)
    min_sponsorship = models.DecimalField(max_digits=8, decimal_places=2, default=0)


class Booking(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT)
    supporter = models.ForeignKey("core.Supporter", on_delete=models.PROTECT)
    reference = models.CharField(max_length=12, unique=True)
    booked_at = models.DateTimeField(default=timezone.now)
    total_paid = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    payment_ref = models.CharField(max_length=64, blank=True)
    cancelled = models.BooleanField(default=False)


class Attendee(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE)
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT)
    name = models.CharField(max_length=120)
    tshirt_size = models.CharField(max_length=4, blank=True)
    checked_in = models.DateTimeField(null=True, blank=True)


# ---- grants ---------------------------------------------------------------

class Partner(TimeStampedModel):
    name = models.CharField(max_length=200)
    charity_number = models.CharField(max_length=20, blank=True)
    contact_name = models.CharField(max_length=120)
    contact_email = models.EmailField()
    region = models.CharField(max_length=60)
    bank_verified = models.BooleanField(default=False)
    due_diligence_date = models.DateField(null=True, blank=True)


class GrantApplication(TimeStampedModel):
    STATUS = (("received", "Received"), ("assessing", "Assessing"), ("panel", "At panel"),
              ("approved", "Approved"), ("declined", "Declined"))
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE)
    programme = models.CharField(max_length=80)
    amount_requested = models.DecimalField(max_digits=10, decimal_places=2)
    project_summary = models.TextField()
    status = models.CharField(max_length=10, choices=STATUS, default="received")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    panel_date = models.DateField(null=True, blank=True)


class GrantAward(models.Model):
    application = models.OneToOneField(GrantApplication, on_delete=models.PROTECT)
    funding_campaign = models.ForeignKey("core.Campaign", null=True, blank=True,
                                         on_delete=models.SET_NULL)  # restricted fund
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    starts = models.DateField()
    ends = models.DateField()
    tranches = models.PositiveSmallIntegerField(default=1)
    conditions = models.TextField(blank=True)


class GrantPayment(models.Model):
    award = models.ForeignKey(GrantAward, on_delete=models.CASCADE)
    due = models.DateField()
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    paid_on = models.DateField(null=True, blank=True)
    bacs_ref = models.CharField(max_length=30, blank=True)
    held = models.BooleanField(default=False)  # held until monitoring report arrives

    class Meta:
        db_table = "grant_payments"


class GrantReport(models.Model):
    award = models.ForeignKey(GrantAward, on_delete=models.CASCADE)
    period_end = models.DateField()
    received = models.DateField(null=True, blank=True)
    beneficiaries_reached = models.PositiveIntegerField(default=0)
    narrative = models.TextField(blank=True)
    accepted = models.BooleanField(default=False)
