"""Stock reservations and procurement."""
import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.notifications import OutgoingEmail, send_email
from solarco.core.utils import BusinessRuleError, NotFoundError, round_money, to_decimal
from solarco.models.inventory import Product, PurchaseOrder
from solarco.models.lead import QuoteLineItem
from solarco.models.project import InstallationProject
from solarco.repositories.inventory_repo import (ProductRepository, PurchaseOrderRepository,
                                                 StockRepository, SupplierRepository)

log = logging.getLogger(__name__)

# racking and balance-of-system consumables per panel, by SKU prefix
BOS_PER_PANEL = {"RAIL-": 0.5, "CLAMP-MID-": 2, "CLAMP-END-": 0.5, "FLASH-": 1}


def bill_of_materials(db: Session, quote_id: int) -> Dict[int, int]:
    """Product id -> qty required to build a quote (equipment lines only)."""
    lines = db.scalars(select(QuoteLineItem).where(QuoteLineItem.quote_id == quote_id,
                                                  QuoteLineItem.product_id.is_not(None))).all()
    bom: Dict[int, int] = defaultdict(int)
    panel_qty = 0
    for line in lines:
        bom[line.product_id] += int(line.qty or 0)
        product = db.get(Product, line.product_id)
        if product and product.category == "panel":
            panel_qty += int(line.qty or 0)
    if panel_qty:
        for prefix, per_panel in BOS_PER_PANEL.items():
            p = db.scalars(select(Product).where(Product.sku.like(prefix + "%"),
                                                 Product.discontinued.is_(False))).first()
            if p:
                bom[p.id] += int(round(panel_qty * per_panel + 0.49))
    return dict(bom)


class InventoryService:
    def __init__(self, db: Session):
        self.db = db
        self.stock = StockRepository(db)
        self.products = ProductRepository(db)

    def availability(self, product_id: int, warehouse: Optional[str] = None) -> int:
        return self.stock.for_product(product_id, warehouse).available

    def reserve_for_project(self, project: InstallationProject, by: Optional[str] = None) -> Dict[int, int]:
        # idempotent: release anything held before
        self.release_for_project(project, by=by)
        bom = bill_of_materials(self.db, project.quote_id)
        short = {}
        for product_id, qty in bom.items():
            row = self.stock.for_product(product_id)
            if row.available < qty:
                short[product_id] = qty - row.available
            row.reserved = (row.reserved or 0) + qty
            self.stock.record_movement(product_id, qty, "reserve", project.project_number, by=by)
        if short:
            # we allow negative availability; procurement picks it up in the nightly reorder
            log.warning("project %s short on %s", project.project_number, short)
        return bom

    def release_for_project(self, project: InstallationProject, by: Optional[str] = None) -> None:
        held: Dict[int, int] = defaultdict(int)
        for mv in self.stock.movements_for_reference(project.project_number):
            if mv.kind in ("reserve", "release"):
                held[mv.product_id] += mv.qty
        for product_id, qty in held.items():
            if qty <= 0:
                continue
            row = self.stock.for_product(product_id)
            row.reserved = max((row.reserved or 0) - qty, 0)
            self.stock.record_movement(product_id, -qty, "release", project.project_number, by=by)

    def consume_for_project(self, project: InstallationProject, by: Optional[str] = None) -> None:
        """Installed: turn reservations into issues."""
        held: Dict[int, int] = defaultdict(int)
        for mv in self.stock.movements_for_reference(project.project_number):
            if mv.kind in ("reserve", "release"):
                held[mv.product_id] += mv.qty
        for product_id, qty in held.items():
            if qty <= 0:
                continue
            row = self.stock.for_product(product_id)
            row.reserved = max((row.reserved or 0) - qty, 0)
            row.on_hand = (row.on_hand or 0) - qty
            self.stock.record_movement(product_id, -qty, "release", project.project_number, by=by)
            self.stock.record_movement(product_id, -qty, "issue", project.project_number, by=by)

    def issue_parts(self, parts: Dict[int, int], reference: str, by: Optional[str] = None) -> None:
        """Ad-hoc issue (service tickets, warranty swaps)."""
        for product_id, qty in parts.items():
            row = self.stock.for_product(product_id)
            if row.available < qty:
                raise BusinessRuleError(f"not enough stock of product {product_id}")
            row.on_hand -= qty
            self.stock.record_movement(product_id, -qty, "issue", reference, by=by)

    def adjust(self, product_id: int, delta: int, reason: str, warehouse: Optional[str] = None,
               by: Optional[str] = None) -> int:
        row = self.stock.for_product(product_id, warehouse)
        row.on_hand = (row.on_hand or 0) + delta
        self.stock.record_movement(product_id, delta, "adjust", reason[:60], warehouse, by)
        self.db.commit()
        return row.on_hand

    def rebuild_levels(self) -> int:
        n = self.stock.recompute_from_movements()
        self.db.commit()
        return n


