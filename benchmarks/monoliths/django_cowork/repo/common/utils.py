import re
from decimal import Decimal, ROUND_HALF_UP

from django.conf import settings
from django.utils.text import slugify

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def round_money(value):
    if value is None:
        return Decimal("0.00")
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(amount, currency=None):
    currency = currency or settings.DEFAULT_CURRENCY
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    amount = round_money(amount)
    sign = "-" if amount < 0 else ""
    return "%s%s%s" % (sign, symbol, "{:,.2f}".format(abs(amount)))


def format_date(value, fmt="%d %b %Y"):
    if not value:
        return ""
    return value.strftime(fmt)


def slugify_unique(model, value, field="slug"):
    base = slugify(value)[:45] or "item"
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug = "%s-%d" % (base, n)
        n += 1
    return slug


def get_client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


PHONE_RE = re.compile("[^\d+]")


def normalise_phone(number):
    # TODO: use phonenumbers lib, this is UK-only
    if not number:
        return ""
    number = PHONE_RE.sub("", number)
    if number.startswith("0"):
        number = "+44" + number[1:]
    return number
