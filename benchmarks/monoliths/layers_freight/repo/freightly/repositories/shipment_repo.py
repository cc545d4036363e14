"""Shipment data access. Also tracking event queries (see TrackingEventRepository)."""
import datetime

from sqlalchemy import and_, func, or_, text

from freightly.models import (BookingRequest, Container, Milestone, Shipment,
                              ShipmentLeg, ShipmentNote, TrackingEvent)
from freightly.repositories import BaseRepository


class ShipmentRepository(BaseRepository):
    model = Shipment

    def by_reference(self, reference):
        return self.query().filter(Shipment.reference == reference.upper()).first()

    def by_bill(self, bill_no):
        return self.query().filter(
            or_(Shipment.master_bill == bill_no, Shipment.house_bill == bill_no)
        ).first()

    def search(self, customer_id=None, status=None, origin=None, destination=None,
               etd_from=None, etd_to=None, text_query=None):
        q = self.query()
        if customer_id:
            q = q.filter(Shipment.customer_id == customer_id)
        if status:
            if isinstance(status, (list, tuple)):
                q = q.filter(Shipment.status.in_(status))
            else:
                q = q.filter(Shipment.status == status)
        if origin:
            q = q.filter(Shipment.origin == origin)
        if destination:
            q = q.filter(Shipment.destination == destination)
        if etd_from:
            q = q.filter(Shipment.etd >= etd_from)
        if etd_to:
            q = q.filter(Shipment.etd <= etd_to)
        if text_query:
            like = "%%%s%%" % text_query
            q = q.filter(or_(Shipment.reference.ilike(like),
                             Shipment.master_bill.ilike(like),
                             Shipment.house_bill.ilike(like),
                             Shipment.commodity.ilike(like)))
        return q.order_by(Shipment.created_at.desc())

    def uninvoiced_delivered(self, older_than_days=0):
        cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=older_than_days)
        return self.query().filter(
            Shipment.status.in_(("delivered", "closed")),
            Shipment.invoiced.is_(False),
            Shipment.delivered_at <= cutoff,
        ).all()

    def next_reference_number(self, year):
        prefix = "FRT-%d-" % year
        last = self.session.query(func.max(Shipment.reference)).filter(
            Shipment.reference.like(prefix + "%")).scalar()
        seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return "%s%06d" % (prefix, seq)

    def add_note(self, shipment, body, author=None, internal=True):
        note = ShipmentNote(shipment_id=shipment.id, body=body, author=author,
                            internal=internal)
        self.session.add(note)
        return note

    def legs(self, shipment_id):
        return self.session.query(ShipmentLeg).filter_by(
            shipment_id=shipment_id).order_by(ShipmentLeg.sequence).all()

    def count_by_status(self):
        rows = self.session.execute(text(
            "SELECT status, count(*) FROM shipments GROUP BY status"
        )).fetchall()
        return dict((r[0], r[1]) for r in rows)


class BookingRequestRepository(BaseRepository):
    model = BookingRequest

    def open_requests(self, customer_id=None):
        q = self.query().filter(BookingRequest.status.in_(("new", "quoted")))
        if customer_id:
            q = q.filter(BookingRequest.customer_id == customer_id)
        return q.order_by(BookingRequest.cargo_ready_date).all()


class ContainerRepository(BaseRepository):
    model = Container

    def by_number(self, container_no):
        return self.query().filter(Container.container_no == container_no).order_by(
            Container.id.desc()).first()

    def active_for_shipment(self, shipment_id):
        return self.query().filter(Container.shipment_id == shipment_id,
                                   Container.returned_at.is_(None)).all()


class TrackingEventRepository(BaseRepository):
    model = TrackingEvent

    def for_shipment(self, shipment_id, include_exceptions=True):
        q = self.query().filter(TrackingEvent.shipment_id == shipment_id)
        if not include_exceptions:
            q = q.filter(TrackingEvent.is_exception.is_(False))
        return q.order_by(TrackingEvent.event_time).all()

    def exists(self, shipment_id, code, event_time, container_no=None):
        q = self.query().filter(and_(TrackingEvent.shipment_id == shipment_id,
                                     TrackingEvent.code == code,
                                     TrackingEvent.event_time == event_time))
        if container_no:
            q = q.filter(TrackingEvent.container_no == container_no)
        return self.session.query(q.exists()).scalar()

    def latest(self, shipment_id):
        return self.query().filter(TrackingEvent.shipment_id == shipment_id).order_by(
            TrackingEvent.event_time.desc()).first()

    def milestones(self, shipment_id):
        return self.session.query(Milestone).filter_by(shipment_id=shipment_id).order_by(
            Milestone.sequence).all()

    def purge_older_than(self, days):
        cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=days)
        # milestones keep their event_id FK, null it first
        self.session.execute(text(
            "UPDATE milestones SET event_id = NULL WHERE event_id IN "
            "(SELECT id FROM tracking_events WHERE event_time < :c)"), {"c": cutoff})
        self.session.execute(text(
            "DELETE FROM webhook_deliveries WHERE event_id IN "
            "(SELECT id FROM tracking_events WHERE event_time < :c)"), {"c": cutoff})
        res = self.session.execute(text(
            "DELETE FROM tracking_events WHERE event_time < :c"), {"c": cutoff})
        return res.rowcount


def shipments_for_customer_ids(customer_ids, session=None):
    """Used by the customer merge tool."""
    repo = ShipmentRepository(session)
    return repo.query().filter(Shipment.customer_id.in_(customer_ids)).all()
