from sqlalchemy import func

from cellar.db import execute_raw
from cellar.models.stock import Bin, Lot, StockMovement, StockReservation
from cellar.repositories.base import BaseRepository


class LotRepository(BaseRepository):
    model = Lot

    def lots_for_wine(self, wine_id, warehouse_id=None, fifo=True):
        q = self.session.query(Lot).filter(Lot.wine_id == wine_id, Lot.qty_bottles > 0)
        if warehouse_id:
            q = q.join(Bin).filter(Bin.warehouse_id == warehouse_id)
        order = Lot.received_on.asc() if fifo else Lot.received_on.desc()
        return q.order_by(order).all()

    def reserved_qty(self, lot_id):
        total = (self.session.query(func.coalesce(func.sum(StockReservation.qty), 0))
                 .filter(StockReservation.lot_id == lot_id,
                         StockReservation.released.is_(False)).scalar())
        return int(total or 0)


class StockMovementRepository(BaseRepository):
    model = StockMovement

    def for_lot(self, lot_id):
        return (StockMovement.query.filter_by(lot_id=lot_id)
                .order_by(StockMovement.moved_at).all())

    def between(self, start, end, kinds=None):
        q = self.session.query(StockMovement).filter(StockMovement.moved_at >= start,
                                                     StockMovement.moved_at < end)
        if kinds:
            q = q.filter(StockMovement.kind.in_(kinds))
        return q.all()


def available_by_wine(warehouse_code=None):
    """bottles on hand minus open reservations, per wine. raw SQL because the ORM
    version took 40s on the big warehouse (ticket #412)"""
    sql = """
        SELECT l.wine_id,
               SUM(l.qty_bottles) - COALESCE(SUM(r.reserved), 0) AS available
        FROM lots l
        JOIN bins b ON b.id = l.bin_id
        JOIN warehouses wh ON wh.id = b.warehouse_id
        LEFT JOIN (SELECT lot_id, SUM(qty) AS reserved FROM stock_reservations
                   WHERE released = false GROUP BY lot_id) r ON r.lot_id = l.id
        WHERE (:wh IS NULL OR wh.code = :wh)
        GROUP BY l.wine_id
    """
    return {row["wine_id"]: row["available"] for row in execute_raw(sql, wh=warehouse_code)}
