"""Track & trace: events, milestones, subscriptions and webhooks."""
import datetime
import hashlib
import hmac
import json
import logging

import requests

from freightly.extensions import db_session
from freightly.models import (Milestone, Shipment, TrackingEvent,
                              TrackingSubscription, WebhookDelivery)
from freightly.repositories.carrier_repo import lookup_status_mapping
from freightly.repositories.shipment_repo import (ContainerRepository,
                                                  ShipmentRepository,
                                                  TrackingEventRepository)
from freightly.services import ServiceError
from freightly.utils.dates import parse_datetime, to_iso, utcnow

log = logging.getLogger("freightly.tracking")

# milestone plan per mode: (code, sequence)
MILESTONE_PLANS = {
    "SEA": [("BKD", 1), ("PUP", 2), ("GIN", 3), ("LOD", 4), ("DEP", 5), ("ARR", 6),
            ("DIS", 7), ("CUS", 8), ("GOT", 9), ("DLV", 10)],
    "AIR": [("BKD", 1), ("PUP", 2), ("RCS", 3), ("DEP", 4), ("ARR", 5), ("CUS", 6),
            ("DLV", 7)],
    "ROAD": [("BKD", 1), ("PUP", 2), ("DEP", 3), ("ARR", 4), ("DLV", 5)],
}
MILESTONE_PLANS["RAIL"] = MILESTONE_PLANS["ROAD"]

# tracking events that move the shipment status forward
STATUS_BY_CODE = {
    "PUP": "picked_up", "DEP": "in_transit", "LOD": "in_transit",
    "ARR": "arrived", "DIS": "arrived", "DLV": "delivered",
}
STATUS_ORDER = ("draft", "booked", "confirmed", "picked_up", "in_transit", "arrived",
                "customs_hold", "cleared", "delivered", "closed")


class TrackingError(ServiceError):
    pass


def init_milestones(shipment, session=None):
    session = session or db_session
    plan = MILESTONE_PLANS.get(shipment.mode, MILESTONE_PLANS["SEA"])
    existing = set(m.code for m in session.query(Milestone).filter_by(shipment_id=shipment.id))
    for code, seq in plan:
        if code in existing:
            continue
        planned = None
        if code == "DEP":
            planned = shipment.etd
        elif code == "ARR":
            planned = shipment.eta
        session.add(Milestone(shipment_id=shipment.id, code=code, sequence=seq,
                              planned_at=planned))
    session.flush()


def map_carrier_status(carrier_id, carrier_code, session=None):
    session = session or db_session
    mapping = lookup_status_mapping(session, carrier_id, carrier_code)
    if mapping is None:
        return None, False
    return mapping.milestone_code, bool(mapping.is_exception)


def record_event(shipment, code, event_time, location=None, description=None,
                 container_no=None, source="manual", carrier_code=None, raw=None,
                 is_exception=False, session=None, notify=True):
    """Store a tracking event, update milestones and shipment status."""
    session = session or db_session
    event_time = parse_datetime(event_time)
    repo = TrackingEventRepository(session)
    if repo.exists(shipment.id, code, event_time, container_no):
        log.debug("duplicate event %s %s %s", shipment.reference, code, event_time)
        return None
    ev = TrackingEvent(shipment_id=shipment.id, code=code, carrier_code=carrier_code,
                       description=description, location=location, event_time=event_time,
                       container_no=container_no, received_at=utcnow(), source=source,
                       is_exception=is_exception, raw=raw)
    session.add(ev)
    session.flush()
    update_milestones(shipment, ev, session)
    _advance_shipment_status(shipment, ev)
    _update_container_times(ev, session)
    session.commit()
    if notify:
        try:
            notify_subscribers(shipment, ev, session=session)
        except Exception:  # never fail the event import because of a webhook
            log.exception("notify failed for event %s", ev.id)
    return ev


def update_milestones(shipment, event, session=None):
    session = session or db_session
    ms = session.query(Milestone).filter_by(shipment_id=shipment.id, code=event.code).first()
    if ms is None:
        init_milestones(shipment, session)
        ms = session.query(Milestone).filter_by(shipment_id=shipment.id, code=event.code).first()
    if ms is not None and (ms.actual_at is None or event.event_time < ms.actual_at):
        ms.actual_at = event.event_time
        ms.event_id = event.id
    return ms


def _advance_shipment_status(shipment, event):
    # NOTE: tracking writes the shipment status directly. Booking team knows.
    new = STATUS_BY_CODE.get(event.code)
    if new is None or shipment.status in ("cancelled", "closed", "customs_hold"):
        return
    if STATUS_ORDER.index(new) > STATUS_ORDER.index(shipment.status):
        shipment.status = new
    if event.code == "DEP" and shipment.atd is None:
        shipment.atd = event.event_time
    elif event.code == "ARR" and shipment.ata is None:
        shipment.ata = event.event_time
    elif event.code == "DLV":
        shipment.delivered_at = event.event_time


