from django.db.models import F
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from common.utils import format_money, format_showtime, send_plain_mail
from shop.models import PromoCode, Ticket

order_paid = Signal()


@receiver(order_paid)
def email_tickets(sender, order, **kwargs):
    lines = [f"Order {order.reference} - total {format_money(order.total_pence)}", ""]
    for line in order.lines.select_related("performance__event", "ticket"):
        lines.append(f"{line.performance.event.title}, {format_showtime(line.performance.starts_at)}")
        lines.append(f"  {line.description}  barcode {line.ticket.barcode}")
    send_plain_mail(order.customer.email, f"Your tickets ({order.reference})", "\n".join(lines))


@receiver(order_paid)
def count_promo_use(sender, order, **kwargs):
    if order.promo_code_id:
        PromoCode.objects.filter(pk=order.promo_code_id).update(times_used=F("times_used") + 1)


@receiver(post_save, sender=Ticket)
def release_seat_when_refunded(sender, instance, created, **kwargs):
    if created or instance.status != "refunded":
        return
    from boxoffice.helpers import release_sold_seat
    if instance.line.inventory_id and instance.line.performance.starts_at:
        release_sold_seat(instance.line.inventory_id)
