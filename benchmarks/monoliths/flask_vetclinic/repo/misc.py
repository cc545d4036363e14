# -*- coding: utf-8 -*-
"""misc helpers. If you don't know where something goes, it goes here apparently."""
import csv
import datetime
import functools
import hashlib
import io
import json
import logging
import re
from decimal import Decimal, ROUND_HALF_UP

import bcrypt
from flask import Response, g, jsonify, redirect, request, session, url_for

import dbconn as db
from config import Config

log = logging.getLogger("pc.misc")

DATE_FMT = "%d/%m/%Y"
ISO = "%Y-%m-%d"
TWO_PLACES = Decimal("0.01")


# ---------------------------------------------------------------- dates / money


def parse_date(value, default=None):
    """Accepts 2023-01-31, 31/01/2023 and 31/01/23 because reception types all three."""
    if not value:
        return default
    if isinstance(value, datetime.date):
        return value
    for fmt in (ISO, DATE_FMT, "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return default


def parse_dt(value):
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value
    value = value.replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return datetime.datetime.strptime(value, fmt)
        except ValueError:
            pass
    return None


def fmt_date(d):
    if not d:
        return ""
    if isinstance(d, str):
        d = parse_date(d)
    return d.strftime(DATE_FMT) if d else ""


def money(value):
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def fmt_money(value):
    return u"£{:,.2f}".format(money(value))


def today():
    return datetime.date.today()


def add_vat(net, rate=None):
    rate = Config.VAT_RATE if rate is None else rate
    vat = money(Decimal(str(net)) * Decimal(str(rate)) / 100)
    return money(net), vat, money(net) + vat


def next_invoice_number():
    last = db.scalar("SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY id DESC LIMIT 1")
    seq = int(last[len(Config.INVOICE_PREFIX) + 5:]) + 1 if last else 1
    return "%s%s-%06d" % (Config.INVOICE_PREFIX, today().year, seq)


def invoice_due_date(issued=None):
    issued = issued or today()
    return issued + datetime.timedelta(days=Config.PAYMENT_TERMS_DAYS)


# ---------------------------------------------------------------- text / validation


def clean(s):
    return re.sub(r"\s+", " ", (s or "").strip())


def clean_phone(raw):
    digits = re.sub(r"[^\d+]", "", raw or "")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    return digits or None


def to_e164(phone):
    phone = clean_phone(phone)
    if not phone:
        return None
    if phone.startswith("0"):
        return "+44" + phone[1:]
    return phone


def valid_email(addr):
    return bool(addr) and re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", addr, re.I) is not None


def proper_name(first, last):
    """'mcdonald' -> 'McDonald', 'o'brien' -> "O'Brien". Good enough for the letters."""
    def fix(part):
        part = clean(part).title()
        if part.startswith("Mc") and len(part) > 2:
            part = "Mc" + part[2].upper() + part[3:]
        return part
    return fix(first), fix(last)


def pet_age(dob, on=None):
    dob = parse_date(dob)
    if not dob:
        return "age unknown"
    on = on or today()
    months = (on.year - dob.year) * 12 + on.month - dob.month
    if on.day < dob.day:
        months -= 1
    if months < 1:
        return "%d weeks" % max(0, (on - dob).days // 7)
    if months < 24:
        return "%d months" % months
    return "%d years" % (months // 12)


def format_phone_old(num):
    # from the old php site. print "%s" % num in the py2 days. nothing calls this now
    num = str(num)
    return num[:5] + " " + num[5:]


# ---------------------------------------------------------------- clinical bits


def booster_due(given_on, booster_days, primary_dose_no=None):
    given_on = parse_date(given_on)
    if primary_dose_no == 1:
        # second dose of the primary course is 2-4 weeks later, we use 3
        return given_on + datetime.timedelta(days=21)
    return given_on + datetime.timedelta(days=int(booster_days or 365))


def bcs_label(score):
    if score is None:
        return ""
    score = int(score)
    if score <= 3:
        return "underweight"
    if score <= 5:
        return "ideal"
    if score <= 7:
        return "overweight"
    return "obese"


def dose_for_weight(mg_per_kg, kg, tablet_mg=None):
    mg = Decimal(str(mg_per_kg)) * Decimal(str(kg))
    if not tablet_mg:
        return "%s mg" % mg.quantize(Decimal("0.1"))
    tabs = (mg / Decimal(str(tablet_mg))).quantize(Decimal("0.25"))
    return "%s x %smg tablet(s)" % (tabs, tablet_mg)


# ---------------------------------------------------------------- diary


def day_slots(day, start=None, end=None, minutes=None):
    start = start or Config.DAY_START
    end = end or Config.DAY_END
    minutes = minutes or Config.SLOT_MINUTES
    cur = datetime.datetime.combine(day, datetime.datetime.strptime(start, "%H:%M").time())
    stop = datetime.datetime.combine(day, datetime.datetime.strptime(end, "%H:%M").time())
    out = []
    while cur + datetime.timedelta(minutes=minutes) <= stop:
        out.append(cur)
        cur += datetime.timedelta(minutes=minutes)
    return out


def overlaps(a_start, a_end, b_start, b_end):
    return a_start < b_end and b_start < a_end


def shift_hours(starts_at, ends_at):
    starts_at, ends_at = parse_dt(starts_at), parse_dt(ends_at)
    hours = (ends_at - starts_at).total_seconds() / 3600.0
    if hours > 6:
        hours -= 0.5  # unpaid break, see HR policy 2019
    return round(hours, 2)


def fill_template(body, **ctx):
    """'Hi {first_name}, {pet_name} is due...' -- missing keys left blank, not KeyError."""
    class _Blank(dict):
        def __missing__(self, key):
            return ""
    return body.format_map(_Blank(**ctx))


# ---------------------------------------------------------------- web bits


def json_ok(**data):
    data.setdefault("ok", True)
    return jsonify(data)


def json_err(msg, status=400):
    resp = jsonify({"ok": False, "error": msg})
    resp.status_code = status
    return resp


def _json_default(o):
    if isinstance(o, (datetime.date, datetime.datetime)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    raise TypeError(repr(o))


def dumps(obj):
    return json.dumps(obj, default=_json_default)


def csv_response(filename, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})


def paginate(sql, params=(), page=1, per_page=50):
    page = max(1, int(page or 1))
    total = db.scalar("SELECT COUNT(*) FROM (%s)" % sql, params, default=0)
    rows = db.query(sql + " LIMIT ? OFFSET ?", tuple(params) + (per_page, (page - 1) * per_page))
    return {"rows": rows, "page": page, "pages": max(1, -(-total // per_page)), "total": total}


def form_int(name, default=None):
    try:
        return int(request.form.get(name) or request.args.get(name))
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------- auth


def hash_pw(pw):
    return bcrypt.hashpw(pw.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def check_pw(pw, hashed):
    if not hashed:
        return False
    if len(hashed) == 40:
        # pre-2020 accounts still have sha1 hashes. yes really.
        return hashlib.sha1(pw.encode("utf-8")).hexdigest() == hashed
    return bcrypt.checkpw(pw.encode("utf-8"), hashed.encode("ascii"))


def current_staff():
    if "staff" in g:
        return g.staff
    sid = session.get("staff_id")
    g.staff = db.query_one("SELECT * FROM staff WHERE id = ? AND active = 1", (sid,)) if sid else None
    return g.staff


def login_required(view):
    @functools.wraps(view)
    def wrapper(*a, **kw):
        if current_staff() is None:
            return redirect(url_for("login", next=request.path))
        return view(*a, **kw)
    return wrapper


def roles(*allowed):
    def deco(view):
        @functools.wraps(view)
        def wrapper(*a, **kw):
            me = current_staff()
            if me is None:
                return redirect(url_for("login", next=request.path))
            if me["role"] not in allowed and me["role"] != "admin":
                return json_err("not allowed for role %s" % me["role"], 403)
            return view(*a, **kw)
        return wrapper
    return deco


def staff_name(staff_id):
    # used all over the templates, cached per request
    cache = g.setdefault("_staff_names", {})
    if staff_id not in cache:
        cache[staff_id] = db.scalar("SELECT name FROM staff WHERE id = ?", (staff_id,), default="?")
    return cache[staff_id]
