from decimal import Decimal

from hrapp.common.money import prorate_salary, round_money


def test_round_money_half_up():
    assert round_money("1.005") == Decimal("1.01")


def test_prorate_salary():
    assert prorate_salary(3000, 11, 22) == Decimal("1500.00")
