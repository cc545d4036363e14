"""
Grab bag of helpers.  Please put things in the right module... this file
has become the junk drawer.  (jk 2017)
"""
import csv
import datetime
import decimal
import json
import logging
import re

from django.conf import settings
from django.core.mail import send_mail
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse
from django.utils import timezone

logger = logging.getLogger("reslife.utils")

TWOPLACES = decimal.Decimal("0.01")

TERM_CODES = {
    "FA": (8, 20, 12, 20),   # fall: Aug 20 - Dec 20
    "SP": (1, 10, 5, 15),    # spring: Jan 10 - May 15
    "SU": (5, 25, 8, 10),    # summer: May 25 - Aug 10
}


def to_decimal(value, default=decimal.Decimal("0.00")):
    if value is None or value == "":
        return default
    if isinstance(value, decimal.Decimal):
        return value
    try:
        return decimal.Decimal(str(value).replace(",", "").replace("$", "").strip())
    except (decimal.InvalidOperation, ValueError):
        return default


def round_money(value):
    return to_decimal(value).quantize(TWOPLACES, rounding=decimal.ROUND_HALF_UP)


def format_money(value, currency=None):
    currency = currency or getattr(settings, "RESLIFE_CURRENCY", "USD")
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    whole, frac = str(amount).split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    symbol = "$" if currency == "USD" else currency + " "
    return "%s%s%s.%s" % (sign, symbol, ",".join(groups) or "0", frac)


def format_date(value, fmt="%b %d, %Y"):
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime(fmt)


def parse_date(value):
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d-%b-%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def current_term(today=None):
    """Return a term code like '2019FA' for the given date."""
    today = today or timezone.localdate()
    y = today.year
    if today.month >= 8:
        return "%dFA" % y
    if today.month >= 6 or (today.month == 5 and today.day >= 25):
        return "%dSU" % y
    return "%dSP" % y


def term_bounds(term_code):
    """'2019FA' -> (date(2019, 8, 20), date(2019, 12, 20))"""
    year = int(term_code[:4])
    code = term_code[4:].upper()
    sm, sd, em, ed = TERM_CODES[code]
    return datetime.date(year, sm, sd), datetime.date(year, em, ed)


def academic_year_for(term_code):
    year = int(term_code[:4])
    if term_code.endswith("FA"):
        return "%d-%d" % (year, year + 1)
    return "%d-%d" % (year - 1, year)


def next_term(term_code):
    year = int(term_code[:4])
    code = term_code[4:].upper()
    if code == "FA":
        return "%dSP" % (year + 1)
    if code == "SP":
        return "%dSU" % year
    return "%dFA" % year


def business_days_between(start, end):
    if start > end:
        start, end = end, start
    days = 0
    cur = start
    while cur < end:
        if cur.weekday() < 5:
            days += 1
        cur += datetime.timedelta(days=1)
    return days


def add_business_days(start, n):
    cur = start
    while n > 0:
        cur += datetime.timedelta(days=1)
        if cur.weekday() < 5:
            n -= 1
    return cur


def safe_int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def chunked(iterable, size=500):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def normalize_phone(raw):
    digits = re.sub(r"\D", "", raw or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return raw
    return "(%s) %s-%s" % (digits[:3], digits[3:6], digits[6:])


def slugify_code(text, maxlen=12):
    code = re.sub(r"[^A-Za-z0-9]+", "", text or "").upper()
    return code[:maxlen]


def paginate(request, queryset, per_page=25):
    paginator = Paginator(queryset, per_page)
    page = request.GET.get("page")
    try:
        return paginator.page(page)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def json_response(data, status=200):
    def _default(o):
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (datetime.date, datetime.datetime)):
            return o.isoformat()
        raise TypeError(repr(o))

    return HttpResponse(json.dumps(data, default=_default), status=status,
                        content_type="application/json")


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="%s"' % filename
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return response


def send_notification(subject, body, recipients, fail_silently=True):
    """Thin wrapper so we can stub email out in dev."""
    recipients = [r for r in (recipients or []) if r]
    if not recipients:
        return 0
    if settings.DEBUG:
        logger.info("EMAIL (debug, not sent) to=%s subject=%s", recipients, subject)
        return len(recipients)
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients,
                         fail_silently=fail_silently)
    except Exception:  # noqa
        logger.exception("send_notification failed")
        return 0


def student_display_name(resident):
    """Preferred name handling for residents.  Moved here from accounts.views
    because the templates and billing statements both needed it."""
    if resident is None:
        return ""
    first = resident.preferred_name or resident.first_name
    name = "%s %s" % (first, resident.last_name)
    if resident.student_id:
        name += " (%s)" % resident.student_id
    return name.strip()


def bed_label(bed):
    """'MAPLE-214B' style label used on keys, statements and work orders."""
    if bed is None:
        return "-"
    room = bed.room
    return "%s-%s%s" % (room.hall.code, room.number, bed.letter or "")


def mask_student_id(student_id):
    if not student_id or len(student_id) < 4:
        return student_id
    return "*" * (len(student_id) - 4) + student_id[-4:]
