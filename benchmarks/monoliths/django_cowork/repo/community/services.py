import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.emails import send_templated_email
from community.models import Event, EventRSVP

log = logging.getLogger(__name__)


def event_capacity_left(event):
    if not event.capacity:
        return None
    going = EventRSVP.objects.filter(event=event, status=EventRSVP.GOING).count()
    return max(0, event.capacity - going)


def charge_paid_event(rsvp):
    from core import services as billing
    event = rsvp.event
    if not event.price or rsvp.member is None:
        return None
    today = timezone.localdate()
    inv = billing.get_or_create_draft(rsvp.member, today.replace(day=1), None)
    return billing.add_line(inv, "Event: %s" % event.title, event.price, source_type="event", source_id=rsvp.pk)


@transaction.atomic
def rsvp_member(event, member):
    if not event.published:
        raise ValidationError("Event not found")
    rsvp, created = EventRSVP.objects.get_or_create(event=event, member=member)
    if not created and rsvp.status == EventRSVP.GOING:
        return rsvp
    left = event_capacity_left(event)
    rsvp.status = EventRSVP.GOING if left is None or left > 0 else EventRSVP.WAITLIST
    rsvp.save()
    if rsvp.status == EventRSVP.GOING:
        charge_paid_event(rsvp)
        send_templated_email(member.email, "event_rsvp", {"event": event, "rsvp": rsvp})
    return rsvp


def cancel_rsvp(rsvp):
    rsvp.status = EventRSVP.CANCELLED
    rsvp.save(update_fields=["status"])
    nxt = EventRSVP.objects.filter(event=rsvp.event, status=EventRSVP.WAITLIST).order_by("created_at").first()
    if nxt:
        nxt.status = EventRSVP.GOING
        nxt.save(update_fields=["status"])
        charge_paid_event(nxt)
        send_templated_email(nxt.member.email, "event_waitlist_promoted", {"event": rsvp.event})


def book_event_room(event, room):
    """Reserve the room for an event under the community team's house account."""
    from members.bookings import create_room_booking
    from members.models import Member
    house = Member.objects.get(email="community@hivespaces.example")
    booking = create_room_booking(house, room, event.starts_at, event.ends_at, title=event.title)
    event.room_booking = booking
    event.save(update_fields=["room_booking"])
    return booking


def send_event_reminders(day=None):
    day = day or timezone.localdate()
    n = 0
    for event in Event.objects.filter(starts_at__date=day, published=True):
        for rsvp in event.rsvps.filter(status=EventRSVP.GOING).select_related("member"):
            email = rsvp.member.email if rsvp.member else rsvp.guest_email
            if email:
                send_templated_email(email, "event_reminder", {"event": event})
                n += 1
    return n
