# -*- coding: utf-8 -*-
"""
All the models.

Yes, all of them. The sponsorship and security packages have their own
models.py files for newer tables but the old ones still live here because
moving them would break every import in views.py.

TODO(jb, 2019): split this up by area.
TODO(kp, 2021): seriously.
"""
import datetime
import json
import uuid

from sqlalchemy import and_, func, or_
from sqlalchemy.ext.hybrid import hybrid_property

from festival.base import CRUDMixin, SerializerMixin
from festival.extensions import db
from festival.utils.money import format_gbp


class TimestampMixin(object):
    created_at = db.Column(db.DateTime, default=datetime.datetime.utcnow, nullable=False)
    updated_at = db.Column(db.DateTime, default=datetime.datetime.utcnow,
                           onupdate=datetime.datetime.utcnow)


class JsonExtraMixin(object):
    """Free-form JSON column for the stuff nobody wanted to migrate for."""
    extra_json = db.Column(db.Text)

    def get_extra(self, key, default=None):
        if not self.extra_json:
            return default
        try:
            return json.loads(self.extra_json).get(key, default)
        except ValueError:
            return default

    def set_extra(self, key, value):
        data = {}
        if self.extra_json:
            try:
                data = json.loads(self.extra_json)
            except ValueError:
                data = {}
        data[key] = value
        self.extra_json = json.dumps(data)


# ---------------------------------------------------------------------------
# Artists, agents, bookings, contracts
# ---------------------------------------------------------------------------

class Agent(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "agents"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(120), nullable=False)
    agency = db.Column(db.String(120))
    email = db.Column(db.String(200), nullable=False)
    phone = db.Column(db.String(40))
    commission_pct = db.Column(db.Numeric(5, 2), default=10)

    artists = db.relationship("Artist", backref="agent", lazy="dynamic")

    def __repr__(self):
        return "<Agent %s (%s)>" % (self.name, self.agency)


class Artist(CRUDMixin, SerializerMixin, TimestampMixin, db.Model):
    __tablename__ = "artists"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False, index=True)
    slug = db.Column(db.String(200), unique=True)
    genre = db.Column(db.String(80))
    country = db.Column(db.String(2))
    agent_id = db.Column(db.Integer, db.ForeignKey("agents.id"))
    spotify_id = db.Column(db.String(64))
    is_headliner = db.Column(db.Boolean, default=False)
    bio = db.Column(db.Text)
    image_url = db.Column(db.String(500))
    notes = db.Column(db.Text)  # internal only!!

    bookings = db.relationship("ArtistBooking", backref="artist", lazy="dynamic")

    __serialize_exclude__ = ("notes",)

    def current_booking(self, year):
        return self.bookings.filter_by(festival_year=year).filter(
            ArtistBooking.status != "cancelled").first()

    def __repr__(self):
        return "<Artist %s>" % self.name


