"""Stock reservation (SQLAlchemy)."""
import logging

from sqlalchemy import func

from shop.models import Reservation, StockLevel, StockMovement, Warehouse, get_session

log = logging.getLogger(__name__)

DEFAULT_WAREHOUSE = "PAR1"


class NotEnoughStock(Exception):
    def __init__(self, sku, wanted, available):
        super(NotEnoughStock, self).__init__(sku)
        self.sku = sku
        self.wanted = wanted
        self.available = available


def available_quantity(product_id):
    session = get_session()
    total = (
        session.query(func.sum(StockLevel.quantity - StockLevel.reserved))
        .filter(StockLevel.product_id == product_id)
        .scalar()
    )
    return int(total or 0)


def _pick_level(session, product_id, quantity):
    levels = (
        session.query(StockLevel)
        .join(Warehouse)
        .filter(StockLevel.product_id == product_id, Warehouse.active.is_(True))
        .with_for_update()
        .all()
    )
    levels.sort(key=lambda l: (l.warehouse.code != DEFAULT_WAREHOUSE, -l.available))
    for level in levels:
        if level.available >= quantity:
            return level
    return None


def reserve_for_order(order_id, lines):
    session = get_session()
    for line in lines:
        level = _pick_level(session, line["product_id"], line["quantity"])
        if level is None:
            session.rollback()
            raise NotEnoughStock(line.get("sku"), line["quantity"],
                                 available_quantity(line["product_id"]))
        level.reserved += line["quantity"]
        session.add(Reservation(order_id=order_id, stock_level_id=level.id,
                                quantity=line["quantity"]))
    session.commit()


def release_for_order(order_id):
    session = get_session()
    rows = session.query(Reservation).filter_by(order_id=order_id, released=False).all()
    for r in rows:
        r.level.reserved -= r.quantity
        r.released = True
    session.commit()
    return len(rows)


def commit_for_shipment(order_id):
    """The goods left the building: turn reservations into movements."""
    session = get_session()
    for r in session.query(Reservation).filter_by(order_id=order_id, released=False):
        r.level.quantity -= r.quantity
        r.level.reserved -= r.quantity
        r.released = True
        session.add(StockMovement(stock_level_id=r.stock_level_id, delta=-r.quantity,
                                  reason="sale", reference="order:%s" % order_id))
    session.commit()


def restock(product_id, quantity, warehouse_code=DEFAULT_WAREHOUSE, reference=None):
    session = get_session()
    warehouse = session.query(Warehouse).filter_by(code=warehouse_code).one()
    level = session.query(StockLevel).filter_by(warehouse_id=warehouse.id,
                                                product_id=product_id).first()
    if level is None:
        level = StockLevel(warehouse_id=warehouse.id, product_id=product_id, quantity=0)
        session.add(level)
        session.flush()
    level.quantity += quantity
    session.add(StockMovement(stock_level_id=level.id, delta=quantity, reason="restock",
                              reference=reference))
    session.commit()
    return level.quantity


def adjust(product_id, warehouse_code, new_quantity, reason="adjust"):
    session = get_session()
    level = (
        session.query(StockLevel).join(Warehouse)
        .filter(Warehouse.code == warehouse_code, StockLevel.product_id == product_id)
        .one()
    )
    delta = new_quantity - level.quantity
    level.quantity = new_quantity
    session.add(StockMovement(stock_level_id=level.id, delta=delta, reason=reason))
    session.commit()
    return delta


def below_reorder_point():
    session = get_session()
    return (
        session.query(StockLevel)
        .filter(StockLevel.quantity - StockLevel.reserved <= StockLevel.reorder_point)
        .all()
    )
