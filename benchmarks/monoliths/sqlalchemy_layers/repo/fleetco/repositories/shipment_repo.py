from sqlalchemy import select, text

from fleetco.common.base_repository import BaseRepository
from fleetco.models.orders import Shipment, TrackingEvent


class ShipmentRepository(BaseRepository):
    model = Shipment

    def by_reference(self, reference):
        stmt = select(Shipment).where(Shipment.reference == reference)
        return self.session.execute(stmt).scalar_one_or_none()

class TrackingEventRepository(BaseRepository):
    model = TrackingEvent

    def for_shipment(self, shipment_id):
        stmt = (
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id == shipment_id)
            .order_by(TrackingEvent.at)
        )
        return self.session.execute(stmt).scalars().all()

    def latest(self, shipment_id):
        return (
            self.session.query(TrackingEvent)
            .filter(TrackingEvent.shipment_id == shipment_id)
            .order_by(TrackingEvent.at.desc())
            .first()
        )


def find_late_shipments(session, today):
    rows = session.execute(
        text(
            "SELECT s.id, s.reference, s.promised_date, c.name AS customer "
            "FROM shipments s JOIN customers c ON c.id = s.customer_id "
            "WHERE s.promised_date < :today AND s.status NOT IN ('delivered', 'cancelled') "
            "ORDER BY s.promised_date"
        ),
        {"today": today},
    )
    return [dict(r._mapping) for r in rows]
