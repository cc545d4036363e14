"""
routes.py - van routes, stops and delivery planning.
(not Flask routes! those are in app.py. Yes it's confusing. KT)
"""
import datetime
import logging

import config
import db
import util
import dates
import linen

log = logging.getLogger('lhs.routes')


# ---------------------------------------------------------------------------
# vans
# ---------------------------------------------------------------------------

def list_vans(depot=None, active_only=True):
    sql = "SELECT * FROM vans WHERE 1=1"
    if active_only:
        sql += " AND active"
    if depot:
        sql += " AND depot = '" + depot + "'"
    return db.fetch_all(sql + " ORDER BY reg_no")


def add_van(reg_no, capacity_kg, depot=None, mot_due=None):
    return db.insert("INSERT INTO vans (reg_no, capacity_kg, depot, mot_due) VALUES (%s,%s,%s,%s) RETURNING id",
                     (reg_no.upper().replace(' ', ''), capacity_kg, depot or config.DEFAULT_DEPOT, mot_due))


def retire_van(van_id):
    db.run("UPDATE vans SET active = false WHERE id = %s", (van_id,))
    db.run("UPDATE routes SET van_id = NULL WHERE van_id = %s", (van_id,))


def vans_mot_due(days=30):
    return db.fetch_all("SELECT * FROM vans WHERE active AND mot_due <= current_date + %s ORDER BY mot_due",
                        (days,))


# ---------------------------------------------------------------------------
# routes and stops
# ---------------------------------------------------------------------------

def list_routes(day_of_week=None, depot=None):
    sql = ("SELECT r.*, v.reg_no, s.first_name || ' ' || s.last_name AS driver_name, "
           "(SELECT count(*) FROM route_stops rs WHERE rs.route_id = r.id) AS stops "
           "FROM routes r LEFT JOIN vans v ON v.id = r.van_id LEFT JOIN staff s ON s.id = r.driver_id "
           "WHERE r.active")
    args = []
    if day_of_week is not None:
        sql += " AND r.day_of_week = %s"
        args.append(day_of_week)
    if depot:
        sql += " AND r.depot = %s"
        args.append(depot)
    return db.fetch_all(sql + " ORDER BY r.code", args)


def create_route(depot, day_of_week, name=None, van_id=None, driver_id=None):
    n = db.fetch_value("SELECT count(*) FROM routes WHERE depot = %s AND day_of_week = %s",
                       (depot, day_of_week), 0)
    code = util.route_code(depot, day_of_week, n + 1)
    return db.insert(
        "INSERT INTO routes (code, name, depot, day_of_week, van_id, driver_id) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
        (code, name or code, depot, day_of_week, van_id, driver_id))


def assign_driver(route_id, driver_id):
    db.run("UPDATE routes SET driver_id = %s WHERE id = %s", (driver_id, route_id))


def assign_van(route_id, van_id):
    db.run("UPDATE routes SET van_id = %s WHERE id = %s", (van_id, route_id))


def add_stop(route_id, site_id, seq=None, eta=None):
    if seq is None:
        seq = db.fetch_value("SELECT coalesce(max(seq),0) + 1 FROM route_stops WHERE route_id = %s",
                             (route_id,), 1)
    sid = db.insert("INSERT INTO route_stops (route_id, site_id, seq, eta) VALUES (%s,%s,%s,%s) RETURNING id",
                    (route_id, site_id, seq, eta))
    # keep the site's 'home' route in step
    db.run("UPDATE customer_sites SET route_id = %s WHERE id = %s", (route_id, site_id))
    return sid


def remove_stop(route_id, site_id):
    db.run("DELETE FROM route_stops WHERE route_id = %s AND site_id = %s", (route_id, site_id))
    db.run("UPDATE customer_sites SET route_id = NULL WHERE id = %s AND route_id = %s", (site_id, route_id))


def resequence(route_id, site_ids):
    with db.transaction():
        for i, sid in enumerate(site_ids):
            db.run("UPDATE route_stops SET seq = %s WHERE route_id = %s AND site_id = %s",
                   (i + 1, route_id, sid))


def move_site_to_route(site_id, new_route_id):
    old = db.fetch_value("SELECT route_id FROM customer_sites WHERE id = %s", (site_id,))
    if old:
        remove_stop(old, site_id)
    return add_stop(new_route_id, site_id)


