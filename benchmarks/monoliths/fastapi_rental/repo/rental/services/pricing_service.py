import datetime as dt
import logging
from decimal import Decimal

from fastapi import HTTPException

from rental.models import Branch, ReservationStatus
from rental.repositories.customer_repo import CustomerRepository
from rental.repositories.rate_repo import PromoRepository, RateRepository
from rental.utils import loyalty_discount, rental_days, round_money, utcnow

log = logging.getLogger(__name__)

ONE_WAY_FEE = Decimal("75.00")
AIRPORT_SURCHARGE = Decimal("0.12")
LATE_HOUR_FEE = Decimal("15.00")


def base_rate(plan, days):
    daily = Decimal(plan.daily_rate)
    if plan.weekly_rate and days >= 7:
        weeks, rest = divmod(days, 7)
        return round_money(weeks * Decimal(plan.weekly_rate) + min(rest * daily, Decimal(plan.weekly_rate)))
    return round_money(days * daily)


def season_multiplier(db, plan, pickup_at):
    day = pickup_at.date() if isinstance(pickup_at, dt.datetime) else pickup_at
    for season in RateRepository(db).seasons(plan.id):
        if season.starts_on <= day <= season.ends_on:
            return Decimal(season.multiplier)
    return Decimal("1.00")


def price_extras(db, codes, days):
    lines = []
    for product in RateRepository(db).extras(codes):
        price = Decimal(product.price_per_day) * days
        if product.max_price is not None:
            price = min(price, Decimal(product.max_price))
        lines.append({"code": product.code, "product_id": product.id, "price": round_money(price)})
    return lines


def apply_promo(db, code, amount):
    if not code:
        return amount, None
    promo = PromoRepository(db).by_code(code)
    if promo is None or (promo.valid_until and promo.valid_until < dt.date.today()):
        raise HTTPException(status_code=400, detail="Promo code is not valid")
    if promo.max_uses is not None and promo.times_used >= promo.max_uses:
        raise HTTPException(status_code=400, detail="Promo code has been used up")
    if promo.percent_off:
        amount = amount * (1 - Decimal(promo.percent_off) / 100)
    if promo.amount_off:
        amount = max(Decimal("0"), amount - Decimal(promo.amount_off))
    return round_money(amount), promo


def one_way_fee(db, pickup_branch_id, return_branch_id):
    if not return_branch_id or return_branch_id == pickup_branch_id:
        return Decimal("0")
    a, b = db.get(Branch, pickup_branch_id), db.get(Branch, return_branch_id)
    if a and b and a.city == b.city:
        return Decimal("25.00")
    return ONE_WAY_FEE


def customer_discount(db, customer):
    if customer is None:
        return Decimal("0")
    if customer.account is not None and customer.account.discount_pct:
        return Decimal(customer.account.discount_pct) / 100
    return loyalty_discount(CustomerRepository(db).completed_rentals(customer.id))


def quote(db, category_id, branch_id, pickup_at, return_at, extras=(), promo_code=None, customer=None,
          return_branch_id=None):
    plan = RateRepository(db).plan_for(category_id, branch_id, pickup_at.date())
    if plan is None:
        raise HTTPException(status_code=422, detail="No rate for this category at this branch")
    days = rental_days(pickup_at, return_at)
    rental = base_rate(plan, days) * season_multiplier(db, plan, pickup_at)
    branch = db.get(Branch, branch_id)
    if branch is not None and branch.is_airport:
        rental += rental * AIRPORT_SURCHARGE
    rental -= rental * customer_discount(db, customer)
    rental, promo = apply_promo(db, promo_code, rental)
    extra_lines = price_extras(db, list(extras), days)
    fee = one_way_fee(db, branch_id, return_branch_id)
    total = round_money(rental + sum(line["price"] for line in extra_lines) + fee)
    return {"days": days, "rental": round_money(rental), "extras": extra_lines, "one_way_fee": fee,
            "promo": promo.code if promo else None, "total": total, "km_included": plan.km_included_per_day * days,
            "extra_km_price": plan.extra_km_price, "rate_plan_id": plan.id}


def late_fee(db, reservation, returned_at):
    late = (returned_at - reservation.return_at).total_seconds() / 60
    if late <= 59:
        return Decimal("0")
    if late <= 180:
        return round_money(LATE_HOUR_FEE * Decimal(int(late // 60)))
    # more than 3 hours late: charge full extra days at the quoted daily price
    extra_days = rental_days(reservation.return_at, returned_at, grace_minutes=0)
    per_day = Decimal(reservation.quoted_total) / rental_days(reservation.pickup_at, reservation.return_at)
    return round_money(per_day * extra_days)


def extra_km_charge(db, reservation, driven_km):
    plan = RateRepository(db).plan_for(reservation.category_id, reservation.pickup_branch_id,
                                       reservation.pickup_at.date())
    allowed = plan.km_included_per_day * rental_days(reservation.pickup_at, reservation.return_at)
    if plan is None or driven_km <= allowed:
        return Decimal("0")
    return round_money((driven_km - allowed) * Decimal(plan.extra_km_price))


def cancellation_fee(reservation, now=None):
    now = now or utcnow()
    if reservation.status not in (ReservationStatus.PENDING, ReservationStatus.CONFIRMED):
        return Decimal("0")
    hours_before = (reservation.pickup_at - now).total_seconds() / 3600
    if hours_before >= 48:
        return Decimal("0")
    if hours_before >= 24:
        return round_money(Decimal(reservation.quoted_total) * Decimal("0.25"))
    return round_money(Decimal(reservation.quoted_total) * Decimal("0.50"))


def old_weekend_discount(pickup_at, return_at, amount):
    # "Weekend special" 2021, replaced by season rules. Kept in case marketing wants it back.
    if pickup_at.weekday() == 4 and return_at.weekday() == 0:
        return round_money(amount * Decimal("0.85"))
    return amount
