"""Pricing helpers. Moved out of core/services.py in 2021 so members could use them
without a circular import."""
from decimal import Decimal

from django.utils import timezone

from common.dates import month_range
from common.utils import round_money
from core.models import DiscountCode


def prorate_amount(monthly_price, start, end=None):
    first, last = month_range(start)
    end = end or last
    days_in_month = (last - first).days + 1
    days = (end - start).days + 1
    return round_money(Decimal(monthly_price) * Decimal(days) / Decimal(days_in_month))


def plan_price_for_period(membership, period_start):
    price = membership.price_override or membership.plan.monthly_price
    price = price * membership.seats
    if membership.start_date > period_start:
        return prorate_amount(price, membership.start_date)
    return round_money(price)


def apply_discount_code(amount, code):
    try:
        discount = DiscountCode.objects.get(code__iexact=code.strip(), active=True)
    except DiscountCode.DoesNotExist:
        return amount, None
    if discount.valid_until and discount.valid_until < timezone.localdate():
        return amount, None
    if discount.percent_off:
        amount = amount - (amount * discount.percent_off / Decimal(100))
    elif discount.amount_off:
        amount = max(Decimal("0"), amount - discount.amount_off)
    discount.times_used = discount.times_used + 1
    discount.save(update_fields=["times_used"])
    return round_money(amount), discount


def room_hourly_rate(room, member=None, when=None):
    rate = room.hourly_rate
    when = when or timezone.now()
    # peak pricing, Shoreditch only for now
    if room.location.peak_pricing and 9 <= when.hour < 17 and when.weekday() < 5:
        rate = rate * Decimal("1.25")
    if member is not None and member.company_id and member.company.negotiated_room_discount:
        rate = rate * (Decimal(100) - member.company.negotiated_room_discount) / Decimal(100)
    return round_money(rate)
