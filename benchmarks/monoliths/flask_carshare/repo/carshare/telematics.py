"""Telematics ingestion.

Units post batches of pings to /api/telematics (see trips blueprint) or drop
CSVs on the SFTP box (scripts/ingest_telematics.py). Both end up in
ingest_batch().
"""
import csv
import io
import json
import logging

from sqlalchemy import and_, select

from carshare import queries as Q
from carshare import tables as T
from carshare.db import engine_conn, fetch_all, fetch_one, get_cursor
from carshare.lib.dates import parse_datetime
from carshare.lib.geo import haversine_km, path_length_km, valid_coordinate

log = logging.getLogger(__name__)

LOW_FUEL = 0.12
MAX_PLAUSIBLE_KPH = 220


class Ping(object):
    __slots__ = ("unit_id", "recorded_at", "lat", "lng", "speed_kph", "odometer_km", "fuel_level",
                 "ignition_on", "raw")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))

    @classmethod
    def from_dict(cls, d):
        return cls(
            unit_id=d.get("unit") or d.get("unit_id"),
            recorded_at=parse_datetime(d.get("ts") or d.get("recorded_at")),
            lat=d.get("lat"), lng=d.get("lng") or d.get("lon"),
            speed_kph=d.get("spd") if d.get("spd") is not None else d.get("speed_kph"),
            odometer_km=d.get("odo") if d.get("odo") is not None else d.get("odometer_km"),
            fuel_level=d.get("fuel"),
            ignition_on=bool(d.get("ign", d.get("ignition_on", False))),
            raw=json.dumps(d),
        )

    def is_valid(self):
        return self.unit_id and self.recorded_at and valid_coordinate(self.lat, self.lng)


def parse_csv(text):
    reader = csv.DictReader(io.StringIO(text))
    return [Ping.from_dict(row) for row in reader]


def _vehicle_for_unit(unit_id, cache):
    if unit_id not in cache:
        cache[unit_id] = fetch_one(Q.VEHICLE_BY_TELEMATICS_UNIT, (unit_id,))
    return cache[unit_id]


def ingest_batch(pings, speeding_kph=120, harsh_brake_delta=25):
    """Store pings, attach them to the running trip, derive trip events.

    Returns (stored, skipped)."""
    stored = skipped = 0
    vehicles = {}
    last_speed = {}
    for p in sorted(pings, key=lambda x: (x.unit_id or "", x.recorded_at or 0)):
        if not p.is_valid():
            skipped += 1
            continue
        v = _vehicle_for_unit(p.unit_id, vehicles)
        if v is None:
            log.warning("unknown telematics unit %s", p.unit_id)
            skipped += 1
            continue
        trip = fetch_one(Q.ACTIVE_TRIP_FOR_VEHICLE, (v["id"],))
        trip_id = trip["id"] if trip else None
        with get_cursor(commit=True) as cur:
            cur.execute(Q.INSERT_PING, (v["id"], trip_id, p.recorded_at, p.lat, p.lng, p.speed_kph,
                                        p.odometer_km, p.fuel_level, p.ignition_on, p.raw))
            if trip_id:
                for ev_type, payload in detect_events(p, last_speed.get(v["id"]), speeding_kph, harsh_brake_delta):
                    cur.execute(Q.INSERT_TRIP_EVENT, (trip_id, ev_type, p.recorded_at, json.dumps(payload)))
        if p.speed_kph is not None:
            last_speed[v["id"]] = float(p.speed_kph)
        stored += 1
    return stored, skipped


def detect_events(ping, previous_speed, speeding_kph, harsh_brake_delta):
    events = []
    speed = float(ping.speed_kph) if ping.speed_kph is not None else None
    if speed is not None and speeding_kph < speed < MAX_PLAUSIBLE_KPH:
        events.append(("speeding", {"speed": speed}))
    if speed is not None and previous_speed is not None and previous_speed - speed >= harsh_brake_delta:
        events.append(("harsh_brake", {"from": previous_speed, "to": speed}))
    if ping.fuel_level is not None and float(ping.fuel_level) < LOW_FUEL:
        events.append(("low_fuel", {"fuel": float(ping.fuel_level)}))
    return events


def trip_route(trip_id):
    return [(float(r["lat"]), float(r["lng"])) for r in fetch_all(Q.PINGS_FOR_TRIP, (trip_id,))
            if r["lat"] is not None]


def gps_distance_km(trip_id):
    return round(path_length_km(trip_route(trip_id)), 2)


def odometer_gps_mismatch(trip, tolerance=0.25):
    """True if the odometer distance is way off the GPS track (tampering / bad unit)."""
    gps = gps_distance_km(trip["id"])
    odo = float(trip["distance_km"] or 0)
    if gps < 1 and odo < 1:
        return False
    return abs(gps - odo) > tolerance * max(gps, odo)


def last_known_position(vehicle_id):
    p = T.telematics_pings
    q = (select([p.c.lat, p.c.lng, p.c.recorded_at, p.c.fuel_level])
         .where(and_(p.c.vehicle_id == vehicle_id, p.c.lat != None))  # noqa: E711
         .order_by(p.c.recorded_at.desc()).limit(1))
    with engine_conn() as conn:
        row = conn.execute(q).first()
    return dict(row) if row else None


def vehicles_gone_quiet(minutes=180):
    """Units that stopped reporting - probably unplugged. Fleet wants a list."""
    sql = """
        SELECT v.id, v.plate, max(p.recorded_at) AS last_seen
          FROM vehicles v
     LEFT JOIN telematics_pings p ON p.vehicle_id = v.id
         WHERE v.status <> 'retired' AND v.telematics_unit_id IS NOT NULL
      GROUP BY v.id, v.plate
        HAVING max(p.recorded_at) IS NULL OR max(p.recorded_at) < now() - (%s || ' minutes')::interval
    """
    return fetch_all(sql, (str(minutes),))


def far_from_home(vehicle, km=30):
    pos = last_known_position(vehicle["id"])
    if not pos or vehicle.get("centre_lat") is None:
        return False
    return haversine_km(pos["lat"], pos["lng"], vehicle["centre_lat"], vehicle["centre_lng"]) > km
