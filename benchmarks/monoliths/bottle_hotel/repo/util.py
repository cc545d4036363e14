"""Helpers used all over the place. If you need it in two files, put it here."""
import csv
import functools
import hashlib
import hmac
import io
import json
import logging
import re
import smtplib
import time
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage

from bottle import HTTPResponse, redirect, request, response

import settings

log = logging.getLogger(__name__)

TWOPLACES = Decimal("0.01")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


# ---------------------------------------------------------------- money / numbers

def to_decimal(value, default=Decimal("0")):
    if value is None or value == "":
        return default
    try:
        return Decimal(str(value)).quantize(TWOPLACES, rounding=ROUND_HALF_UP)
    except Exception:
        return default


def format_money(amount, currency="GBP"):
    symbol = {"GBP": "\u00a3", "EUR": "\u20ac", "USD": "$"}.get(currency, currency + " ")
    amount = to_decimal(amount)
    sign = "-" if amount < 0 else ""
    return "%s%s%s" % (sign, symbol, "{:,.2f}".format(abs(amount)))


def vat_split(gross, rate):
    """Split a VAT-inclusive amount. UK folios are always VAT inclusive."""
    gross = to_decimal(gross)
    net = (gross / (Decimal("1") + Decimal(str(rate)))).quantize(TWOPLACES, rounding=ROUND_HALF_UP)
    return net, gross - net


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- dates

def parse_date(value):
    if isinstance(value, date):
        return value
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("bad date: %r" % value)


def format_date(d, fmt="%d %b %Y"):
    if not d:
        return ""
    if isinstance(d, str):
        d = parse_date(d[:10])
    return d.strftime(fmt)


def daterange(start, end):
    """Nights between start (incl) and end (excl)."""
    d = start
    while d < end:
        yield d
        d += timedelta(days=1)


def nights_between(arrival, departure):
    return max((parse_date(departure) - parse_date(arrival)).days, 0)


def business_date():
    # The hotel day rolls over at the night audit, not at midnight.
    now = datetime.now()
    if now.hour < settings.current.NIGHT_AUDIT_HOUR:
        return (now - timedelta(days=1)).date()
    return now.date()


def season_for(d):
    # used by the rate grid colouring and the yield rules
    if d.month in (7, 8) or (d.month == 12 and d.day >= 20):
        return "peak"
    if d.month in (1, 2, 11):
        return "low"
    return "shoulder"


# ---------------------------------------------------------------- strings

def clean(value, maxlen=255):
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value[:maxlen] or None


def valid_email(value):
    return bool(value and EMAIL_RE.match(value))


def slugify(value):
    return re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")


def confirmation_code(hotel_code, seq):
    # HLB-24-000123 ; the year part was added when we passed 999999 in 2021
    return "%s-%s-%06d" % (hotel_code, date.today().strftime("%y"), seq)


def mask_card(number):
    digits = re.sub(r"\D", "", number or "")
    return "**** " + digits[-4:] if len(digits) >= 4 else ""


def loyalty_tier(lifetime_nights):
    if lifetime_nights >= 50:
        return "platinum"
    if lifetime_nights >= 20:
        return "gold"
    if lifetime_nights >= 8:
        return "silver"
    return "blue"


# ---------------------------------------------------------------- web

def page_args(default_size=None):
    page = max(int_or_none(request.query.get("page")) or 1, 1)
    size = int_or_none(request.query.get("size")) or default_size or settings.current.PAGE_SIZE
    return page, min(size, 500)


def paginate(sql, params, page, size):
    import db
    total = db.scalar("SELECT COUNT(*) FROM (" + sql + ") AS sub", params)
    rows = db.query(sql + " LIMIT ? OFFSET ?", list(params) + [size, (page - 1) * size])
    return {"rows": rows, "page": page, "size": size, "total": total,
            "pages": (total + size - 1) // size if total else 0}


def json_response(data, status=200):
    return HTTPResponse(json.dumps(data, default=_json_default), status=status,
                        headers={"Content-Type": "application/json"})


def json_error(message, status=400):
    return json_response({"error": message}, status)


def _json_default(obj):
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    raise TypeError(repr(obj))


def csv_download(rows, filename, columns=None):
    buf = io.StringIO()
    if rows:
        columns = columns or list(rows[0].keys())
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    response.content_type = "text/csv; charset=utf-8"
    response.set_header("Content-Disposition", "attachment; filename=%s" % filename)
    return buf.getvalue()


def current_user():
    name = request.get_cookie("pms_user", secret=settings.current.SECRET)
    if not name or name not in settings.current.USERS:
        return None
    return dict(settings.current.USERS[name], name=name)


def check_password(name, password):
    user = settings.current.USERS.get(name)
    if not user:
        return False
    salt = user["hash"].split("$")[1]
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), 600000).hex()
    return hmac.compare_digest(user["hash"].split("$")[2], digest)


def login_required(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            redirect("/login?next=" + request.path)
        return fn(*args, **kwargs)
    return wrapper


def role_required(*roles):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                redirect("/login?next=" + request.path)
            if user["role"] not in roles and user["role"] != "manager":
                return HTTPResponse("forbidden", status=403)
            return fn(*args, **kwargs)
        return wrapper
    return deco


def require_fields(form, *names):
    missing = [n for n in names if not form.get(n)]
    if missing:
        raise ValueError("missing: " + ", ".join(missing))


# ---------------------------------------------------------------- mail

def send_email(to, subject, body, attachments=None):
    if not to:
        return False
    msg = EmailMessage()
    msg["From"] = settings.current.SMTP_FROM
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    for name, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    try:
        with smtplib.SMTP(settings.current.SMTP_HOST, timeout=10) as smtp:
            smtp.send_message(msg)
        return True
    except (OSError, smtplib.SMTPException):
        log.exception("mail to %s failed", to)
        return False


def retry(times=3, delay=1.0):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except Exception:
                    if attempt == times - 1:
                        raise
                    time.sleep(delay * (attempt + 1))
        return wrapper
    return deco


def ota_signature(api_key, body):
    # Booking-style HMAC header; Expedia uses basic auth so this is only half the story
    return hmac.new(api_key.encode(), body.encode(), hashlib.sha256).hexdigest()


def format_phone_old(phone):
    # pre-2020 formatting, replaced by clean(); kept because the old letters template used it
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits[:5] + " " + digits[5:] if len(digits) == 11 else phone
