import csv
import io
import logging

from gh.extensions import db
from gh.models.billing import Airline
from gh.models.flights import Flight, FlightDelay, Stand
from gh.repositories.flight_repository import FlightRepository, free_stands
from gh.services.audit import record_audit
from gh.utils.codes import normalize_flight_number, airline_prefix
from gh.utils.dates import parse_iso
from gh.utils.validators import validate_registration, ValidationError

log = logging.getLogger(__name__)


def import_schedule(csv_text):
    """AODB seasonal schedule export (semicolon separated)."""
    repo = FlightRepository()
    created = 0
    for row in csv.DictReader(io.StringIO(csv_text), delimiter=";"):
        number = normalize_flight_number(row["FLTNO"])
        airline = Airline.query.filter_by(iata_code=airline_prefix(number)).first()
        if airline is None:
            log.warning("unknown airline for %s", number)
            continue
        sched = parse_iso(row["STD"] or row["STA"])
        if repo.find_by_number(number, sched):
            continue
        f = Flight(airline_id=airline.id, flight_number=number,
                   direction="ARR" if row.get("STA") else "DEP",
                   origin=row.get("ORIG"), destination=row.get("DEST"),
                   sched_time=sched, aircraft_type=row.get("ACTYPE"),
                   registration=validate_registration(row.get("REG")))
        db.session.add(f)
        created += 1
    db.session.commit()
    return created


def update_flight_times(flight_id, est=None, actual=None, status=None):
    f = Flight.query.get(flight_id)
    if est:
        f.est_time = parse_iso(est)
    if actual:
        f.actual_time = parse_iso(actual)
        f.status = "LANDED" if f.is_arrival() else "DEPARTED"
    if status:
        f.status = status
    db.session.commit()
    return f


def assign_stand(flight_id, stand_code=None):
    f = Flight.query.get(flight_id)
    if stand_code:
        stand = Stand.query.filter_by(code=stand_code).first()
    else:
        candidates = free_stands(f.sched_time, f.sched_time)
        stand = candidates[0] if candidates else None
    if stand is None:
        raise ValidationError("no stand available")
    f.stand_id = stand.id
    record_audit("flight.stand", "flight", f.id, stand=stand.code)
    db.session.commit()
    return f


def record_delay(flight_id, delay_code, minutes, reason=None):
    # codes 31-39 (ground handling) are our fault
    handler_fault = delay_code.isdigit() and 31 <= int(delay_code) <= 39
    d = FlightDelay(flight_id=flight_id, delay_code=delay_code, minutes=int(minutes),
                    handler_fault=handler_fault, reason=reason)
    db.session.add(d)
    db.session.commit()
    return d


def cancel_flight(flight_id):
    f = Flight.query.get(flight_id)
    f.status = "CANCELLED"
    record_audit("flight.cancel", "flight", f.id)
    db.session.commit()
    return f
