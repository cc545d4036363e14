"""Grab-bag of small helpers.

Please keep business logic OUT of this package. (Yes, we know.)
"""
import re
import unicodedata

from bakery.helpers.dates import today, now_utc  # noqa: F401
from bakery.helpers.money import to_money  # noqa: F401

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def chunked(seq, size):
    """Yield successive `size` sized lists from seq."""
    buf = []
    for item in seq:
        buf.append(item)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def first(iterable, default=None):
    for item in iterable:
        return item
    return default


def str_to_bool(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("1", "y", "yes", "true", "on")


def slugify(text):
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    return _SLUG_RE.sub("-", text.lower()).strip("-")


def safe_int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def is_valid_postcode(value):
    # UK postcodes, loosely. Good enough for delivery addresses.
    if not value:
        return False
    value = value.strip().upper()
    return bool(re.match(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", value))


def is_valid_phone(value):
    digits = re.sub(r"\D", "", value or "")
    return 10 <= len(digits) <= 13
