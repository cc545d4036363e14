"""ShipmentManager - the original 2018 "do everything" shipment class.

New code should use booking_service / tracking_service / billing_service,
but the ops screens and a couple of jobs still go through here.
Please do not add more stuff. (Everyone keeps adding more stuff.)
"""
import datetime
import logging

from sqlalchemy import text

from freightly.extensions import db_session
from freightly.models import (CustomsDeclaration, Invoice, InvoiceLine, RateLane,
                              Shipment, ShipmentNote)
from freightly.repositories.shipment_repo import ShipmentRepository
from freightly.services import ServiceError
from freightly.services import billing_service, rating_service, tracking_service
from freightly.utils.dates import demurrage_days, utcnow
from freightly.utils.money import D, round_money, sum_money

log = logging.getLogger("freightly.shipments")


class ShipmentManager(object):

    def __init__(self, session=None, user=None):
        self.session = session or db_session
        self.repo = ShipmentRepository(self.session)
        self.user = user

    def get(self, ref_or_id):
        if isinstance(ref_or_id, int) or str(ref_or_id).isdigit():
            s = self.repo.get(int(ref_or_id))
        else:
            s = self.repo.by_reference(ref_or_id)
        if s is None:
            raise ServiceError("shipment %s not found" % ref_or_id, 404)
        return s

    def confirm_with_carrier(self, shipment, master_bill=None, vessel=None, voyage=None):
        shipment.master_bill = master_bill or shipment.master_bill
        if shipment.legs and (vessel or voyage):
            shipment.legs[0].vessel = vessel
            shipment.legs[0].voyage = voyage
        if not shipment.house_bill:
            shipment.house_bill = "FRTL" + shipment.reference.replace("-", "")[3:]
        shipment.status = "confirmed"
        tracking_service.init_milestones(shipment, self.session)
        tracking_service.record_event(shipment, "BKD", utcnow(), source="manual",
                                      description="Booking confirmed by carrier",
                                      session=self.session, notify=False)
        self.session.commit()
        return shipment

    def mark_departed(self, shipment, when=None, location=None):
        return tracking_service.record_event(shipment, "DEP", when or utcnow(),
                                             location=location or shipment.origin,
                                             session=self.session)

    def mark_arrived(self, shipment, when=None, location=None):
        ev = tracking_service.record_event(shipment, "ARR", when or utcnow(),
                                           location=location or shipment.destination,
                                           session=self.session)
        if shipment.customs_required:
            decl = self.session.query(CustomsDeclaration).filter_by(
                shipment_id=shipment.id, direction="import").first()
            if decl is None or decl.status != "released":
                hold_for_customs(shipment, "awaiting import clearance", self.session)
        return ev

    def mark_delivered(self, shipment, when=None, pod_name=None, auto_invoice=True):
        tracking_service.record_event(shipment, "DLV", when or utcnow(),
                                      location=shipment.destination,
                                      description="POD: %s" % (pod_name or "n/a"),
                                      session=self.session)
        if auto_invoice and not shipment.invoiced:
            try:
                inv = billing_service.create_invoice_for_shipment(shipment.id, self.session)
                billing_service.finalize_invoice(inv.id, session=self.session)
            except ServiceError as exc:
                # finance will pick it up from the uninvoiced list
                log.warning("auto invoice failed for %s: %s", shipment.reference, exc)
                self.session.rollback()
        return shipment

    def add_note(self, shipment, body, internal=True):
        self.session.add(ShipmentNote(shipment_id=shipment.id, body=body,
                                      author=self.user, internal=internal))
        self.session.commit()

    def reassign_carrier(self, shipment, carrier_id):
        quotes = rating_service.quote_lane(shipment.origin, shipment.destination,
                                           mode=shipment.mode, weight_kg=shipment.weight_kg,
                                           volume_cbm=shipment.volume_cbm,
                                           session=self.session)
        match = [q for q in quotes if q.carrier.id == carrier_id]
        if not match:
            raise ServiceError("carrier %s has no rate for this lane" % carrier_id)
        q = match[0]
        shipment.carrier_id = carrier_id
        shipment.rate_lane_id = q.lane.id
        shipment.buy_amount = q.total
        shipment.buy_currency = q.currency
        self.add_note(shipment, "Carrier changed to %s" % q.carrier.name)
        return shipment


