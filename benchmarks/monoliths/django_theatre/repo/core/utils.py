"""
Odds and ends used all over the place.

Please don't add anything here that imports models at module level, it
causes circular imports (see the great outage of March 2019).
"""
import datetime
import functools
import hashlib
import json
import logging
import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

log = logging.getLogger(__name__)

TWO_PLACES = Decimal("0.01")
POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def money(value):
    """Coerce anything sensible to a 2dp Decimal."""
    if value is None or value == "":
        return Decimal("0.00")
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def format_money(value, symbol="\u00a3"):
    value = money(value)
    sign = "-" if value < 0 else ""
    return "{0}{1}{2:,.2f}".format(sign, symbol, abs(value))


def pounds_to_pence(value):
    return int((money(value) * 100).to_integral_value())


def pence_to_pounds(pence):
    return money(Decimal(pence or 0) / Decimal(100))


def uk_date(value, with_day=True):
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    fmt = "%a %d %b %Y" if with_day else "%d/%m/%Y"
    return value.strftime(fmt)


def uk_datetime(value):
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%a %d %b %Y, %-I.%M%p").replace("AM", "am").replace("PM", "pm")


def parse_date_loose(value):
    """Accepts 2019-03-01, 01/03/2019, 1/3/19 and so on. Returns None if hopeless."""
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    log.warning("parse_date_loose could not parse %r", value)
    return None


def daterange(start, end):
    current = start
    while current <= end:
        yield current
        current += datetime.timedelta(days=1)


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def end_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def chunked(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def unique_slugify(instance, value, slug_field="slug", max_length=80):
    base = slugify(value)[:max_length] or "item"
    slug = base
    model = instance.__class__
    n = 2
    while model.objects.filter(**{slug_field: slug}).exclude(pk=instance.pk).exists():
        suffix = "-%d" % n
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


def normalise_postcode(value):
    if not value:
        return ""
    cleaned = re.sub(r"\s+", "", value.upper())
    match = POSTCODE_RE.match(cleaned)
    if not match:
        return value.strip().upper()
    return "%s %s" % match.groups()


def normalise_phone(value):
    if not value:
        return ""
    digits = re.sub(r"[^0-9+]", "", value)
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    return digits


def normalise_email(value):
    return (value or "").strip().lower()


def get_client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def short_hash(*parts, length=10):
    raw = ":".join(str(p) for p in parts) + settings.SECRET_KEY
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:length]


def staff_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_staff:
            return HttpResponseForbidden("Staff only")
        return view_func(request, *args, **kwargs)

    return _wrapped


def ajax_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if request.headers.get("x-requested-with") != "XMLHttpRequest":
            return HttpResponse(status=400)
        return view_func(request, *args, **kwargs)

    return _wrapped


def json_response(data, status=200):
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"default": str})


def cached(timeout=300, key_prefix="gp"):
    """Poor man's memoize through the django cache. Args must be str()-able."""

    def decorator(func):
        @functools.wraps(func)
        def _wrapped(*args, **kwargs):
            key = "%s:%s:%s" % (key_prefix, func.__name__, short_hash(args, sorted(kwargs.items())))
            result = cache.get(key)
            if result is None:
                result = func(*args, **kwargs)
                cache.set(key, result, timeout)
            return result

        return _wrapped

    return decorator


def paginate(request, queryset, per_page=25):
    paginator = Paginator(queryset, per_page)
    page = request.GET.get("page")
    try:
        return paginator.page(page)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def send_templated_email(template_prefix, context, to, from_email=None, attachments=None):
    """Renders <prefix>_subject.txt, <prefix>.txt and <prefix>.html and sends."""
    if isinstance(to, str):
        to = [to]
    subject = render_to_string(template_prefix + "_subject.txt", context).strip()
    text_body = render_to_string(template_prefix + ".txt", context)
    try:
        html_body = render_to_string(template_prefix + ".html", context)
    except Exception:  # template missing is fine
        html_body = None
    msg = EmailMultiAlternatives(subject, text_body, from_email or settings.DEFAULT_FROM_EMAIL, to)
    if html_body:
        msg.attach_alternative(html_body, "text/html")
    for attachment in attachments or []:
        msg.attach(*attachment)
    return msg.send(fail_silently=False)


def performance_label(performance):
    # used in emails, tickets and the admin. Matinee if before 5pm.
    start = timezone.localtime(performance.starts_at)
    kind = "Matinee" if start.hour < 17 else "Evening"
    extras = []
    if performance.is_relaxed:
        extras.append("Relaxed")
    if performance.is_captioned:
        extras.append("Captioned")
    if performance.is_bsl:
        extras.append("BSL")
    label = "%s %s - %s" % (uk_date(start), start.strftime("%H:%M"), kind)
    if extras:
        label += " (%s)" % ", ".join(extras)
    return label


def to_json(obj):
    return json.dumps(obj, default=str, sort_keys=True)
