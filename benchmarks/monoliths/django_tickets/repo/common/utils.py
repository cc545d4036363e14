"""Bits everybody needs. Please don't put business logic in here (too late)."""
import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.http import JsonResponse
from django.utils import timezone

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def format_money(pence, currency=None):
    currency = currency or settings.CURRENCY
    symbol = {"GBP": "\u00a3", "EUR": "\u20ac"}.get(currency, currency + " ")
    sign = "-" if pence < 0 else ""
    return f"{sign}{symbol}{abs(pence) / 100:,.2f}"


def to_pence(value):
    """'12.50' / Decimal / float -> 1250."""
    if value in (None, ""):
        return 0
    amount = Decimal(str(value).replace(",", "").replace("\u00a3", "").strip())
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent_of(pence, percent):
    return int((Decimal(pence) * Decimal(percent) / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def local_now():
    return timezone.localtime(timezone.now())


def format_showtime(value):
    if value is None:
        return ""
    value = timezone.localtime(value)
    return value.strftime("%a %d %b %Y, %H:%M")


def month_range(day):
    first = day.replace(day=1)
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, nxt - datetime.timedelta(days=1)


def generate_code(length=8, prefix=""):
    return prefix + "".join(random.choice(CODE_ALPHABET) for _ in range(length))


def chunked(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def json_error(message, status=400, **extra):
    payload = {"ok": False, "error": message}
    payload.update(extra)
    return JsonResponse(payload, status=status)


def send_plain_mail(to, subject, body):
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
        return True
    except Exception as exc:  # SMTP flakes, never break checkout over an email
        print("MAIL FAILED", to, subject, exc)
        return False


def old_price_string(price):
    # pre-2020 templates used this, kept "just in case"
    return "GBP %s" % (Decimal(price) / 100)
