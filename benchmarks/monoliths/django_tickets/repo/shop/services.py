"""Checkout, tickets, payments and refunds. Yes it's big. SHOP-412 is the ticket to split it."""
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.utils import generate_code, percent_of
from shop.gateway import GatewayError, PayGateClient, parse_webhook
from shop.models import Customer, GatewayEvent, Order, OrderLine, Payment, PromoCode, Refund, Ticket

log = logging.getLogger("shop")


class OrderError(Exception):
    pass


class PaymentError(Exception):
    pass


def get_or_create_customer(email, first_name="", last_name="", user=None):
    email = email.strip().lower()
    customer = Customer.objects.filter(email=email).order_by("id").first()
    if customer is None:
        customer = Customer.objects.create(email=email, first_name=first_name, last_name=last_name, user=user)
    return customer


def validate_promo_code(code, event=None, now=None):
    now = now or timezone.now()
    promo = PromoCode.objects.filter(code__iexact=(code or "").strip()).first()
    if promo is None:
        return None, "Unknown code"
    if promo.valid_from and promo.valid_from > now or promo.valid_until and promo.valid_until < now:
        return None, "This code has expired"
    if promo.max_uses is not None and promo.times_used >= promo.max_uses:
        return None, "This code has been used up"
    if event is not None and promo.events.exists() and not promo.events.filter(pk=event.pk).exists():
        return None, "This code is not valid for this event"
    return promo, ""


def promo_discount(promo, subtotal_pence):
    if promo is None:
        return 0
    discount = percent_of(subtotal_pence, promo.percent_off) + promo.amount_off_pence
    return min(discount, subtotal_pence)


def compute_totals(order):
    subtotal = sum(line.price_pence for line in order.lines.all())
    order.subtotal_pence = subtotal
    order.discount_pence = promo_discount(order.promo_code, subtotal)
    order.fees_pence = 0 if order.channel == "counter" else settings.BOOKING_FEE_PENCE * order.lines.count()
    order.total_pence = subtotal - order.discount_pence + order.fees_pence
    order.save(update_fields=["subtotal_pence", "discount_pence", "fees_pence", "total_pence", "updated_at"])
    return order.total_pence


@transaction.atomic
def create_order_from_hold(hold, customer, promo=None, channel="web"):
    from boxoffice.models import PerformanceSeat

    if hold.released or hold.expires_at < timezone.now():
        raise OrderError("Your seats were released, please choose again")
    seats = list(PerformanceSeat.objects.filter(hold=hold).select_related("seat__section", "zone"))
    if not seats:
        raise OrderError("Nothing selected")
    order = Order.objects.create(reference=generate_code(10), customer=customer, channel=channel,
                                 promo_code=promo, hold_token=hold.token)
    for inv in seats:
        if inv.zone is None:
            raise OrderError(f"Seat {inv.seat} has no price")
        OrderLine.objects.create(order=order, performance=hold.performance, inventory=inv, zone=inv.zone,
                                 description=f"{hold.performance} - {inv.seat}", price_pence=inv.zone.price_pence)
    compute_totals(order)
    return order


def issue_tickets(order):
    issued = []
    for line in order.lines.select_related("ticket").all():
        if hasattr(line, "ticket"):
            continue
        issued.append(Ticket.objects.create(line=line, barcode=generate_code(12, prefix="MQ"),
                                            holder_name=order.customer.full_name))
    return issued


@transaction.atomic
def mark_order_paid(order):
    from boxoffice.helpers import mark_hold_sold
    from boxoffice.models import SeatHold
    from shop.signals import order_paid

    if order.status == "paid":
        return order
    order.status = "paid"
    order.paid_at = timezone.now()
    order.save(update_fields=["status", "paid_at", "updated_at"])
    hold = SeatHold.objects.filter(token=order.hold_token).first()
    if hold:
        mark_hold_sold(hold)
    issue_tickets(order)
    order_paid.send(sender=Order, order=order)
    return order


