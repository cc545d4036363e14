"""Selling the grain: contracts, shipments, buyer invoices, price discovery."""
import logging
from datetime import timedelta
from decimal import Decimal

from coop.extensions import db_session
from coop.models import (BuyerInvoice, ContractDelivery, PriceQuote,
                         SalesContract)
from coop.repositories.contracts import (BuyerRepository, ContractRepository,
                                         PoolRepository, PriceQuoteRepository)
from coop.repositories.grain import BinRepository, StockMovementRepository
from coop.services import ConflictError, ServiceError, require
from coop.utils.dates import crop_year_for, parse_date, today
from coop.utils.helpers import contract_number
from coop.utils.money import D, round_money
from coop.utils.units import kg_to_tonnes

log = logging.getLogger(__name__)

GST_RATE = Decimal("0.05")  # grain is zero-rated but storage/handling fees are not -- TODO


def create_contract(buyer_code, commodity, quantity_t, price_t=None, grade_code=None,
                    delivery_from=None, delivery_to=None, price_basis="flat",
                    futures_month=None, basis_t=None, user=None):
    buyers = BuyerRepository()
    buyer = buyers.by_code(buyer_code)
    require(buyer is not None, "unknown buyer %s" % buyer_code)
    if buyer.on_hold:
        raise ServiceError("buyer %s is on credit hold" % buyer.code)
    exposure = D(buyers.exposure(buyer.id))
    if buyer.credit_limit and exposure > D(buyer.credit_limit):
        raise ServiceError("buyer over credit limit (%s)" % exposure)
    if price_basis == "flat":
        require(price_t, "flat price contracts need a price")
    elif price_basis == "basis":
        require(futures_month and basis_t is not None, "basis contracts need futures month + basis")
    cy = crop_year_for(parse_date(delivery_from) or today())
    contracts = ContractRepository()
    contract = SalesContract(
        contract_no=contract_number(buyer.code, cy, contracts.count_for_year(cy) + 1),
        buyer_id=buyer.id, commodity=commodity, grade_code=grade_code, crop_year=cy,
        quantity_t=D(quantity_t), price_t=D(price_t) if price_t else None,
        price_basis=price_basis, futures_month=futures_month,
        basis_t=D(basis_t) if basis_t is not None else None,
        delivery_from=parse_date(delivery_from), delivery_to=parse_date(delivery_to),
        created_by=user,
    )
    db_session.add(contract)
    return contract


def price_basis_contract(contract_id, futures_price_t):
    c = ContractRepository().get(contract_id)
    require(c.price_basis == "basis", "not a basis contract")
    c.price_t = round_money(D(futures_price_t) + D(c.basis_t))
    c.price_basis = "flat"
    return c


def ship_from_bin(bin_id, qty_kg, ref_type, ref_id):
    """Outload from a bin (rail car / truck).  Used by contract deliveries and transfers to
    the terminal."""
    b = BinRepository().lock(bin_id)
    if qty_kg > (b.current_kg or 0):
        raise ServiceError("bin %s only has %s kg" % (b.code, b.current_kg))
    b.current_kg -= qty_kg
    StockMovementRepository().record(b.id, -qty_kg, "outload", ref_type, ref_id)
    if b.current_kg == 0:
        b.commodity = None
        b.grade_code = None
    return b


def record_delivery(contract_id, bin_id, net_kg, carrier_ref=None, shipped_on=None):
    contracts = ContractRepository()
    c = contracts.get(contract_id)
    require(c is not None, "no such contract")
    if c.status != "open":
        raise ConflictError("contract %s is %s" % (c.contract_no, c.status))
    max_kg = float(c.quantity_t) * 1000 * (1 + float(c.tolerance_pct or 0) / 100.0)
    already = contracts.delivered_kg(c.id)
    if already + net_kg > max_kg:
        raise ServiceError("delivery would exceed contract tolerance")
    dlv = ContractDelivery(contract_id=c.id, bin_id=bin_id, net_kg=net_kg,
                           railcar_or_truck=carrier_ref, shipped_on=parse_date(shipped_on) or today())
    db_session.add(dlv)
    db_session.flush()
    ship_from_bin(bin_id, net_kg, "delivery", dlv.id)
    if already + net_kg >= float(c.quantity_t) * 1000 * (1 - float(c.tolerance_pct or 0) / 100.0):
        c.status = "filled"
    return dlv


