import datetime as dt
from decimal import Decimal

from rental.utils import normalize_phone, rental_days, round_money


def test_rental_days_grace_period():
    start = dt.datetime(2023, 5, 1, 10, 0)
    assert rental_days(start, start + dt.timedelta(days=2, minutes=30), grace_minutes=59) == 2
    assert rental_days(start, start + dt.timedelta(days=2, minutes=90), grace_minutes=59) == 3


def test_rental_days_minimum_one():
    start = dt.datetime(2023, 5, 1, 10, 0)
    assert rental_days(start, start + dt.timedelta(hours=2), grace_minutes=59) == 1


def test_round_money():
    assert round_money("2.675") == Decimal("2.68")


def test_normalize_phone():
    assert normalize_phone("0031 (6) 1234-5678") == "+31612345678"
