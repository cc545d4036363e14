# -*- coding: utf-8 -*-
"""Misc helpers. If you don't know where something goes, it goes here."""
import csv
import functools
import hashlib
import io
import json
import logging
import math
import random
import re
import string
import time
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from flask import Response, g, jsonify, redirect, request, session, url_for

import db
from config import Config

log = logging.getLogger("dishdash")

PHONE_RE = re.compile(r"[^\d+]")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
BAD_WORDS = ("idiot", "scam", "disgusting", "fraud")


# ---- money (everything is stored in cents!) ----

def to_cents(value):
    if value is None or value == "":
        return 0
    d = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(d * 100)


def format_money(cents, currency=None):
    currency = currency or Config.CURRENCY
    symbol = {"EUR": u"€", "GBP": u"£"}.get(currency, currency + " ")
    return u"%s%.2f" % (symbol, (cents or 0) / 100.0)


def percent_of(cents, pct):
    return int((Decimal(cents) * Decimal(str(pct)) / 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


# ---- phones ----

def normalize_phone(raw, country="31"):
    if not raw:
        return None
    p = PHONE_RE.sub("", raw)
    if p.startswith("00"):
        p = "+" + p[2:]
    elif p.startswith("0"):
        p = "+" + country + p[1:]
    elif not p.startswith("+"):
        p = "+" + country + p
    return p if 9 <= len(p) <= 16 else None


def format_phone_old(raw):
    # old formatter from the php site, nothing calls it anymore
    digits = re.sub(r"\D", "", raw or "")
    return "%s-%s" % (digits[:3], digits[3:])


# ---- geo ----

def haversine_km(lat1, lng1, lat2, lng2):
    if None in (lat1, lng1, lat2, lng2):
        return None
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = math.radians(lat2 - lat1)
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def delivery_fee(distance_km, zone):
    """Fee for a delivery in a zone. Surge is applied on top, capped at 2x."""
    if zone is None:
        return 299
    fee = zone["base_fee_cents"] + int(max(distance_km - 1, 0) * zone["per_km_cents"])
    return int(fee * min(zone.get("surge") or 1.0, 2.0))


def eta_minutes(distance_km, prep_minutes=20, vehicle="bike"):
    speed = {"bike": 14.0, "scooter": 22.0, "car": 25.0}.get(vehicle, 14.0)
    return int(prep_minutes + 5 + (distance_km or 2) / speed * 60)


# ---- dates ----

def utcnow():
    return datetime.utcnow().replace(microsecond=0)


def is_open_now(hours, now=None):
    """hours = rows of opening_hours for one restaurant."""
    now = now or datetime.now()
    hhmm = now.strftime("%H:%M")
    for h in hours:
        if h["weekday"] == now.weekday() and h["opens"] <= hhmm < h["closes"]:
            return True
    return False


def week_start(d=None):
    d = d or date.today()
    return d - timedelta(days=d.weekday())


# ---- strings ----

def clean(value, maxlen=None):
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value[:maxlen] if maxlen else value


def valid_email(value):
    return bool(value and EMAIL_RE.match(value))


def slugify(value):
    value = re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")
    return value or "x"


def order_number(order_id, when=None):
    when = when or utcnow()
    return "DD%s%05d" % (when.strftime("%y"), order_id)


def random_code(prefix="", length=8):
    alphabet = string.ascii_uppercase + string.digits
    return prefix + "".join(random.choice(alphabet) for _ in range(length))


def mask_card(last4):
    return "**** **** **** %s" % (last4 or "????")


def clean_review(text):
    text = clean(text, 2000) or ""
    for w in BAD_WORDS:
        text = re.sub(w, "*" * len(w), text, flags=re.I)
    return text


def render_message(template, **ctx):
    """'Hi {name}, order {number} is on its way' -- missing keys left as is."""
    out = template
    for k, v in ctx.items():
        out = out.replace("{%s}" % k, str(v))
    return out


# ---- passwords ----

def hash_password(password, salt=None):
    salt = salt or random_code(length=12)
    digest = hashlib.sha256((salt + password).encode("utf-8")).hexdigest()
    return "%s$%s" % (salt, digest)


def check_password(password, stored):
    if not stored or "$" not in stored:
        return False
    salt, _ = stored.split("$", 1)
    return hash_password(password, salt) == stored


# ---- http ----

def page_args(default_size=None):
    try:
        page = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        page = 1
    size = min(int(request.args.get("per_page", default_size or Config.DEFAULT_PAGE_SIZE)), 200)
    return page, size


def paginate(sql, args, page, size):
    total = db.scalar("SELECT COUNT(*) FROM (" + sql + ") t", *args)
    rows = db.query(sql + " LIMIT %d OFFSET %d" % (size, (page - 1) * size), *args)
    return {"items": rows, "page": page, "per_page": size, "total": total,
            "pages": int(math.ceil((total or 0) / float(size)))}


def _json_default(o):
    if isinstance(o, (datetime, date)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return float(o)
    return str(o)


def json_ok(data=None, status=200):
    return Response(json.dumps(data or {"ok": True}, default=_json_default), status=status,
                    mimetype="application/json")


def json_error(message, status=400):
    resp = jsonify({"error": message})
    resp.status_code = status
    return resp


def csv_response(rows, filename, columns=None):
    buf = io.StringIO()
    if rows:
        columns = columns or list(rows[0].keys())
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})


def current_user():
    if "user" not in g:
        uid = session.get("uid")
        g.user = db.query_one("SELECT * FROM users WHERE id = ? AND is_active = 1", uid) if uid else None
    return g.user


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            if request.path.startswith("/api/"):
                return json_error("login required", 401)
            return redirect(url_for("login", next=request.path))
        return view(*args, **kwargs)
    return wrapper


def role_required(*roles):
    def deco(view):
        @functools.wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if current_user()["role"] not in roles and current_user()["role"] != "admin":
                return json_error("forbidden", 403)
            return view(*args, **kwargs)
        return wrapper
    return deco


def require_fields(*fields):
    def deco(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            data = request.get_json(silent=True) or request.form
            missing = [f for f in fields if not data.get(f)]
            if missing:
                return json_error("missing: " + ", ".join(missing))
            return view(*args, **kwargs)
        return wrapper
    return deco


def retry(times=3, delay=0.5, exceptions=(Exception,)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times - 1:
                        raise
                    log.warning("retrying %s (%d)", fn.__name__, attempt + 1)
                    time.sleep(delay * (attempt + 1))
        return wrapper
    return deco
