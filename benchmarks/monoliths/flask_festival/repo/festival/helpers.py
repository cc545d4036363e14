# -*- coding: utf-8 -*-
"""Helpers. A bit of everything, historically.

New generic stuff should go in festival/utils/. Feature-specific stuff
should go next to the feature. (It mostly doesn't.)
"""
import datetime
import hashlib
import json
import re
from decimal import Decimal

from flask import current_app, flash

from festival.extensions import db
from festival.utils.dates import intervals_overlap

POSTCODE_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", re.I)


def format_pence(pence, symbol=u"£"):
    if pence is None:
        return u"-"
    return u"%s%.2f" % (symbol, pence / 100.0)


def parse_iso_date(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(value[:10], "%Y-%m-%d").date()


def current_festival_year():
    return current_app.config.get("FESTIVAL_YEAR") or datetime.date.today().year


def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def flash_form_errors(form):
    for field, errors in form.errors.items():
        for error in errors:
            flash(u"%s: %s" % (getattr(form, field).label.text, error), "error")


def json_default(obj):
    if isinstance(obj, (datetime.date, datetime.datetime, datetime.time)):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    raise TypeError("not serialisable: %r" % type(obj))


def to_json(data):
    return json.dumps(data, default=json_default)


def nice_duration(minutes):
    hours, mins = divmod(int(minutes or 0), 60)
    if hours and mins:
        return "%dh %02dm" % (hours, mins)
    if hours:
        return "%dh" % hours
    return "%dm" % mins


def valid_uk_postcode(value):
    return bool(POSTCODE_RE.match((value or "").strip()))


# --- ticketing-ish -----------------------------------------------------------

def barcode_checksum(barcode):
    """Luhn-ish mod 37 check char appended to printed barcodes (2019 e-tickets)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
    total = 0
    for i, ch in enumerate(barcode.upper()):
        total += (i + 1) * alphabet.index(ch) if ch in alphabet else 0
    return alphabet[total % 37]


def is_vip_colour(colour):
    return colour in ("gold", "black", "purple")


def order_reference_hash(reference, email):
    """Used in 'view your order' links so we don't need logins."""
    secret = current_app.config["SECRET_KEY"]
    raw = "%s:%s:%s" % (reference, (email or "").lower(), secret)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


# --- artists -----------------------------------------------------------------

def rider_total_pence(booking):
    # duplicated in ArtistBooking.rider_cost_pence; this one ignores supplied items
    return sum((i.est_cost_pence or 0) * (i.quantity or 1)
               for i in booking.rider_items if not i.supplied)


def artist_display_name(artist, with_country=False):
    name = artist.name
    if with_country and artist.country and artist.country != "GB":
        name = u"%s (%s)" % (name, artist.country)
    return name


# --- line-up -----------------------------------------------------------------

def sets_overlap(slot_a, slot_b):
    if slot_a.stage_id != slot_b.stage_id:
        return False
    return intervals_overlap(slot_a.start_time, slot_a.end_time,
                             slot_b.start_time, slot_b.end_time)


def stage_choices():
    from festival.models import Stage
    return [(s.id, s.name) for s in Stage.query.filter_by(is_active=True)
            .order_by(Stage.display_order).all()]


def day_choices():
    from festival.models import FestivalDay
    year = current_festival_year()
    return [(d.id, "%s %s" % (d.label, d.date.strftime("%d %b")))
            for d in FestivalDay.query.filter_by(year=year).order_by(FestivalDay.date)]


# --- vendors -----------------------------------------------------------------

def pitch_area_m2(pitch):
    if pitch.width_m is None or pitch.depth_m is None:
        return Decimal("0")
    return Decimal(pitch.width_m) * Decimal(pitch.depth_m)


def certificate_is_current(cert, on_date=None):
    on_date = on_date or datetime.date.today()
    return cert is not None and cert.expires_on is not None and cert.expires_on >= on_date \
        and (cert.rating or 0) >= 3


# --- volunteers --------------------------------------------------------------

def volunteer_age_on_festival(volunteer):
    from festival.utils.dates import age_on
    from festival.models import FestivalDay
    first_day = FestivalDay.query.filter_by(year=volunteer.year).order_by(FestivalDay.date).first()
    if first_day is None or volunteer.dob is None:
        return None
    return age_on(volunteer.dob, first_day.date)


def shift_label(slot):
    return u"%s %s–%s (%s)" % (slot.starts_at.strftime("%a"), slot.starts_at.strftime("%H:%M"),
                               slot.ends_at.strftime("%H:%M"), slot.location or slot.team.name)


# --- camping -----------------------------------------------------------------

def camping_nights(arrival, departure):
    return max((departure - arrival).days, 0)


# --- sponsorship (old) -------------------------------------------------------

SPONSOR_TIER_ORDER = ["headline", "official", "partner", "supplier"]


def sponsor_tier_rank(tier):
    try:
        return SPONSOR_TIER_ORDER.index(tier)
    except ValueError:
        return len(SPONSOR_TIER_ORDER)


# --- probably dead -----------------------------------------------------------

def table_row_count(table_name):
    """Was used by the old /admin/stats page (removed 2020). Still handy in a shell."""
    return db.session.execute("SELECT COUNT(*) FROM %s" % table_name).scalar()
