from decimal import Decimal

from lab.lib.formatting import format_money, format_result_value, round_half_up
from lab.services.result_service import parse_raw_value, compute_recovery


def test_round_half_up():
    assert round_half_up("2.345", 2) == Decimal("2.35")


def test_format_money():
    assert format_money(Decimal("1234.5")) == u"\u00a31,234.50"


def test_result_below_loq():
    assert format_result_value(0.01, "", 2, loq=0.05) == "<0.05"


def test_parse_raw_value():
    assert parse_raw_value("<0.5") == ("<", 0.5)
    assert parse_raw_value("nd") == ("ND", None)


def test_recovery():
    assert compute_recovery(10.0, 9.5) == 95.0
