from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from core.utils import normalise_email, normalise_postcode, unique_slugify


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ActiveManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(is_active=True)


# ---------------------------------------------------------------------------
# Seasons / shows
# ---------------------------------------------------------------------------


class Season(TimeStampedModel):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=12, unique=True, help_text="e.g. AW21, SS22")
    starts_on = models.DateField()
    ends_on = models.DateField()
    is_current = models.BooleanField(default=False)
    brochure_copy = models.TextField(blank=True)
    public_on_sale = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]

    def __str__(self):
        return self.name

    @property
    def is_on_sale(self):
        return self.public_on_sale is not None and self.public_on_sale <= timezone.now()

    def performances(self):
        return Performance.objects.filter(production__season=self).order_by("starts_at")

    def make_current(self):
        with transaction.atomic():
            Season.objects.exclude(pk=self.pk).update(is_current=False)
            self.is_current = True
            self.save(update_fields=["is_current", "modified"])


class Production(TimeStampedModel):
    STATUS_CHOICES = (
        ("draft", "Draft"),
        ("announced", "Announced"),
        ("on_sale", "On sale"),
        ("closed", "Closed"),
    )

    season = models.ForeignKey(Season, related_name="productions", on_delete=models.PROTECT)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    company = models.CharField(max_length=200, blank=True, help_text="Visiting company, blank for in-house")
    running_time_minutes = models.PositiveIntegerField(null=True, blank=True)
    interval = models.BooleanField(default=True)
    age_guidance = models.CharField(max_length=50, blank=True)
    content_warnings = models.TextField(blank=True)
    synopsis = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default="draft")
    is_active = models.BooleanField(default=True)
    hero_image = models.ImageField(upload_to="productions/", blank=True)
    on_sale_date = models.DateTimeField(null=True, blank=True)
    members_on_sale_date = models.DateTimeField(null=True, blank=True)

    objects = models.Manager()
    active = ActiveManager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slugify(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("production-detail", args=[self.slug])

    def next_performance(self):
        return (
            self.performances.filter(starts_at__gte=timezone.now())
            .exclude(status=Performance.CANCELLED)
            .order_by("starts_at")
            .first()
        )

    def performance_count(self):
        return self.performances.exclude(status=Performance.CANCELLED).count()

    @property
    def is_in_house(self):
        return not self.company


class ProductionCredit(models.Model):
    production = models.ForeignKey(Production, related_name="credits", on_delete=models.CASCADE)
    role = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    is_cast = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return "%s - %s" % (self.role, self.name)


class Performance(TimeStampedModel):
    SCHEDULED = "scheduled"
    ON_SALE = "on_sale"
    SOLD_OUT = "sold_out"
    CANCELLED = "cancelled"
    PAST = "past"
    STATUS_CHOICES = (
        (SCHEDULED, "Scheduled"),
        (ON_SALE, "On sale"),
        (SOLD_OUT, "Sold out"),
        (CANCELLED, "Cancelled"),
        (PAST, "Past"),
    )

    production = models.ForeignKey(Production, related_name="performances", on_delete=models.PROTECT)
    auditorium = models.ForeignKey("backoffice.Auditorium", related_name="performances", on_delete=models.PROTECT)
    seating_plan = models.ForeignKey(
        "backoffice.SeatingPlan", null=True, blank=True, on_delete=models.SET_NULL,
        help_text="Leave blank for the auditorium default",
    )
    starts_at = models.DateTimeField(db_index=True)
    doors_open = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=SCHEDULED)
    is_relaxed = models.BooleanField(default=False)
    is_captioned = models.BooleanField(default=False)
    is_bsl = models.BooleanField(default=False)
    is_audio_described = models.BooleanField(default=False)
    capacity_override = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "performance"
        ordering = ["starts_at"]

    def __str__(self):
        return "%s @ %s" % (self.production.title, timezone.localtime(self.starts_at).strftime("%d/%m/%Y %H:%M"))

    def get_seating_plan(self):
        return self.seating_plan or self.auditorium.default_layout

    @property
    def capacity(self):
        if self.capacity_override:
            return self.capacity_override
        plan = self.get_seating_plan()
        return plan.sellable_seat_count() if plan else 0

    def seats_sold(self):
        # TODO: move to a manager on Ticket, this is called in a loop on the what's on page
        from main.models import Ticket

        return Ticket.objects.filter(performance=self, status__in=Ticket.LIVE_STATUSES).count()

    def is_bookable(self, when=None):
        when = when or timezone.now()
        if self.status not in (self.ON_SALE,):
            return False
        if self.starts_at <= when:
            return False
        prod = self.production
        return prod.on_sale_date is None or prod.on_sale_date <= when

    def cancel(self, user=None, reason=""):
        self.status = self.CANCELLED
        if reason:
            self.notes = (self.notes + "\nCancelled: " + reason).strip()
        self.save()


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------


