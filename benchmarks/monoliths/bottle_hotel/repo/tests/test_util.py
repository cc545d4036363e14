from datetime import date
from decimal import Decimal

import util


def test_format_money_negative():
    assert util.format_money("-12.5") == "-\u00a312.50"


def test_vat_split_adds_up():
    net, vat = util.vat_split("120.00", "0.20")
    assert net == Decimal("100.00")
    assert net + vat == Decimal("120.00")


def test_daterange_excludes_departure():
    nights = list(util.daterange(date(2023, 5, 1), date(2023, 5, 4)))
    assert len(nights) == 3


def test_loyalty_tier_thresholds():
    assert util.loyalty_tier(7) == "blue"
    assert util.loyalty_tier(20) == "gold"
