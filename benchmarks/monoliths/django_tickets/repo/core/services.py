"""Event and promoter logic. Started as helpers for the admin, now everything lives here."""
import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone

from common.utils import local_now, percent_of
from core.models import Event, Performance, PromoterContract

log = logging.getLogger(__name__)


class PromoterError(Exception):
    pass


@transaction.atomic
def publish_event(event, user=None):
    if event.status == "published":
        return event
    if not event.performances.exists():
        raise ValueError("An event needs at least one performance before publishing")
    event.status = "published"
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    log.info("event %s published by %s", event.pk, user)
    from core.signals import event_published
    event_published.send(sender=Event, event=event)
    return event


def cancel_performance(performance, reason="", user=None):
    """Cancel a show and refund everybody. Refunds go through shop (card) one by one."""
    from shop.models import Order
    from shop.services import refund_order

    performance.is_cancelled = True
    performance.save(update_fields=["is_cancelled", "updated_at"])
    refunded = 0
    orders = Order.objects.filter(lines__performance=performance, status="paid").distinct()
    for order in orders:
        try:
            refund_order(order, reason=reason or "Performance cancelled", user=user)
            refunded += 1
        except Exception:
            log.exception("could not refund order %s", order.reference)
    if not performance.event.performances.filter(is_cancelled=False).exists():
        performance.event.status = "cancelled"
        performance.event.save(update_fields=["status", "updated_at"])
    return refunded


def upcoming_performances(days=14):
    now = local_now()
    qs = Performance.objects.filter(
        starts_at__gte=now, starts_at__lte=now + datetime.timedelta(days=days),
        is_cancelled=False, event__status="published").select_related("event", "hall__venue")
    return qs


def performance_sales_summary(performance_id):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT o.status, COUNT(l.id), COALESCE(SUM(l.price_pence), 0)
            FROM shop_orderline l
            JOIN orders o ON o.id = l.order_id
            WHERE l.performance_id = %s
            GROUP BY o.status
            """,
            [performance_id],
        )
        rows = cursor.fetchall()
    summary = {"paid": (0, 0), "pending": (0, 0), "refunded": (0, 0)}
    for status, count, total in rows:
        summary[status] = (count, total)
    return summary


def contract_on(promoter, day):
    contract = (PromoterContract.objects.filter(promoter=promoter, starts_on__lte=day)
                .exclude(ends_on__lt=day).order_by("-starts_on").first())
    if contract is None:
        raise PromoterError(f"{promoter} has no contract on {day}")
    return contract


def promoter_fee(contract, gross_pence, ticket_count):
    return percent_of(gross_pence, contract.fee_percent) + ticket_count * contract.per_ticket_fee_pence


def settlement_for_event(event):
    """Gross, fee and net owed to the promoter for one event (paid tickets only)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT COUNT(t.id), COALESCE(SUM(l.price_pence), 0)
            FROM shop_ticket t
            JOIN shop_orderline l ON l.id = t.line_id
            JOIN performances p ON p.id = l.performance_id
            WHERE p.event_id = %s AND t.status IN ('valid', 'used')
            """,
            [event.pk],
        )
        tickets, gross = cursor.fetchone()
    last_show = event.performances.order_by("-starts_at").first()
    day = last_show.starts_at.date() if last_show else timezone.localdate()
    contract = contract_on(event.promoter, day)
    fee = promoter_fee(contract, gross, tickets)
    return {"tickets": tickets, "gross": gross, "fee": fee, "net": gross - fee,
            "due": day + datetime.timedelta(days=contract.settlement_days)}


def promoter_events(promoter, include_past=False):
    qs = Event.objects.alive().filter(promoter=promoter)
    if not include_past:
        qs = qs.filter(performances__starts_at__gte=timezone.now()).distinct()
    return qs.order_by("title")


def _legacy_capacity_check(performance):
    # replaced by seat_inventory in 2022, not called anywhere any more
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM seat_inventory WHERE performance_id = %s AND status = 'sold'",
                       [performance.pk])
        sold = cursor.fetchone()[0]
    return sold < performance.hall.seated_capacity() + performance.hall.standing_capacity
