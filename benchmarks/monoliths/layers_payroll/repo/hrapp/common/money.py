from decimal import ROUND_HALF_UP, Decimal

from hrapp.config import get_settings

CENT = Decimal("0.01")


def to_decimal(value):
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value or 0))


def round_money(value):
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(value, currency=None):
    currency = currency or get_settings().default_currency
    return f"{round_money(value):,.2f} {currency}"


def prorate_salary(monthly_amount, worked_days, period_days):
    """Pro-rata salary for joiners/leavers within a pay period."""
    if period_days <= 0:
        return round_money(0)
    return round_money(to_decimal(monthly_amount) * Decimal(worked_days) / Decimal(period_days))


def percent_of(value, pct):
    return round_money(to_decimal(value) * to_decimal(pct) / Decimal(100))
