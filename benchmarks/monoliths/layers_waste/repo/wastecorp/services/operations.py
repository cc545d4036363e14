"""Depot operations: running the rounds on the day, and keeping the trucks
on the road.  (Was two files, ops.py and workshop.py, merged in 2019 when
the depot app was rewritten.  Sorry.)"""
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import func

from wastecorp.extensions import db
from wastecorp.models.route import (Route, RouteStop, CollectionSchedule,
                                    CollectionEvent)
from wastecorp.models.fleet import (Vehicle, MaintenanceOrder, FuelLog,
                                    VehicleInspection, TelematicsPing)
from wastecorp.repositories import common_repo
from wastecorp.utils.dates import now, today
from wastecorp.utils.db import bulk_insert, fetch_all

log = logging.getLogger(__name__)

SERVICE_INTERVAL_KM = 20000


class VehicleUnavailable(Exception):
    pass


class RouteDayError(Exception):
    pass


# ===========================================================================
# Rounds on the day
# ===========================================================================

def start_route_day(schedule_id, vehicle_id=None):
    sched = db.session.query(CollectionSchedule).get(schedule_id)
    if sched is None:
        raise RouteDayError("schedule %s not found" % schedule_id)
    if sched.status not in ("PLANNED", "IN_PROGRESS"):
        raise RouteDayError("schedule %s is %s" % (schedule_id, sched.status))
    vehicle_id = vehicle_id or sched.vehicle_id
    vehicle = common_repo.get_vehicle(vehicle_id) if vehicle_id else None
    if vehicle is None or vehicle.status != "AVAILABLE":
        raise VehicleUnavailable("vehicle %s not available" % vehicle_id)
    sched.vehicle_id = vehicle.id
    sched.status = "IN_PROGRESS"
    sched.started_at = now()
    db.session.commit()
    return sched


def record_lift(schedule_id, route_stop_id, container_id=None, outcome="LIFTED",
                weight_kg=None, lifted_at=None, photo_ref=None):
    from wastecorp.services import container_service

    sched = db.session.query(CollectionSchedule).get(schedule_id)
    ev = CollectionEvent(schedule_id=schedule_id, route_stop_id=route_stop_id,
                         container_id=container_id, vehicle_id=sched.vehicle_id,
                         outcome=outcome, onboard_weight_kg=weight_kg,
                         lifted_at=lifted_at or now(), photo_ref=photo_ref)
    db.session.add(ev)
    if container_id and outcome == "LIFTED":
        container_service.touch_last_lifted(container_id, ev.lifted_at)
    return ev


def ingest_incab_batch(schedule_id, payload):
    """Bulk load of lifts from the in-cab tablet (JSON list).  The tablet
    sends RFID tag ids, not container ids."""
    from wastecorp.services import container_service

    sched = db.session.query(CollectionSchedule).get(schedule_id)
    rows = []
    for item in payload:
        cont = container_service.lookup_by_rfid(item.get("tag")) if item.get("tag") else None
        rows.append({"schedule_id": schedule_id,
                     "route_stop_id": item.get("stop_id"),
                     "container_id": cont.id if cont else None,
                     "vehicle_id": sched.vehicle_id,
                     "lifted_at": item.get("ts"),
                     "outcome": item.get("outcome", "LIFTED"),
                     "onboard_weight_kg": item.get("kg"),
                     "photo_ref": item.get("photo")})
    n = bulk_insert("collection_events", rows)
    db.session.commit()
    return n


def complete_route_day(schedule_id):
    sched = db.session.query(CollectionSchedule).get(schedule_id)
    sched.status = "DONE"
    sched.finished_at = now()
    db.session.commit()
    return route_day_summary(schedule_id)


def route_day_summary(schedule_id):
    rows = fetch_all("""
        SELECT e.outcome, COUNT(*) AS n, COALESCE(SUM(e.onboard_weight_kg), 0) AS kg
          FROM collection_events e
         WHERE e.schedule_id = :sid
         GROUP BY e.outcome
    """, {"sid": schedule_id})
    planned = fetch_all("""
        SELECT COUNT(*) AS n FROM route_stops s
          JOIN collection_schedules cs ON cs.route_id = s.route_id
         WHERE cs.id = :sid
    """, {"sid": schedule_id})
    by_outcome = {r["outcome"]: r for r in rows}
    return {"planned_stops": planned[0]["n"] if planned else 0,
            "lifted": by_outcome.get("LIFTED", {}).get("n", 0),
            "not_out": by_outcome.get("NOT_OUT", {}).get("n", 0),
            "contaminated": by_outcome.get("CONTAMINATED", {}).get("n", 0),
            "onboard_kg": sum(Decimal(str(r["kg"])) for r in rows)}


def unvisited_stops(schedule_id):
    sched = db.session.query(CollectionSchedule).get(schedule_id)
    visited = (db.session.query(CollectionEvent.route_stop_id)
               .filter(CollectionEvent.schedule_id == schedule_id))
    return (db.session.query(RouteStop)
            .filter(RouteStop.route_id == sched.route_id)
            .filter(~RouteStop.id.in_(visited)).all())


