"""
dispensing_and_stock.py

Fill queue / fill / verify / collect, plus the stock handling the fill needs.
Was two files (dispense.py, stock.py) until 2012 when they were merged to
"fix" a circular import.  MR.

Flow:  QUEUED -> FILLING -> FILLED -> VERIFIED (pharmacist) -> READY -> COLLECTED
                                  \-> REJECTED (back to QUEUED after fix)
       READY for > 14 days -> RETURNED (misc_jobs.job_return_uncollected)
"""
import datetime

import barcode
import common
import constants
import dt_helpers
import labels
import money
from common import AppError, NotFound, ValidationError, audit
from constants import FillStatus
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id, transaction
from sql_queries import SQL_STOCK_FOR_PRODUCT, SQL_FEFO_BATCHES, SQL_INSERT_MOVEMENT

log = common.get_logger('rxbo.dispense')


class DispenseError(AppError):
    http_status = 409


class StockError(AppError):
    http_status = 409


# ===========================================================================
# PRODUCTS / PRICES
# ===========================================================================

def get_product(product_id):
    p = query_one("SELECT * FROM products WHERE id = %s", (product_id,))
    if not p:
        raise NotFound('product %s' % product_id)
    return p


def get_product_by_ndc(ndc):
    ndc = ''.join(c for c in (ndc or '') if c.isdigit())
    return query_one("SELECT * FROM products WHERE ndc = %s", (ndc,))


def find_product(code):
    """accepts NDC (with or without dashes), UPC, or a GS1 datamatrix string"""
    code = (code or '').strip()
    if not code:
        return None
    if code.startswith(']d2') or code.startswith('01'):
        gs1 = barcode.parse_gs1(code)
        if gs1.get('gtin'):
            code = gs1['gtin']
    p = get_product_by_ndc(code)
    if p:
        return p
    p = query_one("SELECT * FROM products WHERE upc = %s OR upc = %s", (code, code.lstrip('0')))
    if p:
        return p
    ndc = barcode.upc_to_ndc(code) if code.isdigit() else None
    if ndc:
        return get_product_by_ndc(ndc)
    return None


def product_price(product_id, price_type='retail', on_date=None):
    on_date = on_date or dt_helpers.today()
    price = query_scalar(
        "SELECT price FROM product_prices WHERE product_id = %s AND price_type = %s "
        "AND (effective_from IS NULL OR effective_from <= %s) "
        "AND (effective_to IS NULL OR effective_to >= %s) "
        "ORDER BY effective_from DESC LIMIT 1", (product_id, price_type, on_date, on_date))
    if price is None and price_type != 'retail':
        return product_price(product_id, 'retail', on_date)
    return money.to_decimal(price)


def set_product_price(product_id, price_type, price, effective_from=None):
    effective_from = effective_from or dt_helpers.today()
    with transaction() as cur:
        cur.execute("UPDATE product_prices SET effective_to = DATE_SUB(%s, INTERVAL 1 DAY) "
                    "WHERE product_id = %s AND price_type = %s AND effective_to IS NULL",
                    (effective_from, product_id, price_type))
        cur.execute("INSERT INTO product_prices (product_id, price_type, price, effective_from) "
                    "VALUES (%s, %s, %s, %s)", (product_id, price_type, money.to_decimal(price), effective_from))


# ===========================================================================
# STOCK
# ===========================================================================

def get_stock_level(product_id, branch_id):
    row = query_one(SQL_STOCK_FOR_PRODUCT, (product_id, branch_id))
    if not row:
        return {'on_hand': 0, 'allocated': 0, 'available': 0, 'min_level': 0, 'max_level': 0}
    row['available'] = row['on_hand'] - row['allocated']
    return row


def _ensure_stock_row(cur, product_id, branch_id):
    cur.execute("INSERT IGNORE INTO stock_levels (product_id, branch_id, on_hand, allocated, updated_at) "
                "VALUES (%s, %s, 0, 0, NOW())", (product_id, branch_id))


