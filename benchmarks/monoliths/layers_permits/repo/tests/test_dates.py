import datetime as dt

from utils.dates import add_business_days, business_days_between, fiscal_year, parse_date


def test_add_business_days_skips_weekend():
    friday = dt.date(2022, 8, 12)
    assert add_business_days(friday, 1) == dt.date(2022, 8, 15)


def test_add_business_days_skips_holiday():
    assert add_business_days(dt.date(2022, 7, 1), 1) == dt.date(2022, 7, 5)


def test_business_days_between():
    assert business_days_between(dt.date(2022, 8, 8), dt.date(2022, 8, 15)) == 5


def test_fiscal_year_starts_in_july():
    assert fiscal_year(dt.date(2022, 6, 30)) == 2022
    assert fiscal_year(dt.date(2022, 7, 1)) == 2023


def test_parse_date_formats():
    assert parse_date("08/15/2022") == dt.date(2022, 8, 15)
    assert parse_date("2022-08-15") == dt.date(2022, 8, 15)
    assert parse_date("") is None