class ArtistBooking(CRUDMixin, TimestampMixin, JsonExtraMixin, db.Model):
    """An artist booking for one festival year. Not to be confused with a
    CampingBooking (yes, we know)."""
    __tablename__ = "artist_bookings"

    STATUSES = ("enquiry", "offer", "confirmed", "cancelled")

    id = db.Column(db.Integer, primary_key=True)
    artist_id = db.Column(db.Integer, db.ForeignKey("artists.id"), nullable=False)
    festival_year = db.Column(db.Integer, nullable=False, index=True)
    status = db.Column(db.String(20), default="enquiry", nullable=False)
    fee_pence = db.Column(db.Integer, default=0)
    currency = db.Column(db.String(3), default="GBP")
    set_length_mins = db.Column(db.Integer, default=60)
    preferred_day = db.Column(db.String(10))
    exclusivity_radius_km = db.Column(db.Integer, default=0)
    exclusivity_days = db.Column(db.Integer, default=0)
    offered_at = db.Column(db.DateTime)
    confirmed_at = db.Column(db.DateTime)
    cancelled_at = db.Column(db.DateTime)
    cancellation_reason = db.Column(db.String(255))
    guest_list_allocation = db.Column(db.Integer, default=2)

    contracts = db.relationship("PerformanceContract", backref="booking", lazy="dynamic",
                                order_by="PerformanceContract.version")
    rider_items = db.relationship("RiderItem", backref="booking", lazy="dynamic")
    payments = db.relationship("ArtistPayment", backref="booking", lazy="dynamic")

    @hybrid_property
    def is_confirmed(self):
        return self.status == "confirmed"

    def latest_contract(self):
        return self.contracts.order_by(PerformanceContract.version.desc()).first()

    def rider_cost_pence(self):
        return sum((i.est_cost_pence or 0) * (i.quantity or 1) for i in self.rider_items)

    def total_cost_pence(self):
        return (self.fee_pence or 0) + self.rider_cost_pence()

    def paid_pence(self):
        return sum(p.amount_pence for p in self.payments if p.paid_at is not None)

    def fee_display(self):
        if self.currency != "GBP":
            return "%s %.2f" % (self.currency, (self.fee_pence or 0) / 100.0)
        return format_gbp(self.fee_pence)