class Patron(TimeStampedModel):
    TITLE_CHOICES = [(t, t) for t in ("", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev")]

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    title = models.CharField(max_length=10, blank=True, choices=TITLE_CHOICES)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, db_index=True)
    email = models.EmailField(blank=True, db_index=True)
    phone = models.CharField(max_length=30, blank=True)
    is_company = models.BooleanField(default=False)
    company_name = models.CharField(max_length=200, blank=True)
    legacy_id = models.CharField(max_length=20, blank=True, db_index=True, help_text="ID in the old Spektrix export")
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from")
    do_not_contact = models.BooleanField(default=False)
    access_requirements = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.display_name

    @property
    def full_name(self):
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def display_name(self):
        if self.is_company and self.company_name:
            return self.company_name
        name = self.full_name
        if self.title:
            name = "%s %s" % (self.title, name)
        return name or self.email or "Patron #%s" % self.pk

    def primary_address(self):
        return self.addresses.filter(is_primary=True).first() or self.addresses.first()

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def merge_into(self, other):
        """Repoint everything that hangs off this patron to `other`.

        Keep this list in sync when adding FKs to Patron!! (it is not, see
        merge_patrons command for the bits that were forgotten)
        """
        from main.models import Membership, Order

        with transaction.atomic():
            Order.objects.filter(patron=self).update(patron=other)
            Membership.objects.filter(patron=self).update(patron=other)
            self.addresses.update(patron=other, is_primary=False)
            ContactPreference.objects.filter(patron=self).update(patron=other)
            self.merged_into = other
            self.do_not_contact = True
            self.save()


class PatronAddress(models.Model):
    patron = models.ForeignKey(Patron, related_name="addresses", on_delete=models.CASCADE)
    line1 = models.CharField(max_length=200)
    line2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=12)
    country = models.CharField(max_length=2, default="GB")
    is_primary = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "patron addresses"

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        super().save(*args, **kwargs)

    def as_lines(self):
        return [l for l in (self.line1, self.line2, self.town, self.county, self.postcode) if l]


class ContactPreference(models.Model):
    CHANNELS = (("email", "Email"), ("post", "Post"), ("phone", "Phone"), ("sms", "SMS"))

    patron = models.ForeignKey(Patron, related_name="contact_preferences", on_delete=models.CASCADE)
    channel = models.CharField(max_length=10, choices=CHANNELS)
    mailing_list = models.ForeignKey("legacy.MailingList", null=True, blank=True, on_delete=models.CASCADE)
    opted_in = models.BooleanField(default=False)
    source = models.CharField(max_length=50, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        unique_together = ("patron", "channel", "mailing_list")


# ---------------------------------------------------------------------------
# FOH training records (moved here from legacy when the vol_ tables froze)
# ---------------------------------------------------------------------------


class VolunteerTraining(models.Model):
    COURSES = (
        ("fire", "Fire marshal"),
        ("first_aid", "First aid"),
        ("safeguarding", "Safeguarding"),
        ("foh", "Front of house induction"),
        ("dementia", "Dementia friendly"),
    )
    VALID_FOR_DAYS = {"fire": 365, "first_aid": 3 * 365, "safeguarding": 2 * 365}

    volunteer = models.ForeignKey("legacy.Volunteer", related_name="training", on_delete=models.CASCADE)
    course = models.CharField(max_length=20, choices=COURSES)
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    certificate_ref = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["-completed_on"]

    def save(self, *args, **kwargs):
        if not self.expires_on and self.course in self.VALID_FOR_DAYS:
            self.expires_on = self.completed_on + timezone.timedelta(days=self.VALID_FOR_DAYS[self.course])
        super().save(*args, **kwargs)

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.expires_on is None or self.expires_on >= on


import core.signals  # noqa: E402,F401  (no AppConfig.ready, see signals.py)
