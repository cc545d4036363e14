# misc helpers - anything that didn't fit elsewhere ended up here
import csv
import datetime
import functools
import hashlib
import io
import logging
import re
import smtplib
import uuid
from email.mime.text import MIMEText

from flask import session, redirect, url_for, request, flash, Response, abort

import settings
import db

log = logging.getLogger("busco.helpers")

DATE_FMT = "%d/%m/%Y"


def format_money(pence, symbol=True):
    if pence is None:
        return ""
    pounds = pence / 100.0
    s = "{:,.2f}".format(pounds)
    return (u"\u00a3" + s) if symbol else s


def to_pence(value):
    """'12.50' / '£12.50' / 12.5 -> 1250"""
    if value in (None, ""):
        return None
    if isinstance(value, str):
        value = value.replace(u"\u00a3", "").replace(",", "").strip()
    return int(round(float(value) * 100))


def parse_date(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    for fmt in (DATE_FMT, "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parse_time(value):
    if not value:
        return None
    value = value.strip().replace(".", ":")
    if re.match("^\d{4}$", value):
        value = value[:2] + ":" + value[2:]
    return datetime.datetime.strptime(value, "%H:%M").time()


def fmt_date(d):
    return d.strftime(DATE_FMT) if d else ""


def minutes_between(t1, t2):
    """minutes from t1 to t2 (times), wraps past midnight"""
    m1 = t1.hour * 60 + t1.minute
    m2 = t2.hour * 60 + t2.minute
    if m2 < m1:
        m2 += 24 * 60
    return m2 - m1


def week_start(d=None):
    d = d or datetime.date.today()
    return d - datetime.timedelta(days=d.weekday())


def add_working_days(start, days):
    d = start
    while days > 0:
        d += datetime.timedelta(days=1)
        if d.weekday() < 5:
            days -= 1
    return d


def clean_phone(phone):
    if not phone:
        return phone
    phone = re.sub("[^0-9+]", "", phone)
    if phone.startswith("0"):
        phone = "+44" + phone[1:]
    return phone


def make_ref(prefix):
    return "%s%s" % (prefix, uuid.uuid4().hex[:8].upper())


def send_email(to, subject, body, reply_to=None):
    msg = MIMEText(body, "plain", "utf-8")
    msg["Subject"] = subject
    msg["From"] = settings.MAIL_FROM
    msg["To"] = to if isinstance(to, str) else ", ".join(to)
    if reply_to:
        msg["Reply-To"] = reply_to
    try:
        s = smtplib.SMTP(settings.SMTP_HOST, settings.SMTP_PORT, timeout=20)
        s.send_message(msg)
        s.quit()
        return True
    except Exception:
        log.exception("email to %s failed", to)
        return False


def login_required(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if not session.get("user_id"):
            return redirect(url_for("login", next=request.path))
        return f(*args, **kwargs)
    return wrapper


def role_required(*roles):
    def deco(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            if not session.get("user_id"):
                return redirect(url_for("login", next=request.path))
            if session.get("role") != "admin" and session.get("role") not in roles:
                abort(403)
            return f(*args, **kwargs)
        return wrapper
    return deco


def csv_response(filename, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})


def paginate(page, per_page=None):
    per_page = per_page or settings.PAGE_SIZE
    try:
        page = max(1, int(page or 1))
    except ValueError:
        page = 1
    return per_page, (page - 1) * per_page


def flash_errors(errors):
    for e in errors:
        flash(e, "error")


# ---- passwords / users ---------------------------------------------------

def hash_password(password, salt=None):
    salt = salt or uuid.uuid4().hex[:16]
    h = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("ascii"), 100000)
    return "pbkdf2$%s$%s" % (salt, h.hex())


def check_password(stored, password):
    if stored.startswith("pbkdf2$"):
        _, salt, _h = stored.split("$")
        return hash_password(password, salt) == stored
    # old md5 hashes from the PHP system, rehashed on login
    return hashlib.md5(password.encode("utf-8")).hexdigest() == stored


def current_user():
    uid = session.get("user_id")
    if not uid:
        return None
    return db.query_one("SELECT id, email, full_name, role, depot_id FROM users WHERE id = %s AND active", (uid,))


# ---- bits of business logic that were needed in more than one place --------

def normalise_reg(reg):
    """'yx 18 hkd ' -> 'YX18HKD'"""
    return re.sub("\s+", "", (reg or "").upper())


def is_bank_holiday(d):
    row = db.query_one("SELECT runs_as FROM calendar_exceptions WHERE exc_date = %s", (d,))
    return row is not None


def day_type_for(d):
    """Which timetable day type operates on date d (MF/SAT/SUN/NONE)"""
    row = db.query_one("SELECT runs_as FROM calendar_exceptions WHERE exc_date = %s", (d,))
    if row:
        return row["runs_as"]
    if d.weekday() == 5:
        return "SAT"
    if d.weekday() == 6:
        return "SUN"
    return "MF"


def fare_for_stages(fare_table, from_stage, to_stage):
    # fare_table is {stages_travelled: pence} - a classic fare stage triangle
    n = abs(int(to_stage) - int(from_stage))
    if not fare_table:
        return None
    best = None
    for stages, pence in sorted(fare_table.items()):
        if stages >= n:
            return pence
        best = pence
    return best


def is_concession_time(dt):
    """ENCTS passes are free after 09:30 Mon-Fri and all day at weekends/bank hols"""
    if dt.weekday() >= 5:
        return True
    h, m = settings.CONCESSION_START.split(":")
    return dt.time() >= datetime.time(int(h), int(m)) or is_bank_holiday(dt.date())


def duty_paid_minutes(sign_on, sign_off, break_minutes=0):
    total = minutes_between(sign_on, sign_off) - (break_minutes or 0)
    # minimum guaranteed 7h48 per union agreement 2019
    return max(total, 468)


def working_time_ok(minutes_this_week, extra_minutes):
    return minutes_this_week + extra_minutes <= settings.MAX_WEEKLY_DRIVING_MINUTES


def quote_price(vehicle_type, miles, hours):
    per_mile = settings.HIRE_RATE_PER_MILE_PENCE.get(vehicle_type, 250)
    per_hour = settings.HIRE_RATE_PER_HOUR_PENCE.get(vehicle_type, 2800)
    price = int(miles or 0) * per_mile + int(round(float(hours or 0) * per_hour))
    # minimum charge is 4 hours
    return max(price, 4 * per_hour)


def complaint_due_date(received):
    return add_working_days(received.date() if hasattr(received, "date") else received,
                            settings.COMPLAINT_SLA_WORKING_DAYS)


def lost_property_dispose_after(found_at):
    return found_at + datetime.timedelta(days=settings.LOST_PROPERTY_RETENTION_DAYS)


def mileage_amount(miles, pence_per_mile):
    return int(round(float(miles) * float(pence_per_mile)))


def old_vat(net):
    # pre-2011 rate, kept because the hire invoice reprint still calls it for old invoices
    return int(round(net * 0.175))
