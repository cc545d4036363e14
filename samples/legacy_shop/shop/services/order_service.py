"""Checkout and order lifecycle."""
import logging
from decimal import Decimal

from shop import db
from shop.core import billing
from shop.core.gateway import GatewayError
from shop.dao import CartDAO, CouponDAO, OrderDAO, log_audit
from shop.services import mailer, stock
from shop.services.shipping_service import quote_shipping
from shop.utils import config_bool, to_decimal

log = logging.getLogger(__name__)

VAT_RATE = Decimal("0.20")
FREE_SHIPPING_OVER = Decimal("60.00")

orders = OrderDAO()
carts = CartDAO()
coupons = CouponDAO()


class OrderError(Exception):
    pass


class OutOfStock(OrderError):
    def __init__(self, sku, wanted, available):
        super(OutOfStock, self).__init__("%s: wanted %d, only %d left" % (sku, wanted, available))
        self.sku = sku
        self.available = available


def compute_totals(lines, coupon=None, shipping=Decimal("0")):
    subtotal = sum((to_decimal(l["price"]) * l["quantity"] for l in lines), Decimal("0"))
    discount = Decimal("0")
    if coupon:
        if coupon["kind"] == "percent":
            discount = (subtotal * Decimal(coupon["value"]) / 100).quantize(Decimal("0.01"))
        else:
            discount = min(to_decimal(coupon["value"]), subtotal)
    if subtotal - discount >= FREE_SHIPPING_OVER:
        shipping = Decimal("0")
    total = subtotal - discount + shipping
    vat = (total - total / (1 + VAT_RATE)).quantize(Decimal("0.01"))
    return {
        "subtotal": subtotal,
        "discount": discount,
        "shipping": shipping,
        "vat": vat,
        "total": total,
    }


def apply_coupon(cart_id, code):
    coupon = coupons.by_code(code)
    if coupon is None:
        raise OrderError("unknown or expired coupon")
    lines = carts.items(cart_id)
    if coupon["min_total"] and compute_totals(lines)["subtotal"] < coupon["min_total"]:
        raise OrderError("cart total too low for this coupon")
    db.execute("UPDATE carts SET coupon_id = %s WHERE id = %s", (coupon["id"], cart_id))
    return coupon


def place_order(user_id, address_id, payment_token, method="card"):
    cart = carts.current(user_id)
    lines = carts.items(cart["id"])
    if not lines:
        raise OrderError("cart is empty")
    coupon = coupons.get(cart["coupon_id"]) if cart.get("coupon_id") else None
    shipping = quote_shipping(address_id, lines)
    totals = compute_totals(lines, coupon, shipping)

    with db.transaction():
        order_id = orders.create(user_id, cart["id"], address_id, totals["total"])
        for line in lines:
            orders.add_line(order_id, line["product_id"], line["quantity"], line["price"])
        try:
            stock.reserve_for_order(order_id, lines)
        except stock.NotEnoughStock as e:
            raise OutOfStock(e.sku, e.wanted, e.available)
        if coupon:
            coupons.redeem(coupon["id"])
        carts.close(cart["id"])

    try:
        billing.charge_order(order_id, totals["total"], payment_token, method)
    except GatewayError as e:
        log.warning("payment failed for order %s: %s", order_id, e)
        stock.release_for_order(order_id)
        orders.set_status(order_id, "payment_failed", note=str(e))
        raise OrderError("payment declined")

    orders.set_status(order_id, "paid")
    mailer.notify_order_placed(order_id)
    return order_id


def cancel_order(order_id, by_user=None, reason="customer request"):
    with db.transaction():
        order = orders.lock(order_id)
        if order is None:
            raise OrderError("no such order")
        if order["status"] in ("shipped", "delivered", "cancelled"):
            raise OrderError("order cannot be cancelled in state %s" % order["status"])
        orders.set_status(order_id, "cancelled", note=reason)
        stock.release_for_order(order_id)
    if order["status"] == "paid":
        billing.refund_order(order_id, reason=reason)
    log_audit(by_user, "order.cancel", {"order_id": order_id, "reason": reason})
    mailer.notify_order_cancelled(order_id)


def reorder(user_id, order_id):
    cart = carts.current(user_id)
    for line in orders.lines(order_id):
        carts.add_item(cart["id"], line["product_id"], line["quantity"])
    return cart["id"]


def mark_ready_to_ship(order_id):
    order = orders.get(order_id)
    if order["status"] != "paid":
        raise OrderError("order %s is not paid" % order_id)
    orders.set_status(order_id, "picking")
    if config_bool("AUTO_CREATE_SHIPMENT", True):
        from shop.services.shipping_service import create_shipment
        create_shipment(order_id)


def order_summary(order_id):
    order = orders.with_customer(order_id)
    if order is None:
        return None
    order["lines"] = orders.lines(order_id)
    order["history"] = orders.history(order_id)
    order["payments"] = billing.payments_for(order_id)
    return order
