from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from common.models import TimeStampedModel


class Company(TimeStampedModel):
    name = models.CharField(max_length=150)
    vat_number = models.CharField(max_length=30, blank=True)
    billing_email = models.EmailField(blank=True)
    billing_address = models.TextField(blank=True)
    negotiated_room_discount = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    account_manager = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="managed_companies")

    class Meta:
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name


class Member(TimeStampedModel):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member")
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    home_location = models.ForeignKey("core.Location", null=True, on_delete=models.SET_NULL)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    email = models.EmailField(unique=True)
    phone = models.CharField(max_length=30, blank=True)
    billing_email = models.EmailField(blank=True)
    is_company_admin = models.BooleanField(default=False)
    stripe_customer_id = models.CharField(max_length=64, blank=True)
    suspended = models.BooleanField(default=False)
    suspended_reason = models.CharField(max_length=255, blank=True)
    nexudus_id = models.CharField(max_length=30, blank=True)  # legacy import
    marketing_opt_in = models.BooleanField(default=False)

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return ("%s %s" % (self.first_name, self.last_name)).strip()

    @property
    def has_active_membership(self):
        return self.memberships.filter(status=Membership.ACTIVE).exists()


class MembershipPlan(TimeStampedModel):
    HOT_DESK, DEDICATED, OFFICE, VIRTUAL, DAY_PASS = "hot", "dedicated", "office", "virtual", "daypass"
    name = models.CharField(max_length=80)
    kind = models.CharField(max_length=10, choices=[(HOT_DESK, "Hot desk"), (DEDICATED, "Dedicated desk"),
                                                    (OFFICE, "Private office"), (VIRTUAL, "Virtual"),
                                                    (DAY_PASS, "Day pass")])
    monthly_price = models.DecimalField(max_digits=8, decimal_places=2)
    included_room_hours = models.PositiveIntegerField(default=0)
    included_guest_passes = models.PositiveIntegerField(default=0)
    access_24_7 = models.BooleanField(default=False)
    public = models.BooleanField(default=True)
    active = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(status=Membership.ACTIVE, start_date__lte=day) \
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))


class Membership(TimeStampedModel):
    PENDING, ACTIVE, FROZEN, CANCELLED, ENDED = "pending", "active", "frozen", "cancelled", "ended"
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="memberships")
    plan = models.ForeignKey(MembershipPlan, on_delete=models.PROTECT)
    location = models.ForeignKey("core.Location", on_delete=models.PROTECT)
    status = models.CharField(max_length=10, default=PENDING)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    seats = models.PositiveSmallIntegerField(default=1)
    price_override = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    notice_given_on = models.DateField(null=True, blank=True)
    discount_code = models.CharField(max_length=30, blank=True)

    objects = MembershipQuerySet.as_manager()


class MembershipAddon(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="addons")
    name = models.CharField(max_length=80)  # locker, mail handling, parking ...
    monthly_price = models.DecimalField(max_digits=8, decimal_places=2)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)


class MembershipChange(TimeStampedModel):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="changes")
    from_plan = models.ForeignKey(MembershipPlan, on_delete=models.PROTECT, related_name="+")
    to_plan = models.ForeignKey(MembershipPlan, on_delete=models.PROTECT, related_name="+")
    effective_date = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    applied = models.BooleanField(default=False)


# --- meeting rooms (moved here from the old "rooms" app in 2020, never moved out) ---

class MeetingRoom(TimeStampedModel):
    location = models.ForeignKey("core.Location", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=60)
    capacity = models.PositiveSmallIntegerField()
    hourly_rate = models.DecimalField(max_digits=7, decimal_places=2)
    has_screen = models.BooleanField(default=True)
    has_vc = models.BooleanField(default=False)
    bookable_by_non_members = models.BooleanField(default=False)
    door = models.ForeignKey("access.Door", null=True, blank=True, on_delete=models.SET_NULL)
    active = models.BooleanField(default=True)

    def __str__(self):
        return "%s (%s)" % (self.name, self.location.code)


class RoomBooking(TimeStampedModel):
    CONFIRMED, CANCELLED, NO_SHOW = "confirmed", "cancelled", "noshow"
    room = models.ForeignKey(MeetingRoom, on_delete=models.CASCADE, related_name="bookings")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="room_bookings")
    title = models.CharField(max_length=120, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=10, default=CONFIRMED)
    price = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    checked_in = models.BooleanField(default=False)
    external_calendar_id = models.CharField(max_length=100, blank=True)

    class Meta:
        db_table = "room_bookings"
        ordering = ["start"]

    @property
    def hours(self):
        return Decimal((self.end - self.start).total_seconds()) / Decimal(3600)


# --- directory ---

class MemberProfile(TimeStampedModel):
    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="profile")
    headline = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="profiles/", blank=True)
    website = models.URLField(blank=True)
    linkedin = models.URLField(blank=True)
    skills = models.CharField(max_length=255, blank=True, help_text="comma separated")
    visible_in_directory = models.BooleanField(default=True)
    open_to_collab = models.BooleanField(default=False)