class ProcurementService:
    def __init__(self, db: Session):
        self.db = db
        self.pos = PurchaseOrderRepository(db)
        self.stock = StockRepository(db)
        self.suppliers = SupplierRepository(db)

    def create_po(self, supplier_id: int, lines: List[Dict], warehouse: Optional[str] = None) -> PurchaseOrder:
        supplier = self.suppliers.get_or_404(supplier_id)
        po = PurchaseOrder(po_number=self.pos.next_number(), supplier_id=supplier.id,
                           warehouse=warehouse or settings.default_warehouse, status="draft",
                           expected_on=date.today() + timedelta(days=supplier.lead_time_days or 7))
        self.pos.add(po)
        total = to_decimal(0)
        for l in lines:
            self.pos.add_line(po, l["product_id"], int(l["qty"]), l["unit_cost"])
            total += to_decimal(l["unit_cost"]) * int(l["qty"])
        po.total_cost = round_money(total)
        self.db.commit()
        return po

    def suggest_reorders(self) -> Dict[int, List[Dict]]:
        by_supplier: Dict[int, List[Dict]] = defaultdict(list)
        for row in self.stock.below_reorder_point():
            on_order = self.pos.on_order(row["product_id"])
            need = row["reorder_point"] - (row["on_hand"] - row["reserved"]) - on_order
            if need <= 0 or not row["supplier_id"]:
                continue
            qty = max(need, row["reorder_qty"] or 0)
            by_supplier[row["supplier_id"]].append(
                {"product_id": row["product_id"], "qty": qty, "unit_cost": row["unit_cost"]})
        return dict(by_supplier)

    def auto_reorder(self) -> List[str]:
        created = []
        for supplier_id, lines in self.suggest_reorders().items():
            po = self.create_po(supplier_id, lines)
            self.send(po.id)
            created.append(po.po_number)
        return created

    def send(self, po_id: int) -> PurchaseOrder:
        po = self.pos.get_with_lines(po_id)
        if po is None:
            raise NotFoundError("PurchaseOrder", po_id)
        if po.status != "draft":
            raise BusinessRuleError("PO already sent")
        supplier = self.suppliers.get(po.supplier_id)
        body = "\n".join(f"{l.product.sku}\t{l.qty_ordered}\t{l.unit_cost}" for l in po.lines)
        send_email(OutgoingEmail(to=[supplier.contact_email], subject=f"Purchase order {po.po_number}",
                                 body=f"Please supply to warehouse {po.warehouse}:\n\n{body}"))
        po.status = "sent"
        po.sent_at = datetime.utcnow()
        self.db.commit()
        return po

    def receive(self, po_id: int, received: Dict[int, int], by: Optional[str] = None) -> PurchaseOrder:
        po = self.pos.get_with_lines(po_id)
        if po is None:
            raise NotFoundError("PurchaseOrder", po_id)
        for line in po.lines:
            qty = int(received.get(line.product_id, 0))
            if qty <= 0:
                continue
            line.qty_received = (line.qty_received or 0) + qty
            row = self.stock.for_product(line.product_id, po.warehouse)
            row.on_hand = (row.on_hand or 0) + qty
            self.stock.record_movement(line.product_id, qty, "receipt", po.po_number, po.warehouse, by)
        if all((l.qty_received or 0) >= l.qty_ordered for l in po.lines):
            po.status = "received"
        else:
            po.status = "partial"
        self.db.commit()
        return po
