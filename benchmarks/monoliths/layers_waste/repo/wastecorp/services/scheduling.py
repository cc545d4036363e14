"""Rounds, stops and the collection calendar."""
import datetime as dt
import logging
import math

from sqlalchemy import func

from wastecorp.config import Config
from wastecorp.extensions import db
from wastecorp.models.route import (Route, RouteStop, CollectionSchedule,
                                    MissedCollection, HolidayShift, week_parity_for)
from wastecorp.models.customer import ServiceAddress, ContractService
from wastecorp.repositories import common_repo
from wastecorp.utils.dates import daterange, today, add_working_days, is_bank_holiday
from wastecorp.utils.misc import postcode_to_depot, send_email

log = logging.getLogger(__name__)

ROUND_TYPE_BY_STREAM = {"GW": "TRADE", "DMR": "RECYCLING", "GLASS": "RECYCLING",
                        "FOOD": "TRADE", "GARDEN": "GARDEN"}


class SchedulingError(Exception):
    pass


def _haversine_km(lat1, lon1, lat2, lon2):
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def pick_route_for_address(address, weekday, round_type="TRADE", parity=None):
    depot = postcode_to_depot(address.postcode)
    if depot is None:
        raise SchedulingError("no depot serves %s" % address.postcode)
    candidates = [r for r in common_repo.routes_for_day(depot, weekday)
                  if r.round_type == round_type and r.week_parity == parity]
    if not candidates:
        raise SchedulingError("no %s round on day %s at %s" % (round_type, weekday, depot))
    # pick the round whose stops are nearest on average; crude but the
    # planners tweak it by hand anyway
    best, best_d = None, None
    for route in candidates:
        pts = (db.session.query(ServiceAddress.lat, ServiceAddress.lon)
               .join(RouteStop, RouteStop.service_address_id == ServiceAddress.id)
               .filter(RouteStop.route_id == route.id).limit(200).all())
        pts = [p for p in pts if p[0] is not None]
        if not pts or address.lat is None:
            d = 9999.0
        else:
            d = sum(_haversine_km(float(address.lat), float(address.lon),
                                  float(a), float(b)) for a, b in pts) / len(pts)
        if best_d is None or d < best_d:
            best, best_d = route, d
    return best


def ensure_stop_for_service(contract_service):
    """Make sure a contract line has a stop on a suitable round."""
    existing = (db.session.query(RouteStop)
                .filter(RouteStop.contract_service_id == contract_service.id).first())
    if existing:
        return existing
    if contract_service.frequency == "ON_CALL":
        return None
    addr = db.session.query(ServiceAddress).get(contract_service.service_address_id)
    weekday = contract_service.collection_day if contract_service.collection_day is not None else 1
    parity = None if contract_service.frequency == "WEEKLY" else 0
    round_type = ROUND_TYPE_BY_STREAM.get(contract_service.waste_stream_code, "TRADE")
    route = pick_route_for_address(addr, weekday, round_type, parity)
    return add_stop_to_route(route.id, addr.id, contract_service_id=contract_service.id)


def add_stop_to_route(route_id, service_address_id, contract_service_id=None,
                      sequence=None):
    route = db.session.query(Route).get(route_id)
    if route is None:
        raise SchedulingError("route %s not found" % route_id)
    count = (db.session.query(func.count(RouteStop.id))
             .filter(RouteStop.route_id == route_id).scalar())
    if count >= Config.MAX_STOPS_PER_ROUTE:
        raise SchedulingError("route %s is full (%d stops)" % (route.code, count))
    if sequence is None:
        sequence = (db.session.query(func.max(RouteStop.sequence))
                    .filter(RouteStop.route_id == route_id).scalar() or 0) + 10
    stop = RouteStop(route_id=route_id, service_address_id=service_address_id,
                     contract_service_id=contract_service_id, sequence=sequence)
    db.session.add(stop)
    return stop


def remove_stops_for_service(contract_service_id):
    n = (db.session.query(RouteStop)
         .filter(RouteStop.contract_service_id == contract_service_id)
         .delete(synchronize_session=False))
    log.info("removed %d stops for contract service %s", n, contract_service_id)
    return n


def resequence_route(route_id, ordered_stop_ids=None):
    stops = common_repo.stops_for_route(route_id)
    if ordered_stop_ids:
        by_id = {s.id: s for s in stops}
        stops = [by_id[i] for i in ordered_stop_ids if i in by_id] + \
                [s for s in stops if s.id not in set(ordered_stop_ids)]
    for i, stop in enumerate(stops):
        stop.sequence = (i + 1) * 10
    db.session.commit()
    return stops


def move_stop(stop_id, to_route_id):
    stop = db.session.query(RouteStop).get(stop_id)
    if stop is None:
        raise SchedulingError("stop %s not found" % stop_id)
    stop.route_id = to_route_id
    stop.sequence = (db.session.query(func.max(RouteStop.sequence))
                     .filter(RouteStop.route_id == to_route_id).scalar() or 0) + 10
    db.session.commit()
    return stop