def unrouted_sites():
    return db.fetch_all(
        "SELECT s.*, c.name AS customer_name FROM customer_sites s JOIN customers c ON c.id = s.customer_id "
        "WHERE s.active AND NOT EXISTS (SELECT 1 FROM route_stops rs WHERE rs.site_id = s.id) ORDER BY c.name")


# ---------------------------------------------------------------------------
# planning
# ---------------------------------------------------------------------------

def plan_deliveries(for_date):
    """create tomorrow's deliveries from the routes and par levels. Safe to re-run."""
    made = 0
    dow = for_date.weekday()
    for r in db.fetch_all("SELECT * FROM routes WHERE active AND day_of_week = %s", (dow,)):
        stops = db.fetch_all(
            "SELECT rs.site_id, c.on_stop FROM route_stops rs JOIN customer_sites s ON s.id = rs.site_id "
            "JOIN customers c ON c.id = s.customer_id WHERE rs.route_id = %s AND s.active ORDER BY rs.seq",
            (r['id'],))
        for st in stops:
            if st['on_stop']:
                log.info('site %s is on stop, no delivery', st['site_id'])
                continue
            exists = db.fetch_value("SELECT id FROM deliveries WHERE site_id = %s AND delivery_date = %s",
                                    (st['site_id'], for_date))
            if exists:
                continue
            need = linen.top_up_quantities(st['site_id'])
            if not need:
                continue
            did = db.insert("INSERT INTO deliveries (site_id, route_id, delivery_date) VALUES (%s,%s,%s) RETURNING id",
                            (st['site_id'], r['id'], for_date))
            for lt_id, qty in need.items():
                db.run("INSERT INTO delivery_lines (delivery_id, linen_type_id, qty_ordered) VALUES (%s,%s,%s)",
                       (did, lt_id, qty))
            made += 1
    log.info('plan_deliveries %s: %d deliveries', for_date, made)
    return made


def route_load_kg(route_id, for_date):
    return db.fetch_value(
        "SELECT coalesce(sum(dl.qty_ordered * lt.weight_g), 0) / 1000.0 FROM deliveries d "
        "JOIN delivery_lines dl ON dl.delivery_id = d.id JOIN linen_types lt ON lt.id = dl.linen_type_id "
        "WHERE d.route_id = %s AND d.delivery_date = %s", (route_id, for_date), 0)


def check_van_capacity(for_date):
    """returns routes where the planned load won't fit in the van"""
    over = []
    for r in db.fetch_all("SELECT r.id, r.code, v.capacity_kg FROM routes r JOIN vans v ON v.id = r.van_id "
                          "WHERE r.active AND r.day_of_week = %s", (for_date.weekday(),)):
        kg = route_load_kg(r['id'], for_date)
        if kg > r['capacity_kg'] * config.VAN_LOAD_MARGIN:
            over.append(dict(route=r['code'], kg=kg, capacity=r['capacity_kg']))
    return over


def load_sheet(route_id, for_date):
    rows = db.fetch_all(
        "SELECT d.id AS delivery_id, s.name AS site_name, s.postcode, rs.seq, lt.sku, lt.description, dl.qty_ordered "
        "FROM deliveries d JOIN customer_sites s ON s.id = d.site_id "
        "LEFT JOIN route_stops rs ON rs.route_id = d.route_id AND rs.site_id = d.site_id "
        "JOIN delivery_lines dl ON dl.delivery_id = d.id JOIN linen_types lt ON lt.id = dl.linen_type_id "
        "WHERE d.route_id = %s AND d.delivery_date = %s ORDER BY rs.seq DESC, lt.sku", (route_id, for_date))
    # van is loaded last-stop-first
    return rows


# ---------------------------------------------------------------------------
# drivers  (should really be in staff.py)
# ---------------------------------------------------------------------------

def available_drivers(on_date, depot=None):
    sql = ("SELECT s.* FROM staff s WHERE s.role = 'driver' AND s.active "
           "AND EXISTS (SELECT 1 FROM shift_assignments sa JOIN shifts sh ON sh.id = sa.shift_id "
           "WHERE sa.staff_id = s.id AND sh.shift_date = %s AND sh.area = 'transport')")
    args = [on_date]
    if depot:
        sql += " AND s.depot = %s"
        args.append(depot)
    return db.fetch_all(sql + " ORDER BY s.last_name", args)


def driver_name(staff_id):
    r = db.fetch_one("SELECT first_name, last_name FROM staff WHERE id = %s", (staff_id,))
    return '%s %s' % (r['first_name'], r['last_name']) if r else ''