def record_movement(cur, product_id, branch_id, qty, movement_type, ref_type=None, ref_id=None,
                    batch_id=None, staff_id=None, note=None):
    if movement_type not in constants.MOVEMENT_TYPES:
        raise StockError('bad movement type %s' % movement_type)
    cur.execute(SQL_INSERT_MOVEMENT, (product_id, branch_id, batch_id, qty, movement_type,
                                      ref_type, ref_id, staff_id, note))


def _decrement_stock(cur, product_id, branch_id, qty, batch_id, ref_type, ref_id, staff_id,
                     movement_type='DISPENSE'):
    _ensure_stock_row(cur, product_id, branch_id)
    cur.execute("UPDATE stock_levels SET on_hand = on_hand - %s, updated_at = NOW() "
                "WHERE product_id = %s AND branch_id = %s", (qty, product_id, branch_id))
    if batch_id:
        cur.execute("UPDATE stock_batches SET qty_remaining = GREATEST(qty_remaining - %s, 0) WHERE id = %s",
                    (qty, batch_id))
    record_movement(cur, product_id, branch_id, -qty, movement_type, ref_type, ref_id, batch_id, staff_id)


def _increment_stock(cur, product_id, branch_id, qty, batch_id, ref_type, ref_id, staff_id,
                     movement_type='RETURN'):
    _ensure_stock_row(cur, product_id, branch_id)
    cur.execute("UPDATE stock_levels SET on_hand = on_hand + %s, updated_at = NOW() "
                "WHERE product_id = %s AND branch_id = %s", (qty, product_id, branch_id))
    if batch_id:
        cur.execute("UPDATE stock_batches SET qty_remaining = qty_remaining + %s WHERE id = %s", (qty, batch_id))
    record_movement(cur, product_id, branch_id, qty, movement_type, ref_type, ref_id, batch_id, staff_id)


def adjust_stock(product_id, branch_id, qty, reason, staff_id=None):
    """manual adjustment (+/-).  Reason is required since the 2014 audit."""
    if not reason:
        raise ValidationError('reason required')
    with transaction() as cur:
        if qty < 0:
            _decrement_stock(cur, product_id, branch_id, -qty, None, 'ADJ', None, staff_id, 'ADJUST')
        else:
            _increment_stock(cur, product_id, branch_id, qty, None, 'ADJ', None, staff_id, 'ADJUST')
        cur.execute("UPDATE stock_movements SET note = %s WHERE id = LAST_INSERT_ID()", (reason,))
    audit('stock.adjust', 'product', product_id, branch=branch_id, qty=qty, reason=reason)


def select_batch_for_fill(product_id, branch_id, qty):
    """FEFO.  Returns the batch id to pick from, or None if we don't track batches
    for this product at this branch (pre-2013 stock)."""
    batches = query(SQL_FEFO_BATCHES, (product_id, branch_id))
    if not batches:
        return None
    for b in batches:
        if b['qty_remaining'] >= qty:
            return b['id']
    # no single batch covers it - take the earliest expiring and let the tech split
    return batches[0]['id']


def receive_batch(cur, product_id, branch_id, lot_number, expiry_date, qty, goods_receipt_id=None, staff_id=None):
    """called from suppliers.receive_goods inside its transaction"""
    cur.execute("INSERT INTO stock_batches (product_id, branch_id, lot_number, expiry_date, qty_received, "
                "qty_remaining, goods_receipt_id, received_at, status) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, NOW(), 'OK')",
                (product_id, branch_id, lot_number, expiry_date, qty, qty, goods_receipt_id))
    batch_id = cur.lastrowid
    _ensure_stock_row(cur, product_id, branch_id)
    cur.execute("UPDATE stock_levels SET on_hand = on_hand + %s, updated_at = NOW() "
                "WHERE product_id = %s AND branch_id = %s", (qty, product_id, branch_id))
    record_movement(cur, product_id, branch_id, qty, 'RECEIPT', 'GRN', goods_receipt_id, batch_id, staff_id)
    return batch_id


