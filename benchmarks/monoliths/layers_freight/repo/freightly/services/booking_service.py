"""Booking requests -> shipments.

Flow: customer submits booking request -> we quote (rating_service) ->
customer accepts -> shipment is created and booked with the carrier.
"""
import datetime
import logging

from freightly.extensions import db_session
from freightly.models import (BookingRequest, Container, Shipment, ShipmentLeg,
                              ShipmentParty)
from freightly.repositories.customer_repo import CustomerRepository
from freightly.repositories.shipment_repo import (BookingRequestRepository,
                                                  ContainerRepository,
                                                  ShipmentRepository)
from freightly.services import ServiceError
from freightly.services import customer_service, rating_service
from freightly.utils.dates import parse_date, parse_datetime, utcnow
from freightly.utils.money import D, round_money
from freightly.utils.validators import (require_fields, validate_container_number,
                                        validate_port_code, validate_positive)

log = logging.getLogger("freightly.bookings")

INCOTERMS = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")
# incoterms where we (as buyer's forwarder) usually handle import customs
IMPORT_CUSTOMS_TERMS = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU")


class BookingError(ServiceError):
    pass


def create_booking_request(data, session=None):
    session = session or db_session
    require_fields(data, "customer_id", "origin", "destination")
    customer = CustomerRepository(session).get_or_404(data["customer_id"])
    if customer.is_blocked:
        raise BookingError("customer %s is blocked" % customer.account_no, 403)
    incoterm = (data.get("incoterm") or "").upper() or None
    if incoterm and incoterm not in INCOTERMS:
        raise BookingError("unknown incoterm %s" % incoterm)
    req = BookingRequest(
        customer_id=customer.id,
        reference=data.get("reference"),
        origin=validate_port_code(data["origin"]),
        destination=validate_port_code(data["destination"]),
        mode=(data.get("mode") or "SEA").upper(),
        incoterm=incoterm,
        cargo_ready_date=parse_date(data.get("cargo_ready_date")),
        commodity=data.get("commodity"),
        weight_kg=D(validate_positive(data["weight_kg"], "weight_kg")) if data.get("weight_kg") else None,
        volume_cbm=D(data["volume_cbm"]) if data.get("volume_cbm") else None,
        equipment=(data.get("equipment") or "").upper() or None,
        quantity=int(data.get("quantity") or 1),
        dangerous_goods=bool(data.get("dangerous_goods")),
    )
    session.add(req)
    session.commit()
    return req


def quote_booking_request(request_id, margin_pct=None, session=None):
    session = session or db_session
    req = BookingRequestRepository(session).get_or_404(request_id)
    customer = CustomerRepository(session).get(req.customer_id)
    best = rating_service.get_best_rate(
        req.origin, req.destination, req.equipment, req.mode,
        weight_kg=req.weight_kg, volume_cbm=req.volume_cbm, quantity=req.quantity,
        dangerous_goods=req.dangerous_goods, session=session)
    req.quoted_amount = rating_service.sell_price(best.total, margin_pct, customer)
    req.quoted_currency = best.currency
    req.status = "quoted"
    session.commit()
    return req, best


def generate_shipment_reference(session=None):
    repo = ShipmentRepository(session or db_session)
    return repo.next_reference_number(utcnow().year)


def confirm_booking(request_id, user=None, session=None):
    """Customer accepted the quote: create the shipment."""
    session = session or db_session
    req = BookingRequestRepository(session).get_or_404(request_id)
    if req.status not in ("quoted", "new"):
        raise BookingError("booking request %s is %s" % (req.id, req.status), 409)
    best = rating_service.get_best_rate(
        req.origin, req.destination, req.equipment, req.mode,
        weight_kg=req.weight_kg, volume_cbm=req.volume_cbm, quantity=req.quantity,
        dangerous_goods=req.dangerous_goods, session=session)
    sell = req.quoted_amount or rating_service.sell_price(best.total)
    customer_service.check_credit(req.customer_id, sell, req.quoted_currency or best.currency,
                                  session=session)
    shipment = Shipment(
        reference=generate_shipment_reference(session),
        customer_id=req.customer_id,
        carrier_id=best.carrier.id,
        rate_lane_id=best.lane.id,
        mode=req.mode,
        incoterm=req.incoterm,
        origin=req.origin,
        destination=req.destination,
        weight_kg=req.weight_kg,
        volume_cbm=req.volume_cbm,
        commodity=req.commodity,
        status="booked",
        buy_amount=best.total,
        buy_currency=best.currency,
        sell_amount=round_money(sell),
        sell_currency=req.quoted_currency or best.currency,
        customs_required=(req.incoterm in IMPORT_CUSTOMS_TERMS),
        created_by=user,
    )
    if best.lane.transit_days and req.cargo_ready_date:
        etd = datetime.datetime.combine(req.cargo_ready_date, datetime.time(12, 0)) + \
            datetime.timedelta(days=3)
        shipment.etd = etd
        shipment.eta = etd + datetime.timedelta(days=best.lane.transit_days)
    session.add(shipment)
    session.flush()
    session.add(ShipmentLeg(shipment_id=shipment.id, sequence=1, mode=req.mode,
                            carrier_id=best.carrier.id, origin=req.origin,
                            destination=req.destination, etd=shipment.etd,
                            eta=shipment.eta))
    req.shipment_id = shipment.id
    req.status = "accepted"
    session.commit()
    log.info("booking request %s -> shipment %s", req.id, shipment.reference)
    return shipment


