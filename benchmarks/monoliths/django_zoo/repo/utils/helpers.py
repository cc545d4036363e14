"""
Grab-bag of helpers. Some of these should live in their apps - see ZOO-412.
"""
import random
import string
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils.text import slugify

from utils.dates import age_in_years, is_bank_holiday, season_for
from utils.money import percent_of, round_money

REF_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"


def generate_reference(prefix, length=8):
    """ZOO-AB12CD34 style references; used for orders, POs, bookings."""
    body = "".join(random.choice(REF_ALPHABET) for _ in range(length))
    return "%s-%s" % (prefix, body)


def slugify_unique(model, value, field="slug", max_length=50):
    base = slugify(value)[:max_length] or "item"
    slug = base
    n = 2
    while model.objects.filter(**{field: slug}).exists():
        suffix = "-%d" % n
        slug = base[: max_length - len(suffix)] + suffix
        n += 1
    return slug


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def client_ip(request):
    fwd = request.META.get("HTTP_X_FORWARDED_FOR")
    if fwd:
        return fwd.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def send_templated_email(template_base, to, context, from_email=None, attachments=None):
    """Renders <template_base>.txt and .html and sends. `to` may be str or list."""
    if isinstance(to, str):
        to = [to]
    subject = render_to_string(template_base + "_subject.txt", context).strip()
    text = render_to_string(template_base + ".txt", context)
    html = render_to_string(template_base + ".html", context)
    msg = EmailMultiAlternatives(subject, text, from_email or settings.DEFAULT_FROM_EMAIL, to)
    msg.attach_alternative(html, "text/html")
    for att in attachments or []:
        msg.attach(*att)
    return msg.send(fail_silently=getattr(settings, "EMAIL_FAIL_SILENTLY", False))


# ---------------------------------------------------------------------------
# Ticket pricing. Moved here "temporarily" in 2019 so the website and the
# gate tills could share it without circular imports between core/website.
# ---------------------------------------------------------------------------

def apply_pricing_rules(price, rules, visit_date):
    """Rules are applied in priority order; the first matching 'override' wins."""
    price = Decimal(price)
    for rule in rules:
        if rule.valid_from and visit_date < rule.valid_from:
            continue
        if rule.valid_to and visit_date > rule.valid_to:
            continue
        if rule.weekday is not None and visit_date.weekday() != rule.weekday:
            continue
        if rule.season and rule.season != season_for(visit_date):
            continue
        if rule.pct_adjust:
            price += percent_of(price, rule.pct_adjust)
        if rule.fixed_adjust:
            price += rule.fixed_adjust
        if rule.is_override:
            break
    return max(round_money(price), Decimal("0.00"))


def calculate_ticket_price(ticket_type, visit_date, quantity=1, online=False):
    from core.models import PricingRule  # circular import otherwise

    rules = (PricingRule.objects
             .filter(active=True)
             .filter(ticket_type=ticket_type)
             .order_by("-priority"))
    unit = apply_pricing_rules(ticket_type.base_price, rules, visit_date)
    if is_bank_holiday(visit_date):
        unit += Decimal(getattr(settings, "ZOO_BANK_HOLIDAY_SUPPLEMENT", "1.00"))
    if online:
        # online discount, marketing keeps changing this
        unit -= percent_of(unit, getattr(settings, "ZOO_ONLINE_DISCOUNT_PCT", 10))
    return round_money(unit * quantity)


def family_ticket_saving(adults, children, visit_date):
    """How much a family ticket would save vs individual - shown on the basket."""
    from core.models import TicketType

    try:
        fam = TicketType.objects.get(code="FAMILY", active=True)
        adult = TicketType.objects.get(code="ADULT", active=True)
        child = TicketType.objects.get(code="CHILD", active=True)
    except TicketType.DoesNotExist:
        return Decimal("0.00")
    if adults != 2 or children not in (2, 3):
        return Decimal("0.00")
    individual = (calculate_ticket_price(adult, visit_date, adults)
                  + calculate_ticket_price(child, visit_date, children))
    return max(individual - calculate_ticket_price(fam, visit_date, 1), Decimal("0.00"))


def animal_age_display(animal):
    """'3 years', '7 months', 'approx. 12 years' - used on signage and website."""
    if not animal.date_of_birth:
        return "unknown"
    years = age_in_years(animal.date_of_birth)
    prefix = "approx. " if animal.dob_estimated else ""
    if years and years > 0:
        return "%s%d year%s" % (prefix, years, "" if years == 1 else "s")
    from utils.dates import today_local
    months = (today_local() - animal.date_of_birth).days // 30
    return "%s%d month%s" % (prefix, months, "" if months == 1 else "s")


def gift_aid_amount(amount):
    """HMRC lets us reclaim 25p per pound donated."""
    return round_money(Decimal(amount) * Decimal("0.25"))