def close_shipment(shipment_id, session=None):
    session = session or db_session
    s = session.query(Shipment).get(shipment_id)
    if s.status != "delivered":
        raise ServiceError("only delivered shipments can be closed", 409)
    if not s.invoiced:
        raise ServiceError("shipment %s not invoiced yet" % s.reference, 409)
    s.status = "closed"
    session.commit()
    return s


def hold_for_customs(shipment, reason, session=None):
    session = session or db_session
    shipment.status = "customs_hold"
    decl = session.query(CustomsDeclaration).filter_by(shipment_id=shipment.id,
                                                      direction="import").first()
    if decl is not None and decl.status not in ("released", "hold"):
        decl.status = "hold"
        decl.rejection_reason = reason
    session.add(ShipmentNote(shipment_id=shipment.id, body="Customs hold: %s" % reason,
                             author="system"))
    session.commit()
    from freightly.services.notifications import notify_customs_hold
    notify_customs_hold(shipment, reason)


def recalc_shipment_charges(shipment_id, session=None):
    """Re-price a draft invoice from the rate lane. Used by finance when the
    carrier sends a corrected rate."""
    session = session or db_session
    s = session.query(Shipment).get(shipment_id)
    lane = session.query(RateLane).get(s.rate_lane_id) if s.rate_lane_id else None
    inv = session.query(Invoice).filter_by(shipment_id=s.id, status="draft").first()
    if inv is None:
        raise ServiceError("no draft invoice for %s" % s.reference, 404)
    if lane is not None:
        qty = D(s.pieces or 1)
        s.buy_amount = round_money(D(lane.base_rate) * qty)
    for line in inv.lines:
        if line.charge_code == "FRT":
            line.amount = round_money(s.sell_amount)
            line.unit_price = line.amount
            line.tax_amount = billing_service.compute_tax(line.amount, line.tax_code,
                                                          session=session)
    billing_service.recalc_totals(inv)
    session.commit()
    return inv


def bulk_status_update(references, code, when=None, location=None, session=None):
    """Ops screen 'mark selected as ...'. Records one event per shipment."""
    session = session or db_session
    repo = ShipmentRepository(session)
    done = []
    for ref in references:
        s = repo.by_reference(ref)
        if s is None:
            continue
        ev = tracking_service.record_event(s, code, when or utcnow(), location=location,
                                           source="portal", session=session)
        if ev is not None:
            done.append(ref)
    return done


def shipment_summary(shipment_id, session=None):
    session = session or db_session
    row = session.execute(text(
        "SELECT s.reference, s.status, s.origin, s.destination, c.name AS customer, "
        "ca.name AS carrier, s.sell_amount, s.sell_currency, s.buy_amount, s.buy_currency "
        "FROM shipments s JOIN customers c ON c.id = s.customer_id "
        "LEFT JOIN carriers ca ON ca.id = s.carrier_id WHERE s.id = :id"
    ), {"id": shipment_id}).fetchone()
    if row is None:
        return None
    return dict(row._mapping) if hasattr(row, "_mapping") else dict(row)


def demurrage_exposure(shipment_id, free_days=7, session=None):
    session = session or db_session
    s = session.query(Shipment).get(shipment_id)
    return dict((c.container_no, demurrage_days(c.discharged_at, c.gate_out_at, free_days))
                for c in s.containers)


def _legacy_invoice_hook(shipment, lines):
    # old "invoice on departure" flow, disabled 2019-11. DO NOT CALL.
    inv = Invoice(customer_id=shipment.customer_id, shipment_id=shipment.id, status="draft")
    for code, amount in lines:
        inv.lines.append(InvoiceLine(charge_code=code, amount=amount))
    inv.net_amount = sum_money(amount for _, amount in lines)
    return inv
