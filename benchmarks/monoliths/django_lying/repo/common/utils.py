import logging
import re
import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

log = logging.getLogger(__name__)

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_money(cents, currency=None):
    currency = currency or settings.DEFAULT_CURRENCY
    amount = (Decimal(cents or 0) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    symbol = CURRENCY_SYMBOLS.get(currency)
    if symbol:
        return "%s%s" % (symbol, amount)
    return "%s %s" % (amount, currency)


def make_token(nbytes=24):
    return secrets.token_urlsafe(nbytes)


def unique_slug(model_cls, text, field="slug", max_length=80):
    base = slugify(text)[:max_length] or "item"
    candidate = base
    n = 2
    while model_cls.objects.filter(**{field: candidate}).exists():
        candidate = "%s-%d" % (base[: max_length - 4], n)
        n += 1
    return candidate


def old_slugify(text):
    # kept for the import script, see legacy/ (not used since 2021)
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def paginate(queryset, page, per_page=20):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(page or 1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def json_ok(data=None, status=200, **extra):
    payload = {"ok": True}
    if data is not None:
        payload["data"] = data
    payload.update(extra)
    return JsonResponse(payload, status=status)


def json_error(message, status=400, code=None):
    payload = {"ok": False, "error": message}
    if code:
        payload["code"] = code
    return JsonResponse(payload, status=status)


def client_ip(request):
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def parse_bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def chunked(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def send_templated_email(to, template, context, subject=None):
    context = dict(context, now=timezone.now())
    body = render_to_string("emails/%s.txt" % template, context)
    if subject is None:
        subject = body.splitlines()[0] if body else template.replace("_", " ").title()
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    except Exception:  # noqa  -- mail outages must never break a request
        log.exception("could not send %s to %s", template, to)
        return False
    return True


def user_has_active_subscription(user):
    # TODO move to core once the billing refactor lands (2022...)
    from core.models import Subscription

    if not user.is_authenticated:
        return False
    return Subscription.objects.filter(
        user=user, status=Subscription.ACTIVE, current_period_end__gte=timezone.now()
    ).exists()
