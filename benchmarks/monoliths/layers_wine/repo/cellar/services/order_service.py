import logging
from datetime import date, datetime
from decimal import Decimal

from cellar.db import next_document_number
from cellar.extensions import db
from cellar.models.customer import Customer
from cellar.models.orders import SalesOrder, SalesOrderLine
from cellar.models.product import Wine
from cellar.repositories.order_repo import SalesOrderRepository
from cellar.services import inventory_service, pricing_service
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError, ValidationError
from cellar.utils.money import round_money, to_decimal, vat_amount

log = logging.getLogger(__name__)

orders = SalesOrderRepository()

EDITABLE = ("draft", "confirmed")


def create_order(customer_id, user_id=None, requested_delivery=None, channel="rep", customer_ref=None):
    customer = db.session.query(Customer).get(customer_id)
    if customer is None:
        raise ValidationError("unknown customer")
    if customer.status == "closed":
        raise BusinessRuleError("account closed")
    order = SalesOrder(customer_id=customer.id, created_by=user_id, order_date=date.today(),
                       requested_delivery=requested_delivery, channel=channel,
                       customer_ref=customer_ref)
    address = next((a for a in customer.addresses if a.kind == "delivery"), None)
    if address:
        order.delivery_address_id = address.id
    order.number = next_document_number("SO", "so_seq")
    db.session.add(order)
    db.session.commit()
    return order


def add_line(order_id, wine_id, qty_bottles, unit_price=None):
    order = orders.get(order_id)
    if order.status not in EDITABLE:
        raise BusinessRuleError("order %s is %s" % (order.number, order.status))
    wine = db.session.query(Wine).get(wine_id)
    if not wine.is_active:
        raise BusinessRuleError("%s is not available" % wine.sku)
    price, discount = pricing_service.price_line(order.customer, wine, qty_bottles)
    line = SalesOrderLine(wine_id=wine.id, qty_bottles=int(qty_bottles),
                          unit_price=to_decimal(unit_price) if unit_price else price,
                          discount_pct=discount)
    if not order.in_bond:
        from cellar.services.compliance_service import duty_per_bottle
        line.duty_per_bottle = duty_per_bottle(wine)
    order.lines.append(line)
    if order.status == "confirmed":
        db.session.flush()
        inventory_service.reserve_for_line(line)
    recalc_totals(order)
    db.session.commit()
    return line


def recalc_totals(order):
    net = Decimal(0)
    duty = Decimal(0)
    for l in order.lines:
        gross = to_decimal(l.unit_price) * l.qty_bottles
        net += gross - gross * to_decimal(l.discount_pct) / 100
        duty += to_decimal(l.duty_per_bottle) * l.qty_bottles
    order.net_total = round_money(net)
    order.duty_total = round_money(duty)
    order.vat_total = vat_amount(order.net_total + order.duty_total)
    return order


def confirm_order(order_id, user_id=None, skip_credit_check=False):
    from cellar.services.billing_service import check_credit
    from cellar.services.compliance_service import verify_customer_licence
    from cellar.services.notification_service import notify_order_confirmed

    order = orders.get(order_id)
    if order.status != "draft":
        raise BusinessRuleError("only draft orders can be confirmed")
    if not order.lines:
        raise ValidationError("order has no lines")
    customer = order.customer
    if customer.on_stop:
        raise BusinessRuleError("customer %s is on stop" % customer.account_code)
    verify_customer_licence(customer)
    recalc_totals(order)
    if not skip_credit_check:
        check_credit(customer, order.net_total + order.duty_total + order.vat_total)
    for line in order.lines:
        inventory_service.reserve_for_line(line)
    order.status = "confirmed"
    if customer.status == "prospect":
        customer.status = "active"
    log_action("confirm", "sales_order", order.id, user_id)
    db.session.commit()
    notify_order_confirmed(order)
    return order


def cancel_order(order_id, user_id=None, reason=None):
    order = orders.get(order_id)
    if order.status in ("dispatched", "delivered", "invoiced"):
        raise BusinessRuleError("order already %s" % order.status)
    inventory_service.release_reservations_for_order(order)
    order.status = "cancelled"
    log_action("cancel", "sales_order", order.id, user_id, {"reason": reason})
    db.session.commit()


def allocate_backorders(wine_id=None):
    """Called after goods-in: try again to reserve stock for backordered lines."""
    done = 0
    for line in orders.backorder_lines(wine_id):
        if line.order.status != "confirmed":
            continue
        if inventory_service.reserve_for_line(line):
            done += 1
    db.session.commit()
    return done


def mark_dispatched(order, when=None):
    order.status = "dispatched"
    order.dispatched_at = when or datetime.utcnow()


def mark_delivered(order):
    if order.status == "cancelled":
        log.warning("delivered a cancelled order?! %s", order.number)
    order.status = "delivered"


def order_to_dict(order):
    return {
        "id": order.id, "number": order.number, "status": order.status,
        "customer": order.customer.account_code, "order_date": order.order_date.isoformat(),
        "net_total": str(order.net_total), "duty_total": str(order.duty_total),
        "vat_total": str(order.vat_total),
        "lines": [{"sku": l.wine.sku, "qty": l.qty_bottles, "price": str(l.unit_price),
                   "discount": str(l.discount_pct), "backorder": l.backorder} for l in order.lines],
    }
