from types import SimpleNamespace

from common.utils import format_money
from core.services import compute_price


def test_format_money_rounds_half_up(settings):
    settings.DEFAULT_CURRENCY = "USD"
    assert format_money(1999) == "$19.99"
    assert format_money(5, "CHF") == "0.05 CHF"


def test_vat_is_charged_on_discounted_price():
    course = SimpleNamespace(price_cents=10000)
    coupon = SimpleNamespace(discount_for=lambda amount: amount // 4)
    assert compute_price(course, coupon, vat_rate=0.2) == (7500, 1500)


def test_free_course_costs_nothing():
    assert compute_price(SimpleNamespace(price_cents=0), vat_rate=0.2) == (0, 0)