def get_batches(product_id, branch_id, include_empty=False):
    sql = "SELECT * FROM stock_batches WHERE product_id = %s AND branch_id = %s"
    if not include_empty:
        sql += " AND qty_remaining > 0"
    return query(sql + " ORDER BY expiry_date", (product_id, branch_id))


def expiring_batches(branch_id, days=90):
    return query("SELECT b.*, p.name, p.ndc, p.strength FROM stock_batches b "
                 "JOIN products p ON p.id = b.product_id "
                 "WHERE b.branch_id = %s AND b.qty_remaining > 0 AND b.status = 'OK' "
                 "AND b.expiry_date <= DATE_ADD(CURDATE(), INTERVAL %s DAY) ORDER BY b.expiry_date",
                 (branch_id, days))


def quarantine_batch(batch_id, reason, staff_id=None):
    execute("UPDATE stock_batches SET status = 'QUARANTINE' WHERE id = %s", (batch_id,))
    audit('stock.quarantine', 'batch', batch_id, reason=reason, staff=staff_id)


def write_off_expired(branch_id, staff_id=None):
    batches = query("SELECT * FROM stock_batches WHERE branch_id = %s AND qty_remaining > 0 "
                    "AND (expiry_date < CURDATE() OR status = 'QUARANTINE')", (branch_id,))
    with transaction() as cur:
        for b in batches:
            _decrement_stock(cur, b['product_id'], branch_id, b['qty_remaining'], b['id'], 'WRITEOFF', None,
                             staff_id, 'WRITEOFF')
            cur.execute("UPDATE stock_batches SET status = 'WRITTEN_OFF' WHERE id = %s", (b['id'],))
    return len(batches)


def transfer_stock(product_id, from_branch, to_branch, qty, staff_id):
    avail = get_stock_level(product_id, from_branch)['available']
    if avail < qty:
        raise StockError('only %s available' % avail)
    with transaction() as cur:
        _decrement_stock(cur, product_id, from_branch, qty, None, 'XFER', to_branch, staff_id, 'TRANSFER')
        _increment_stock(cur, product_id, to_branch, qty, None, 'XFER', from_branch, staff_id, 'TRANSFER')


def reorder_needed(branch_id):
    """products at or below min level.  qty_to_order rounds up to max."""
    return query("SELECT sl.product_id, sl.on_hand, sl.allocated, sl.min_level, sl.max_level, "
                 "(sl.max_level - sl.on_hand + sl.allocated) AS qty_to_order, p.name, p.ndc "
                 "FROM stock_levels sl JOIN products p ON p.id = sl.product_id "
                 "WHERE sl.branch_id = %s AND p.discontinued = 0 AND sl.max_level > 0 "
                 "AND (sl.on_hand - sl.allocated) <= sl.min_level", (branch_id,))


def stock_snapshot(branch_id):
    return query("SELECT product_id, on_hand, allocated FROM stock_levels WHERE branch_id = %s", (branch_id,))


# ===========================================================================
# DISPENSING
# ===========================================================================

def get_dispense_event(event_id):
    ev = query_one("SELECT * FROM dispense_events WHERE id = %s", (event_id,))
    if not ev:
        raise NotFound('dispense event %s' % event_id)
    return ev


def queue_for_dispensing(item_id, branch_id, collection_order_id=None):
    item = query_one("SELECT pi.*, rx.patient_id FROM prescription_items pi "
                     "JOIN prescriptions rx ON rx.id = pi.prescription_id WHERE pi.id = %s", (item_id,))
    if not item:
        raise NotFound('rx item %s' % item_id)
    open_ev = query_scalar("SELECT id FROM dispense_events WHERE prescription_item_id = %s "
                           "AND status IN ('QUEUED','FILLING','FILLED','VERIFIED','READY')", (item_id,))
    if open_ev:
        return open_ev
    with transaction() as cur:
        cur.execute("INSERT INTO dispense_events (prescription_item_id, patient_id, branch_id, product_id, "
                    "collection_order_id, quantity, status, queued_at) "
                    "VALUES (%s, %s, %s, %s, %s, %s, 'QUEUED', NOW())",
                    (item_id, item['patient_id'], branch_id, item['product_id'], collection_order_id,
                     item['quantity']))
        ev_id = cur.lastrowid
        _ensure_stock_row(cur, item['product_id'], branch_id)
        cur.execute("UPDATE stock_levels SET allocated = allocated + %s WHERE product_id = %s AND branch_id = %s",
                    (item['quantity'], item['product_id'], branch_id))
    return ev_id