class PerformanceContract(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "performance_contracts"

    id = db.Column(db.Integer, primary_key=True)
    booking_id = db.Column(db.Integer, db.ForeignKey("artist_bookings.id"), nullable=False)
    version = db.Column(db.Integer, default=1, nullable=False)
    pdf_path = db.Column(db.String(500))
    sent_at = db.Column(db.DateTime)
    signed_by_artist_at = db.Column(db.DateTime)
    signed_by_promoter_at = db.Column(db.DateTime)
    signatory_name = db.Column(db.String(200))
    cancellation_clause = db.Column(db.Text)
    radius_clause = db.Column(db.Text)
    docusign_envelope = db.Column(db.String(100))  # not used since 2020

    @property
    def fully_signed(self):
        return bool(self.signed_by_artist_at and self.signed_by_promoter_at)


class RiderItem(db.Model):
    __tablename__ = "rider_items"

    id = db.Column(db.Integer, primary_key=True)
    booking_id = db.Column(db.Integer, db.ForeignKey("artist_bookings.id"), nullable=False)
    category = db.Column(db.String(20), default="hospitality")  # hospitality | technical | travel
    description = db.Column(db.String(255), nullable=False)
    quantity = db.Column(db.Integer, default=1)
    est_cost_pence = db.Column(db.Integer, default=0)
    supplied = db.Column(db.Boolean, default=False)
    notes = db.Column(db.Text)


class ArtistPayment(CRUDMixin, db.Model):
    __tablename__ = "artist_payments"

    id = db.Column(db.Integer, primary_key=True)
    booking_id = db.Column(db.Integer, db.ForeignKey("artist_bookings.id"), nullable=False)
    kind = db.Column(db.String(20), default="deposit")  # deposit | balance | buyout
    amount_pence = db.Column(db.Integer, nullable=False)
    due_date = db.Column(db.Date)
    paid_at = db.Column(db.DateTime)
    bank_reference = db.Column(db.String(64))
    withholding_tax_pence = db.Column(db.Integer, default=0)  # FEU for non-UK artists

    @property
    def overdue(self):
        return self.paid_at is None and self.due_date is not None and \
            self.due_date < datetime.date.today()


# ---------------------------------------------------------------------------
# Stages / line-up
# ---------------------------------------------------------------------------

class FestivalDay(db.Model):
    __tablename__ = "festival_days"

    id = db.Column(db.Integer, primary_key=True)
    date = db.Column(db.Date, nullable=False, unique=True)
    label = db.Column(db.String(20))  # "Friday"
    gates_open = db.Column(db.Time)
    music_curfew = db.Column(db.Time)
    year = db.Column(db.Integer, index=True)

    def __repr__(self):
        return "<FestivalDay %s %s>" % (self.label, self.date)


class Stage(CRUDMixin, SerializerMixin, db.Model):
    __tablename__ = "stages"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    slug = db.Column(db.String(100), unique=True)
    capacity = db.Column(db.Integer)
    zone = db.Column(db.String(40))  # arena | woods | village
    is_active = db.Column(db.Boolean, default=True)
    curfew_override = db.Column(db.Time)
    # Legacy: sponsorship used to just overwrite this. Now set via
    # sponsorship.services.apply_stage_naming_rights (which ALSO just overwrites it)
    sponsor_name = db.Column(db.String(120))
    display_order = db.Column(db.Integer, default=100)

    slots = db.relationship("PerformanceSlot", backref="stage", lazy="dynamic")

    @property
    def display_name(self):
        if self.sponsor_name:
            return u"%s %s Stage" % (self.sponsor_name, self.name)
        return self.name


class PerformanceSlot(CRUDMixin, TimestampMixin, db.Model):
    """A slot in the running order of a stage. NOT a volunteer ShiftSlot."""
    __tablename__ = "performance_slots"

    id = db.Column(db.Integer, primary_key=True)
    stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"), nullable=False)
    day_id = db.Column(db.Integer, db.ForeignKey("festival_days.id"), nullable=False)
    booking_id = db.Column(db.Integer, db.ForeignKey("artist_bookings.id"))
    placeholder_name = db.Column(db.String(200))  # "TBA" / "Special guest"
    start_time = db.Column(db.DateTime, nullable=False)
    end_time = db.Column(db.DateTime, nullable=False)
    status = db.Column(db.String(20), default="held")  # held | confirmed | published | pulled
    is_secret_set = db.Column(db.Boolean, default=False)

    day = db.relationship("FestivalDay")
    booking = db.relationship("ArtistBooking", backref=db.backref("slots", lazy="dynamic"))

    @property
    def act_name(self):
        if self.is_secret_set and self.status != "published":
            return "Special guest"
        if self.booking is not None:
            return self.booking.artist.name
        return self.placeholder_name or "TBA"

    def duration_minutes(self):
        return int((self.end_time - self.start_time).total_seconds() // 60)


class Changeover(db.Model):
    __tablename__ = "changeovers"

    id = db.Column(db.Integer, primary_key=True)
    stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"), nullable=False)
    before_slot_id = db.Column(db.Integer, db.ForeignKey("performance_slots.id"))
    after_slot_id = db.Column(db.Integer, db.ForeignKey("performance_slots.id"))
    minutes = db.Column(db.Integer, default=30)
    notes = db.Column(db.String(255))


class Soundcheck(db.Model):
    __tablename__ = "soundchecks"

    id = db.Column(db.Integer, primary_key=True)
    slot_id = db.Column(db.Integer, db.ForeignKey("performance_slots.id"), nullable=False)
    start_time = db.Column(db.DateTime, nullable=False)
    duration_mins = db.Column(db.Integer, default=30)
    engineer = db.Column(db.String(120))
    line_check_only = db.Column(db.Boolean, default=False)

    slot = db.relationship("PerformanceSlot", backref="soundchecks")


class LineupAnnouncement(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "lineup_announcements"

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    phase = db.Column(db.Integer, default=1)
    body = db.Column(db.Text)
    publish_at = db.Column(db.DateTime)
    published = db.Column(db.Boolean, default=False)
    slot_ids_csv = db.Column(db.Text)  # comma separated performance_slots ids. I know.

    def slot_ids(self):
        return [int(x) for x in (self.slot_ids_csv or "").split(",") if x.strip()]


# ---------------------------------------------------------------------------
# Tickets, orders, wristbands
# ---------------------------------------------------------------------------

class TicketType(CRUDMixin, SerializerMixin, db.Model):
    __tablename__ = "ticket_types"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    code = db.Column(db.String(20), unique=True, nullable=False)  # WKND, WKND-CAMP, FRI ...
    price_pence = db.Column(db.Integer, nullable=False)
    booking_fee_pence = db.Column(db.Integer)
    tier = db.Column(db.Integer, default=1)  # early bird = 1, tier 2, ...
    quota = db.Column(db.Integer, default=0)
    sold = db.Column(db.Integer, default=0)
    on_sale_from = db.Column(db.DateTime)
    on_sale_until = db.Column(db.DateTime)
    includes_camping = db.Column(db.Boolean, default=False)
    day_id = db.Column(db.Integer, db.ForeignKey("festival_days.id"))  # day tickets only
    wristband_colour = db.Column(db.String(20), default="green")
    min_age = db.Column(db.Integer, default=0)
    is_hidden = db.Column(db.Boolean, default=False)

    @property
    def remaining(self):
        return max((self.quota or 0) - (self.sold or 0), 0)

    def on_sale(self, now=None):
        now = now or datetime.datetime.utcnow()
        if self.on_sale_from and now < self.on_sale_from:
            return False
        if self.on_sale_until and now > self.on_sale_until:
            return False
        return self.remaining > 0


class PromoCode(db.Model):
    __tablename__ = "promo_codes"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(40), unique=True, nullable=False)
    discount_pct = db.Column(db.Integer, default=0)
    discount_pence = db.Column(db.Integer, default=0)
    max_uses = db.Column(db.Integer)
    used = db.Column(db.Integer, default=0)
    expires_at = db.Column(db.DateTime)
    ticket_type_id = db.Column(db.Integer, db.ForeignKey("ticket_types.id"))
    partner = db.Column(db.String(100))  # e.g. sponsor name for sponsor codes

    def is_valid(self, now=None):
        now = now or datetime.datetime.utcnow()
        if self.expires_at and now > self.expires_at:
            return False
        if self.max_uses is not None and self.used >= self.max_uses:
            return False
        return True


class TicketOrder(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "ticket_orders"

    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(20), unique=True, nullable=False)
    buyer_name = db.Column(db.String(200))
    buyer_email = db.Column(db.String(200), nullable=False, index=True)
    buyer_postcode = db.Column(db.String(12))
    total_pence = db.Column(db.Integer, default=0)
    fees_pence = db.Column(db.Integer, default=0)
    status = db.Column(db.String(20), default="pending")  # pending | paid | refunded | expired
    promo_code_id = db.Column(db.Integer, db.ForeignKey("promo_codes.id"))
    payment_ref = db.Column(db.String(100))
    paid_at = db.Column(db.DateTime)
    instalment_plan = db.Column(db.Boolean, default=False)

    tickets = db.relationship("Ticket", backref="order", lazy="dynamic")
    promo_code = db.relationship("PromoCode")

    @classmethod
    def by_reference(cls, ref):
        return cls.query.filter_by(reference=(ref or "").upper()).first()


class Ticket(CRUDMixin, db.Model):
    __tablename__ = "tickets"

    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("ticket_orders.id"), nullable=False)
    ticket_type_id = db.Column(db.Integer, db.ForeignKey("ticket_types.id"), nullable=False)
    holder_name = db.Column(db.String(200))
    holder_dob = db.Column(db.Date)
    barcode = db.Column(db.String(40), unique=True, nullable=False,
                        default=lambda: uuid.uuid4().hex[:16].upper())
    status = db.Column(db.String(20), default="valid")  # valid | void | transferred | refunded
    transferred_from_id = db.Column(db.Integer, db.ForeignKey("tickets.id"))

    ticket_type = db.relationship("TicketType")
    wristband = db.relationship("Wristband", backref="ticket", uselist=False)


class GuestListEntry(CRUDMixin, TimestampMixin, db.Model):
    """Comps. Artists' guests, press, crew, volunteers, sponsor hospitality."""
    __tablename__ = "guest_list_entries"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    email = db.Column(db.String(200))
    category = db.Column(db.String(20), nullable=False)  # artist | press | crew | volunteer | sponsor
    source_ref = db.Column(db.String(60))  # e.g. "booking:123", "volunteer:55", "deal:7"
    day_id = db.Column(db.Integer, db.ForeignKey("festival_days.id"))  # NULL = all weekend
    wristband_colour = db.Column(db.String(20), default="white")
    collected = db.Column(db.Boolean, default=False)
    allocated_by = db.Column(db.String(100))

    wristband = db.relationship("Wristband", backref="guest_entry", uselist=False)


class Wristband(CRUDMixin, db.Model):
    __tablename__ = "wristbands"

    id = db.Column(db.Integer, primary_key=True)
    ticket_id = db.Column(db.Integer, db.ForeignKey("tickets.id"))
    guest_entry_id = db.Column(db.Integer, db.ForeignKey("guest_list_entries.id"))
    rfid_uid = db.Column(db.String(32), unique=True, index=True)
    colour = db.Column(db.String(20))
    activated_at = db.Column(db.DateTime)
    deactivated = db.Column(db.Boolean, default=False)
    deactivated_reason = db.Column(db.String(255))
    cashless_enabled = db.Column(db.Boolean, default=False)

    scans = db.relationship("GateScan", backref="wristband", lazy="dynamic")

    @property
    def is_usable(self):
        return self.activated_at is not None and not self.deactivated


class GateScan(db.Model):
    __tablename__ = "gate_scans"

    id = db.Column(db.Integer, primary_key=True)
    wristband_id = db.Column(db.Integer, db.ForeignKey("wristbands.id"), index=True)
    rfid_uid = db.Column(db.String(32))  # raw, in case wristband lookup failed
    gate = db.Column(db.String(40))
    direction = db.Column(db.String(3), default="in")  # in | out
    scanned_at = db.Column(db.DateTime, default=datetime.datetime.utcnow, index=True)
    accepted = db.Column(db.Boolean, default=True)
    reject_reason = db.Column(db.String(100))


# ---------------------------------------------------------------------------
# Vendors / traders
# ---------------------------------------------------------------------------

class Vendor(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "vendors"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    trading_name = db.Column(db.String(200))
    contact_name = db.Column(db.String(200))
    contact_email = db.Column(db.String(200), nullable=False)
    phone = db.Column(db.String(40))
    category = db.Column(db.String(20), default="food")  # food | bar | merch | market | charity
    vat_number = db.Column(db.String(20))
    public_liability_expiry = db.Column(db.Date)
    banned = db.Column(db.Boolean, default=False)
    banned_reason = db.Column(db.String(255))
    sells_drinks_brands = db.Column(db.Text)  # comma separated, used for sponsor exclusivity

    applications = db.relationship("VendorApplication", backref="vendor", lazy="dynamic")
    certificates = db.relationship("HygieneCertificate", backref="vendor", lazy="dynamic")

    def current_certificate(self):
        return self.certificates.order_by(HygieneCertificate.expires_on.desc()).first()


class StallPitch(db.Model):
    """A trading pitch. Camping has CampingPitch, which is a different thing."""
    __tablename__ = "stall_pitches"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(10), unique=True, nullable=False)  # e.g. "FC-12"
    zone = db.Column(db.String(40))
    width_m = db.Column(db.Numeric(5, 2))
    depth_m = db.Column(db.Numeric(5, 2))
    power_amps = db.Column(db.Integer, default=0)
    has_water = db.Column(db.Boolean, default=False)
    base_fee_pence = db.Column(db.Integer, default=0)
    vendor_id = db.Column(db.Integer, db.ForeignKey("vendors.id"))
    year = db.Column(db.Integer)

    vendor = db.relationship("Vendor", backref="pitches")


class VendorApplication(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "vendor_applications"

    id = db.Column(db.Integer, primary_key=True)
    vendor_id = db.Column(db.Integer, db.ForeignKey("vendors.id"), nullable=False)
    year = db.Column(db.Integer, nullable=False)
    menu = db.Column(db.Text)
    price_list = db.Column(db.Text)
    status = db.Column(db.String(20), default="submitted")  # submitted | shortlisted | accepted | rejected | withdrawn
    pitch_preference = db.Column(db.String(40))
    needs_power_amps = db.Column(db.Integer, default=0)
    fee_quoted_pence = db.Column(db.Integer)
    commission_pct = db.Column(db.Numeric(5, 2))
    decided_at = db.Column(db.DateTime)
    decided_by = db.Column(db.String(100))
    rejection_reason = db.Column(db.Text)


class HygieneCertificate(db.Model):
    __tablename__ = "hygiene_certificates"

    id = db.Column(db.Integer, primary_key=True)
    vendor_id = db.Column(db.Integer, db.ForeignKey("vendors.id"), nullable=False)
    rating = db.Column(db.Integer)  # FSA 0-5
    issued_by = db.Column(db.String(120))
    issued_on = db.Column(db.Date)
    expires_on = db.Column(db.Date)
    file_path = db.Column(db.String(500))
    verified = db.Column(db.Boolean, default=False)


class VendorTakings(db.Model):
    __tablename__ = "vendor_takings"

    id = db.Column(db.Integer, primary_key=True)
    vendor_id = db.Column(db.Integer, db.ForeignKey("vendors.id"), nullable=False)
    day_id = db.Column(db.Integer, db.ForeignKey("festival_days.id"))
    gross_pence = db.Column(db.Integer, default=0)
    cashless_pence = db.Column(db.Integer, default=0)
    commission_pence = db.Column(db.Integer, default=0)
    reported_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    source = db.Column(db.String(20), default="manual")  # manual | cashless_feed

    vendor = db.relationship("Vendor", backref="takings")


# ---------------------------------------------------------------------------
# Volunteers / crew
# ---------------------------------------------------------------------------

class VolunteerTeam(db.Model):
    __tablename__ = "volunteer_teams"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)  # Litter, Stewarding, Info Points ...
    lead_name = db.Column(db.String(200))
    lead_email = db.Column(db.String(200))
    min_age = db.Column(db.Integer, default=18)
    hours_required = db.Column(db.Integer, default=12)

    volunteers = db.relationship("Volunteer", backref="team", lazy="dynamic")


class Volunteer(CRUDMixin, TimestampMixin, JsonExtraMixin, db.Model):
    __tablename__ = "volunteers"

    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column(db.String(100), nullable=False)
    last_name = db.Column(db.String(100), nullable=False)
    email = db.Column(db.String(200), nullable=False, unique=True)
    phone = db.Column(db.String(40))
    dob = db.Column(db.Date)
    team_id = db.Column(db.Integer, db.ForeignKey("volunteer_teams.id"))
    status = db.Column(db.String(20), default="applied")  # applied | approved | rejected | withdrawn | noshow
    tshirt_size = db.Column(db.String(5))
    dbs_checked = db.Column(db.Boolean, default=False)
    emergency_contact = db.Column(db.String(255))
    year = db.Column(db.Integer, index=True)
    guest_entry_id = db.Column(db.Integer, db.ForeignKey("guest_list_entries.id"))

    signups = db.relationship("ShiftSignup", backref="volunteer", lazy="dynamic")

    @property
    def full_name(self):
        return u"%s %s" % (self.first_name, self.last_name)


class ShiftSlot(CRUDMixin, db.Model):
    """A volunteer shift slot. Nothing to do with PerformanceSlot, apart
    from the optional stage_id for stage-side stewarding."""
    __tablename__ = "shift_slots"

    id = db.Column(db.Integer, primary_key=True)
    team_id = db.Column(db.Integer, db.ForeignKey("volunteer_teams.id"), nullable=False)
    stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"))
    location = db.Column(db.String(120))
    role = db.Column(db.String(80))
    starts_at = db.Column(db.DateTime, nullable=False)
    ends_at = db.Column(db.DateTime, nullable=False)
    capacity = db.Column(db.Integer, default=1)
    is_night = db.Column(db.Boolean, default=False)

    team = db.relationship("VolunteerTeam", backref="shift_slots")
    signups = db.relationship("ShiftSignup", backref="slot", lazy="dynamic")

    @property
    def hours(self):
        return (self.ends_at - self.starts_at).total_seconds() / 3600.0

    def spaces_left(self):
        return self.capacity - self.signups.filter_by(cancelled=False).count()


class ShiftSignup(db.Model):
    __tablename__ = "shift_signups"

    id = db.Column(db.Integer, primary_key=True)
    volunteer_id = db.Column(db.Integer, db.ForeignKey("volunteers.id"), nullable=False)
    slot_id = db.Column(db.Integer, db.ForeignKey("shift_slots.id"), nullable=False)
    signed_up_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    checked_in_at = db.Column(db.DateTime)
    checked_out_at = db.Column(db.DateTime)
    cancelled = db.Column(db.Boolean, default=False)
    no_show = db.Column(db.Boolean, default=False)


class VolunteerDeposit(db.Model):
    __tablename__ = "volunteer_deposits"

    id = db.Column(db.Integer, primary_key=True)
    volunteer_id = db.Column(db.Integer, db.ForeignKey("volunteers.id"), nullable=False)
    amount_pence = db.Column(db.Integer, nullable=False)
    payment_ref = db.Column(db.String(100))
    status = db.Column(db.String(20), default="held")  # held | refunded | forfeited
    taken_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    refunded_at = db.Column(db.DateTime)
    refund_ref = db.Column(db.String(100))

    volunteer = db.relationship("Volunteer", backref=db.backref("deposit", uselist=False))


# ---------------------------------------------------------------------------
# Camping
# ---------------------------------------------------------------------------

class Campsite(db.Model):
    __tablename__ = "campsites"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    kind = db.Column(db.String(20), default="general")  # general | family | quiet | accessible | campervan
    capacity = db.Column(db.Integer, default=0)
    opens_at = db.Column(db.DateTime)
    closes_at = db.Column(db.DateTime)
    has_showers = db.Column(db.Boolean, default=False)

    pitches = db.relationship("CampingPitch", backref="campsite", lazy="dynamic")


class CampingPitch(db.Model):
    """Bookable camping pitch (family / accessible / campervan fields only)."""
    __tablename__ = "camping_pitches"

    id = db.Column(db.Integer, primary_key=True)
    campsite_id = db.Column(db.Integer, db.ForeignKey("campsites.id"), nullable=False)
    number = db.Column(db.String(10), nullable=False)
    size = db.Column(db.String(10), default="std")  # std | large | xl
    electric_hookup = db.Column(db.Boolean, default=False)
    is_blocked = db.Column(db.Boolean, default=False)


class GlampingUnit(db.Model):
    __tablename__ = "glamping_units"

    id = db.Column(db.Integer, primary_key=True)
    campsite_id = db.Column(db.Integer, db.ForeignKey("campsites.id"), nullable=False)
    kind = db.Column(db.String(20))  # bell_tent | yurt | pod | tipi
    label = db.Column(db.String(40))
    sleeps = db.Column(db.Integer, default=2)
    price_per_night_pence = db.Column(db.Integer, nullable=False)
    supplier = db.Column(db.String(120))
    available = db.Column(db.Boolean, default=True)


class CampingBooking(CRUDMixin, TimestampMixin, db.Model):
    """A camping/glamping booking. See also ArtistBooking (different thing!)."""
    __tablename__ = "camping_bookings"

    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(20), unique=True, nullable=False)
    ticket_id = db.Column(db.Integer, db.ForeignKey("tickets.id"))
    email = db.Column(db.String(200), nullable=False)
    campsite_id = db.Column(db.Integer, db.ForeignKey("campsites.id"))
    pitch_id = db.Column(db.Integer, db.ForeignKey("camping_pitches.id"))
    glamping_unit_id = db.Column(db.Integer, db.ForeignKey("glamping_units.id"))
    arrival_date = db.Column(db.Date)
    nights = db.Column(db.Integer, default=3)
    people = db.Column(db.Integer, default=1)
    total_pence = db.Column(db.Integer, default=0)
    status = db.Column(db.String(20), default="pending")  # pending | paid | cancelled | checked_in
    payment_ref = db.Column(db.String(100))
    checked_in_at = db.Column(db.DateTime)

    campsite = db.relationship("Campsite")
    pitch = db.relationship("CampingPitch")
    glamping_unit = db.relationship("GlampingUnit")


