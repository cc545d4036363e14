from decimal import Decimal

from shop.services.order_service import FREE_SHIPPING_OVER, compute_totals


def lines(*prices):
    return [{"price": p, "quantity": 1} for p in prices]


def test_totals_without_coupon():
    t = compute_totals(lines("10.00", "5.50"), shipping=Decimal("4.95"))
    assert t["total"] == Decimal("20.45")


def test_percent_coupon():
    t = compute_totals(lines("100.00"), {"kind": "percent", "value": 10})
    assert t["discount"] == Decimal("10.00")


def test_free_shipping_threshold():
    t = compute_totals(lines(str(FREE_SHIPPING_OVER)), shipping=Decimal("4.95"))
    assert t["shipping"] == 0
