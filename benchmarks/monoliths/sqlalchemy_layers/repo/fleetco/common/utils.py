"""Grab bag of helpers. Please keep domain logic out of here (we know...)."""
import math
import random
import string
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

try:
    import orjson

    def dumps(obj):
        return orjson.dumps(obj, default=str).decode("utf-8")

except ImportError:  # pragma: no cover - orjson is optional on dev laptops
    import json

    def dumps(obj):
        return json.dumps(obj, default=str)


TWO_PLACES = Decimal("0.01")
EARTH_RADIUS_KM = 6371.0
VOLUMETRIC_DIVISOR = 5000  # cm3 per kg, road freight standard


def utcnow():
    return datetime.now(timezone.utc)


def round_money(value):
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_money(value, currency="EUR"):
    amount = round_money(value)
    symbol = {"EUR": "\u20ac", "GBP": "\u00a3", "USD": "$"}.get(currency, currency + " ")
    return f"{symbol}{amount:,.2f}"


def parse_date(value):
    if value is None or isinstance(value, date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date: {value!r}")


def add_business_days(start, n):
    current = start
    while n > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            n -= 1
    return current


def generate_reference(prefix, length=8):
    alphabet = string.ascii_uppercase + string.digits
    body = "".join(random.choice(alphabet) for _ in range(length))
    return f"{prefix}-{body}"


def format_invoice_number(year, sequence, branch="HQ"):
    # finance wants INV/2021/HQ/000123, the old system used INV-000123
    return f"INV/{year}/{branch}/{sequence:06d}"


def haversine_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def volumetric_weight_kg(length_cm, width_cm, height_cm):
    return round((length_cm * width_cm * height_cm) / VOLUMETRIC_DIVISOR, 2)


def chargeable_weight(actual_kg, length_cm, width_cm, height_cm):
    return max(actual_kg or 0, volumetric_weight_kg(length_cm, width_cm, height_cm))


def normalize_postcode(postcode):
    if not postcode:
        return ""
    return "".join(postcode.split()).upper()


def paginate(query, page=1, per_page=50):
    page = max(int(page or 1), 1)
    per_page = min(max(int(per_page or 50), 1), 500)
    total = query.count()
    items = query.offset((page - 1) * per_page).limit(per_page).all()
    return {"items": items, "total": total, "page": page, "per_page": per_page}
