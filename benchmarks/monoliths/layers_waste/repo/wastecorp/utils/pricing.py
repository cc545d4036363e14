"""Pricing helpers for invoices.

Lives in utils for historical reasons (it was shared with the quoting tool
that was retired in 2020).  Everything here is billing specific.
"""
import datetime as dt
from decimal import Decimal

from wastecorp.extensions import db
from wastecorp.models.billing import Tariff
from wastecorp.utils.money import round_money, to_decimal

CPI_UPLIFT_2021 = Decimal("0.031")
CPI_UPLIFT_2022 = Decimal("0.094")


class PricingError(Exception):
    pass


def tariff_for(code, on_date=None):
    on_date = on_date or dt.date.today()
    tariff = (db.session.query(Tariff)
              .filter(Tariff.code == code)
              .filter(Tariff.valid_from <= on_date)
              .filter((Tariff.valid_to == None) | (Tariff.valid_to >= on_date))  # noqa: E711
              .order_by(Tariff.valid_from.desc())
              .first())
    if tariff is None:
        raise PricingError("no tariff %s on %s" % (code, on_date))
    return tariff


def prorate(amount, period_start, period_end, active_from=None, active_to=None):
    """Prorate a period charge by calendar days active."""
    total_days = (period_end - period_start).days + 1
    start = max(period_start, active_from or period_start)
    end = min(period_end, active_to or period_end)
    if end < start:
        return Decimal("0.00")
    active_days = (end - start).days + 1
    return round_money(to_decimal(amount) * Decimal(active_days) / Decimal(total_days))


def price_lifts(tariff, lifts):
    return round_money(to_decimal(tariff.price_per_lift) * lifts)


def price_weight(tariff, tonnes):
    minimum = to_decimal(tariff.minimum_charge or 0)
    charge = round_money(to_decimal(tariff.price_per_tonne) * to_decimal(tonnes))
    return max(charge, minimum)


def apply_discount(amount, pct):
    if not pct:
        return round_money(amount)
    return round_money(to_decimal(amount) * (Decimal(1) - to_decimal(pct) / 100))


def annual_uplift(amount, year):
    rate = {2021: CPI_UPLIFT_2021, 2022: CPI_UPLIFT_2022}.get(year, Decimal("0.02"))
    return round_money(to_decimal(amount) * (1 + rate))


class LinePrice(object):
    def __init__(self, description, quantity, unit_price, vat_rate):
        self.description = description
        self.quantity = to_decimal(quantity)
        self.unit_price = to_decimal(unit_price)
        self.vat_rate = to_decimal(vat_rate)

    @property
    def net(self):
        return round_money(self.quantity * self.unit_price)

    @property
    def vat(self):
        return round_money(self.net * self.vat_rate)

    def as_dict(self):
        return {"description": self.description, "quantity": self.quantity,
                "unit_price": self.unit_price, "net": self.net, "vat": self.vat}
