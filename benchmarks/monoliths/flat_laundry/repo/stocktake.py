"""
stocktake.py - counting linen at customer sites (quarterly) and in the depot.
RFID sites can be counted from the tag positions instead of by hand.
"""
import logging

import db
import util
import linen
import rfid

log = logging.getLogger('lhs.stocktake')


def record_count(site_id, linen_type_id, counted_qty, counted_by=None, method='manual', on=None):
    location = 'site' if site_id else 'depot'
    expected = linen.stock_qty(linen_type_id, location, site_id)
    return db.insert(
        "INSERT INTO stocktakes (site_id, linen_type_id, expected_qty, counted_qty, counted_on, counted_by, method) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
        (site_id, linen_type_id, expected, counted_qty, on or util.today(), counted_by, method))


def count_site_from_rfid(site_id, counted_by=None):
    counts = rfid.site_tag_counts(site_id)
    for lt_id, n in counts.items():
        record_count(site_id, lt_id, n, counted_by, method='rfid')
    return counts


def variances(counted_on, site_id=None, min_abs=5):
    sql = ("SELECT st.*, lt.sku, lt.description, lt.replacement_cost, s.name AS site_name, "
           "st.counted_qty - st.expected_qty AS variance FROM stocktakes st "
           "JOIN linen_types lt ON lt.id = st.linen_type_id "
           "LEFT JOIN customer_sites s ON s.id = st.site_id WHERE st.counted_on = %s "
           "AND abs(st.counted_qty - st.expected_qty) >= %s")
    args = [counted_on, min_abs]
    if site_id:
        sql += " AND st.site_id = %s"
        args.append(site_id)
    return db.fetch_all(sql + " ORDER BY s.name, lt.sku", args)


def apply_stocktake(counted_on, site_id=None, user_id=None):
    """post the variances as stock movements so levels match the count"""
    n = 0
    for v in variances(counted_on, site_id, min_abs=1):
        diff = v['variance']
        loc = 'site' if v['site_id'] else 'depot'
        if diff > 0:
            linen.move_stock(v['linen_type_id'], diff, None, loc, site_id=v['site_id'],
                             reason='stocktake', ref_table='stocktakes', ref_id=v['id'], user_id=user_id)
        else:
            linen.move_stock(v['linen_type_id'], -diff, loc, None, site_id=v['site_id'],
                             reason='stocktake', ref_table='stocktakes', ref_id=v['id'], user_id=user_id)
        n += 1
    log.info('applied %d stocktake adjustments for %s', n, counted_on)
    return n


def last_count(site_id, linen_type_id):
    return db.fetch_one(
        "SELECT * FROM stocktakes WHERE site_id = %s AND linen_type_id = %s ORDER BY counted_on DESC LIMIT 1",
        (site_id, linen_type_id))
