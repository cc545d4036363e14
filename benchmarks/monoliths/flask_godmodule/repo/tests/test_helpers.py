from datetime import date, datetime
from decimal import Decimal

import pytest

from helpers import calc_dose, clashes, format_money, normalize_phone, pet_age, vat_split


def test_format_money_rounds_and_signs():
    assert format_money(1234.5) == "£1,234.50"
    assert format_money(-3) == "-£3.00"
    assert format_money(None) == "£0.00"


def test_normalize_phone_uk():
    assert normalize_phone("07700 900123") == "+447700900123"
    with pytest.raises(ValueError):
        normalize_phone("call me")


def test_pet_age():
    assert pet_age(date(2020, 1, 15), today=date(2022, 4, 20)) == "2y 3m"
    assert pet_age(None) == "unknown"


def test_calc_dose_quarter_tablets():
    # 12.4kg dog, 5mg/kg, 50mg tablets -> 1.24 -> 1.25
    assert calc_dose(12.4, 5, 50) == Decimal("1.25")


def test_vat_split():
    net, vat = vat_split("120.00", 0.2)
    assert net == Decimal("100.00") and vat == Decimal("20.00")


def test_clashes():
    a = {"starts_at": datetime(2023, 1, 1, 9), "ends_at": datetime(2023, 1, 1, 9, 15)}
    b = {"starts_at": datetime(2023, 1, 1, 9, 10), "ends_at": datetime(2023, 1, 1, 9, 30)}
    assert clashes(a, b)
