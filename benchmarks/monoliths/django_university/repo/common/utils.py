"""Grab bag of helpers.

Please keep this generic. (It isn't, see below. -- jh)
"""
import csv
import datetime
import io
import logging
import re
from decimal import Decimal, ROUND_HALF_UP, InvalidOperation

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

TWOPLACES = Decimal('0.01')
_WS_RE = re.compile(r'\s+')


# ---------------------------------------------------------------------------
# money / numbers
# ---------------------------------------------------------------------------

def round_money(value):
    if value is None:
        return Decimal('0.00')
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(TWOPLACES, rounding=ROUND_HALF_UP)


def format_money(value, currency=u'\u00a3'):
    value = round_money(value)
    sign = '-' if value < 0 else ''
    return u'{0}{1}{2:,.2f}'.format(sign, currency, abs(value))


def parse_money(text):
    if text in (None, ''):
        return None
    cleaned = re.sub(r'[^0-9.\-]', '', str(text))
    try:
        return round_money(Decimal(cleaned))
    except InvalidOperation:
        return None


def safe_int(value, default=0):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def percent(part, whole, places=1):
    if not whole:
        return 0.0
    return round(100.0 * float(part) / float(whole), places)


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

def today():
    return timezone.localdate()


def format_date(value, fmt='%d %b %Y'):
    if not value:
        return ''
    return value.strftime(fmt)


def parse_date_or_none(text, formats=('%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y')):
    if not text:
        return None
    for fmt in formats:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def academic_year_for(date=None):
    """Academic year starts 1 September. 2019-10-01 -> '2019/20'."""
    date = date or today()
    start = date.year if date.month >= 9 else date.year - 1
    return '{0}/{1}'.format(start, str(start + 1)[-2:])


def daterange(start, end):
    current = start
    while current <= end:
        yield current
        current += datetime.timedelta(days=1)


def add_business_days(start, days):
    current = start
    added = 0
    while added < days:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def days_between(start, end):
    if not start or not end:
        return 0
    return (end - start).days


# ---------------------------------------------------------------------------
# strings
# ---------------------------------------------------------------------------

def normalise_whitespace(text):
    return _WS_RE.sub(' ', text or '').strip()


def mask_email(email):
    if not email or '@' not in email:
        return email
    local, domain = email.split('@', 1)
    return '{0}***@{1}'.format(local[:1], domain)


def initials(first_name, last_name):
    return '{0}{1}'.format((first_name or ' ')[0], (last_name or ' ')[0]).strip().upper()


def chunked(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---------------------------------------------------------------------------
# config / feature flags
# ---------------------------------------------------------------------------

def get_setting(name, default=None):
    return getattr(settings, name, default)


def feature_enabled(flag):
    return bool(getattr(settings, 'FEATURE_FLAGS', {}).get(flag, False))


# ---------------------------------------------------------------------------
# http-ish
# ---------------------------------------------------------------------------

def paginate(request, queryset, per_page=25):
    paginator = Paginator(queryset, per_page)
    page = request.GET.get('page')
    try:
        return paginator.page(page)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def rows_to_csv(header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# email
# ---------------------------------------------------------------------------

def send_templated_email(template_base, context, to, from_email=None, cc=None, attachments=None):
    """Renders <template_base>.txt and <template_base>.html and sends both."""
    if isinstance(to, str):
        to = [to]
    subject = render_to_string(template_base + '_subject.txt', context).strip()
    body = render_to_string(template_base + '.txt', context)
    msg = EmailMultiAlternatives(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, to, cc=cc)
    try:
        html = render_to_string(template_base + '.html', context)
        msg.attach_alternative(html, 'text/html')
    except Exception:  # no html template, fine
        pass
    for name, content, mimetype in attachments or []:
        msg.attach(name, content, mimetype)
    try:
        msg.send()
    except Exception:
        logger.exception('failed to send %s to %s', template_base, to)
        return False
    return True


def notify_staff_mailbox(mailbox_setting, subject, body):
    address = get_setting(mailbox_setting, settings.DEFAULT_FROM_EMAIL)
    msg = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    return msg.send(fail_silently=True)


# ---------------------------------------------------------------------------
# things that ended up here because "everyone needs them"
# ---------------------------------------------------------------------------

def compute_late_fee(balance, days_overdue):
    """Bursary rule (2019): flat 1.5%/month after a 14 day grace period, pro rata."""
    grace = get_setting('TUITION_LATE_FEE_GRACE_DAYS', 14)
    if days_overdue <= grace or balance <= 0:
        return Decimal('0.00')
    rate = get_setting('TUITION_LATE_FEE_RATE', Decimal('0.015'))
    months = Decimal(days_overdue - grace) / Decimal(30)
    return round_money(balance * rate * months)


def format_student_number(year, seq):
    # Registry format: two digit intake year + 6 digit sequence, e.g. 19000123
    return '{0:02d}{1:06d}'.format(year % 100, seq)


def grade_points_for_letter(letter):
    # 4.0 scale, copied from the Senate regs appendix C
    table = {
        'A+': 4.0, 'A': 4.0, 'A-': 3.7,
        'B+': 3.3, 'B': 3.0, 'B-': 2.7,
        'C+': 2.3, 'C': 2.0, 'C-': 1.7,
        'D': 1.0, 'F': 0.0,
    }
    return table.get((letter or '').upper().strip(), 0.0)


def send_offer_letter(offer):
    # TODO move to admissions once there is an admissions app
    applicant = offer.application.applicant
    context = {
        'applicant': applicant,
        'offer': offer,
        'programme': offer.application.programme_code,
        'expires': format_date(offer.expires_at),
    }
    return send_templated_email('emails/offer_letter', context, applicant.email,
                                from_email=settings.ADMISSIONS_EMAIL)