def reject_booking_request(request_id, reason=None, session=None):
    session = session or db_session
    req = BookingRequestRepository(session).get_or_404(request_id)
    req.status = "rejected"
    session.commit()
    return req


def cancel_shipment(shipment_id, reason, user=None, session=None):
    session = session or db_session
    repo = ShipmentRepository(session)
    shipment = repo.get_or_404(shipment_id)
    if shipment.status in ("in_transit", "arrived", "delivered", "closed"):
        raise BookingError("cannot cancel shipment in status %s" % shipment.status, 409)
    if shipment.invoiced:
        # TODO: should create a credit note automatically (FIN-102)
        raise BookingError("shipment is invoiced, ask finance to credit first", 409)
    shipment.status = "cancelled"
    repo.add_note(shipment, "Cancelled: %s" % reason, author=user)
    session.commit()
    return shipment


def add_container(shipment_id, data, session=None):
    session = session or db_session
    shipment = ShipmentRepository(session).get_or_404(shipment_id)
    number = validate_container_number(data["container_no"])
    existing = ContainerRepository(session).by_number(number)
    if existing is not None and existing.returned_at is None and existing.shipment_id != shipment.id:
        raise BookingError("container %s still active on shipment %s" % (
            number, existing.shipment_id), 409)
    cntr = Container(shipment_id=shipment.id, container_no=number,
                     equipment=data.get("equipment"), seal_no=data.get("seal_no"),
                     gross_weight_kg=D(data.get("gross_weight_kg")) if data.get("gross_weight_kg") else None,
                     tare_kg=D(data.get("tare_kg")) if data.get("tare_kg") else None)
    session.add(cntr)
    session.commit()
    return cntr


def add_leg(shipment_id, data, session=None):
    session = session or db_session
    shipment = ShipmentRepository(session).get_or_404(shipment_id)
    seq = max([l.sequence for l in shipment.legs] or [0]) + 1
    leg = ShipmentLeg(shipment_id=shipment.id, sequence=seq,
                      mode=(data.get("mode") or shipment.mode),
                      carrier_id=data.get("carrier_id") or shipment.carrier_id,
                      origin=validate_port_code(data["origin"]),
                      destination=validate_port_code(data["destination"]),
                      vessel=data.get("vessel"), voyage=data.get("voyage"),
                      flight_no=data.get("flight_no"),
                      etd=parse_datetime(data.get("etd")), eta=parse_datetime(data.get("eta")))
    session.add(leg)
    # last leg defines the shipment ETA
    if leg.eta and (shipment.eta is None or leg.eta > shipment.eta):
        shipment.eta = leg.eta
    session.commit()
    return leg


def set_parties(shipment_id, parties, session=None):
    session = session or db_session
    shipment = ShipmentRepository(session).get_or_404(shipment_id)
    session.query(ShipmentParty).filter_by(shipment_id=shipment.id).delete()
    for p in parties:
        if p.get("role") not in ("shipper", "consignee", "notify"):
            raise BookingError("bad party role %r" % p.get("role"))
        session.add(ShipmentParty(shipment_id=shipment.id, role=p["role"],
                                  name=p.get("name"), address=p.get("address"),
                                  country=p.get("country"), eori_number=p.get("eori_number")))
    session.commit()
    return shipment.parties


def shipment_to_dict(shipment, with_legs=True):
    data = {
        "id": shipment.id,
        "reference": shipment.reference,
        "customer_id": shipment.customer_id,
        "carrier_id": shipment.carrier_id,
        "mode": shipment.mode,
        "origin": shipment.origin,
        "destination": shipment.destination,
        "status": shipment.status,
        "etd": shipment.etd.isoformat() if shipment.etd else None,
        "eta": shipment.eta.isoformat() if shipment.eta else None,
        "master_bill": shipment.master_bill,
        "house_bill": shipment.house_bill,
        "containers": [c.container_no for c in shipment.containers],
        "sell_amount": str(shipment.sell_amount) if shipment.sell_amount is not None else None,
        "sell_currency": shipment.sell_currency,
    }
    if with_legs:
        data["legs"] = [{"seq": l.sequence, "origin": l.origin, "destination": l.destination,
                         "vessel": l.vessel, "voyage": l.voyage,
                         "etd": l.etd.isoformat() if l.etd else None,
                         "eta": l.eta.isoformat() if l.eta else None} for l in shipment.legs]
    return data
