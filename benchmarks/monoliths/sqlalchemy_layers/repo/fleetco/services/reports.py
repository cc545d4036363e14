"""Management reports. Each one was written by whoever was asked that week."""
from datetime import date, timedelta

from sqlalchemy import func, select, text

from fleetco.models.billing import Invoice, InvoiceStatus
from fleetco.models.orders import Shipment, ShipmentStatus


def revenue_by_customer(session, year):
    stmt = (
        select(Invoice.customer_id, func.sum(Invoice.net_total).label("revenue"))
        .where(func.extract("year", Invoice.issued_on) == year)
        .where(Invoice.status != InvoiceStatus.CREDITED)
        .group_by(Invoice.customer_id)
        .order_by(func.sum(Invoice.net_total).desc())
    )
    return [(cid, revenue) for cid, revenue in session.execute(stmt)]


def on_time_rate(session, days=30):
    since = date.today() - timedelta(days=days)
    delivered = (
        session.query(Shipment)
        .filter(Shipment.status == ShipmentStatus.DELIVERED, Shipment.pickup_date >= since)
        .all()
    )
    if not delivered:
        return None
    on_time = sum(1 for s in delivered if s.delivered_at.date() <= s.promised_date)
    return round(100.0 * on_time / len(delivered), 1)


def fleet_utilisation(session, day):
    rows = session.execute(
        text(
            "SELECT v.registration, COUNT(s.id) AS jobs "
            "FROM vehicles v LEFT JOIN shipments s "
            "  ON s.vehicle_id = v.id AND s.pickup_date = :day "
            "WHERE v.active GROUP BY v.registration ORDER BY jobs DESC"
        ),
        {"day": day},
    )
    return [(reg, jobs) for reg, jobs in rows]
