from dao import cart_subtotal, order_totals


def test_cart_subtotal_counts_options():
    lines = [{"price_cents": 1000, "extra_cents": 150, "qty": 2},
             {"price_cents": 450, "extra_cents": 0, "qty": 1}]
    assert cart_subtotal(lines) == 2750


def test_discount_never_exceeds_subtotal():
    t = order_totals(1000, 299, discount_cents=5000, tip_cents=100)
    assert t["discount_cents"] == 1000
    assert t["total_cents"] == 399