def get_queue(branch_id, status=None):
    sql = ("SELECT de.*, pa.first_name, pa.last_name, p.name AS product_name, p.strength, p.ndc, "
           "rx.rx_number, pi.sig FROM dispense_events de "
           "JOIN patients pa ON pa.id = de.patient_id "
           "JOIN products p ON p.id = de.product_id "
           "JOIN prescription_items pi ON pi.id = de.prescription_item_id "
           "JOIN prescriptions rx ON rx.id = pi.prescription_id "
           "WHERE de.branch_id = %s")
    args = [branch_id]
    if status:
        sql += " AND de.status = %s"
        args.append(status)
    else:
        sql += " AND de.status IN ('QUEUED','FILLING','FILLED','REJECTED')"
    sql += " ORDER BY de.queued_at"
    return query(sql, args)


def start_fill(event_id, staff_id):
    n = execute("UPDATE dispense_events SET status = 'FILLING', filled_by = %s "
                "WHERE id = %s AND status IN ('QUEUED','REJECTED')", (staff_id, event_id))
    if not n:
        raise DispenseError('event %s is not fillable' % event_id)


def _verify_scan(ev, scanned_code):
    if not scanned_code:
        return
    p = find_product(scanned_code)
    if p is None or p['id'] != ev['product_id']:
        audit('dispense.wrong_scan', 'dispense_event', ev['id'], scanned=scanned_code)
        raise DispenseError('scanned product does not match prescription (scanned %s)' % scanned_code)


def complete_fill(event_id, staff_id, qty=None, scanned_code=None):
    ev = get_dispense_event(event_id)
    if ev['status'] != FillStatus.FILLING:
        raise DispenseError('not being filled')
    _verify_scan(ev, scanned_code)
    qty = money.to_decimal(qty or ev['quantity'])
    batch_id = select_batch_for_fill(ev['product_id'], ev['branch_id'], qty)
    price = money.round_money(product_price(ev['product_id']) * qty)
    item = query_one("SELECT days_supply, refills_used, last_filled_at FROM prescription_items WHERE id = %s",
                     (ev['prescription_item_id'],))
    with transaction() as cur:
        _decrement_stock(cur, ev['product_id'], ev['branch_id'], qty, batch_id, 'DISP', event_id, staff_id)
        cur.execute("UPDATE stock_levels SET allocated = GREATEST(allocated - %s, 0) "
                    "WHERE product_id = %s AND branch_id = %s", (ev['quantity'], ev['product_id'], ev['branch_id']))
        cur.execute("UPDATE dispense_events SET status = 'FILLED', quantity = %s, batch_id = %s, "
                    "filled_at = NOW(), price = %s WHERE id = %s", (qty, batch_id, price, event_id))
        # bump refill counter.  first fill doesn't count as a refill.
        refill_inc = 1 if item['last_filled_at'] else 0
        cur.execute("UPDATE prescription_items SET refills_used = refills_used + %s, last_filled_at = NOW(), "
                    "next_due_date = DATE_ADD(CURDATE(), INTERVAL %s DAY) WHERE id = %s",
                    (refill_inc, int((item['days_supply'] or 30) * 0.8), ev['prescription_item_id']))
        if common.is_controlled(ev['product_id']):
            log_controlled_substance(cur, ev['branch_id'], ev['product_id'], 'OUT', qty, 'DISP', event_id, staff_id)
    try:
        labels.print_label(event_id, staff_id)
    except Exception:
        log.exception('label print failed for %s', event_id)
    return event_id


