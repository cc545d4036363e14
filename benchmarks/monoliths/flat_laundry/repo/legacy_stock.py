"""
legacy_stock.py - OLD stock calculation from before stock_movements existed (2009-2011).
Stock was derived from deliveries minus collections. Replaced by linen.move_stock.
Kept because the year-end reconciliation spreadsheet still calls recalc_site_stock_old
via the 'reconcile' command. TODO: delete after 2014 year end.
"""
import db


class StockCalc(object):
    table = 'stock_levels'

    def __init__(self, site_id):
        self.site_id = site_id
        self.result = {}

    def delivered(self):
        return db.fetch_all(
            "SELECT dl.linen_type_id, sum(coalesce(dl.qty_delivered, dl.qty_ordered)) AS qty "
            "FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id "
            "WHERE d.site_id = %s AND d.status IN ('delivered','short') GROUP BY dl.linen_type_id" % self.site_id)

    def collected_pieces(self):
        # we never recorded pieces on collection, so guess from bag weight by category
        rows = db.fetch_all(
            "SELECT b.category_id, sum(b.weight_kg) AS kg FROM collection_bags b "
            "JOIN collections c ON c.id = b.collection_id WHERE c.site_id = %s GROUP BY b.category_id"
            % self.site_id)
        out = {}
        for r in rows:
            lt = db.fetch_one("SELECT id, weight_g FROM linen_types WHERE category_id = %s ORDER BY id LIMIT 1",
                              (r['category_id'],))
            if lt:
                out[lt['id']] = int(float(r['kg'] or 0) * 1000 / lt['weight_g'])
        return out

    def calc(self):
        coll = self.collected_pieces()
        for r in self.delivered():
            self.result[r['linen_type_id']] = r['qty'] - coll.get(r['linen_type_id'], 0)
        return self.result

    def save(self):
        for lt_id, qty in self.calc().items():
            db.run("UPDATE " + self.table + " SET qty = %s WHERE site_id = %s AND linen_type_id = %s "
                   "AND location = 'site'", (qty, self.site_id, lt_id))


def recalc_site_stock_old(site_id, save=False):
    sc = StockCalc(site_id)
    if save:
        sc.save()
    return sc.calc()


def recalc_all_old():
    for s in db.fetch_all("SELECT id FROM customer_sites WHERE active"):
        recalc_site_stock_old(s['id'], save=False)
