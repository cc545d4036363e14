import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from desks.models import Desk, DeskBooking, DeskCheckin

log = logging.getLogger(__name__)


def hot_desk_capacity(location, date):
    total = Desk.objects.filter(location=location, kind=Desk.HOT, active=True).count()
    booked = DeskBooking.objects.filter(desk__location=location, date=date, cancelled=False).count()
    return total - booked


def book_hot_desk(member, location, date, desk=None, half_day=""):
    if not member.has_active_membership:
        raise ValidationError("An active membership is required to book a desk")
    if desk is None:
        taken = DeskBooking.objects.filter(date=date, cancelled=False).values_list("desk_id", flat=True)
        desk = Desk.objects.filter(location=location, kind=Desk.HOT, active=True).exclude(pk__in=taken) \
            .order_by("?").first()
        if desk is None:
            raise ValidationError("No desks left on %s" % date)
    try:
        with transaction.atomic():
            return DeskBooking.objects.create(desk=desk, member=member, date=date, half_day=half_day)
    except IntegrityError:
        raise ValidationError("That desk was just taken, try another")


def assign_dedicated_desk(desk, member):
    if desk.kind != Desk.DEDICATED:
        desk.kind = Desk.DEDICATED
    Desk.objects.filter(assigned_to=member, location=desk.location).exclude(pk=desk.pk).update(assigned_to=None)
    desk.assigned_to = member
    desk.save()
    return desk


def check_in(member, location, source="app"):
    today = timezone.localdate()
    booking = DeskBooking.objects.filter(member=member, date=today, cancelled=False,
                                         desk__location=location).first()
    open_checkin = DeskCheckin.objects.filter(member=member, checked_out_at__isnull=True,
                                              checked_in_at__date=today).first()
    if open_checkin:
        return open_checkin
    return DeskCheckin.objects.create(booking=booking, member=member, location=location, source=source)


def auto_release_unused(date=None):
    """Cancel hot-desk bookings nobody checked in to by 11:00."""
    date = date or timezone.localdate()
    qs = DeskBooking.objects.filter(date=date, cancelled=False, deskcheckin__isnull=True, half_day__in=["", "am"])
    n = qs.update(cancelled=True)
    log.info("auto released %d desk bookings", n)
    return n
