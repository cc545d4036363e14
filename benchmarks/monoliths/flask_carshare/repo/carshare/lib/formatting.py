import json
import re
import unicodedata
from decimal import Decimal
import datetime as dt

_PLATE_RE = re.compile(r"[^A-Z0-9]")


def slugify(value):
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def truncate(text, length=80, suffix="..."):
    if text is None:
        return ""
    if len(text) <= length:
        return text
    return text[: length - len(suffix)].rstrip() + suffix


def format_datetime(value, fmt="%d %b %Y %H:%M"):
    if not value:
        return ""
    return value.strftime(fmt)


def format_distance(km):
    if km is None:
        return "-"
    km = float(km)
    if km < 1:
        return "%d m" % int(km * 1000)
    return "%.1f km" % km


def normalise_plate(plate):
    """UK plates: upper-case, no spaces. 'ab12 cde' -> 'AB12CDE'.

    Lives here because the CSV fleet import needed it before fleet had a
    module of its own (JW 2020).
    """
    if not plate:
        return plate
    return _PLATE_RE.sub("", plate.upper())


def display_plate(plate):
    p = normalise_plate(plate)
    if p and len(p) == 7:
        return p[:4] + " " + p[4:]
    return p


def format_licence_number(number):
    # DVLA numbers are 16 chars, we store them without spaces
    if not number:
        return number
    return number.replace(" ", "").upper()


def mask_card(last4, brand=None):
    brand = (brand or "card").title()
    return "%s **** %s" % (brand, last4 or "????")


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, (dt.datetime, dt.date)):
            return o.isoformat()
        if isinstance(o, Decimal):
            return float(o)
        return super(_Encoder, self).default(o)


def to_json(obj):
    return json.dumps(obj, cls=_Encoder)


class Page(object):
    def __init__(self, items, page, per_page, total):
        self.items = items
        self.page = page
        self.per_page = per_page
        self.total = total

    @property
    def pages(self):
        if not self.per_page:
            return 0
        return (self.total + self.per_page - 1) // self.per_page

    @property
    def has_next(self):
        return self.page < self.pages

    def as_dict(self):
        return {"items": self.items, "page": self.page, "pages": self.pages, "total": self.total}


def paginate(items, page=1, per_page=25):
    page = max(int(page or 1), 1)
    start = (page - 1) * per_page
    return Page(items[start:start + per_page], page, per_page, len(items))
