"""
transport.py - collections (dirty in) and deliveries (clean out) on the day.
"""
import logging

import config
import db
import util
import linen
import notifications

log = logging.getLogger('lhs.transport')


# ---------------------------------------------------------------------------
# collections
# ---------------------------------------------------------------------------

def record_collection(site_id, driver_id, bags, route_id=None, signed_by=None, collected_at=None):
    """bags = [{'barcode':..., 'weight_kg':..., 'category':'BED', 'soil_type':'normal'}, ...]"""
    total = sum(float(b.get('weight_kg') or 0) for b in bags)
    with db.transaction():
        cid = db.insert(
            "INSERT INTO collections (site_id, route_id, driver_id, collected_at, bag_count, total_weight_kg, signed_by) "
            "VALUES (%s, %s, %s, coalesce(%s, now()), %s, %s, %s) RETURNING id",
            (site_id, route_id, driver_id, collected_at, len(bags), round(total, 2), signed_by))
        for b in bags:
            cat = linen.category_id(b['category']) if b.get('category') else None
            db.run("INSERT INTO collection_bags (collection_id, bag_barcode, weight_kg, category_id, soil_type) "
                   "VALUES (%s, %s, %s, %s, %s)",
                   (cid, b['barcode'], b.get('weight_kg'), cat, b.get('soil_type', 'normal')))
    return cid


def receive_collection(collection_id):
    return db.run("UPDATE collections SET status = 'received' WHERE id = %s AND status = 'collected'",
                  (collection_id,))


def bag_by_barcode(barcode):
    return db.fetch_one(
        "SELECT b.*, c.site_id, c.status AS collection_status FROM collection_bags b "
        "JOIN collections c ON c.id = b.collection_id WHERE b.bag_barcode = %s "
        "ORDER BY c.collected_at DESC LIMIT 1", (barcode,))


def collections_for_day(day, route_id=None):
    sql = ("SELECT c.*, s.name AS site_name FROM collections c JOIN customer_sites s ON s.id = c.site_id "
           "WHERE c.collected_at::date = %s")
    args = [day]
    if route_id:
        sql += " AND c.route_id = %s"
        args.append(route_id)
    return db.fetch_all(sql + " ORDER BY c.collected_at", args)


def unreceived_collections(older_than_hours=12):
    return db.fetch_all(
        "SELECT c.*, s.name AS site_name FROM collections c JOIN customer_sites s ON s.id = c.site_id "
        "WHERE c.status = 'collected' AND c.collected_at < now() - interval '%d hours'" % older_than_hours)


# ---------------------------------------------------------------------------
# deliveries
# ---------------------------------------------------------------------------

def deliveries_for_day(day, route_id=None, status=None):
    sql = ("SELECT d.*, s.name AS site_name, s.postcode, r.code AS route_code FROM deliveries d "
           "JOIN customer_sites s ON s.id = d.site_id LEFT JOIN routes r ON r.id = d.route_id "
           "WHERE d.delivery_date = %s")
    args = [day]
    if route_id:
        sql += " AND d.route_id = %s"
        args.append(route_id)
    if status:
        sql += " AND d.status = %s"
        args.append(status)
    return db.fetch_all(sql + " ORDER BY r.code, s.name", args)


def delivery_detail(delivery_id):
    d = db.fetch_one(
        "SELECT d.*, s.name AS site_name, s.customer_id FROM deliveries d "
        "JOIN customer_sites s ON s.id = d.site_id WHERE d.id = %s", (delivery_id,))
    if d:
        d['lines'] = db.fetch_all(
            "SELECT dl.*, lt.sku, lt.description FROM delivery_lines dl JOIN linen_types lt "
            "ON lt.id = dl.linen_type_id WHERE dl.delivery_id = %s ORDER BY lt.sku", (delivery_id,))
    return d


def add_delivery_line(delivery_id, linen_type_id, qty):
    n = db.run("UPDATE delivery_lines SET qty_ordered = qty_ordered + %s WHERE delivery_id = %s "
               "AND linen_type_id = %s", (qty, delivery_id, linen_type_id))
    if not n:
        db.run("INSERT INTO delivery_lines (delivery_id, linen_type_id, qty_ordered) VALUES (%s,%s,%s)",
               (delivery_id, linen_type_id, qty))


def create_adhoc_delivery(site_id, day, lines):
    did = db.insert("INSERT INTO deliveries (site_id, delivery_date) VALUES (%s, %s) RETURNING id", (site_id, day))
    for lt_id, qty in lines.items():
        add_delivery_line(did, lt_id, qty)
    return did


def load_delivery(delivery_id, user_id=None):
    d = delivery_detail(delivery_id)
    if d['status'] != 'planned':
        return False
    with db.transaction():
        for l in d['lines']:
            linen.move_stock(l['linen_type_id'], l['qty_ordered'], 'depot', 'transit',
                             reason='load', ref_table='deliveries', ref_id=delivery_id, user_id=user_id)
        db.run("UPDATE deliveries SET status = 'loaded' WHERE id = %s", (delivery_id,))
    return True


def confirm_delivery(delivery_id, delivered, signed_by=None):
    """delivered = {linen_type_id: qty actually handed over}"""
    d = delivery_detail(delivery_id)
    short = []
    with db.transaction():
        for l in d['lines']:
            qty = int(delivered.get(l['linen_type_id'], l['qty_ordered']))
            db.run("UPDATE delivery_lines SET qty_delivered = %s WHERE id = %s", (qty, l['id']))
            linen.move_stock(l['linen_type_id'], qty, 'transit', 'site', site_id=d['site_id'],
                             reason='delivery', ref_table='deliveries', ref_id=delivery_id)
            if qty < l['qty_ordered']:
                short.append((l, qty))
                # the rest goes back to the depot
                linen.move_stock(l['linen_type_id'], l['qty_ordered'] - qty, 'transit', 'depot',
                                 reason='short_return', ref_table='deliveries', ref_id=delivery_id)
        status = 'short' if short else 'delivered'
        db.run("UPDATE deliveries SET status = %s, delivered_at = now(), signed_by = %s WHERE id = %s",
               (status, signed_by, delivery_id))
    if short:
        notifications.notify_short_delivery(d, short)
    return status


def cancel_delivery(delivery_id):
    d = db.fetch_one("SELECT status, invoiced FROM deliveries WHERE id = %s", (delivery_id,))
    if d['status'] not in ('planned',) or d['invoiced']:
        raise ValueError('cannot cancel delivery in status %s' % d['status'])
    db.run("DELETE FROM delivery_lines WHERE delivery_id = %s", (delivery_id,))
    db.run("DELETE FROM deliveries WHERE id = %s", (delivery_id,))


def short_deliveries(start, end):
    return db.fetch_all(
        "SELECT d.id, d.delivery_date, s.name AS site_name, lt.sku, dl.qty_ordered, dl.qty_delivered "
        "FROM deliveries d JOIN delivery_lines dl ON dl.delivery_id = d.id "
        "JOIN customer_sites s ON s.id = d.site_id JOIN linen_types lt ON lt.id = dl.linen_type_id "
        "WHERE d.status = 'short' AND d.delivery_date BETWEEN %s AND %s AND dl.qty_delivered < dl.qty_ordered "
        "ORDER BY d.delivery_date", (start, end))
