import datetime

from common.utils import add_months, calculate_late_fee, format_money, month_bounds


def test_format_money():
    assert format_money(123456) == "$1,234.56"


def test_month_bounds_february_leap_year():
    assert month_bounds(datetime.date(2024, 2, 10)) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))


def test_add_months_clamps_day():
    assert add_months(datetime.date(2023, 1, 31), 1) == datetime.date(2023, 2, 28)


def test_late_fee_respects_grace_and_minimum():
    assert calculate_late_fee(100000, 3, grace_days=5) == 0
    assert calculate_late_fee(100000, 6, grace_days=5) == 5000
    assert calculate_late_fee(200000, 6, grace_days=5) == 10000
