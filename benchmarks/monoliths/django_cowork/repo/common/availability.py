from django.db.models import Q

from members.models import MeetingRoom, RoomBooking


def overlapping(qs, start, end):
    return qs.filter(start__lt=end, end__gt=start)


def slot_is_free(room, start, end, exclude_id=None):
    qs = RoomBooking.objects.filter(room=room).exclude(status=RoomBooking.CANCELLED)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    return not overlapping(qs, start, end).exists()


def free_rooms_at(location, start, end, min_capacity=1):
    busy = overlapping(RoomBooking.objects.exclude(status=RoomBooking.CANCELLED), start, end) \
        .values_list("room_id", flat=True)
    return MeetingRoom.objects.filter(location=location, active=True, capacity__gte=min_capacity) \
        .exclude(Q(pk__in=busy))
