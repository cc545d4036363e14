from datetime import datetime

from helpers import (check_password, delivery_fee, format_money, haversine_km, hash_password,
                     is_open_now, normalize_phone, render_message, to_cents)


def test_to_cents_rounds_half_up():
    assert to_cents("12,345") == 1235
    assert to_cents("") == 0


def test_format_money():
    assert format_money(1250) == u"\u20ac12.50"


def test_normalize_phone_dutch_numbers():
    assert normalize_phone("06 1234 5678") == "+31612345678"
    assert normalize_phone("0031612345678") == "+31612345678"
    assert normalize_phone("12") is None


def test_haversine_amsterdam_utrecht():
    assert 33 < haversine_km(52.3702, 4.8952, 52.0907, 5.1214) < 36


def test_delivery_fee_surge_is_capped():
    zone = {"base_fee_cents": 200, "per_km_cents": 100, "surge": 3.0}
    assert delivery_fee(3, zone) == 800


def test_is_open_now():
    hours = [{"weekday": 0, "opens": "11:00", "closes": "22:00"}]
    assert is_open_now(hours, datetime(2023, 5, 1, 12, 0))
    assert not is_open_now(hours, datetime(2023, 5, 1, 23, 0))


def test_password_roundtrip():
    stored = hash_password("hunter22")
    assert check_password("hunter22", stored)
    assert not check_password("hunter23", stored)


def test_render_message_leaves_unknown_keys():
    assert render_message("Hi {name}, {x}", name="Ana") == "Hi Ana, {x}"
