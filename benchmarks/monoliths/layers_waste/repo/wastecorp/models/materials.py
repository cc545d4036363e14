"""Material flows: what goes over the weighbridge and what the MRF sells.

Originally just the weighbridge tables; the recycling sales tables were
added here in 2020 because "it's all tonnes".
"""
from sqlalchemy import (Column, Integer, String, Date, DateTime, Boolean,
                        ForeignKey, Numeric, Text)
from sqlalchemy.orm import relationship

from wastecorp.extensions import db
from wastecorp.models import TimestampMixin

__all__ = ["DisposalSite", "WasteStream", "WeighbridgeTicket", "GateFee",
           "LandfillTaxReturn", "MaterialBuyer", "BaleLot", "CommodityPrice",
           "SalesOrder", "SalesShipment"]


# --------------------------------------------------------------------------
# weighbridge / disposal
# --------------------------------------------------------------------------

class DisposalSite(db.Model):
    __tablename__ = "disposal_sites"

    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True, nullable=False)
    name = Column(String(120))
    site_type = Column(String(16))   # LANDFILL, EFW, MRF, COMPOSTING, TRANSFER
    permit_no = Column(String(30))
    operator = Column(String(80))
    own_site = Column(Boolean, default=False)
    postcode = Column(String(10))


class WasteStream(db.Model):
    __tablename__ = "waste_streams"

    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True, nullable=False)   # GW, DMR, GLASS, FOOD, ...
    name = Column(String(80))
    ewc_code = Column(String(10))
    landfill_tax_band = Column(String(8), default="STANDARD")  # STANDARD, LOWER, EXEMPT
    recyclable = Column(Boolean, default=False)


class WeighbridgeTicket(db.Model, TimestampMixin):
    __tablename__ = "weighbridge_tickets"

    id = Column(Integer, primary_key=True)
    ticket_no = Column(String(16), unique=True, nullable=False)
    site_id = Column(Integer, ForeignKey("disposal_sites.id"), nullable=False)
    waste_stream_id = Column(Integer, ForeignKey("waste_streams.id"), nullable=False)
    vehicle_id = Column(Integer, ForeignKey("vehicles.id"))
    vehicle_reg = Column(String(10))      # for third party hauliers
    customer_id = Column(Integer, ForeignKey("customers.id"))   # cash/trade tipping
    schedule_id = Column(Integer, ForeignKey("collection_schedules.id"))
    direction = Column(String(3), default="IN")
    gross_kg = Column(Integer)
    tare_kg = Column(Integer)
    net_kg = Column(Integer)
    weighed_in_at = Column(DateTime)
    weighed_out_at = Column(DateTime)
    operator = Column(String(64))
    status = Column(String(10), default="OPEN")  # OPEN, COMPLETE, VOID
    void_reason = Column(String(120))

    site = relationship("DisposalSite")
    waste_stream = relationship("WasteStream")


class GateFee(db.Model):
    __tablename__ = "gate_fees"

    id = Column(Integer, primary_key=True)
    site_id = Column(Integer, ForeignKey("disposal_sites.id"), nullable=False)
    waste_stream_id = Column(Integer, ForeignKey("waste_streams.id"), nullable=False)
    price_per_tonne = Column(Numeric(10, 2), nullable=False)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)


class LandfillTaxReturn(db.Model):
    __tablename__ = "landfill_tax_returns"

    id = Column(Integer, primary_key=True)
    period_start = Column(Date, nullable=False)
    period_end = Column(Date, nullable=False)
    standard_tonnes = Column(Numeric(12, 3))
    lower_tonnes = Column(Numeric(12, 3))
    exempt_tonnes = Column(Numeric(12, 3))
    tax_due = Column(Numeric(12, 2))
    submitted_at = Column(DateTime)
    hmrc_ref = Column(String(30))


# --------------------------------------------------------------------------
# recycling sales (MRF output)
# --------------------------------------------------------------------------

class MaterialBuyer(db.Model):
    __tablename__ = "material_buyers"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    country = Column(String(2), default="GB")
    export_licence = Column(String(30))
    contact_email = Column(String(200))
    payment_terms_days = Column(Integer, default=30)
    active = Column(Boolean, default=True)


class BaleLot(db.Model, TimestampMixin):
    __tablename__ = "bale_lots"

    id = Column(Integer, primary_key=True)
    lot_no = Column(String(16), unique=True, nullable=False)
    waste_stream_id = Column(Integer, ForeignKey("waste_streams.id"), nullable=False)
    material_grade = Column(String(20))   # e.g. OCC-11, MIXED-PAPER, HDPE-NAT
    bale_count = Column(Integer, default=0)
    weight_kg = Column(Integer, default=0)
    contamination_pct = Column(Numeric(5, 2))
    status = Column(String(12), default="IN_STOCK")  # IN_STOCK, ALLOCATED, SHIPPED
    sales_order_id = Column(Integer, ForeignKey("sales_orders.id"))


class CommodityPrice(db.Model):
    __tablename__ = "commodity_prices"

    id = Column(Integer, primary_key=True)
    material_grade = Column(String(20), nullable=False)
    price_per_tonne = Column(Numeric(10, 2), nullable=False)
    currency = Column(String(3), default="GBP")
    source = Column(String(30))   # LETSRECYCLE, BUYER_QUOTE, MANUAL
    effective_date = Column(Date, nullable=False)


class SalesOrder(db.Model, TimestampMixin):
    __tablename__ = "sales_orders"

    id = Column(Integer, primary_key=True)
    order_no = Column(String(16), unique=True, nullable=False)
    buyer_id = Column(Integer, ForeignKey("material_buyers.id"), nullable=False)
    material_grade = Column(String(20))
    agreed_price_per_tonne = Column(Numeric(10, 2))
    target_tonnes = Column(Numeric(10, 3))
    status = Column(String(12), default="OPEN")
    buyer_invoice_ref = Column(String(30))

    buyer = relationship("MaterialBuyer")
    lots = relationship("BaleLot", backref="sales_order")


class SalesShipment(db.Model):
    __tablename__ = "sales_shipments"

    id = Column(Integer, primary_key=True)
    sales_order_id = Column(Integer, ForeignKey("sales_orders.id"), nullable=False)
    shipped_at = Column(DateTime)
    haulier = Column(String(80))
    container_no = Column(String(20))
    outbound_ticket_id = Column(Integer, ForeignKey("weighbridge_tickets.id"))
    net_kg = Column(Integer)
    annex_vii_ref = Column(String(30))
    notes = Column(Text)
