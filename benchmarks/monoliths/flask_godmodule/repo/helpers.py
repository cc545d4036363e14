"""Odds and ends used all over the place. If you add something, put it in a section."""
import csv
import io
import logging
import re
import smtplib
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from email.message import EmailMessage
from functools import wraps

import requests
from flask import flash, g, jsonify, redirect, request, session, url_for

from config import Config

log = logging.getLogger(__name__)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")
PHONE_RE = re.compile(r"^\+?[0-9 ()-]{7,20}$")

# ---------------------------------------------------------------- formatting


def format_money(amount, currency=None):
    if amount is None:
        amount = 0
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return "%s%s%s" % (sign, currency or Config.CURRENCY, f"{abs(value):,.2f}")


def to_decimal(value, places="0.01"):
    if value in (None, ""):
        return Decimal("0")
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def format_date(d, fmt="%d/%m/%Y"):
    if not d:
        return ""
    if isinstance(d, str):
        d = parse_date(d)
    return d.strftime(fmt)


def parse_date(value):
    if not value:
        return None
    if isinstance(value, date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError("bad date: %r" % value)


def parse_datetime(value):
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    for fmt in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"):
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    raise ValueError("bad datetime: %r" % value)


def week_bounds(d):
    """Monday 00:00 .. next Monday 00:00 for the week containing d."""
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=7)


def pet_age(dob, today=None):
    # reception wants "2y 3m" not a float
    if not dob:
        return "unknown"
    today = today or date.today()
    months = (today.year - dob.year) * 12 + today.month - dob.month
    if today.day < dob.day:
        months -= 1
    if months < 0:
        return "unknown"
    if months < 12:
        return "%dm" % months
    return "%dy %dm" % (months // 12, months % 12)


def format_phone_old(number):
    # pre-2020 format, used by the old SMS gateway; nothing calls this now
    digits = re.sub(r"\D", "", number or "")
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits[:5] + " " + digits[5:]


# ---------------------------------------------------------------- validation


def clean(value):
    if value is None:
        return None
    value = value.strip()
    return value or None


def validate_email(value):
    return bool(value) and EMAIL_RE.match(value) is not None


def normalize_phone(value):
    value = clean(value)
    if not value:
        return None
    if not PHONE_RE.match(value):
        raise ValueError("invalid phone number")
    digits = re.sub(r"[^0-9+]", "", value)
    if digits.startswith("0"):
        digits = "+44" + digits[1:]
    return digits


def require_fields(form, *names):
    missing = [n for n in names if not clean(form.get(n))]
    if missing:
        raise ValueError("missing: " + ", ".join(missing))
    return {n: clean(form.get(n)) for n in names}


def int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- domain-ish calcs
# TODO move these next to the code that uses them


def calc_dose(weight_kg, mg_per_kg, strength_mg):
    """Tablets (or ml) per dose, rounded to the nearest quarter."""
    if not weight_kg or not mg_per_kg or not strength_mg:
        return None
    raw = Decimal(str(weight_kg)) * Decimal(str(mg_per_kg)) / Decimal(str(strength_mg))
    return (raw * 4).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 4


def vat_split(gross, rate=None):
    rate = Decimal(str(Config.VAT_DEFAULT if rate is None else rate))
    gross = to_decimal(gross)
    net = (gross / (1 + rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return net, gross - net


def clashes(appt, other):
    if appt.get("id") and appt.get("id") == other.get("id"):
        return False
    return appt["starts_at"] < other["ends_at"] and other["starts_at"] < appt["ends_at"]


# ---------------------------------------------------------------- auth


def current_user():
    return session.get("user")


def login_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not session.get("user"):
            return redirect(url_for("login", next=request.path))
        g.user = session["user"]
        return view(*args, **kwargs)

    return wrapped


def role_required(*roles):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = session.get("user")
            if not user:
                return redirect(url_for("login", next=request.path))
            if user["role"] not in roles and user["role"] != "admin":
                flash("You are not allowed to do that.", "error")
                return redirect(url_for("index"))
            g.user = user
            return view(*args, **kwargs)

        return wrapped

    return decorator


# ---------------------------------------------------------------- http / paging


def json_error(message, status=400):
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


def page_args(default_size=None):
    page = int_or_none(request.args.get("page")) or 1
    size = int_or_none(request.args.get("per_page")) or default_size or Config.PAGE_SIZE
    return max(page, 1), min(size, 200)


def paginate(run_query, sql, params=None, page=1, per_page=None):
    """Wraps any SELECT with LIMIT/OFFSET. sql must not already have a LIMIT."""
    per_page = per_page or Config.PAGE_SIZE
    offset = (page - 1) * per_page
    rows = run_query(sql + " LIMIT %d OFFSET %d" % (per_page + 1, offset), params)
    has_next = len(rows) > per_page
    return {"items": rows[:per_page], "page": page, "has_next": has_next,
            "has_prev": page > 1}


def rows_to_csv(rows, columns):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c) for c in columns])
    return buf.getvalue()


# ---------------------------------------------------------------- messaging


def send_email(to, subject, body, attachments=None):
    msg = EmailMessage()
    msg["From"] = Config.SMTP_FROM
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    for name, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    try:
        with smtplib.SMTP(Config.SMTP_HOST) as smtp:
            smtp.send_message(msg)
        return True
    except (OSError, smtplib.SMTPException):
        log.exception("could not send mail to %s", to)
        return False


def send_sms(number, text):
    if not Config.SMS_API_URL:
        log.info("SMS disabled, would send to %s: %s", number, text)
        return False
    resp = requests.post(
        Config.SMS_API_URL,
        json={"to": number, "text": text[:459]},
        headers={"Authorization": "Bearer " + Config.SMS_API_KEY},
        timeout=10,
    )
    return resp.status_code == 200


try:
    from weasyprint import HTML

    def render_pdf(html):
        return HTML(string=html).write_pdf()

except ImportError:  # weasyprint needs cairo, not on the dev laptops

    def render_pdf(html):
        log.warning("weasyprint not installed, returning HTML instead of PDF")
        return html.encode("utf-8")
