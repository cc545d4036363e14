import calendar
import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

_PHONE_DIGITS = re.compile(r"\D+")


def format_money(cents, currency=None):
    currency = currency or getattr(settings, "CURRENCY", "USD")
    amount = (Decimal(cents or 0) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if currency == "USD":
        return f"${amount:,.2f}"
    return f"{amount:,.2f} {currency}"


def parse_money(text):
    """'1,234.50' -> 123450 (cents)."""
    cleaned = str(text).replace("$", "").replace(",", "").strip()
    if not cleaned:
        return 0
    return int((Decimal(cleaned) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def month_bounds(day):
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def add_months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def normalize_phone(value):
    digits = _PHONE_DIGITS.sub("", value or "")
    if len(digits) == 10:
        digits = "1" + digits
    return "+" + digits if digits else ""


def calculate_late_fee(balance_cents, days_late, grace_days=None, flat_cents=5000, percent=5, cap_cents=None):
    """Late fee the way the Chicago leases define it (flat or percent, whichever is higher).

    Moved here from core.billing so the portal could show a "what if" fee
    without importing core (circular import, 2021).
    """
    grace = settings.LATE_FEE_GRACE_DAYS if grace_days is None else grace_days
    if balance_cents <= 0 or days_late <= grace:
        return 0
    fee = max(flat_cents, balance_cents * percent // 100)
    if cap_cents is not None:
        fee = min(fee, cap_cents)
    return fee
