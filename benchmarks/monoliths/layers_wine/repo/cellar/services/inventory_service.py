import logging
from datetime import date, datetime, timedelta

from cellar.extensions import db
from cellar.models.stock import (Bin, Lot, StockCount, StockCountLine, StockMovement,
                                 StockReservation, Warehouse)
from cellar.repositories.stock_repo import LotRepository, StockMovementRepository, available_by_wine
from cellar.utils.audit import log_action
from cellar.utils.errors import BusinessRuleError, NotFound

log = logging.getLogger(__name__)

lots = LotRepository()
movements = StockMovementRepository()

RESERVATION_HOURS = 72


def _receiving_bin(warehouse_code):
    wh = Warehouse.query.filter_by(code=warehouse_code).first()
    if wh is None:
        raise NotFound("warehouse %s" % warehouse_code)
    bin_ = Bin.query.filter_by(warehouse_id=wh.id, code="GOODS-IN").first()
    return bin_


def _next_lot_code(wine_id):
    n = db.session.query(Lot).filter(Lot.wine_id == wine_id).count() + 1
    return "L%s-%03d" % (date.today().strftime("%y%m"), n)


def receive_lot(wine_id, bottles, warehouse_code, unit_cost=None, po_line_id=None,
                duty_paid=False, user_id=None):
    bin_ = _receiving_bin(warehouse_code)
    lot = Lot(wine_id=wine_id, bin_id=bin_.id, qty_bottles=bottles, unit_cost=unit_cost,
              purchase_order_line_id=po_line_id, duty_paid=duty_paid,
              received_on=date.today(), lot_code=_next_lot_code(wine_id))
    db.session.add(lot)
    db.session.flush()
    db.session.add(StockMovement(lot_id=lot.id, kind="receipt", qty=bottles, to_bin_id=bin_.id,
                                 reference="PO-LINE-%s" % po_line_id, user_id=user_id))
    return lot


def move_stock(lot_id, to_bin_id, qty=None, user_id=None):
    lot = lots.get(lot_id)
    qty = qty or lot.qty_bottles
    if qty > lot.qty_bottles:
        raise BusinessRuleError("only %s bottles in lot" % lot.qty_bottles)
    if qty == lot.qty_bottles:
        from_bin = lot.bin_id
        lot.bin_id = to_bin_id
        target = lot
    else:
        # split the lot
        from_bin = lot.bin_id
        target = Lot(wine_id=lot.wine_id, bin_id=to_bin_id, qty_bottles=qty, unit_cost=lot.unit_cost,
                     received_on=lot.received_on, lot_code=lot.lot_code + "S",
                     duty_paid=lot.duty_paid, purchase_order_line_id=lot.purchase_order_line_id)
        lot.qty_bottles -= qty
        db.session.add(target)
        db.session.flush()
    db.session.add(StockMovement(lot_id=target.id, kind="transfer", qty=0, from_bin_id=from_bin,
                                 to_bin_id=to_bin_id, user_id=user_id))
    db.session.commit()
    return target


def available_for_wine(wine_id, warehouse_code=None):
    return int(available_by_wine(warehouse_code).get(wine_id, 0) or 0)


def reserve_for_line(line, hours=RESERVATION_HOURS):
    """Reserve FIFO lots for a sales order line. Returns qty reserved."""
    needed = line.qty_bottles - (line.qty_allocated or 0)
    reserved = 0
    for lot in lots.lots_for_wine(line.wine_id):
        free = lot.qty_bottles - lots.reserved_qty(lot.id)
        if free <= 0:
            continue
        take = min(free, needed - reserved)
        db.session.add(StockReservation(lot_id=lot.id, sales_order_line_id=line.id, qty=take,
                                        expires_at=datetime.utcnow() + timedelta(hours=hours)))
        reserved += take
        if reserved >= needed:
            break
    line.qty_allocated = (line.qty_allocated or 0) + reserved
    line.backorder = line.qty_allocated < line.qty_bottles
    return reserved


