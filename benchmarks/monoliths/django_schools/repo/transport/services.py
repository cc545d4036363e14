import logging

from django.conf import settings
from django.db import transaction

from common.dates import today
from common.exceptions import SISError
from legacy.models import BusStop
from legacy.utils import haversine_miles
from transport.models import RiderAssignment

log = logging.getLogger(__name__)


class TransportError(SISError):
    pass


def distance_to_school(student):
    school = student.school
    return haversine_miles(student.lat, student.lng, school.lat, school.lng)


def eligible_for_transport(student):
    """Outside the walk zone, or an IEP that says so."""
    if student.has_iep:
        return True
    distance = distance_to_school(student)
    if distance is None:
        return False
    limit = settings.TRANSPORT_WALK_ZONE_MILES.get(student.school.kind, 1.0)
    return distance > limit


def nearest_stops(student, limit=5):
    stops = BusStop.objects.filter(route__active=True, route__schools=student.school).select_related("route")
    scored = []
    for stop in stops:
        distance = haversine_miles(student.lat, student.lng, stop.lat, stop.lng)
        if distance is not None and distance <= settings.MAX_STOP_DISTANCE_MILES * 2:
            scored.append((distance, stop))
    scored.sort(key=lambda pair: pair[0])
    return [stop for _, stop in scored[:limit]]


def route_load(route):
    return RiderAssignment.objects.filter(stop__route=route, status="active").count()


def route_seats(route):
    return route.vehicle.seats if route.vehicle_id else route.capacity


def riders_for_route(route, direction=None):
    qs = RiderAssignment.objects.filter(stop__route=route, status="active").select_related("student", "stop")
    if direction:
        qs = qs.filter(direction__in=(direction, "both"))
    return qs


@transaction.atomic
def assign_rider(student, stop, direction="both", by=None, starts_on=None, override=False, reason=""):
    if not student.is_active:
        raise TransportError("%s is not active" % student)
    if not override and not eligible_for_transport(student):
        raise TransportError("%s lives inside the walk zone" % student.full_name)
    if route_load(stop.route) >= route_seats(stop.route) and not override:
        raise TransportError("Route %s is full" % stop.route.number)
    starts_on = starts_on or today()
    RiderAssignment.objects.filter(student=student, status="active").update(status="ended", ends_on=starts_on)
    assignment = RiderAssignment.objects.create(student=student, stop=stop, direction=direction,
                                                status="active", starts_on=starts_on, approved_by=by,
                                                needs_lift=False, reason=reason)
    return assignment


def end_assignments_for(student, on=None):
    on = on or today()
    n = RiderAssignment.objects.filter(student=student, status__in=("active", "requested")).update(
        status="ended", ends_on=on)
    if n:
        log.info("ended %d bus assignments for %s", n, student.local_id)
    return n
