"""
Controlled substance register (DEA).  Most writes happen in
dispensing_and_stock.log_controlled_substance; this module is for the
register screens, the biennial inventory and goods-in of CS.
"""
import common
import money
from dbconn import query, query_one, query_scalar, transaction

log = common.get_logger('rxbo.cs')


def cs_schedule_for_product(product_id):
    return query_scalar("SELECT dea_schedule FROM products WHERE id = %s", (product_id,))


def cs_balance(branch_id, product_id):
    bal = query_scalar("SELECT balance_after FROM controlled_substance_log WHERE branch_id = %s "
                       "AND product_id = %s ORDER BY id DESC LIMIT 1", (branch_id, product_id))
    return money.to_decimal(bal)


def record_cs_receipt(cur, branch_id, product_id, qty, goods_receipt_id, staff_id):
    """called inside suppliers.receive_goods' transaction"""
    import dispensing_and_stock
    dispensing_and_stock.log_controlled_substance(cur, branch_id, product_id, 'IN', qty, 'GRN',
                                                  goods_receipt_id, staff_id)


def cs_register(branch_id, product_id, start=None, end=None):
    sql = ("SELECT l.*, s.first_name, s.last_name FROM controlled_substance_log l "
           "LEFT JOIN staff s ON s.id = l.staff_id WHERE l.branch_id = %s AND l.product_id = %s")
    args = [branch_id, product_id]
    if start:
        sql += " AND l.logged_at >= %s"
        args.append(start)
    if end:
        sql += " AND l.logged_at < %s"
        args.append(end)
    return query(sql + " ORDER BY l.id", args)


def cs_discrepancy_check(branch_id):
    """compare register balance with stock_levels.on_hand.  Anything off gets
    emailed to the PIC."""
    rows = query("SELECT sl.product_id, sl.on_hand, p.name, p.dea_schedule FROM stock_levels sl "
                 "JOIN products p ON p.id = sl.product_id "
                 "WHERE sl.branch_id = %s AND p.dea_schedule IS NOT NULL AND p.dea_schedule <> ''", (branch_id,))
    out = []
    for r in rows:
        reg = cs_balance(branch_id, r['product_id'])
        if reg != money.to_decimal(r['on_hand']):
            out.append({'product_id': r['product_id'], 'name': r['name'], 'schedule': r['dea_schedule'],
                        'register': reg, 'on_hand': r['on_hand']})
    return out


def record_cs_count(branch_id, product_id, counted_qty, staff_id):
    """biennial inventory / CII count.  writes an ADJ row if different"""
    bal = cs_balance(branch_id, product_id)
    diff = money.to_decimal(counted_qty) - bal
    if diff == 0:
        return None
    with transaction() as cur:
        cur.execute("INSERT INTO controlled_substance_log (branch_id, product_id, dea_schedule, direction, quantity, "
                    "balance_after, ref_type, staff_id, logged_at) "
                    "VALUES (%s, %s, %s, 'ADJ', %s, %s, 'COUNT', %s, NOW())",
                    (branch_id, product_id, cs_schedule_for_product(product_id), diff, counted_qty, staff_id))
    log.warning('CS count adjustment branch=%s product=%s diff=%s', branch_id, product_id, diff)
    return diff