def pharmacist_verify(event_id, pharmacist_id, notes=None):
    import admin
    import insurance
    ev = get_dispense_event(event_id)
    if ev['status'] != FillStatus.FILLED:
        raise DispenseError('not filled')
    if ev['filled_by'] == pharmacist_id and not admin.is_pharmacist_on_duty(ev['branch_id'], exclude=pharmacist_id):
        # sole pharmacist can self-check, but it's flagged
        notes = (notes or '') + ' [SELF-CHECK]'
    with transaction() as cur:
        cur.execute("INSERT INTO pharmacist_checks (dispense_event_id, pharmacist_id, check_type, result, "
                    "notes, checked_at) VALUES (%s, %s, 'FINAL', 'PASS', %s, NOW())",
                    (event_id, pharmacist_id, notes))
        cur.execute("UPDATE dispense_events SET status = 'VERIFIED', verified_by = %s, verified_at = NOW() "
                    "WHERE id = %s", (pharmacist_id, event_id))
    # bill the insurance now that it's verified.  cash patients get copay = price.
    copay = insurance.bill_dispense_event(event_id)
    execute("UPDATE dispense_events SET copay = %s, status = 'READY' WHERE id = %s", (copay, event_id))
    if ev['collection_order_id']:
        _maybe_mark_collection_ready(ev['collection_order_id'])
    return copay


def reject_fill(event_id, pharmacist_id, reason):
    ev = get_dispense_event(event_id)
    with transaction() as cur:
        cur.execute("INSERT INTO pharmacist_checks (dispense_event_id, pharmacist_id, check_type, result, "
                    "notes, checked_at) VALUES (%s, %s, 'FINAL', 'FAIL', %s, NOW())",
                    (event_id, pharmacist_id, reason))
        if ev['status'] == FillStatus.FILLED:
            _increment_stock(cur, ev['product_id'], ev['branch_id'], ev['quantity'], ev['batch_id'],
                             'DISP', event_id, pharmacist_id)
        cur.execute("UPDATE dispense_events SET status = 'REJECTED' WHERE id = %s", (event_id,))


def record_counselling(event_id, pharmacist_id, accepted, notes=None):
    insert_and_get_id("INSERT INTO counselling_log (dispense_event_id, pharmacist_id, offered, accepted, notes, "
                      "logged_at) VALUES (%s, %s, 1, %s, %s, NOW())",
                      (event_id, pharmacist_id, 1 if accepted else 0, notes))


def ready_for_collection(branch_id, patient_id=None):
    sql = ("SELECT de.id, de.patient_id, de.copay, de.bin_location, de.verified_at, p.name AS product_name "
           "FROM dispense_events de JOIN products p ON p.id = de.product_id "
           "WHERE de.branch_id = %s AND de.status = 'READY'")
    args = [branch_id]
    if patient_id:
        sql += " AND de.patient_id = %s"
        args.append(patient_id)
    return query(sql, args)


def mark_collected(event_id, staff_id, counselling_accepted=None):
    import insurance
    ev = get_dispense_event(event_id)
    if ev['status'] != FillStatus.READY:
        raise DispenseError('not ready for collection')
    if common.is_controlled(ev['product_id']):
        # ID check is done at the till, we just record who handed over
        audit('dispense.cs_handover', 'dispense_event', event_id, staff=staff_id)
    execute("UPDATE dispense_events SET status = 'COLLECTED', collected_at = NOW() WHERE id = %s", (event_id,))
    if counselling_accepted is not None:
        record_counselling(event_id, staff_id, counselling_accepted)
    if ev['collection_order_id']:
        execute("UPDATE collection_orders SET status = 'COLLECTED', collected_at = NOW() "
                "WHERE id = %s AND NOT EXISTS (SELECT 1 FROM dispense_events WHERE collection_order_id = %s "
                "AND status NOT IN ('COLLECTED','RETURNED'))", (ev['collection_order_id'], ev['collection_order_id']))
    # loyalty points on the copay
    try:
        insurance.award_points_for_copay(ev['patient_id'], ev['copay'], event_id)
    except Exception:
        log.exception('points award failed for event %s', event_id)


