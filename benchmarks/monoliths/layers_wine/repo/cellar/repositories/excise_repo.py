from cellar.db import execute_raw
from cellar.models.finance import ExciseReturn
from cellar.models.product import ExciseRate
from cellar.repositories.base import BaseRepository


class ExciseReturnRepository(BaseRepository):
    model = ExciseReturn

    def for_period(self, period):
        return ExciseReturn.query.filter_by(period=period).first()

    def unsubmitted(self):
        return self.session.query(ExciseReturn).filter(ExciseReturn.submitted_at.is_(None)).all()


def rate_for(band, on_date):
    return (ExciseRate.query.filter(ExciseRate.band == band, ExciseRate.valid_from <= on_date)
            .order_by(ExciseRate.valid_from.desc()).first())


def duty_point_movements(start, end):
    """Movements that release stock from bond in the period = duty point."""
    sql = """
        SELECT m.id AS movement_id, l.wine_id, -m.qty AS bottles, w.bottle_ml, w.abv, w.excise_band
        FROM stock_movements m
        JOIN lots l ON l.id = m.lot_id
        JOIN wines w ON w.id = l.wine_id
        JOIN bins b ON b.id = m.from_bin_id
        JOIN warehouses wh ON wh.id = b.warehouse_id
        WHERE wh.bonded = true AND m.kind IN ('pick', 'duty_release')
          AND m.moved_at >= :start AND m.moved_at < :end
          AND l.duty_paid = false
    """
    return execute_raw(sql, start=start, end=end)
