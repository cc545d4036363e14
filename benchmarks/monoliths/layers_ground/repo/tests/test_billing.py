from decimal import Decimal

from gh.utils.money import round_money


def test_round_money():
    assert round_money("1.005") == Decimal("1.01")