def assign_vehicle_to_route(route_code, vehicle_id):
    route = common_repo.get_route_by_code(route_code)
    route.default_vehicle_id = vehicle_id
    (db.session.query(CollectionSchedule)
     .filter(CollectionSchedule.route_id == route.id)
     .filter(CollectionSchedule.collection_date >= today())
     .filter(CollectionSchedule.status == "PLANNED")
     .update({"vehicle_id": vehicle_id}, synchronize_session=False))
    db.session.commit()


# ===========================================================================
# Workshop / fleet
# ===========================================================================

def open_maintenance_order(vehicle_id, order_type, description, vor=False,
                           supplier=None):
    vehicle = common_repo.get_vehicle(vehicle_id)
    mo = MaintenanceOrder(vehicle_id=vehicle.id, order_type=order_type,
                          description=description, opened_at=now(),
                          odometer_km=vehicle.odometer_km, vor=vor,
                          supplier=supplier)
    if vor:
        vehicle.status = "VOR"
    db.session.add(mo)
    db.session.commit()
    return mo


def close_maintenance_order(order_id, labour_hours=None, parts_cost=None):
    mo = db.session.query(MaintenanceOrder).get(order_id)
    mo.closed_at = now()
    mo.labour_hours = labour_hours
    mo.parts_cost = parts_cost
    vehicle = mo.vehicle
    still_open = (db.session.query(MaintenanceOrder)
                  .filter(MaintenanceOrder.vehicle_id == vehicle.id)
                  .filter(MaintenanceOrder.closed_at == None)  # noqa: E711
                  .filter(MaintenanceOrder.id != mo.id)
                  .filter(MaintenanceOrder.vor == True).count())  # noqa: E712
    if not still_open:
        vehicle.status = "AVAILABLE"
    if mo.order_type == "SERVICE":
        vehicle.next_service_km = (vehicle.odometer_km or 0) + SERVICE_INTERVAL_KM
    if mo.order_type == "MOT":
        vehicle.mot_due = today().replace(year=today().year + 1)
    db.session.commit()
    return mo


def log_fuel(vehicle_id, litres, cost=None, odometer_km=None, card_no=None,
             filled_at=None):
    vehicle = common_repo.get_vehicle(vehicle_id)
    fl = FuelLog(vehicle_id=vehicle.id, litres=litres, cost=cost,
                 odometer_km=odometer_km, card_no=card_no,
                 filled_at=filled_at or now())
    if odometer_km and odometer_km > (vehicle.odometer_km or 0):
        vehicle.odometer_km = odometer_km
    db.session.add(fl)
    db.session.commit()
    return fl


def record_inspection(vehicle_id, employee_id, passed, defects=None, odometer_km=None):
    vi = VehicleInspection(vehicle_id=vehicle_id, inspector_employee_id=employee_id,
                           inspected_at=now(), passed=passed, defects=defects,
                           odometer_km=odometer_km)
    db.session.add(vi)
    if not passed:
        open_maintenance_order(vehicle_id, "REPAIR", "Walk-round defect: %s" % defects,
                               vor=True)
    db.session.commit()
    return vi


def vehicle_availability(depot, day=None):
    day = day or today()
    vehicles = common_repo.active_vehicles(depot)
    booked = set(v for (v,) in db.session.query(CollectionSchedule.vehicle_id)
                 .filter(CollectionSchedule.collection_date == day).all())
    return [{"id": v.id, "reg": v.registration, "class": v.vehicle_class,
             "status": v.status, "booked": v.id in booked} for v in vehicles]


def vehicles_due_service(margin_km=1000, mot_within_days=30):
    cutoff = today() + dt.timedelta(days=mot_within_days)
    out = []
    for v in db.session.query(Vehicle).filter(Vehicle.status != "DISPOSED"):
        due_km = v.next_service_km and (v.odometer_km or 0) >= v.next_service_km - margin_km
        due_mot = v.mot_due and v.mot_due <= cutoff
        if due_km or due_mot:
            out.append(v)
    return out


def ingest_telematics(pings):
    rows = []
    units = {v.telematics_unit_id: v.id for v in db.session.query(Vehicle)
             .filter(Vehicle.telematics_unit_id != None)}  # noqa: E711
    for p in pings:
        vid = units.get(p.get("unit"))
        if vid is None:
            continue
        rows.append({"vehicle_id": vid, "recorded_at": p["ts"], "lat": p.get("lat"),
                     "lon": p.get("lon"), "speed_kph": p.get("speed"),
                     "ignition": p.get("ign"), "odometer_km": p.get("odo")})
    n = bulk_insert("telematics_pings", rows)
    db.session.commit()
    return n


def fuel_economy(vehicle_id, since=None):
    since = since or (today() - dt.timedelta(days=90))
    q = (db.session.query(func.sum(FuelLog.litres), func.min(FuelLog.odometer_km),
                          func.max(FuelLog.odometer_km))
         .filter(FuelLog.vehicle_id == vehicle_id)
         .filter(FuelLog.filled_at >= since))
    litres, km_min, km_max = q.one()
    if not litres or not km_min or km_max == km_min:
        return None
    return round(float(km_max - km_min) / float(litres), 2)


def last_position(vehicle_id):
    return (db.session.query(TelematicsPing)
            .filter(TelematicsPing.vehicle_id == vehicle_id)
            .order_by(TelematicsPing.recorded_at.desc()).first())
