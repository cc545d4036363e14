from datetime import date
from decimal import Decimal

from fleetco.common.utils import (
    add_business_days,
    chargeable_weight,
    format_invoice_number,
    format_money,
    haversine_km,
    normalize_postcode,
    round_money,
)


def test_round_money_half_up():
    assert round_money("2.005") == Decimal("2.01")


def test_format_money_euro():
    assert format_money(1234.5) == "\u20ac1,234.50"


def test_business_days_skip_weekend():
    assert add_business_days(date(2023, 3, 3), 1) == date(2023, 3, 6)


def test_chargeable_weight_uses_volume_when_bigger():
    assert chargeable_weight(10, 120, 80, 100) == 1920.0


def test_haversine_amsterdam_rotterdam():
    assert 55 < haversine_km(52.37, 4.89, 51.92, 4.48) < 60


def test_postcode_normalised():
    assert normalize_postcode(" 1012 ab ") == "1012AB"


def test_invoice_number_format():
    assert format_invoice_number(2023, 42) == "INV/2023/HQ/000042"