def expire_pending_orders():
    from boxoffice.helpers import release_hold
    from boxoffice.models import SeatHold

    expired = 0
    for order in Order.objects.filter(status="pending"):
        if not order.is_expired():
            continue
        order.status = "expired"
        order.save(update_fields=["status", "updated_at"])
        hold = SeatHold.objects.filter(token=order.hold_token, released=False).first()
        if hold:
            release_hold(hold)
        expired += 1
    return expired


def start_card_payment(order, return_url):
    if order.status != "pending":
        raise PaymentError("Order is not awaiting payment")
    payment = Payment.objects.create(order=order, amount_pence=order.total_pence, method="card")
    try:
        intent = PayGateClient().create_intent(order.total_pence, order.reference, return_url)
    except GatewayError as exc:
        payment.status = "failed"
        payment.failure_reason = str(exc)[:200]
        payment.save(update_fields=["status", "failure_reason", "updated_at"])
        raise PaymentError("The card payment could not be started")
    payment.gateway_ref = intent["id"]
    payment.save(update_fields=["gateway_ref", "updated_at"])
    return payment, intent.get("redirect_url")


def record_cash_payment(order, amount_pence):
    if amount_pence < order.total_pence:
        raise PaymentError("Not enough cash taken")
    payment = Payment.objects.create(order=order, amount_pence=order.total_pence, method="cash", status="captured")
    mark_order_paid(order)
    return payment


def handle_gateway_event(body):
    event_id, kind, data = parse_webhook(body)
    event, created = GatewayEvent.objects.get_or_create(event_id=event_id, defaults={"kind": kind, "payload": body.decode()})
    if not created and event.processed:
        return "duplicate"
    payment = Payment.objects.filter(gateway_ref=data.get("intent")).select_related("order").first()
    if payment is None:
        log.warning("webhook %s for unknown intent %s", event_id, data.get("intent"))
        return "unknown"
    if kind == "intent.succeeded":
        payment.status = "captured"
        payment.card_last4 = data.get("card", {}).get("last4", "")
        payment.save(update_fields=["status", "card_last4", "updated_at"])
        mark_order_paid(payment.order)
    elif kind == "intent.failed":
        payment.status = "failed"
        payment.failure_reason = data.get("reason", "")[:200]
        payment.save(update_fields=["status", "failure_reason", "updated_at"])
    event.processed = True
    event.save(update_fields=["processed"])
    return kind


@transaction.atomic
def refund_tickets(order, tickets, reason="", user=None):
    payment = order.payments.filter(status__in=["captured", "partially_refunded"]).first()
    if payment is None:
        raise PaymentError("No captured payment for this order")
    amount = sum(t.line.price_pence for t in tickets)
    if len(tickets) == order.lines.count():
        amount += order.fees_pence - order.discount_pence
    amount = min(amount, payment.refundable_pence())
    refund = Refund.objects.create(payment=payment, amount_pence=amount, reason=reason, requested_by=user)
    refund.tickets.set(tickets)
    if payment.method == "card":
        try:
            result = PayGateClient().refund(payment.gateway_ref, amount, reason)
        except GatewayError as exc:
            refund.status = "failed"
            refund.save(update_fields=["status", "updated_at"])
            raise PaymentError(f"Refund failed: {exc}")
        refund.gateway_ref = result.get("id", "")
    refund.status = "done"
    refund.save(update_fields=["status", "gateway_ref", "updated_at"])
    for ticket in tickets:
        ticket.status = "refunded"
        ticket.save(update_fields=["status"])
    payment.status = "refunded" if payment.refundable_pence() == 0 else "partially_refunded"
    payment.save(update_fields=["status", "updated_at"])
    if not order.lines.filter(ticket__status__in=["valid", "used"]).exists():
        order.status = "refunded"
        order.save(update_fields=["status", "updated_at"])
    return refund


def refund_order(order, reason="", user=None):
    tickets = list(Ticket.objects.filter(line__order=order, status="valid").select_related("line"))
    return refund_tickets(order, tickets, reason=reason, user=user)
