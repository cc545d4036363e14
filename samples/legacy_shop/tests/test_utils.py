from decimal import Decimal

from shop.utils import format_money, luhn_ok, mask_card_number, paginate, parse_money, slugify


def test_format_money_eur():
    assert format_money(Decimal("1234.5")) == u"1 234,50 \u20ac"


def test_format_money_usd():
    assert format_money(3, "USD") == "$3.00"


def test_parse_money_comma():
    assert parse_money("12,50 EUR") == Decimal("12.50")


def test_slugify():
    assert slugify(u"Th\u00e9i\u00e8re en fonte !") == "theiere-en-fonte"


def test_paginate():
    page = paginate(list(range(45)), page=3, per_page=20)
    assert page["items"] == [40, 41, 42, 43, 44]
    assert page["pages"] == 3


def test_card_helpers():
    assert luhn_ok("4242 4242 4242 4242")
    assert mask_card_number("4242424242424242") == "4242 **** **** 4242"