class CampervanPass(db.Model):
    __tablename__ = "campervan_passes"

    id = db.Column(db.Integer, primary_key=True)
    booking_id = db.Column(db.Integer, db.ForeignKey("camping_bookings.id"), nullable=False)
    vehicle_reg = db.Column(db.String(12), nullable=False)
    length_m = db.Column(db.Numeric(4, 1))
    needs_hookup = db.Column(db.Boolean, default=False)
    issued_at = db.Column(db.DateTime)
    pass_number = db.Column(db.String(20), unique=True)

    booking = db.relationship("CampingBooking", backref="campervan_passes")


# ---------------------------------------------------------------------------
# Security / welfare (older tables; newer ones in festival/security/models.py)
# ---------------------------------------------------------------------------

class Incident(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "incidents"

    SEVERITIES = ("low", "medium", "high", "critical")

    id = db.Column(db.Integer, primary_key=True)
    reference = db.Column(db.String(20), unique=True)
    occurred_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    location = db.Column(db.String(200))
    stage_id = db.Column(db.Integer, db.ForeignKey("stages.id"))
    category = db.Column(db.String(40))  # theft | medical | assault | drugs | lost_child | crowd | other
    severity = db.Column(db.String(10), default="low")
    description = db.Column(db.Text)
    wristband_id = db.Column(db.Integer, db.ForeignKey("wristbands.id"))
    reported_by = db.Column(db.String(120))
    police_ref = db.Column(db.String(40))
    resolved = db.Column(db.Boolean, default=False)
    resolved_at = db.Column(db.DateTime)

    stage = db.relationship("Stage")


class LostPropertyItem(CRUDMixin, db.Model):
    __tablename__ = "lost_property"

    id = db.Column(db.Integer, primary_key=True)
    description = db.Column(db.String(255), nullable=False)
    category = db.Column(db.String(40))  # phone | wallet | keys | clothing | other
    found_at = db.Column(db.DateTime, default=datetime.datetime.utcnow)
    found_location = db.Column(db.String(200))
    reported_lost = db.Column(db.Boolean, default=False)  # True = someone lost it, not found it
    contact_email = db.Column(db.String(200))
    wristband_id = db.Column(db.Integer, db.ForeignKey("wristbands.id"))
    status = db.Column(db.String(20), default="held")  # held | matched | returned | disposed
    matched_item_id = db.Column(db.Integer, db.ForeignKey("lost_property.id"))


# ---------------------------------------------------------------------------
# Sponsors (the rest of sponsorship lives in festival/sponsorship/models.py)
# ---------------------------------------------------------------------------

class Sponsor(CRUDMixin, TimestampMixin, db.Model):
    __tablename__ = "sponsors"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    tier = db.Column(db.String(20), default="partner")  # headline | official | partner | supplier
    category = db.Column(db.String(40))  # beer | cider | soft_drinks | telecoms | ...
    contact_name = db.Column(db.String(200))
    contact_email = db.Column(db.String(200))
    logo_url = db.Column(db.String(500))
    website = db.Column(db.String(300))
    active = db.Column(db.Boolean, default=True)


# Old helper, still imported by a couple of templates via context processor
def model_for_table(table_name):
    for cls in db.Model._decl_class_registry.values():
        if getattr(cls, "__tablename__", None) == table_name:
            return cls
    return None