def _shift_for(day):
    return db.session.query(HolidayShift).filter(HolidayShift.original_date == day).first()


def generate_collection_calendar(start, end, depot=None):
    """Create CollectionSchedule rows for every active round in [start, end]."""
    q = db.session.query(Route).filter(Route.active == True)  # noqa: E712
    if depot:
        q = q.filter(Route.depot == depot)
    routes = q.all()
    created = 0
    for day in daterange(start, end):
        parity = week_parity_for(day)
        for route in routes:
            if route.weekday != day.weekday():
                continue
            if route.week_parity is not None and route.week_parity != parity:
                continue
            shift = _shift_for(day)
            actual = shift.shifted_date if shift else day
            exists = (db.session.query(CollectionSchedule.id)
                      .filter_by(route_id=route.id, original_date=day).first())
            if exists:
                continue
            db.session.add(CollectionSchedule(route_id=route.id, collection_date=actual,
                                              original_date=day,
                                              vehicle_id=route.default_vehicle_id))
            created += 1
    db.session.commit()
    return created


def apply_holiday_shifts(year):
    """Default rule: a bank holiday's rounds slip one working day, and the
    rest of the week slips with it.  Planners can override in the UI."""
    created = 0
    for day in daterange(dt.date(year, 1, 1), dt.date(year, 12, 31)):
        if not is_bank_holiday(day) or day.weekday() >= 5:
            continue
        if _shift_for(day):
            continue
        shifted = day + dt.timedelta(days=1)
        while shifted.weekday() >= 5 or is_bank_holiday(shifted):
            shifted += dt.timedelta(days=1)
        db.session.add(HolidayShift(original_date=day, shifted_date=shifted,
                                    notes="auto"))
        created += 1
    db.session.commit()
    return created


def next_collection_date(service_address_id, after=None):
    after = after or today()
    row = (db.session.query(func.min(CollectionSchedule.collection_date))
           .join(RouteStop, RouteStop.route_id == CollectionSchedule.route_id)
           .filter(RouteStop.service_address_id == service_address_id)
           .filter(CollectionSchedule.collection_date > after)
           .filter(CollectionSchedule.status != "CANCELLED")
           .scalar())
    return row


def record_missed_collection(service_address_id, due_date, reason, reported_by=None,
                             crew_fault=None):
    stop = (db.session.query(RouteStop)
            .filter(RouteStop.service_address_id == service_address_id).first())
    mc = MissedCollection(service_address_id=service_address_id,
                          route_id=stop.route_id if stop else None,
                          due_date=due_date, reason=reason, reported_by=reported_by,
                          crew_fault=crew_fault)
    db.session.add(mc)
    if crew_fault:
        mc.return_visit_date = add_working_days(today(), 1)
    db.session.commit()
    return mc


def resolve_missed_collection(missed_id, crew_fault=None, return_visit_date=None):
    from wastecorp.services import billing_service

    mc = db.session.query(MissedCollection).get(missed_id)
    if mc is None:
        raise SchedulingError("missed collection %s not found" % missed_id)
    if crew_fault is not None:
        mc.crew_fault = crew_fault
    mc.return_visit_date = return_visit_date or mc.return_visit_date
    mc.resolved_at = dt.datetime.utcnow()
    if mc.crew_fault and not mc.credit_issued:
        # customers on pay-per-lift get a credit for the missed lift
        billing_service.credit_for_missed_collection(mc)
        mc.credit_issued = True
    db.session.commit()
    return mc


def notify_missed_collection(mc, email):
    body = ("We're sorry we missed your collection due on %s.\n"
            "A return visit is booked for %s." % (mc.due_date, mc.return_visit_date or "TBC"))
    return send_email(email, "Missed collection", body)


def open_missed_collections(depot=None):
    q = (db.session.query(MissedCollection)
         .filter(MissedCollection.resolved_at == None))  # noqa: E711
    if depot:
        q = q.join(Route, Route.id == MissedCollection.route_id).filter(Route.depot == depot)
    return q.order_by(MissedCollection.due_date).all()


def route_load_summary(route_id):
    """Stops and bins per round, for the planners' capacity view."""
    rows = db.session.execute(db.text("""
        SELECT r.code, COUNT(DISTINCT s.id) AS stops,
               COALESCE(SUM(cs.quantity), 0) AS bins,
               COALESCE(SUM(s.est_service_secs), 0) / 3600.0 AS est_hours
          FROM routes r
          LEFT JOIN route_stops s ON s.route_id = r.id
          LEFT JOIN contract_services cs ON cs.id = s.contract_service_id
         WHERE r.id = :rid
         GROUP BY r.code
    """), {"rid": route_id}).fetchone()
    return dict(rows._mapping) if rows else None