def record_destination_outturn(delivery_id, dest_weight_kg, dest_grade_code):
    dlv = db_session.query(ContractDelivery).get(delivery_id)
    dlv.dest_weight_kg = dest_weight_kg
    dlv.dest_grade_code = dest_grade_code
    if dest_grade_code and dest_grade_code != dlv.contract.grade_code:
        log.warning("grade downgrade at destination on %s: %s -> %s",
                    dlv.contract.contract_no, dlv.contract.grade_code, dest_grade_code)
    return dlv


def invoice_buyer(contract_id, user=None):
    contracts = ContractRepository()
    c = contracts.get(contract_id)
    require(c.price_t is not None, "contract not priced yet")
    deliveries = contracts.uninvoiced_deliveries(c.id)
    if not deliveries:
        return None
    tonnes = sum(D(kg_to_tonnes(d.dest_weight_kg or d.net_kg)) for d in deliveries)
    subtotal = round_money(tonnes * D(c.price_t))
    inv = BuyerInvoice(
        invoice_no="INV-%s-%d" % (c.contract_no, len(deliveries)),
        buyer_id=c.buyer_id, contract_id=c.id, subtotal=subtotal, gst=Decimal("0.00"),
        total=subtotal, due_on=today() + timedelta(days=c.buyer.payment_terms_days or 30),
        created_by=user,
    )
    db_session.add(inv)
    db_session.flush()
    for d in deliveries:
        d.invoiced = True
        d.invoice_id = inv.id
    return inv


def mark_invoice_paid(invoice_id, paid_on=None):
    inv = db_session.query(BuyerInvoice).get(invoice_id)
    inv.paid_on = parse_date(paid_on) or today()
    inv.status = "paid"
    return inv


def capture_quote(commodity, price_t, grade_code=None, buyer_code=None, delivery_month=None,
                  basis_t=None, source="phone"):
    buyer = BuyerRepository().by_code(buyer_code) if buyer_code else None
    q = PriceQuote(buyer_id=buyer.id if buyer else None, commodity=commodity, grade_code=grade_code,
                   delivery_month=delivery_month, price_t=D(price_t),
                   basis_t=D(basis_t) if basis_t is not None else None, source=source)
    db_session.add(q)
    return q


def contract_position(commodity=None):
    """Open contract balance per commodity/grade vs. what's in the bins."""
    contracts = ContractRepository()
    committed = {}
    for c in contracts.open_contracts(commodity):
        key = (c.commodity, c.grade_code)
        remaining = float(c.quantity_t) * 1000 - contracts.delivered_kg(c.id)
        committed[key] = committed.get(key, 0) + max(remaining, 0)
    return committed


def uncommitted_stock_by_grade(commodity=None):
    stock = {(c, g): kg for c, g, kg in BinRepository().inventory_by_grade(commodity)}
    committed = contract_position(commodity)
    out = []
    for key in sorted(set(stock) | set(committed), key=lambda k: (k[0] or "", k[1] or "")):
        out.append({"commodity": key[0], "grade": key[1],
                    "in_store_t": kg_to_tonnes(stock.get(key, 0)),
                    "committed_t": kg_to_tonnes(committed.get(key, 0)),
                    "uncommitted_t": kg_to_tonnes(stock.get(key, 0) - committed.get(key, 0))})
    return out


def refresh_pool_prices(crop_year, margin_t=Decimal("18.00")):
    """Set the interim pool price = weighted avg contract price - handling margin.

    Finance asked for this to run off marketing data so it lives here.
    """
    pools = PoolRepository()
    updated = []
    for pool in pools.open_pools(crop_year):
        contracts = [c for c in ContractRepository().open_contracts(pool.commodity, pool.grade_code)
                     if c.crop_year == crop_year and c.price_t]
        qty = sum(D(c.quantity_t) for c in contracts)
        if not qty:
            continue
        avg = sum(D(c.quantity_t) * D(c.price_t) for c in contracts) / qty
        new_price = round_money(avg - margin_t)
        if pool.initial_price_t and new_price < D(pool.initial_price_t):
            log.warning("pool %s would go below initial price; keeping initial", pool.id)
            new_price = D(pool.initial_price_t)
        pool.interim_price_t = new_price
        updated.append(pool)
    return updated


def best_price_today(commodity, grade_code):
    q = PriceQuoteRepository().best_quote(commodity, grade_code, today() - timedelta(days=2))
    return q.price_t if q else None
