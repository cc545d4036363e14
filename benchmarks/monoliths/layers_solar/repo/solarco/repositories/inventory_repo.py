from datetime import date
from typing import Dict, List, Optional

from sqlalchemy import select, text
from sqlalchemy.orm import selectinload

from solarco.core.config import settings
from solarco.models.inventory import (Product, PurchaseOrder, PurchaseOrderLine, StockMovement,
                                      Supplier, WarehouseStock)
from solarco.repositories.base import BaseRepository


class ProductRepository(BaseRepository[Product]):
    model = Product

    def by_sku(self, sku: str) -> Optional[Product]:
        return self.db.scalars(select(Product).where(Product.sku == sku)).first()

    def by_category(self, category: str, include_discontinued: bool = False) -> List[Product]:
        stmt = select(Product).where(Product.category == category)
        if not include_discontinued:
            stmt = stmt.where(Product.discontinued.is_(False))
        return list(self.db.scalars(stmt.order_by(Product.brand, Product.model)))

    def default_panel(self) -> Optional[Product]:
        # TODO: make this configurable, sales keeps asking
        stmt = (select(Product)
                .where(Product.category == "panel", Product.discontinued.is_(False))
                .order_by(Product.watts.desc()))
        return self.db.scalars(stmt).first()

    def default_inverter(self, kw: float) -> Optional[Product]:
        stmt = (select(Product)
                .where(Product.category == "inverter", Product.discontinued.is_(False),
                       Product.watts >= int(kw * 1000 * 0.8))
                .order_by(Product.watts))
        return self.db.scalars(stmt).first()

    def price_map(self, ids: List[int]) -> Dict[int, float]:
        rows = self.db.execute(select(Product.id, Product.list_price).where(Product.id.in_(ids))).all()
        return {pid: float(price or 0) for pid, price in rows}


class SupplierRepository(BaseRepository[Supplier]):
    model = Supplier


class StockRepository(BaseRepository[WarehouseStock]):
    model = WarehouseStock

    def for_product(self, product_id: int, warehouse: Optional[str] = None) -> WarehouseStock:
        warehouse = warehouse or settings.default_warehouse
        row = self.db.scalars(select(WarehouseStock).where(
            WarehouseStock.product_id == product_id, WarehouseStock.warehouse == warehouse
        ).with_for_update()).first()
        if row is None:
            row = WarehouseStock(product_id=product_id, warehouse=warehouse, on_hand=0, reserved=0)
            self.db.add(row)
            self.db.flush()
        return row

    def record_movement(self, product_id: int, qty: int, kind: str, reference: str,
                        warehouse: Optional[str] = None, by: Optional[str] = None) -> StockMovement:
        mv = StockMovement(product_id=product_id, qty=qty, kind=kind, reference=reference,
                           warehouse=warehouse or settings.default_warehouse, created_by=by)
        self.db.add(mv)
        return mv

    def movements_for_reference(self, reference: str) -> List[StockMovement]:
        return list(self.db.scalars(select(StockMovement)
                                    .where(StockMovement.reference == reference)
                                    .order_by(StockMovement.id)))

    def below_reorder_point(self) -> List[dict]:
        sql = """
            SELECT s.product_id, s.warehouse, s.on_hand, s.reserved, s.reorder_point,
                   s.reorder_qty, p.sku, p.supplier_id, p.unit_cost
              FROM warehouse_stock s
              JOIN equipment_catalog p ON p.id = s.product_id
             WHERE (s.on_hand - s.reserved) < s.reorder_point
               AND p.discontinued = false
             ORDER BY p.supplier_id, p.sku
        """
        return [dict(r) for r in self.db.execute(text(sql)).mappings()]

    def recompute_from_movements(self) -> int:
        """Rebuild on_hand/reserved from the movement ledger.  Slow."""
        sql = """
            UPDATE warehouse_stock ws SET
              on_hand = COALESCE((SELECT SUM(qty) FROM stock_movements m
                                   WHERE m.product_id = ws.product_id AND m.warehouse = ws.warehouse
                                     AND m.kind IN ('receipt', 'issue', 'adjust', 'return')), 0),
              reserved = COALESCE((SELECT SUM(qty) FROM stock_movements m
                                   WHERE m.product_id = ws.product_id AND m.warehouse = ws.warehouse
                                     AND m.kind IN ('reserve', 'release')), 0)
        """
        return self.db.execute(text(sql)).rowcount


class PurchaseOrderRepository(BaseRepository[PurchaseOrder]):
    model = PurchaseOrder

    def get_with_lines(self, po_id: int) -> Optional[PurchaseOrder]:
        return self.db.scalars(select(PurchaseOrder).options(selectinload(PurchaseOrder.lines))
                               .where(PurchaseOrder.id == po_id)).first()

    def open_for_supplier(self, supplier_id: int) -> List[PurchaseOrder]:
        return list(self.db.scalars(select(PurchaseOrder).where(
            PurchaseOrder.supplier_id == supplier_id,
            PurchaseOrder.status.in_(("draft", "sent", "partial")))))

    def on_order(self, product_id: int) -> int:
        sql = """
            SELECT COALESCE(SUM(l.qty_ordered - l.qty_received), 0)
              FROM purchase_order_lines l JOIN purchase_orders po ON po.id = l.po_id
             WHERE l.product_id = :pid AND po.status IN ('sent', 'partial')
        """
        return int(self.db.execute(text(sql), {"pid": product_id}).scalar() or 0)

    def next_number(self) -> str:
        n = self.db.execute(text("SELECT COALESCE(MAX(id), 0) + 1 FROM purchase_orders")).scalar()
        return f"PO-{n:05d}"

    def add_line(self, po: PurchaseOrder, product_id: int, qty: int, unit_cost) -> PurchaseOrderLine:
        line = PurchaseOrderLine(po_id=po.id, product_id=product_id, qty_ordered=qty, unit_cost=unit_cost)
        self.db.add(line)
        return line
