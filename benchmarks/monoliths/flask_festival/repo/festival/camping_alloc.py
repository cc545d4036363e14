"""Camping allocation: pitches for family/accessible/campervan fields and
glamping units. General camping is first-come-first-served and not booked."""
import datetime

from sqlalchemy import and_, or_

from festival.extensions import db
from festival.models import (CampervanPass, CampingBooking, CampingPitch, Campsite,
                             GlampingUnit, Ticket)
from festival.utils.text import random_reference

CAMPERVAN_PRICE_PENCE = 9500
FAMILY_PITCH_PRICE_PENCE = 3500


class CampsiteFull(Exception):
    pass


def taken_pitch_ids(campsite_id):
    rows = db.session.query(CampingBooking.pitch_id).filter(
        CampingBooking.campsite_id == campsite_id,
        CampingBooking.pitch_id.isnot(None),
        CampingBooking.status.in_(["pending", "paid", "checked_in"])).all()
    return {r[0] for r in rows}


def free_pitches(campsite_id, size=None, hookup=None):
    taken = taken_pitch_ids(campsite_id)
    q = CampingPitch.query.filter_by(campsite_id=campsite_id, is_blocked=False)
    if size:
        q = q.filter_by(size=size)
    if hookup is not None:
        q = q.filter_by(electric_hookup=hookup)
    return [p for p in q.order_by(CampingPitch.number).all() if p.id not in taken]


def glamping_available(kind=None, sleeps=1):
    booked = db.session.query(CampingBooking.glamping_unit_id).filter(
        CampingBooking.glamping_unit_id.isnot(None),
        CampingBooking.status.in_(["pending", "paid", "checked_in"]))
    q = GlampingUnit.query.filter(GlampingUnit.available == True,
                                  GlampingUnit.sleeps >= sleeps,
                                  ~GlampingUnit.id.in_(booked))
    if kind:
        q = q.filter(GlampingUnit.kind == kind)
    return q.order_by(GlampingUnit.price_per_night_pence).all()


def price_camping(campsite, nights, unit=None, campervan=False):
    if unit is not None:
        return unit.price_per_night_pence * nights
    if campervan or campsite.kind == "campervan":
        return CAMPERVAN_PRICE_PENCE
    if campsite.kind in ("family", "accessible"):
        return FAMILY_PITCH_PRICE_PENCE
    return 0


def ticket_allows_camping(ticket_barcode):
    """You need a valid weekend ticket with camping to book a pitch.
    (reads ticketing's tables directly - TODO ask box office for an API)"""
    ticket = Ticket.query.filter_by(barcode=ticket_barcode).first()
    if ticket is None or ticket.status != "valid":
        return None
    if not ticket.ticket_type.includes_camping:
        return None
    return ticket


def allocate(email, campsite_id, ticket_barcode, nights=3, people=1, glamping_kind=None,
             vehicle_reg=None, arrival_date=None):
    ticket = ticket_allows_camping(ticket_barcode)
    if ticket is None:
        raise ValueError("A valid camping ticket is required")
    campsite = Campsite.query.get(campsite_id)
    booking = CampingBooking(reference=random_reference("C"), ticket_id=ticket.id, email=email,
                             campsite_id=campsite.id, nights=nights, people=people,
                             arrival_date=arrival_date)
    unit = None
    if glamping_kind:
        units = glamping_available(glamping_kind, people)
        if not units:
            raise CampsiteFull("No %s left" % glamping_kind)
        unit = units[0]
        booking.glamping_unit_id = unit.id
    elif campsite.kind in ("family", "accessible", "campervan"):
        pitches = free_pitches(campsite.id, hookup=True if campsite.kind == "campervan" else None)
        if not pitches:
            raise CampsiteFull("%s is full" % campsite.name)
        booking.pitch_id = pitches[0].id
    booking.total_pence = price_camping(campsite, nights, unit, campervan=bool(vehicle_reg))
    db.session.add(booking)
    db.session.flush()
    if vehicle_reg:
        db.session.add(CampervanPass(booking_id=booking.id, vehicle_reg=vehicle_reg.upper().replace(" ", ""),
                                     pass_number=random_reference("CV", 6)))
    db.session.commit()
    return booking


def occupancy(campsite):
    booked = CampingBooking.query.filter(CampingBooking.campsite_id == campsite.id,
                                         CampingBooking.status.in_(["paid", "checked_in"])).count()
    return {"campsite": campsite.name, "capacity": campsite.capacity, "booked": booked,
            "pct": round(100.0 * booked / campsite.capacity, 1) if campsite.capacity else None}


def check_in(booking):
    booking.status = "checked_in"
    booking.checked_in_at = datetime.datetime.utcnow()
    for cv in booking.campervan_passes:
        if cv.issued_at is None:
            cv.issued_at = booking.checked_in_at
    db.session.commit()
    return booking
