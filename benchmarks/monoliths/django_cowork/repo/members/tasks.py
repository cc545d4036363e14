import datetime
import logging

from celery import shared_task
from django.utils import timezone

from common.emails import send_templated_email
from members.models import Membership, MembershipChange, RoomBooking
from members.services import apply_plan_change

log = logging.getLogger(__name__)


@shared_task
def expire_memberships():
    today = timezone.localdate()
    ended = 0
    for m in Membership.objects.filter(status__in=[Membership.ACTIVE, Membership.CANCELLED], end_date__lt=today):
        m.status = Membership.ENDED
        m.save()  # fires members.signals.membership_ended
        ended += 1
    for change in MembershipChange.objects.filter(applied=False, effective_date__lte=today):
        apply_plan_change(change)
    return ended


@shared_task
def send_renewal_reminders():
    soon = timezone.localdate() + datetime.timedelta(days=7)
    for m in Membership.objects.filter(status=Membership.CANCELLED, end_date=soon).select_related("member"):
        send_templated_email(m.member.email, "membership_ending_soon", {"membership": m})


@shared_task
def send_booking_reminders():
    now = timezone.now()
    window = (now + datetime.timedelta(minutes=45), now + datetime.timedelta(minutes=60))
    for b in RoomBooking.objects.filter(status=RoomBooking.CONFIRMED, start__range=window).select_related("member", "room"):
        send_templated_email(b.member.email, "room_booking_reminder", {"booking": b})


@shared_task
def release_no_show_rooms():
    cutoff = timezone.now() - datetime.timedelta(minutes=20)
    qs = RoomBooking.objects.filter(status=RoomBooking.CONFIRMED, checked_in=False,
                                    start__lte=cutoff, end__gt=timezone.now(),
                                    room__location__code__in=["SHD", "MCR"])  # pilot sites only
    n = qs.update(status=RoomBooking.NO_SHOW)
    log.info("released %d no-show rooms", n)
