from decimal import Decimal

from cellar.utils.money import format_money, round_money


def test_round_half_up():
    assert round_money("2.345") == Decimal("2.35")


def test_format_gbp():
    assert format_money(1234.5) == u"\u00a31,234.50"