def _update_container_times(event, session):
    if not event.container_no:
        return
    cntr = ContainerRepository(session).by_number(event.container_no)
    if cntr is None:
        return
    if event.code == "DIS":
        cntr.discharged_at = event.event_time
    elif event.code == "GOT":
        cntr.gate_out_at = event.event_time
    elif event.code == "RET":
        cntr.returned_at = event.event_time


def compute_eta(shipment, session=None):
    """Best ETA: actual arrival, else latest carrier ETA event, else planned."""
    session = session or db_session
    if shipment.ata:
        return shipment.ata
    ev = (session.query(TrackingEvent)
          .filter(TrackingEvent.shipment_id == shipment.id, TrackingEvent.code == "ETA")
          .order_by(TrackingEvent.received_at.desc()).first())
    if ev is not None:
        return ev.event_time
    return shipment.eta


def timeline(shipment_id, session=None):
    session = session or db_session
    shipment = ShipmentRepository(session).get_or_404(shipment_id)
    repo = TrackingEventRepository(session)
    return {
        "reference": shipment.reference,
        "status": shipment.status,
        "eta": to_iso(compute_eta(shipment, session)),
        "milestones": [{"code": m.code, "planned": to_iso(m.planned_at),
                        "actual": to_iso(m.actual_at)} for m in repo.milestones(shipment.id)],
        "events": [{"code": e.code, "time": to_iso(e.event_time), "location": e.location,
                    "description": e.description, "container": e.container_no,
                    "exception": e.is_exception} for e in repo.for_shipment(shipment.id)],
    }


def subscribe(target, channel="email", shipment_id=None, customer_id=None, event_filter=None,
              session=None):
    session = session or db_session
    if not shipment_id and not customer_id:
        raise TrackingError("subscription needs a shipment or a customer")
    if channel not in ("email", "webhook", "sms"):
        raise TrackingError("unknown channel %s" % channel)
    sub = TrackingSubscription(target=target, channel=channel, shipment_id=shipment_id,
                               customer_id=customer_id, event_filter=event_filter,
                               secret=hashlib.sha1(target.encode("utf-8")).hexdigest()[:32]
                               if channel == "webhook" else None)
    session.add(sub)
    session.commit()
    return sub


def subscriptions_for(shipment, session=None):
    session = session or db_session
    subs = session.query(TrackingSubscription).filter(
        TrackingSubscription.active.is_(True),
        ((TrackingSubscription.shipment_id == shipment.id) |
         (TrackingSubscription.customer_id == shipment.customer_id))).all()
    return subs


def notify_subscribers(shipment, event, session=None):
    from freightly.services.notifications import notify_milestone  # circular
    session = session or db_session
    sent = 0
    for sub in subscriptions_for(shipment, session):
        if sub.event_filter and event.code not in sub.event_filter.split(","):
            continue
        if sub.channel == "webhook":
            deliver_webhook(sub, shipment, event, session)
        elif sub.channel == "email":
            notify_milestone(sub.target, shipment, event)
        sent += 1
    return sent


def deliver_webhook(sub, shipment, event, session=None):
    session = session or db_session
    body = json.dumps({"shipment": shipment.reference, "code": event.code,
                       "time": to_iso(event.event_time), "location": event.location,
                       "container": event.container_no})
    sig = hmac.new((sub.secret or "").encode("utf-8"), body.encode("utf-8"),
                   hashlib.sha256).hexdigest()
    delivery = WebhookDelivery(subscription_id=sub.id, event_id=event.id,
                               attempted_at=utcnow(), attempts=1)
    try:
        r = requests.post(sub.target, data=body, timeout=10,
                          headers={"Content-Type": "application/json",
                                   "X-Freightly-Signature": sig})
        delivery.status_code = r.status_code
        delivery.response_body = r.text[:1000]
        delivery.delivered = 200 <= r.status_code < 300
    except requests.RequestException as exc:
        delivery.response_body = str(exc)[:1000]
    session.add(delivery)
    session.commit()
    return delivery


def retry_failed_webhooks(max_attempts=5, session=None):
    session = session or db_session
    failed = session.query(WebhookDelivery).filter(
        WebhookDelivery.delivered.is_(False), WebhookDelivery.attempts < max_attempts).all()
    for d in failed:
        sub = session.query(TrackingSubscription).get(d.subscription_id)
        ev = session.query(TrackingEvent).get(d.event_id)
        if sub is None or ev is None or not sub.active:
            continue
        shipment = session.query(Shipment).get(ev.shipment_id)
        new = deliver_webhook(sub, shipment, ev, session)
        new.attempts = d.attempts + 1
        session.delete(d)
    session.commit()
    return len(failed)


def rebuild_milestones(shipment_id, session=None):
    session = session or db_session
    shipment = ShipmentRepository(session).get_or_404(shipment_id)
    session.query(Milestone).filter_by(shipment_id=shipment.id).delete()
    init_milestones(shipment, session)
    for ev in TrackingEventRepository(session).for_shipment(shipment.id):
        update_milestones(shipment, ev, session)
    session.commit()
    return shipment