def release_reservations_for_order(order):
    line_ids = [l.id for l in order.lines]
    if not line_ids:
        return 0
    n = (StockReservation.query.filter(StockReservation.sales_order_line_id.in_(line_ids),
                                       StockReservation.released.is_(False))
         .update({"released": True}, synchronize_session=False))
    for line in order.lines:
        line.qty_allocated = 0
    return n


def expire_reservations():
    now = datetime.utcnow()
    expired = (db.session.query(StockReservation)
               .filter(StockReservation.released.is_(False), StockReservation.expires_at < now).all())
    for r in expired:
        r.released = True
    db.session.commit()
    log.info("expired %d reservations", len(expired))
    return len(expired)


def pick_order(order, user_id=None):
    """Turn reservations into pick movements (stock leaves the bin)."""
    for line in order.lines:
        reservations = StockReservation.query.filter_by(sales_order_line_id=line.id,
                                                        released=False).all()
        for r in reservations:
            lot = lots.get(r.lot_id)
            lot.qty_bottles -= r.qty
            db.session.add(StockMovement(lot_id=lot.id, kind="pick", qty=-r.qty,
                                         from_bin_id=lot.bin_id, reference=order.number,
                                         user_id=user_id))
            r.released = True
    db.session.flush()


def adjust_stock(lot_id, new_qty, reason, user_id=None):
    lot = lots.get(lot_id)
    delta = int(new_qty) - lot.qty_bottles
    if delta == 0:
        return lot
    lot.qty_bottles = int(new_qty)
    db.session.add(StockMovement(lot_id=lot.id, kind="adjust", qty=delta, reference=reason[:40],
                                 from_bin_id=lot.bin_id, user_id=user_id))
    log_action("adjust", "lot", lot.id, user_id, {"delta": delta, "reason": reason})
    db.session.commit()
    return lot


def write_off_breakage(lot_id, bottles, note=None, user_id=None):
    lot = lots.get(lot_id)
    if bottles > lot.qty_bottles:
        raise BusinessRuleError("cannot break more than on hand")
    lot.qty_bottles -= bottles
    db.session.add(StockMovement(lot_id=lot.id, kind="breakage", qty=-bottles,
                                 from_bin_id=lot.bin_id, reference=(note or "breakage")[:40],
                                 user_id=user_id))
    db.session.commit()


def release_from_bond(lot_id, bottles, user_id=None):
    """Duty-paid release of in-bond stock (e.g. transfer to the duty paid warehouse)."""
    lot = lots.get(lot_id)
    if lot.duty_paid:
        raise BusinessRuleError("lot already duty paid")
    movement = StockMovement(lot_id=lot.id, kind="duty_release", qty=-bottles,
                             from_bin_id=lot.bin_id, user_id=user_id)
    db.session.add(movement)
    lot.qty_bottles -= bottles
    db.session.commit()
    return movement


def start_stock_count(warehouse_id, user_id):
    if StockCount.query.filter_by(warehouse_id=warehouse_id, status="open").first():
        raise BusinessRuleError("count already open for warehouse")
    count = StockCount(warehouse_id=warehouse_id, counted_by=user_id)
    db.session.add(count)
    for lot in (db.session.query(Lot).join(Bin).filter(Bin.warehouse_id == warehouse_id,
                                                        Lot.qty_bottles > 0)):
        count.lines.append(StockCountLine(lot_id=lot.id, expected_qty=lot.qty_bottles))
    db.session.commit()
    return count


def close_stock_count(count_id, user_id=None):
    count = db.session.query(StockCount).get(count_id)
    for line in count.lines:
        if line.counted_qty is not None and line.counted_qty != line.expected_qty:
            adjust_stock(line.lot_id, line.counted_qty, "count %s" % count.id, user_id)
    count.status = "closed"
    count.closed_at = datetime.utcnow()
    db.session.commit()


def low_stock_wines(threshold_cases=5):
    from cellar.models.product import Wine
    avail = available_by_wine()
    out = []
    for wine in Wine.query.filter_by(is_active=True, discontinued=False):
        if avail.get(wine.id, 0) < threshold_cases * wine.bottles_per_case:
            out.append((wine, avail.get(wine.id, 0)))
    return out
