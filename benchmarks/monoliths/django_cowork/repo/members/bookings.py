import datetime
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.availability import slot_is_free
from common.dates import month_range
from common.emails import send_booking_confirmation
from common.pricing import room_hourly_rate
from members.models import Membership, RoomBooking

log = logging.getLogger(__name__)

MAX_BOOKING_HOURS = 8
CANCEL_FREE_BEFORE = datetime.timedelta(hours=24)


def monthly_included_hours(member, day=None):
    day = day or timezone.localdate()
    membership = Membership.objects.active_on(day).filter(member=member).select_related("plan").first()
    if membership is None:
        return 0
    return membership.plan.included_room_hours * membership.seats


def used_hours_this_month(member, day=None):
    first, last = month_range(day or timezone.localdate())
    total = Decimal("0")
    for b in RoomBooking.objects.filter(member=member, start__date__gte=first, start__date__lte=last) \
            .exclude(status=RoomBooking.CANCELLED):
        total += b.hours
    return total


def booking_conflicts(room, start, end, exclude_id=None):
    if end <= start:
        return ["End must be after start"]
    errors = []
    if (end - start) > datetime.timedelta(hours=MAX_BOOKING_HOURS):
        errors.append("Bookings are limited to %d hours" % MAX_BOOKING_HOURS)
    loc = room.location
    if not loc.open_24_7:
        if timezone.localtime(start).time() < loc.opening_time or timezone.localtime(end).time() > loc.closing_time:
            errors.append("Outside opening hours")
    if not slot_is_free(room, start, end, exclude_id=exclude_id):
        errors.append("Room is already booked")
    return errors


def room_booking_cost(member, room, start, end):
    hours = Decimal((end - start).total_seconds()) / Decimal(3600)
    left = Decimal(monthly_included_hours(member)) - used_hours_this_month(member, start.date())
    billable = max(Decimal("0"), hours - max(left, Decimal("0")))
    return billable, billable * room_hourly_rate(room, member, start)


@transaction.atomic
def create_room_booking(member, room, start, end, title=""):
    if member.suspended:
        raise ValidationError("Your account is suspended")
    errors = booking_conflicts(room, start, end)
    if errors:
        raise ValidationError(errors)
    billable_hours, cost = room_booking_cost(member, room, start, end)
    booking = RoomBooking.objects.create(room=room, member=member, start=start, end=end,
                                         title=title, price=cost or None)
    if billable_hours > 0:
        from core.services import bill_room_booking_overage
        bill_room_booking_overage(booking, billable_hours)
    transaction.on_commit(lambda: send_booking_confirmation(booking))
    return booking


def cancel_room_booking(booking, by_staff=False):
    booking.status = RoomBooking.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    late = booking.start - timezone.now() < CANCEL_FREE_BEFORE
    if not late or by_staff:
        # refund the overage line if still on a draft invoice
        from core.models import InvoiceLine
        InvoiceLine.objects.filter(source_type="room_booking", source_id=booking.pk,
                                   invoice__status="draft").delete()
    return booking


def legacy_extend_booking(booking, minutes):
    # old kiosk "extend by 30 min" button, kiosk removed in 2022
    new_end = booking.end + datetime.timedelta(minutes=minutes)
    if booking_conflicts(booking.room, booking.end, new_end, exclude_id=booking.pk):
        return False
    RoomBooking.objects.filter(pk=booking.pk).update(end=new_end)
    return True
