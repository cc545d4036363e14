"""
Stock counts (cycle counts + annual full count).
Added 2014 (SP) to replace the Excel sheets.
"""
import common
import money
from dbconn import query, query_one, insert_and_get_id, execute, transaction
from sql_queries import SQL_INSERT_MOVEMENT

log = common.get_logger('rxbo.stocktake')


class CountSheet(object):
    def __init__(self, count_id):
        self.count_id = count_id
        self.header = query_one("SELECT * FROM stock_counts WHERE id = %s", (count_id,))
        self.lines = query("SELECT l.*, p.name, p.ndc FROM stock_count_lines l "
                           "JOIN products p ON p.id = l.product_id WHERE l.stock_count_id = %s "
                           "ORDER BY p.name", (count_id,))

    def is_open(self):
        return self.header and self.header['status'] == 'OPEN'

    def uncounted(self):
        return [l for l in self.lines if l['counted_qty'] is None]


def start_count(branch_id, staff_id, count_type='CYCLE', product_ids=None):
    cid = insert_and_get_id("INSERT INTO stock_counts (branch_id, count_type, status, started_by, started_at) "
                            "VALUES (%s, %s, 'OPEN', %s, NOW())", (branch_id, count_type, staff_id))
    sql = "SELECT product_id, on_hand FROM stock_levels WHERE branch_id = %s"
    args = [branch_id]
    if product_ids:
        sql += " AND product_id IN (" + ','.join(str(int(p)) for p in product_ids) + ")"
    for r in query(sql, args):
        execute("INSERT INTO stock_count_lines (stock_count_id, product_id, expected_qty) VALUES (%s, %s, %s)",
                (cid, r['product_id'], r['on_hand']), commit=False)
    execute("SELECT 1", commit=True)  # flush
    return cid


def record_count_line(count_id, product_id, counted_qty, staff_id):
    n = execute("UPDATE stock_count_lines SET counted_qty = %s, counted_by = %s "
                "WHERE stock_count_id = %s AND product_id = %s", (counted_qty, staff_id, count_id, product_id))
    if not n:
        execute("INSERT INTO stock_count_lines (stock_count_id, product_id, expected_qty, counted_qty, counted_by) "
                "VALUES (%s, %s, 0, %s, %s)", (count_id, product_id, counted_qty, staff_id))


def finalise_count(count_id, staff_id):
    sheet = CountSheet(count_id)
    if not sheet.is_open():
        raise common.ValidationError('count is not open')
    branch_id = sheet.header['branch_id']
    with transaction() as cur:
        for l in sheet.lines:
            if l['counted_qty'] is None:
                continue
            diff = money.to_decimal(l['counted_qty']) - money.to_decimal(l['expected_qty'])
            if diff == 0:
                continue
            cur.execute("UPDATE stock_levels SET on_hand = %s, updated_at = NOW() "
                        "WHERE product_id = %s AND branch_id = %s", (l['counted_qty'], l['product_id'], branch_id))
            cur.execute(SQL_INSERT_MOVEMENT, (l['product_id'], branch_id, None, diff, 'COUNT', 'CNT', count_id,
                                              staff_id, 'stock count'))
        cur.execute("UPDATE stock_counts SET status = 'CLOSED', finalised_at = NOW() WHERE id = %s", (count_id,))


def variance_report(count_id):
    rows = query("SELECT l.product_id, p.name, p.ndc, p.unit_cost, l.expected_qty, l.counted_qty, "
                 "(l.counted_qty - l.expected_qty) AS variance "
                 "FROM stock_count_lines l JOIN products p ON p.id = l.product_id "
                 "WHERE l.stock_count_id = %s AND l.counted_qty IS NOT NULL "
                 "AND l.counted_qty <> l.expected_qty ORDER BY ABS(l.counted_qty - l.expected_qty) DESC",
                 (count_id,))
    for r in rows:
        r['value'] = money.round_money(money.to_decimal(r['variance']) * money.to_decimal(r['unit_cost']))
    return rows
