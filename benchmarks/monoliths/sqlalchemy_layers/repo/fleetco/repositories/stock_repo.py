from sqlalchemy import text

from fleetco.common.base_repository import BaseRepository
from fleetco.models.assets import StockItem, StockMovement, Warehouse


class WarehouseRepository(BaseRepository):
    model = Warehouse

    def by_code(self, code):
        return self.session.query(Warehouse).filter_by(code=code.upper()).one_or_none()

class StockRepository(BaseRepository):
    model = StockItem

    def find_sku(self, warehouse_id, customer_id, sku):
        return (
            self.session.query(StockItem)
            .filter_by(warehouse_id=warehouse_id, customer_id=customer_id, sku=sku)
            .one_or_none()
        )

    def record_movement(self, item, delta, reason, shipment_id=None, user=None):
        item.quantity = (item.quantity or 0) + delta
        movement = StockMovement(
            stock_item_id=item.id, delta=delta, reason=reason, shipment_id=shipment_id,
            by_user=user,
        )
        self.session.add(movement)
        return movement

    def levels_by_customer(self, customer_id):
        rows = self.session.execute(
            text(
                "SELECT w.code, si.sku, SUM(si.quantity) AS qty "
                "FROM stock_items si JOIN warehouses w ON w.id = si.warehouse_id "
                "WHERE si.customer_id = :cid GROUP BY w.code, si.sku ORDER BY w.code, si.sku"
            ),
            {"cid": customer_id},
        )
        return [tuple(r) for r in rows]
