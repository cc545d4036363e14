"""Misc helpers. Used by everything, so be careful."""
import datetime
import functools
import hashlib
import json
import os
import random
import re
import string
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from flask import g, jsonify, redirect, request, session, url_for

try:
    from ujson import dumps as fast_dumps
except ImportError:  # ujson does not build on the CI image
    def fast_dumps(obj):
        return json.dumps(obj, default=str)

_CONFIG = {}
_CONFIG_LOADED = False

DEFAULT_CURRENCY = "EUR"
CURRENCY_SYMBOLS = {"EUR": u"\u20ac", "USD": "$", "GBP": u"\u00a3"}
PAGE_SIZE = 20


def load_config(path=None):
    global _CONFIG_LOADED
    path = path or os.environ.get("SHOP_SETTINGS")
    if path and os.path.exists(path):
        with open(path) as fh:
            for line in fh:
                line = line.strip()
                if not line or line.startswith("#") or "=" not in line:
                    continue
                key, value = line.split("=", 1)
                _CONFIG[key.strip()] = value.strip().strip('"')
    _CONFIG_LOADED = True
    return _CONFIG


def get_config(key, default=None):
    if not _CONFIG_LOADED:
        load_config()
    if key in os.environ:
        return os.environ[key]
    return _CONFIG.get(key, default)


def config_bool(key, default=False):
    value = get_config(key)
    if value is None:
        return default
    return str(value).lower() in ("1", "true", "yes", "on")


def config_int(key, default=0):
    try:
        return int(get_config(key, default))
    except (TypeError, ValueError):
        return default


def now_utc():
    return datetime.datetime.utcnow().replace(microsecond=0)


def to_decimal(value):
    if value is None:
        return Decimal("0.00")
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(amount, currency=DEFAULT_CURRENCY):
    amount = to_decimal(amount)
    symbol = CURRENCY_SYMBOLS.get(currency, currency + " ")
    text = "{:,.2f}".format(amount)
    if currency == "EUR":
        # customers in FR/DE complained about 1,234.50
        text = text.replace(",", " ").replace(".", ",")
        return text + " " + symbol
    return symbol + text


def parse_money(text):
    text = (text or "").strip().replace(" ", "")
    text = re.sub(r"[^\d,.\-]", "", text)
    if text.count(",") == 1 and text.count(".") == 0:
        text = text.replace(",", ".")
    else:
        text = text.replace(",", "")
    return to_decimal(text or "0")


def old_format_price(cents):
    # pre-2018 prices were stored in cents; kept for the old export
    return "%d.%02d" % (cents // 100, cents % 100)


def slugify(value, max_length=80):
    value = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    value = re.sub(r"[-\s]+", "-", value)
    return value[:max_length].strip("-")


def paginate(rows, page=1, per_page=PAGE_SIZE):
    try:
        page = max(int(page), 1)
    except (TypeError, ValueError):
        page = 1
    start = (page - 1) * per_page
    items = rows[start:start + per_page]
    return {
        "items": items,
        "page": page,
        "per_page": per_page,
        "total": len(rows),
        "pages": (len(rows) + per_page - 1) // per_page,
    }


def page_args():
    page = request.args.get("page", 1)
    per_page = min(int(request.args.get("per_page", PAGE_SIZE)), 100)
    try:
        page = int(page)
    except ValueError:
        page = 1
    return page, per_page, (page - 1) * per_page


def chunked(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def generate_token(length=32):
    alphabet = string.ascii_letters + string.digits
    rnd = random.SystemRandom()
    return "".join(rnd.choice(alphabet) for _ in range(length))


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def mask_card_number(number):
    digits = re.sub(r"\D", "", number or "")
    if len(digits) < 10:
        return "****"
    return digits[:4] + " **** **** " + digits[-4:]


def luhn_ok(number):
    digits = [int(d) for d in re.sub(r"\D", "", number or "")]
    if len(digits) < 12:
        return False
    checksum = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        checksum += d
    return checksum % 10 == 0


def normalize_phone(phone, country="FR"):
    digits = re.sub(r"[^\d+]", "", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("0") and country == "FR":
        digits = "+33" + digits[1:]
    return digits


def json_error(message, status=400, **extra):
    payload = {"error": message}
    payload.update(extra)
    resp = jsonify(payload)
    resp.status_code = status
    return resp


def wants_json():
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" or request.path.startswith("/api/")


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not session.get("user_id"):
            if wants_json():
                return json_error("login required", 401)
            return redirect(url_for("login", next=request.path))
        g.user_id = session["user_id"]
        return view(*args, **kwargs)
    return wrapper


def admin_required(view):
    @functools.wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not session.get("is_admin"):
            return json_error("forbidden", 403)
        return view(*args, **kwargs)
    return wrapper


class cached_property(object):
    """Backport, we were on 3.6 for a long time."""

    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__

    def __get__(self, obj, cls):
        if obj is None:
            return self
        value = obj.__dict__[self.func.__name__] = self.func(obj)
        return value


def strip_html(text):
    return re.sub(r"<[^>]+>", "", text or "")


def truncate(text, length=120, suffix="..."):
    if text is None or len(text) <= length:
        return text
    return text[:length - len(suffix)].rsplit(" ", 1)[0] + suffix
