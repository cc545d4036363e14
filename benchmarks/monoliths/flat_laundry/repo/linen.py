"""
linen.py - the linen catalogue, stock levels and movements, par levels.

Also the RFID tagging functions (tag_item etc) because the first RFID pilot
(2013, DK) tagged items at the linen-room bench and this is where it was written.
Read processing is in rfid.py.
"""
import logging

import db
import util
import config
from decorators import memoize

log = logging.getLogger('lhs.linen')

VALID_LOCATIONS = ('depot', 'plant', 'site', 'transit')


# ---------------------------------------------------------------------------
# catalogue
# ---------------------------------------------------------------------------

@memoize(seconds=300)
def categories():
    return db.fetch_all("SELECT * FROM linen_categories ORDER BY code")


def category_id(code):
    for c in categories():
        if c['code'] == code.upper():
            return c['id']
    return None


def get_linen_type(linen_type_id):
    return db.fetch_one(
        "SELECT lt.*, c.code AS category FROM linen_types lt JOIN linen_categories c "
        "ON c.id = lt.category_id WHERE lt.id = %s", (linen_type_id,))


def list_linen_types(category=None, active_only=True):
    sql = ("SELECT lt.*, c.code AS category FROM linen_types lt "
           "JOIN linen_categories c ON c.id = lt.category_id WHERE 1=1")
    if category:
        sql += " AND c.code = '%s'" % category.upper()
    if active_only:
        sql += " AND lt.active"
    return db.fetch_all(sql + " ORDER BY lt.sku")


