import math
import random
import re
import string
from datetime import datetime, timedelta
from decimal import Decimal, ROUND_HALF_UP

from django.utils import timezone

VRM_RE = re.compile(r"^[A-Z0-9]{2,8}$")


def format_money(pence, symbol="\u00a3"):
    if pence is None:
        return ""
    pounds = Decimal(pence) / Decimal(100)
    return "%s%s" % (symbol, pounds.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def parse_money(value):
    """'3.50' / '£3.50' / '350p' -> 350"""
    if value in (None, ""):
        return 0
    value = str(value).strip().replace("\u00a3", "").replace(",", "")
    if value.endswith("p"):
        return int(value[:-1])
    return int((Decimal(value) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def old_format_money(amount):
    # pre-2020 amounts were floats in pounds. kept for the old PDF letters
    return "\u00a3%.2f" % amount


def normalise_vrm(vrm):
    if not vrm:
        return ""
    return re.sub(r"[^A-Z0-9]", "", vrm.upper())


def is_valid_vrm(vrm):
    return bool(VRM_RE.match(normalise_vrm(vrm)))


def now_local():
    return timezone.localtime(timezone.now())


def to_local(dt):
    if dt is None:
        return None
    if timezone.is_naive(dt):
        dt = timezone.make_aware(dt)
    return timezone.localtime(dt)


def round_to_minutes(dt, minutes=5):
    discard = timedelta(minutes=dt.minute % minutes, seconds=dt.second,
                        microseconds=dt.microsecond)
    dt -= discard
    if discard >= timedelta(minutes=minutes / 2.0):
        dt += timedelta(minutes=minutes)
    return dt


def daterange(start, end):
    for n in range(int((end - start).days) + 1):
        yield start + timedelta(n)


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def generate_reference(prefix="", length=8):
    alphabet = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"
    body = "".join(random.choice(alphabet) for _ in range(length))
    return "%s%s" % (prefix, body)


def get_client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def mask_card_number(pan):
    pan = re.sub(r"\D", "", pan or "")
    if len(pan) < 10:
        return "****"
    return pan[:6] + "*" * (len(pan) - 10) + pan[-4:]


def calculate_charge(tariff, start, end):
    """Price in pence for parking between start and end under ``tariff``.

    Lives here because the IVR, the API and the website all needed it and nobody
    wanted to import main.services from legacy.  Don't add more of this.
    """
    from shared.models import PublicHoliday

    if tariff is None:
        return 0
    minutes = int(math.ceil((end - start).total_seconds() / 60.0))
    if minutes <= (tariff.free_minutes or 0):
        return 0
    if not tariff.applies_on_holidays:
        if PublicHoliday.objects.filter(date=to_local(start).date(), charges_apply=False).exists():
            return 0
    if tariff.max_stay_minutes and minutes > tariff.max_stay_minutes:
        minutes = tariff.max_stay_minutes
    band = tariff.bands.filter(up_to_minutes__gte=minutes).order_by("up_to_minutes").first()
    if band is None:
        band = tariff.bands.order_by("-up_to_minutes").first()
    return band.price_pence if band else 0


def is_within_controlled_hours(zone, when=None):
    when = to_local(when or timezone.now())
    if zone.controlled_from is None or zone.controlled_to is None:
        return True
    # sundays free everywhere except the seafront zones (S*)
    if when.weekday() == 6 and not zone.code.startswith("S"):
        return False
    return zone.controlled_from <= when.time() <= zone.controlled_to
