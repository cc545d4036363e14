from decimal import Decimal

from cellar.services.pricing_service import legacy_round_price


def test_round_to_49():
    assert legacy_round_price(Decimal("12.10")) == Decimal("12.49")


def test_round_to_99():
    assert legacy_round_price(Decimal("12.50")) == Decimal("12.99")