def create_linen_type(sku, category_code, description, weight_g, colour='white', max_washes=150,
                      replacement_cost=None):
    cid = category_id(category_code)
    if cid is None:
        raise ValueError('unknown category ' + category_code)
    return db.insert(
        "INSERT INTO linen_types (sku, category_id, description, weight_g, colour, max_washes, replacement_cost) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (sku.upper(), cid, description, int(weight_g), colour, max_washes, replacement_cost))


def retire_linen_type(linen_type_id):
    db.run("UPDATE linen_types SET active = false WHERE id = %s", (linen_type_id,))


def replacement_cost(linen_type_id):
    return db.fetch_value("SELECT replacement_cost FROM linen_types WHERE id = %s",
                          (linen_type_id,), 0) or 0


# ---------------------------------------------------------------------------
# stock
# ---------------------------------------------------------------------------

def stock_qty(linen_type_id, location, site_id=None):
    sql = "SELECT coalesce(sum(qty), 0) FROM stock_levels WHERE linen_type_id = %s AND location = %s"
    args = [linen_type_id, location]
    if site_id:
        sql += " AND site_id = %s"
        args.append(site_id)
    return db.fetch_value(sql, args, 0)


def _adjust_level(linen_type_id, location, site_id, delta):
    if site_id:
        n = db.run("UPDATE stock_levels SET qty = qty + %s, updated_at = now() WHERE linen_type_id = %s "
                   "AND location = %s AND site_id = %s", (delta, linen_type_id, location, site_id))
    else:
        n = db.run("UPDATE stock_levels SET qty = qty + %s, updated_at = now() WHERE linen_type_id = %s "
                   "AND location = %s AND site_id IS NULL", (delta, linen_type_id, location))
    if n == 0:
        db.run("INSERT INTO stock_levels (linen_type_id, location, site_id, qty) VALUES (%s, %s, %s, %s)",
               (linen_type_id, location, site_id, delta))


def move_stock(linen_type_id, qty, from_loc, to_loc, site_id=None, reason=None, ref_table=None,
               ref_id=None, user_id=None):
    if from_loc and from_loc not in VALID_LOCATIONS:
        raise ValueError(from_loc)
    if to_loc and to_loc not in VALID_LOCATIONS:
        raise ValueError(to_loc)
    qty = int(qty)
    if qty == 0:
        return
    with db.transaction():
        if from_loc:
            _adjust_level(linen_type_id, from_loc, site_id if from_loc == 'site' else None, -qty)
        if to_loc:
            _adjust_level(linen_type_id, to_loc, site_id if to_loc == 'site' else None, qty)
        db.run(
            "INSERT INTO stock_movements (linen_type_id, qty, from_location, to_location, site_id, reason, "
            "ref_table, ref_id, moved_by) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            (linen_type_id, qty, from_loc, to_loc, site_id, reason, ref_table, ref_id, user_id))


def movement_history(linen_type_id, days=30, site_id=None):
    sql = ("SELECT * FROM stock_movements WHERE linen_type_id = %s "
           "AND moved_at > now() - interval '" + str(int(days)) + " days'")
    args = [linen_type_id]
    if site_id:
        sql += " AND site_id = %s"
        args.append(site_id)
    return db.fetch_all(sql + " ORDER BY moved_at DESC", args)


def stock_position():
    return db.fetch_all("SELECT * FROM v_stock_position ORDER BY sku, location")


def write_off(linen_type_id, qty, reason, site_id=None, location='plant'):
    cost = util.round_money(util.to_decimal(replacement_cost(linen_type_id)) * qty)
    with db.transaction():
        db.run("INSERT INTO write_offs (linen_type_id, qty, reason, site_id, cost) VALUES (%s,%s,%s,%s,%s)",
               (linen_type_id, qty, reason, site_id, cost))
        move_stock(linen_type_id, qty, location, None, site_id=site_id, reason='write_off:' + reason)
    return cost


def write_offs_between(start, end, reason=None):
    sql = ("SELECT w.*, lt.sku, lt.description FROM write_offs w JOIN linen_types lt "
           "ON lt.id = w.linen_type_id WHERE w.written_off_at::date BETWEEN %s AND %s")
    args = [start, end]
    if reason:
        sql += " AND w.reason = %s"
        args.append(reason)
    return db.fetch_all(sql + " ORDER BY w.written_off_at", args)


# ---------------------------------------------------------------------------
# par levels
# ---------------------------------------------------------------------------

def set_par_level(site_id, linen_type_id, par_qty):
    n = db.run("UPDATE par_levels SET par_qty = %s, reviewed_on = current_date "
               "WHERE site_id = %s AND linen_type_id = %s", (par_qty, site_id, linen_type_id))
    if not n:
        db.run("INSERT INTO par_levels (site_id, linen_type_id, par_qty, reviewed_on) "
               "VALUES (%s, %s, %s, current_date)", (site_id, linen_type_id, par_qty))


def clear_par_levels(site_id):
    db.run("UPDATE par_levels SET par_qty = 0, reviewed_on = current_date WHERE site_id = %s", (site_id,))


def par_levels_for_site(site_id):
    return db.fetch_all(
        "SELECT p.*, lt.sku, lt.description, "
        "(SELECT coalesce(sum(qty),0) FROM stock_levels sl WHERE sl.site_id = p.site_id "
        " AND sl.linen_type_id = p.linen_type_id AND sl.location = 'site') AS on_site "
        "FROM par_levels p JOIN linen_types lt ON lt.id = p.linen_type_id "
        "WHERE p.site_id = %s AND p.par_qty > 0 ORDER BY lt.sku", (site_id,))


def top_up_quantities(site_id):
    """what to send to a site to bring it back to par -- used by delivery planning"""
    out = {}
    for p in par_levels_for_site(site_id):
        need = p['par_qty'] - p['on_site']
        if need > 0:
            out[p['linen_type_id']] = need
    return out


def reorder_suggestions(cover=1.2):
    """new stock to buy: total par across sites x cover vs everything we own"""
    return db.fetch_all(
        "SELECT lt.id, lt.sku, lt.description, p.total_par, coalesce(s.total_stock,0) AS total_stock "
        "FROM linen_types lt "
        "JOIN (SELECT linen_type_id, sum(par_qty) AS total_par FROM par_levels GROUP BY linen_type_id) p "
        "  ON p.linen_type_id = lt.id "
        "LEFT JOIN (SELECT linen_type_id, sum(qty) AS total_stock FROM stock_levels GROUP BY linen_type_id) s "
        "  ON s.linen_type_id = lt.id "
        "WHERE coalesce(s.total_stock,0) < p.total_par * %s ORDER BY lt.sku", (cover,))


# ---------------------------------------------------------------------------
# RFID tagging (pilot 2013)
# ---------------------------------------------------------------------------

def tag_item(epc, linen_type_id, tag_batch_id=None):
    epc = epc.strip().upper()
    existing = db.fetch_one("SELECT id, status FROM rfid_tags WHERE epc = %s", (epc,))
    if existing:
        if existing['status'] == 'active':
            raise ValueError('tag %s already in use' % epc)
        db.run("UPDATE rfid_tags SET linen_type_id = %s, status = 'active', wash_count = 0, "
               "site_id = NULL, last_location = 'depot' WHERE id = %s", (linen_type_id, existing['id']))
        return existing['id']
    return db.insert(
        "INSERT INTO rfid_tags (epc, linen_type_id, tag_batch_id, last_location) "
        "VALUES (%s, %s, %s, 'depot') RETURNING id", (epc, linen_type_id, tag_batch_id))


def bulk_tag(linen_type_id, first_epc, count, tag_batch_id=None):
    base = int(first_epc, 16)
    width = len(first_epc)
    made = 0
    for i in range(count):
        epc = ('%0' + str(width) + 'X') % (base + i)
        try:
            tag_item(epc, linen_type_id, tag_batch_id)
            made += 1
        except ValueError as e:
            log.warning('bulk_tag: %s', e)
    return made


def retire_tag(epc, reason='worn'):
    t = db.fetch_one("SELECT * FROM rfid_tags WHERE epc = %s", (epc,))
    if not t:
        return False
    db.run("UPDATE rfid_tags SET status = 'retired' WHERE id = %s", (t['id'],))
    if reason in ('worn', 'condemned', 'damaged'):
        write_off(t['linen_type_id'], 1, 'condemned', location=t['last_location'] or 'plant')
    return True


def tags_for_site(site_id, status='active'):
    return db.fetch_all(
        "SELECT t.*, lt.sku FROM rfid_tags t LEFT JOIN linen_types lt ON lt.id = t.linen_type_id "
        "WHERE t.site_id = %s AND t.status = %s ORDER BY t.last_seen_at", (site_id, status))


def tags_over_wash_limit():
    return db.fetch_all(
        "SELECT t.epc, t.wash_count, lt.sku, lt.max_washes FROM rfid_tags t "
        "JOIN linen_types lt ON lt.id = t.linen_type_id "
        "WHERE t.status = 'active' AND t.wash_count >= lt.max_washes ORDER BY t.wash_count DESC")


# ---------------------------------------------------------------------------
# catalogue / stock extras
# ---------------------------------------------------------------------------

class LinenError(Exception):
    pass


def linen_type_by_sku(sku):
    return db.fetch_one("SELECT * FROM linen_types WHERE sku = %s", (sku.strip().upper(),))


def update_linen_type(linen_type_id, **kw):
    cols = [c for c in ('description', 'weight_g', 'colour', 'max_washes', 'replacement_cost') if c in kw]
    if not cols:
        return
    db.run("UPDATE linen_types SET " + ", ".join("%s = %%s" % c for c in cols) + " WHERE id = %s",
           [kw[c] for c in cols] + [linen_type_id])
    categories.clear()


def site_stock(site_id):
    return db.fetch_all(
        "SELECT sl.linen_type_id, lt.sku, lt.description, sl.qty FROM stock_levels sl "
        "JOIN linen_types lt ON lt.id = sl.linen_type_id WHERE sl.site_id = %s AND sl.location = 'site' "
        "AND sl.qty <> 0 ORDER BY lt.sku", (site_id,))


def depot_stock():
    return db.fetch_all(
        "SELECT lt.id, lt.sku, lt.description, coalesce(sl.qty, 0) AS qty FROM linen_types lt "
        "LEFT JOIN stock_levels sl ON sl.linen_type_id = lt.id AND sl.location = 'depot' "
        "WHERE lt.active ORDER BY lt.sku")


def transfer_between_sites(linen_type_id, qty, from_site_id, to_site_id, user_id=None):
    """hotel groups move linen between their own hotels. No charge."""
    if stock_qty(linen_type_id, 'site', from_site_id) < qty:
        raise LinenError('not enough at site %s' % from_site_id)
    with db.transaction():
        move_stock(linen_type_id, qty, 'site', 'transit', site_id=from_site_id, reason='site_transfer', user_id=user_id)
        move_stock(linen_type_id, qty, 'transit', 'site', site_id=to_site_id, reason='site_transfer', user_id=user_id)


def stock_value():
    return db.fetch_value(
        "SELECT coalesce(sum(sl.qty * lt.replacement_cost), 0) FROM stock_levels sl "
        "JOIN linen_types lt ON lt.id = sl.linen_type_id WHERE sl.qty > 0", None, 0)


def par_review_due(days=180):
    return db.fetch_all(
        "SELECT p.site_id, s.name AS site_name, min(p.reviewed_on) AS last_review FROM par_levels p "
        "JOIN customer_sites s ON s.id = p.site_id WHERE s.active AND p.par_qty > 0 "
        "AND (p.reviewed_on IS NULL OR p.reviewed_on < current_date - %s) GROUP BY p.site_id, s.name "
        "ORDER BY last_review NULLS FIRST", (days,))


def suggest_par_from_usage(site_id, weeks=8, cover=2.5):
    """par = average weekly delivered x cover. Ops use this as a starting point."""
    rows = db.fetch_all(
        "SELECT dl.linen_type_id, sum(dl.qty_delivered) AS qty FROM delivery_lines dl "
        "JOIN deliveries d ON d.id = dl.delivery_id WHERE d.site_id = %s "
        "AND d.delivery_date > current_date - " + str(int(weeks) * 7) + " GROUP BY dl.linen_type_id",
        (site_id,))
    return dict((r['linen_type_id'], int(round(float(r['qty'] or 0) / weeks * cover))) for r in rows)


def categories_with_counts():
    return db.fetch_all(
        "SELECT c.id, c.code, c.name, count(lt.id) AS types FROM linen_categories c "
        "LEFT JOIN linen_types lt ON lt.category_id = c.id AND lt.active GROUP BY c.id, c.code, c.name ORDER BY c.code")


def uplift_replacement_costs(pct, category_code=None):
    sql = "UPDATE linen_types SET replacement_cost = round(replacement_cost * %s, 2) WHERE active"
    args = [1 + float(pct) / 100.0]
    if category_code:
        sql += " AND category_id = %s"
        args.append(category_id(category_code))
    return db.run(sql, args)


def movement_summary(day):
    return db.fetch_all(
        "SELECT reason, from_location, to_location, sum(qty) AS qty FROM stock_movements "
        "WHERE moved_at::date = %s GROUP BY reason, from_location, to_location ORDER BY reason", (day,))


def depot_shortages(for_date):
    """planned deliveries for a day vs what's clean in the depot"""
    return db.fetch_all(
        "SELECT lt.sku, lt.description, sum(dl.qty_ordered) AS needed, "
        "(SELECT coalesce(sum(qty),0) FROM stock_levels sl WHERE sl.linen_type_id = lt.id AND sl.location = 'depot') AS in_depot "
        "FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id JOIN linen_types lt ON lt.id = dl.linen_type_id "
        "WHERE d.delivery_date = %s AND d.status = 'planned' GROUP BY lt.id, lt.sku, lt.description "
        "HAVING sum(dl.qty_ordered) > (SELECT coalesce(sum(qty),0) FROM stock_levels sl WHERE sl.linen_type_id = lt.id "
        "AND sl.location = 'depot') ORDER BY lt.sku", (for_date,))


# ---------------------------------------------------------------------------
# RFID extras
# ---------------------------------------------------------------------------

class TagCache(object):
    """epc -> tag row cache for bulk jobs. Not thread safe."""
    table = 'rfid_tags'

    def __init__(self):
        self._cache = {}

    def load(self, epcs):
        missing = [e for e in epcs if e not in self._cache]
        for chunk in util.chunks(missing, 1000):
            ids, args = db.sql_in(chunk)
            for r in db.fetch_all("SELECT * FROM " + self.table + " WHERE epc IN " + ids, args):
                self._cache[r['epc']] = r

    def get(self, epc):
        if epc not in self._cache:
            self.load([epc])
        return self._cache.get(epc)


def lookup_tag(epc):
    return db.fetch_one(
        "SELECT t.*, lt.sku, lt.description, s.name AS site_name FROM rfid_tags t "
        "LEFT JOIN linen_types lt ON lt.id = t.linen_type_id LEFT JOIN customer_sites s ON s.id = t.site_id "
        "WHERE t.epc = %s", (epc.strip().upper(),))


def swap_tag(old_epc, new_epc):
    """tag fell off / got cooked - re-tag the same item keeping its wash count"""
    old = lookup_tag(old_epc)
    if not old:
        raise LinenError('unknown tag ' + old_epc)
    with db.transaction():
        new_id = tag_item(new_epc, old['linen_type_id'])
        db.run("UPDATE rfid_tags SET wash_count = %s, site_id = %s, last_location = %s WHERE id = %s",
               (old['wash_count'], old['site_id'], old['last_location'], new_id))
        db.run("UPDATE rfid_tags SET status = 'retired' WHERE id = %s", (old['id'],))
    return new_id


def tag_summary_by_type():
    return db.fetch_all(
        "SELECT lt.sku, t.status, t.last_location, count(*) AS n, avg(t.wash_count) AS avg_washes "
        "FROM rfid_tags t JOIN linen_types lt ON lt.id = t.linen_type_id "
        "GROUP BY lt.sku, t.status, t.last_location ORDER BY lt.sku")


def tags_not_seen(days=14, location=None):
    sql = "SELECT * FROM rfid_tags WHERE status = 'active' AND last_seen_at < now() - interval '%d days'" % int(days)
    if location:
        sql += " AND last_location = '%s'" % location
    return db.fetch_all(sql + " ORDER BY last_seen_at")