def return_to_stock(event_id, reason='UNCOLLECTED', staff_id=None):
    import insurance
    ev = get_dispense_event(event_id)
    if ev['status'] not in (FillStatus.READY, FillStatus.VERIFIED, FillStatus.FILLED):
        raise DispenseError('cannot return event in status %s' % ev['status'])
    with transaction() as cur:
        _increment_stock(cur, ev['product_id'], ev['branch_id'], ev['quantity'], ev['batch_id'],
                         'RTS', event_id, staff_id)
        cur.execute("UPDATE dispense_events SET status = 'RETURNED', return_reason = %s WHERE id = %s",
                    (reason, event_id))
        # give the refill back
        cur.execute("UPDATE prescription_items SET refills_used = GREATEST(refills_used - 1, 0), "
                    "next_due_date = CURDATE() WHERE id = %s", (ev['prescription_item_id'],))
        if common.is_controlled(ev['product_id']):
            log_controlled_substance(cur, ev['branch_id'], ev['product_id'], 'IN', ev['quantity'], 'RTS',
                                     event_id, staff_id)
    insurance.reverse_claim_for_event(event_id)


def _maybe_mark_collection_ready(collection_order_id):
    pending = query_scalar("SELECT COUNT(*) FROM dispense_events WHERE collection_order_id = %s "
                           "AND status NOT IN ('READY','COLLECTED','RETURNED')", (collection_order_id,))
    if pending == 0:
        execute("UPDATE collection_orders SET status = 'READY', ready_at = NOW() WHERE id = %s",
                (collection_order_id,))
        import web  # for the notification text, yuck
        web.notify_collection_ready(collection_order_id)


def log_controlled_substance(cur, branch_id, product_id, direction, qty, ref_type, ref_id, staff_id):
    """CS perpetual inventory.  Note: balance_after is computed from the log, not from stock_levels,
    because the DEA inspector wants the log to be self-consistent."""
    cur.execute("SELECT balance_after FROM controlled_substance_log WHERE branch_id = %s AND product_id = %s "
                "ORDER BY id DESC LIMIT 1 FOR UPDATE", (branch_id, product_id))
    last = cur.fetchone()
    bal = money.to_decimal(last['balance_after'] if last else 0)
    qty = money.to_decimal(qty)
    bal = bal - qty if direction == 'OUT' else bal + qty
    cur.execute("SELECT dea_schedule FROM products WHERE id = %s", (product_id,))
    sched = cur.fetchone()['dea_schedule']
    cur.execute("INSERT INTO controlled_substance_log (branch_id, product_id, dea_schedule, direction, quantity, "
                "balance_after, ref_type, ref_id, staff_id, logged_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, NOW())",
                (branch_id, product_id, sched, direction, qty, bal, ref_type, ref_id, staff_id))
    if bal < 0:
        log.error('NEGATIVE CS BALANCE branch=%s product=%s', branch_id, product_id)


def dispense_history_for_patient(patient_id, limit=50):
    return query("SELECT de.id, de.status, de.filled_at, de.collected_at, de.quantity, de.copay, "
                 "p.name AS product_name, p.strength, rx.rx_number, b.code AS branch_code "
                 "FROM dispense_events de JOIN products p ON p.id = de.product_id "
                 "JOIN prescription_items pi ON pi.id = de.prescription_item_id "
                 "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                 "JOIN branches b ON b.id = de.branch_id "
                 "WHERE de.patient_id = %s ORDER BY de.filled_at DESC LIMIT %s", (patient_id, limit))


def fill_stats_today(branch_id):
    return query_one("SELECT SUM(status = 'QUEUED') AS queued, SUM(status = 'FILLING') AS filling, "
                     "SUM(status = 'FILLED') AS awaiting_check, SUM(status = 'READY') AS ready, "
                     "SUM(DATE(collected_at) = CURDATE()) AS collected_today "
                     "FROM dispense_events WHERE branch_id = %s", (branch_id,))
