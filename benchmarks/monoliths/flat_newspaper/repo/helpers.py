# -*- coding: utf-8 -*-
"""Bits and pieces used all over the place.  If you're adding something here,
ask yourself whether it really belongs in queries.py instead."""
from __future__ import division, unicode_literals

import csv
import datetime
import functools
import io
import json
import re
from decimal import Decimal, ROUND_HALF_UP

from flask import Response, abort, flash, g, redirect, request, session, url_for

import config

try:
    basestring
except NameError:  # python 3
    basestring = str

try:
    unicode
except NameError:
    def unicode(s, *args):
        if isinstance(s, bytes):
            return s.decode(*(args or ("utf-8",)))
        return str(s)

WEEKDAYS = "MTWTFSS"
DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


# --- money / dates ---------------------------------------------------------

def money(pence):
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    pence = abs(int(pence))
    return "%s\u00a3%d.%02d" % (sign, pence // 100, pence % 100)


def to_pence(value):
    """'12.50' / '£12.50' / '12' -> 1250.  None for rubbish."""
    if value is None:
        return None
    if isinstance(value, int):
        return value
    value = unicode(value).strip().replace("\u00a3", "").replace(",", "")
    if not value:
        return None
    try:
        return int((Decimal(value) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    except Exception:
        return None


def parse_date(value, default=None):
    if not value:
        return default
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return default


def fmt_date(d, fmt="%d/%m/%Y"):
    return d.strftime(fmt) if d else ""


def today():
    return datetime.date.today()


def add_working_days(d, n):
    while n > 0:
        d += datetime.timedelta(days=1)
        if d.weekday() < 5 and d not in BANK_HOLIDAYS:
            n -= 1
    return d


# update every December!  (gov.uk list, England & Wales)
BANK_HOLIDAYS = set(datetime.date(*t) for t in [
    (2022, 12, 26), (2022, 12, 27), (2023, 1, 2), (2023, 4, 7), (2023, 4, 10),
    (2023, 5, 1), (2023, 5, 8), (2023, 5, 29), (2023, 8, 28), (2023, 12, 25),
    (2023, 12, 26), (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 6),
    (2024, 5, 27), (2024, 8, 26), (2024, 12, 25), (2024, 12, 26),
])


def safe_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def clean(value):
    if value is None:
        return None
    value = unicode(value).strip()
    return value or None


def clean_postcode(pc):
    if not pc:
        return None
    pc = re.sub(r"\s+", "", pc.upper())
    if len(pc) < 5:
        return pc
    return pc[:-3] + " " + pc[-3:]


def postcode_sector(pc):
    """'TN27 8AB' -> 'TN27 8'"""
    pc = clean_postcode(pc) or ""
    return pc[:-2] if " " in pc else pc


def valid_email(addr):
    return bool(addr) and re.match(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$", addr) is not None


def format_phone_old(num):
    # pre-2020 format, nothing calls this any more
    num = re.sub(r"\D", "", num or "")
    if len(num) == 11:
        return "%s %s %s" % (num[:5], num[5:8], num[8:])
    return num


# --- web --------------------------------------------------------------------

def current_user():
    return session.get("user")


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not session.get("user"):
            return redirect(url_for("login", next=request.path))
        g.user = session["user"]
        return view(*args, **kwargs)
    return wrapped


def roles_required(*roles):
    def deco(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            mine = set(session.get("roles") or [])
            if "admin" not in mine and not mine.intersection(roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return deco


def ldap_authenticate(username, password):
    """Bind against AD as the user.  Returns the list of our roles, or None."""
    import ldap3
    server = ldap3.Server(config.LDAP_URL, connect_timeout=5)
    try:
        conn = ldap3.Connection(server, user="%s\\%s" % (config.LDAP_DOMAIN, username),
                                password=password, auto_bind=True)
    except Exception:
        return None
    conn.search("dc=wealdshire,dc=local", "(sAMAccountName=%s)" % username,
                attributes=["memberOf"])
    groups = set()
    for entry in conn.entries:
        for dn in entry.memberOf.values:
            groups.add(dn.split(",")[0].replace("CN=", ""))
    conn.unbind()
    return [role for role, grp in config.ROLE_GROUPS.items() if grp in groups]


def paginate(page, per_page=50):
    page = max(safe_int(page, 1), 1)
    return per_page, (page - 1) * per_page


def json_response(data, status=200):
    return Response(json.dumps(data, default=_json_default), status=status,
                    mimetype="application/json")


def _json_default(o):
    if isinstance(o, (datetime.date, datetime.datetime)):
        return o.isoformat()
    if isinstance(o, Decimal):
        return float(o)
    raise TypeError(repr(o))


def csv_response(rows, filename, columns=None):
    buf = io.StringIO()
    if rows:
        columns = columns or list(rows[0].keys())
        w = csv.writer(buf)
        w.writerow(columns)
        for r in rows:
            w.writerow([r.get(c) for c in columns])
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})


def flash_errors(errors):
    for e in errors:
        flash(e, "error")
    return bool(errors)


# --- subscriptions ----------------------------------------------------------

def next_account_no(last):
    """Account numbers are W + 7 digits, W0012345.  (The old system used 6.)"""
    n = safe_int((last or "W0")[1:], 0) + 1
    return "W%07d" % n


def days_label(mask):
    if mask == "MTWTFS-":
        return "Mon-Sat"
    if mask == "MTWTFSS":
        return "7 day"
    return ", ".join(DAY_NAMES[i] for i, ch in enumerate(mask) if ch != "-")


def delivery_days_between(mask, start, end):
    """Number of days between start and end (inclusive) that the mask delivers."""
    n = 0
    d = start
    while d <= end:
        if mask[d.weekday()] != "-":
            n += 1
        d += datetime.timedelta(days=1)
    return n


def period_charge(plan, start, end, holds=(), promo=None):
    """What a subscriber owes for [start, end]: the weekly price spread over the
    delivery days, less held days, less promo.  Returns pence."""
    days = delivery_days_between(plan["days_mask"], start, end)
    per_day = Decimal(plan["price_per_week_pence"]) / max(WEEKDAYS_IN(plan["days_mask"]), 1)
    for h in holds:
        s, e = max(h["start_date"], start), min(h["end_date"], end)
        if s <= e:
            days -= delivery_days_between(plan["days_mask"], s, e)
    total = per_day * max(days, 0)
    if promo and promo.get("discount_pct"):
        total = total * (100 - promo["discount_pct"]) / 100
    return int(total.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def WEEKDAYS_IN(mask):
    return len([c for c in mask if c != "-"])


def period_end(start, billing_period):
    if billing_period == "weekly":
        return start + datetime.timedelta(days=6)
    months = {"monthly": 1, "quarterly": 3, "annual": 12}.get(billing_period, 1)
    y, m = divmod(start.month - 1 + months, 12)
    try:
        nxt = start.replace(year=start.year + y, month=m + 1)
    except ValueError:   # 31st -> shorter month
        nxt = start.replace(year=start.year + y, month=m + 1, day=28)
    return nxt - datetime.timedelta(days=1)


def promo_valid(promo, on=None):
    on = on or today()
    if promo is None:
        return False
    if promo["valid_from"] and on < promo["valid_from"]:
        return False
    if promo["valid_to"] and on > promo["valid_to"]:
        return False
    if promo["max_uses"] is not None and promo["uses"] >= promo["max_uses"]:
        return False
    return True


# --- distribution -----------------------------------------------------------

def carrier_age(dob, on=None):
    if not dob:
        return None
    on = on or today()
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def carrier_permit_problem(carrier, on=None):
    """Under-16s need a council child employment permit (KCC / ESCC)."""
    age = carrier_age(carrier.get("date_of_birth"), on)
    if age is None:
        return "date of birth missing"
    if age < config.CARRIER_MIN_AGE:
        return "too young to carry (%d)" % age
    if age < config.CARRIER_PERMIT_AGE:
        if not carrier.get("permit_no"):
            return "needs a child employment permit"
        if carrier.get("permit_expires") and carrier["permit_expires"] < (on or today()):
            return "permit expired"
    return None


def route_pay(route, copies, missed=0, deduction_each=50):
    gross = (route["base_fee_pence"] or 0) + copies * (route["per_copy_pence"] or 0)
    return gross, missed * deduction_each


# --- advertising ------------------------------------------------------------

def ad_price(rate_scc_pence, columns, height_cm, agency_pct=0):
    """Display ads are sold by the single column centimetre.  Agencies get
    their commission off the gross."""
    scc = Decimal(columns) * Decimal(str(height_cm))
    gross = (scc * rate_scc_pence).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    commission = (gross * Decimal(str(agency_pct or 0)) / 100).quantize(Decimal("1"))
    return int(gross), int(commission)


def next_io_number(last, year=None):
    year = year or today().year
    n = 0
    if last and last.startswith("IO%d-" % year):
        n = safe_int(last.split("-")[1], 0)
    return "IO%d-%05d" % (year, n + 1)


# --- classified -------------------------------------------------------------

BANNED_WORDS = ("viagra", "escort", "massage parlour", "cash for gold")


def count_words(text):
    # phone numbers count as one word, like the old rate card says
    text = re.sub(r"(\d)[\s-]+(?=\d)", r"\1", text or "")
    return len(re.findall(r"\S+", text))


def classified_price(category, words, box_number=False, photo=False, insertions=1):
    words = max(words, category["min_words"])
    price = words * category["word_rate_pence"]
    if box_number:
        price += 500
    if photo:
        price += 750
    return price * max(insertions, 1)


def needs_moderation(text):
    low = (text or "").lower()
    return any(w in low for w in BANNED_WORDS)


# --- accounts ---------------------------------------------------------------

INVOICE_PREFIX = {"subscriber": "S", "advertiser": "A", "agency": "A", "classified": "C"}


def next_invoice_no(account_type, last):
    prefix = INVOICE_PREFIX.get(account_type, "X")
    n = safe_int((last or "")[1:], 0)
    return "%s%06d" % (prefix, n + 1)


def vat_for(net_pence, rate):
    return int((Decimal(net_pence) * Decimal(str(rate))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def valid_sort_code(sc):
    return re.match(r"^\d{6}$", (sc or "").replace("-", "").replace(" ", "")) is not None


def dd_reference(account_no):
    # BACS wants 6-18 chars, no spaces; bureau rejected lower case once
    return ("WCG" + account_no).upper()[:18]


# --- customer service -------------------------------------------------------

def sla_due(opened_at, sla_hours):
    due = opened_at + datetime.timedelta(hours=sla_hours)
    while due.weekday() == 6:   # nobody in on Sundays
        due += datetime.timedelta(days=1)
    return due


def redelivery_possible(route, now=None):
    now = now or datetime.datetime.now()
    return now.hour < 10 and now.weekday() < 6 and route is not None


# --- production -------------------------------------------------------------

def issue_dates(publish_days, start, end):
    d = start
    while d <= end:
        if publish_days[d.weekday()] != "-":
            yield d
        d += datetime.timedelta(days=1)


def ad_deadline_for(issue_date):
    """17:00 two working days before (weeklies: the Monday before)."""
    d = issue_date - datetime.timedelta(days=2)
    while d.weekday() >= 5:
        d -= datetime.timedelta(days=1)
    return datetime.datetime.combine(d, datetime.time(17, 0))


def round_pages(n):
    # the press folds in 4s
    return int(n + 3) // 4 * 4
