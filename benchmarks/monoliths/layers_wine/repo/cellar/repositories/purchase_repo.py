from datetime import date, timedelta

from cellar.db import execute_raw
from cellar.models.purchasing import CustomsEntry, PurchaseOrder, Shipment
from cellar.repositories.base import BaseRepository


class PurchaseOrderRepository(BaseRepository):
    model = PurchaseOrder

    def open_orders(self, producer_id=None):
        q = self.session.query(PurchaseOrder).filter(
            PurchaseOrder.status.in_(["sent", "confirmed", "shipped"]))
        if producer_id:
            q = q.filter(PurchaseOrder.producer_id == producer_id)
        return q.order_by(PurchaseOrder.expected_date).all()

    def on_order_by_wine(self):
        sql = """
            SELECT l.wine_id, SUM((l.cases - l.received_cases) * w.bottles_per_case) AS bottles
            FROM purchase_order_lines l
            JOIN purchase_orders po ON po.id = l.purchase_order_id
            JOIN wines w ON w.id = l.wine_id
            WHERE po.status IN ('sent', 'confirmed', 'shipped')
            GROUP BY l.wine_id
        """
        return {r["wine_id"]: r["bottles"] for r in execute_raw(sql)}


class ShipmentRepository(BaseRepository):
    model = Shipment

    def arriving_within(self, days=7):
        horizon = date.today() + timedelta(days=days)
        return (Shipment.query.filter(Shipment.eta <= horizon,
                                      Shipment.arrived_at.is_(None))
                .order_by(Shipment.eta).all())

    def customs_entry(self, shipment_id):
        return self.session.query(CustomsEntry).filter_by(shipment_id=shipment_id).first()
