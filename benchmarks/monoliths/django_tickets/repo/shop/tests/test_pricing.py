from types import SimpleNamespace

from shop.services import promo_discount


def test_no_promo_no_discount():
    assert promo_discount(None, 5000) == 0


def test_percent_and_amount_combine():
    promo = SimpleNamespace(percent_off=10, amount_off_pence=200)
    assert promo_discount(promo, 5000) == 700


def test_discount_never_exceeds_subtotal():
    promo = SimpleNamespace(percent_off=50, amount_off_pence=5000)
    assert promo_discount(promo, 3000) == 3000
