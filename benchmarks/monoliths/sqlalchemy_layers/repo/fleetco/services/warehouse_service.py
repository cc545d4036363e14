import csv
import io
import logging

from sqlalchemy import text

from fleetco.common.errors import ConflictError, NotFoundError, ValidationError
from fleetco.models.assets import StockItem
from fleetco.repositories.shipment_repo import ShipmentRepository
from fleetco.repositories.stock_repo import StockRepository, WarehouseRepository

log = logging.getLogger(__name__)


def receive_goods(session, warehouse_code, customer_id, sku, quantity, pallets=0, user=None):
    if quantity <= 0:
        raise ValidationError("quantity must be positive")
    warehouse = WarehouseRepository(session).by_code(warehouse_code)
    if warehouse is None:
        raise NotFoundError(f"warehouse {warehouse_code} not found")
    stock = StockRepository(session)
    item = stock.find_sku(warehouse.id, customer_id, sku)
    if item is None:
        item = stock.add(
            StockItem(warehouse_id=warehouse.id, customer_id=customer_id, sku=sku, quantity=0)
        )
    item.pallets = (item.pallets or 0) + pallets
    stock.record_movement(item, quantity, "receipt", user=user)
    return item


def putaway(session, stock_item_id, location, user=None):
    stock = StockRepository(session)
    item = stock.get(stock_item_id)
    if not location or location.count("-") != 2:
        raise ValidationError("location must look like A-03-2")
    item.location = location.upper()
    stock.record_movement(item, 0, "putaway", user=user)
    return item


def pick_for_shipment(session, warehouse_code, shipment_reference, user=None):
    """Take stock out for every item of an outbound shipment."""
    warehouse = WarehouseRepository(session).by_code(warehouse_code)
    shipment = ShipmentRepository(session).by_reference(shipment_reference)
    if warehouse is None or shipment is None:
        raise NotFoundError("warehouse or shipment not found")
    stock = StockRepository(session)
    picked = []
    for line in shipment.items:
        if not line.sku:
            continue
        item = stock.find_sku(warehouse.id, shipment.customer_id, line.sku)
        if item is None or item.quantity < line.quantity:
            raise ConflictError(f"not enough stock for {line.sku}")
        stock.record_movement(item, -line.quantity, "pick", shipment_id=shipment.id, user=user)
        picked.append((line.sku, line.quantity, item.location))
    return picked


def adjust_stock(session, stock_item_id, delta, reason="adjust", user=None):
    stock = StockRepository(session)
    item = stock.get(stock_item_id)
    if item.quantity + delta < 0:
        raise ConflictError("adjustment would make stock negative")
    return stock.record_movement(item, delta, reason, user=user)


def rebuild_stock_levels(session):
    # movements are the source of truth; quantities drift after manual DB fixes
    return session.execute(
        text(
            "UPDATE stock_items si SET quantity = m.total FROM ("
            "  SELECT stock_item_id, SUM(delta) AS total FROM stock_movements"
            "  GROUP BY stock_item_id) m WHERE m.stock_item_id = si.id"
        )
    ).rowcount


def export_stock_csv(session, customer_id):
    # replaced by the reporting warehouse in 2022; still linked from an old email template
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["warehouse", "sku", "quantity"])
    for row in StockRepository(session).levels_by_customer(customer_id):
        writer.writerow(row)
    return buf.getvalue()
