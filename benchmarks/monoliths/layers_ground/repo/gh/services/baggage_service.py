import random
import string
from datetime import datetime

from flask import current_app

from gh.extensions import db
from gh.models.baggage import BaggageIncident, DelayedBag, BaggageClaim, IncidentNote
from gh.models.flights import Flight
from gh.repositories.misc import claims_for_incident, incident_by_file_ref
from gh.services import billing_service
from gh.services.notifications import send_email
from gh.utils.codes import normalize_flight_number
from gh.utils.validators import ValidationError, validate_positive


def generate_file_ref(airline_code):
    station = current_app.config.get("AIRPORT_IATA", "LUX")
    suffix = "".join(random.choice(string.digits) for _ in range(5))
    return "%s%s%s" % (station, airline_code, suffix)


def open_incident(kind, flight_number, sched_day, passenger_name, contact=None, bag_tag=None):
    flight = Flight.query.filter_by(flight_number=normalize_flight_number(flight_number)) \
        .filter(db.func.date(Flight.sched_time) == sched_day).first()
    if flight is None:
        raise ValidationError("flight not found", "flight_number")
    inc = BaggageIncident(file_ref=generate_file_ref(flight.airline.iata_code), flight_id=flight.id,
                          kind=kind, passenger_name=passenger_name, passenger_contact=contact, bag_tag=bag_tag)
    db.session.add(inc)
    if kind == "DELAYED":
        db.session.flush()
        db.session.add(DelayedBag(incident_id=inc.id, bag_tag=bag_tag))
    db.session.commit()
    return inc


def add_note(incident_id, author_id, body):
    n = IncidentNote(incident_id=incident_id, author_id=author_id, body=body)
    db.session.add(n)
    db.session.commit()
    return n


def register_found_bag(file_ref, station, forwarded_flight=None):
    inc = incident_by_file_ref(file_ref)
    bag = DelayedBag.query.filter_by(incident_id=inc.id).first()
    bag.found_at_station = station
    bag.forwarded_flight = normalize_flight_number(forwarded_flight) if forwarded_flight else None
    inc.status = "TRACED"
    db.session.commit()
    return bag


def deliver_bag(file_ref):
    inc = incident_by_file_ref(file_ref)
    bag = DelayedBag.query.filter_by(incident_id=inc.id).first()
    bag.delivered_at = datetime.utcnow()
    inc.status = "DELIVERED"
    db.session.commit()
    if inc.passenger_contact and "@" in inc.passenger_contact:
        send_email(inc.passenger_contact, "Your bag has been delivered", "Reference %s" % inc.file_ref)


def submit_claim(incident_id, amount, currency="EUR"):
    amount = validate_positive(amount, "amount")
    c = BaggageClaim(incident_id=incident_id, amount_claimed=amount, currency=currency)
    db.session.add(c)
    db.session.commit()
    return c


def settle_claim(claim_id, amount, recharge=False):
    c = BaggageClaim.query.get(claim_id)
    c.amount_settled = amount
    c.status = "SETTLED"
    c.recharge_to_airline = recharge
    if recharge:
        # handler not at fault -> airline pays the handling fee for processing the claim
        inc = BaggageIncident.query.get(c.incident_id)
        flight = Flight.query.get(inc.flight_id)
        billing_service.record_billable_event(flight.airline_id, "BAG_CLAIM_ADMIN", datetime.utcnow(),
                                              flight_id=flight.id, source="BAGGAGE")
    db.session.commit()
    return c


def close_incident(incident_id, handler_fault=None):
    inc = BaggageIncident.query.get(incident_id)
    open_claims = [c for c in claims_for_incident(incident_id) if c.status != "SETTLED"]
    if open_claims:
        raise ValidationError("incident has unsettled claims")
    inc.status = "CLOSED"
    inc.closed_at = datetime.utcnow()
    if handler_fault is not None:
        inc.handler_fault = handler_fault
    db.session.commit()


def old_worldtracer_export(incident):
    # fixed-width format for the old WorldTracer upload, unused since 2022
    return "%-10s%-3s%-20s%-10s" % (incident.file_ref, incident.kind[:3], incident.passenger_name[:20], incident.bag_tag or "")
