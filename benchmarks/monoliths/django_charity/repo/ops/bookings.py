import random
import string
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.services import find_or_create_supporter
from ops.models import Event, TicketType, Booking, Attendee
from utils import gateway
from utils.emails import send_templated_email


class SoldOut(Exception):
    pass


def booking_reference():
    return "EV" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(8))


def remaining(ticket_type):
    sold = Attendee.objects.filter(ticket_type=ticket_type, booking__cancelled=False).count()
    cap = ticket_type.quantity if ticket_type.quantity is not None else ticket_type.event.capacity
    return cap - sold


@transaction.atomic
def create_booking(event, buyer, lines, card_token=None, attendee_names=None):
    supporter, _ = find_or_create_supporter(buyer["first_name"], buyer["last_name"],
                                            buyer.get("email"), buyer.get("postcode"),
                                            source="event:%s" % event.slug)
    for tt, qty in lines:
        if remaining(tt) < qty:
            raise SoldOut(tt.name)
    total = sum((tt.price * qty for tt, qty in lines), Decimal("0"))
    booking = Booking.objects.create(event=event, supporter=supporter,
                                     reference=booking_reference(), total_paid=total)
    if total and card_token:
        booking.payment_ref = gateway.charge_card(card_token, total, booking.reference,
                                                  "Tickets: %s" % event.name)
        booking.save(update_fields=["payment_ref"])
    names = list(attendee_names or [])
    for tt, qty in lines:
        for _ in range(qty):
            Attendee.objects.create(booking=booking, ticket_type=tt,
                                    name=names.pop(0) if names else supporter.full_name)
    send_templated_email(supporter.email, "booking_confirmation",
                         {"booking": booking, "event": event})
    return booking


def cancel_booking(booking, refund=True):
    if refund and booking.payment_ref:
        gateway.refund_charge(booking.payment_ref)
    booking.cancelled = True
    booking.save()


def check_in(attendee):
    attendee.checked_in = timezone.now()
    attendee.save(update_fields=["checked_in"])


def close_past_events():
    return Event.objects.filter(starts__lt=timezone.now(), closed=False).update(closed=True)
