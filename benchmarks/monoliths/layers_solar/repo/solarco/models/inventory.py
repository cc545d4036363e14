from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String,
                        UniqueConstraint, func)
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin


class Supplier(Base, TimestampMixin):
    __tablename__ = "suppliers"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    contact_email = Column(String(200))
    lead_time_days = Column(Integer, default=7)
    payment_terms = Column(String(40), default="NET30")
    active = Column(Boolean, default=True)


class Product(Base, TimestampMixin):
    """Equipment catalogue.  Table name kept from the original Access DB."""
    __tablename__ = "equipment_catalog"

    id = Column(Integer, primary_key=True)
    sku = Column(String(40), unique=True, nullable=False)
    category = Column(String(20), nullable=False)  # panel, inverter, optimizer, battery, racking, bos
    brand = Column(String(60))
    model = Column(String(80))
    watts = Column(Integer)
    unit_cost = Column(Numeric(10, 2))
    list_price = Column(Numeric(10, 2))
    warranty_years = Column(Integer)
    supplier_id = Column(Integer, ForeignKey("suppliers.id"))
    discontinued = Column(Boolean, default=False)

    supplier = relationship("Supplier")


class WarehouseStock(Base):
    __tablename__ = "warehouse_stock"
    __table_args__ = (UniqueConstraint("product_id", "warehouse"),)

    id = Column(Integer, primary_key=True)
    product_id = Column(Integer, ForeignKey("equipment_catalog.id"), nullable=False)
    warehouse = Column(String(20), default="MAIN")
    on_hand = Column(Integer, default=0)
    reserved = Column(Integer, default=0)
    reorder_point = Column(Integer, default=10)
    reorder_qty = Column(Integer, default=50)

    product = relationship("Product")

    @property
    def available(self) -> int:
        return (self.on_hand or 0) - (self.reserved or 0)


class StockMovement(Base):
    __tablename__ = "stock_movements"

    id = Column(Integer, primary_key=True)
    product_id = Column(Integer, ForeignKey("equipment_catalog.id"), nullable=False)
    warehouse = Column(String(20), default="MAIN")
    qty = Column(Integer, nullable=False)
    kind = Column(String(20))  # receipt, reserve, release, issue, adjust, return
    reference = Column(String(60))  # e.g. "PRJ-2021-0042" or "PO-1881"
    created_by = Column(String(200))
    created_at = Column(DateTime, server_default=func.now())


class PurchaseOrder(Base, TimestampMixin):
    __tablename__ = "purchase_orders"

    id = Column(Integer, primary_key=True)
    po_number = Column(String(20), unique=True)
    supplier_id = Column(Integer, ForeignKey("suppliers.id"), nullable=False)
    status = Column(String(20), default="draft")  # draft, sent, partial, received, cancelled
    warehouse = Column(String(20), default="MAIN")
    expected_on = Column(Date)
    total_cost = Column(Numeric(12, 2), default=0)
    sent_at = Column(DateTime)

    supplier = relationship("Supplier")
    lines = relationship("PurchaseOrderLine", back_populates="po", cascade="all, delete-orphan")


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_lines"

    id = Column(Integer, primary_key=True)
    po_id = Column(Integer, ForeignKey("purchase_orders.id"), nullable=False)
    product_id = Column(Integer, ForeignKey("equipment_catalog.id"), nullable=False)
    qty_ordered = Column(Integer, nullable=False)
    qty_received = Column(Integer, default=0)
    unit_cost = Column(Numeric(10, 2))

    po = relationship("PurchaseOrder", back_populates="lines")
    product = relationship("Product")
