import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.services import find_or_create_supporter, add_address
from utils import gateway
from utils.emails import send_templated_email
from utils.models import ShippingRate
from web.models import Order, OrderLine, ProductVariant, StockMovement

log = logging.getLogger(__name__)


class OutOfStock(Exception):
    pass


def get_basket(request, create=True):
    if not request.session.session_key:
        request.session.save()
    order = Order.objects.filter(session_key=request.session.session_key, status="basket").first()
    if order is None and create:
        order = Order.objects.create(session_key=request.session.session_key)
    return order


def add_to_basket(order, variant, qty=1):
    line = order.lines.filter(variant=variant).first()
    if line:
        line.qty += qty
        line.save()
    else:
        OrderLine.objects.create(order=order, variant=variant, qty=qty,
                                 unit_price=variant.product.price)
    recalc_order(order)


def shipping_cost(order):
    if order.subtotal >= settings.SHOP_FREE_SHIPPING_OVER:
        return Decimal("0")
    weight = sum(l.variant.product.weight_g * l.qty for l in order.lines.select_related("variant__product"))
    rate = ShippingRate.objects.filter(active=True, zone="UK", max_weight_g__gte=weight).first()
    return rate.price if rate else Decimal("9.95")


def recalc_order(order):
    order.subtotal = sum((l.line_total() for l in order.lines.all()), Decimal("0"))
    order.shipping = shipping_cost(order)
    order.total = order.subtotal + order.shipping
    order.save()


def adjust_stock(variant, change, reason, order=None):
    ProductVariant.objects.filter(pk=variant.pk).update(stock=F("stock") + change)
    StockMovement.objects.create(variant=variant, change=change, reason=reason, order=order)


@transaction.atomic
def checkout(order, customer, card_token):
    for line in order.lines.select_related("variant").select_for_update():
        if line.variant.stock < line.qty:
            raise OutOfStock(line.variant.product.name)
    supporter, created = find_or_create_supporter(customer["first_name"], customer["last_name"],
                                                  customer["email"], customer["postcode"],
                                                  source="shop")
    if created:
        add_address(supporter, customer["line1"], customer["town"], customer["postcode"])
    order.payment_ref = gateway.charge_card(card_token, order.total, "SHOP-%s" % order.pk,
                                            "Shop order")
    for line in order.lines.all():
        adjust_stock(line.variant, -line.qty, "sale", order)
    order.supporter = supporter
    order.status = "paid"
    order.placed = timezone.now()
    order.ship_name = "%s %s" % (customer["first_name"], customer["last_name"])
    order.ship_address = "%s\n%s" % (customer["line1"], customer["town"])
    order.ship_postcode = customer["postcode"]
    order.save()
    send_templated_email(customer["email"], "order_confirmation", {"order": order})
    return order


def refund_order(order, restock=True):
    gateway.refund_charge(order.payment_ref)
    if restock:
        for line in order.lines.all():
            adjust_stock(line.variant, line.qty, "return", order)
    order.status = "refunded"
    order.save()


def legacy_price_with_vat(product):
    # prices have been VAT inclusive since 2021, this was for the old trade catalogue
    return (product.price * (1 + product.vat_rate / 100)).quantize(Decimal("0.01"))
