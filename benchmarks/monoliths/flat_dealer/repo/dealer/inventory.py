# -*- coding: utf-8 -*-
"""Vehicle stock: intake, pricing, locations, reservations, photos."""
import os
import shutil
import datetime
import logging

from dealer import db, utils, dates, config
from dealer.constants import AGEING_THRESHOLDS

log = logging.getLogger('dealer.inventory')


class InventoryError(Exception):
    pass


def next_stock_no(is_new=False):
    prefix = 'N' if is_new else 'U'
    row = db.query_one("SELECT stock_no FROM vehicles WHERE stock_no LIKE %s "
                       "ORDER BY id DESC LIMIT 1", (prefix + '%',))
    n = 1000
    if row:
        n = utils.safe_int(row['stock_no'][1:], 1000) + 1
    return '%s%05d' % (prefix, n)


def get_vehicle(vehicle_id):
    return db.query_one(
        'SELECT v.*, l.code AS location_code, l.name AS location_name '
        'FROM vehicles v LEFT JOIN stock_locations l ON l.id = v.location_id '
        'WHERE v.id = %s', (vehicle_id,))


def list_stock(make=None, status='in_stock', is_new=None, max_price=None, order='arrived_on'):
    sql = 'SELECT v.*, l.code AS location_code FROM vehicles v ' \
          'LEFT JOIN stock_locations l ON l.id = v.location_id ' \
          'WHERE v.owner_customer_id IS NULL'
    params = []
    if status:
        sql += ' AND v.status = %s'
        params.append(status)
    if make:
        sql += ' AND v.make = %s'
        params.append(make)
    if is_new is not None:
        sql += ' AND v.is_new = %s'
        params.append(1 if is_new else 0)
    if max_price:
        sql += ' AND v.retail_price <= %s'
        params.append(max_price)
    if order not in ('arrived_on', 'retail_price', 'make', 'stock_no', 'mileage'):
        order = 'arrived_on'
    sql += ' ORDER BY v.' + order
    return db.query(sql, params)


def create_vehicle(data, options=None):
    vin = (data.get('vin') or '').upper()
    if vin and not utils.vin_is_valid(vin):
        raise InventoryError('Invalid VIN %s' % vin)
    if vin:
        dupe = db.query_one("SELECT id, stock_no FROM vehicles WHERE vin = %s "
                            "AND status NOT IN ('disposed', 'delivered')", (vin,))
        if dupe:
            raise InventoryError('VIN already in stock as %s' % dupe['stock_no'])
    row = {
        'stock_no': data.get('stock_no') or next_stock_no(data.get('is_new')),
        'vin': vin or None,
        'reg': utils.normalise_reg(data.get('reg')) or None,
        'make': (data.get('make') or '').upper(),
        'model': data.get('model'),
        'derivative': data.get('derivative'),
        'year': utils.safe_int(data.get('year'), None),
        'colour': data.get('colour'),
        'fuel': data.get('fuel'),
        'mileage': utils.safe_int(data.get('mileage'), 0),
        'is_new': 1 if data.get('is_new') else 0,
        'status': data.get('status', 'in_stock'),
        'purchase_price': utils.to_decimal(data.get('purchase_price')),
        'retail_price': utils.to_decimal(data.get('retail_price')),
        'location_id': data.get('location_id') or default_location_id(),
        'arrived_on': data.get('arrived_on') or dates.today(),
        'source': data.get('source', 'auction'),
    }
    vid = db.insert('vehicles', row)
    for opt in options or []:
        db.execute('INSERT INTO vehicle_options (vehicle_id, code, description, price) '
                   'VALUES (%s, %s, %s, %s)',
                   (vid, opt.get('code'), opt.get('description'), opt.get('price') or 0))
    log.info('vehicle %s created as %s', vid, row['stock_no'])
    return vid


def default_location_id():
    return db.query_value("SELECT id FROM stock_locations WHERE code = 'MAIN'", default=1)


def update_price(vehicle_id, new_price, reason='manual', user_id=None):
    v = db.query_one('SELECT retail_price FROM vehicles WHERE id = %s', (vehicle_id,))
    if v is None:
        raise InventoryError('no such vehicle')
    new_price = utils.round_money(new_price)
    if v['retail_price'] == new_price:
        return False
    db.execute('UPDATE vehicles SET retail_price = %s WHERE id = %s', (new_price, vehicle_id))
    db.execute('INSERT INTO price_changes (vehicle_id, old_price, new_price, reason, '
               'changed_by, changed_at) VALUES (%s, %s, %s, %s, %s, NOW())',
               (vehicle_id, v['retail_price'], new_price, reason, user_id))
    return True


def price_history(vehicle_id):
    return db.query('SELECT * FROM price_changes WHERE vehicle_id = %s ORDER BY changed_at',
                    (vehicle_id,))


def set_status(vehicle_id, status):
    db.execute('UPDATE vehicles SET status = %s WHERE id = %s', (status, vehicle_id))


def mark_reserved(vehicle_id):
    n = db.execute("UPDATE vehicles SET status = 'reserved' WHERE id = %s "
                   "AND status IN ('in_stock', 'transit', 'recon')", (vehicle_id,))
    if not n:
        raise InventoryError('Vehicle is not available')


def release_reservation(vehicle_id):
    db.execute("UPDATE vehicles SET status = 'in_stock' WHERE id = %s AND status = 'reserved'",
               (vehicle_id,))


def mark_sold(vehicle_id, when=None):
    db.execute("UPDATE vehicles SET status = 'sold', sold_on = %s WHERE id = %s",
               (when or dates.today(), vehicle_id))


def add_vehicle_cost(vehicle_id, kind, amount, description='', ro_id=None):
    return db.execute('INSERT INTO vehicle_costs (vehicle_id, kind, amount, description, '
                      'ro_id, created_at) VALUES (%s, %s, %s, %s, %s, NOW())',
                      (vehicle_id, kind, utils.round_money(amount), description, ro_id))


def vehicle_cost_breakdown(vehicle_id):
    v = db.query_one('SELECT purchase_price FROM vehicles WHERE id = %s', (vehicle_id,))
    costs = db.query('SELECT kind, SUM(amount) AS total FROM vehicle_costs '
                     'WHERE vehicle_id = %s GROUP BY kind', (vehicle_id,))
    out = {'purchase': v['purchase_price'] if v else 0}
    for c in costs:
        out[c['kind']] = c['total']
    out['total'] = sum(x or 0 for x in out.values())
    return out


def request_transfer(vehicle_id, to_location_id, user_id):
    v = db.query_one('SELECT location_id, status FROM vehicles WHERE id = %s', (vehicle_id,))
    if v['location_id'] == int(to_location_id):
        return None
    tid = db.execute('INSERT INTO vehicle_transfers (vehicle_id, from_location_id, '
                     'to_location_id, requested_by) VALUES (%s, %s, %s, %s)',
                     (vehicle_id, v['location_id'], to_location_id, user_id))
    set_status(vehicle_id, 'transit')
    return tid


def complete_transfer(transfer_id):
    t = db.query_one('SELECT * FROM vehicle_transfers WHERE id = %s', (transfer_id,))
    if t is None or t['moved_at']:
        return False
    with db.transaction():
        db.execute('UPDATE vehicle_transfers SET moved_at = NOW() WHERE id = %s', (transfer_id,))
        db.execute("UPDATE vehicles SET location_id = %s, status = 'in_stock' "
                   "WHERE id = %s AND status = 'transit'", (t['to_location_id'], t['vehicle_id']))
    return True


def location_occupancy():
    return db.query('SELECT l.id, l.code, l.name, l.capacity, COUNT(v.id) AS used '
                    'FROM stock_locations l LEFT JOIN vehicles v ON v.location_id = l.id '
                    "AND v.status IN ('in_stock', 'reserved', 'recon') "
                    'GROUP BY l.id ORDER BY l.code')


def add_photo(vehicle_id, upload):
    photo_dir = os.path.join(config.get('photo_dir'), str(vehicle_id))
    if not os.path.isdir(photo_dir):
        os.makedirs(photo_dir)
    pos = db.query_value('SELECT COALESCE(MAX(position), 0) + 1 AS p FROM vehicle_photos '
                         'WHERE vehicle_id = %s', (vehicle_id,), 1)
    fname = '%d_%02d.jpg' % (vehicle_id, pos)
    with open(os.path.join(photo_dir, fname), 'wb') as out:
        shutil.copyfileobj(upload.file, out)
    db.execute('INSERT INTO vehicle_photos (vehicle_id, filename, position, uploaded_at) '
               'VALUES (%s, %s, %s, NOW())', (vehicle_id, fname, pos))
    return fname


def photos_for(vehicle_id):
    return db.query('SELECT * FROM vehicle_photos WHERE vehicle_id = %s ORDER BY position',
                    (vehicle_id,))


def reorder_photos(vehicle_id, ordered_ids):
    for i, pid in enumerate(ordered_ids):
        db.execute('UPDATE vehicle_photos SET position = %s WHERE id = %s AND vehicle_id = %s',
                   (i + 1, pid, vehicle_id))


def aged_stock(min_days=60):
    cutoff = dates.today() - datetime.timedelta(days=min_days)
    return db.query("SELECT * FROM vehicles WHERE status = 'in_stock' AND is_new = 0 "
                    "AND owner_customer_id IS NULL AND arrived_on <= %s ORDER BY arrived_on",
                    (cutoff,))


def ageing_reduction_for(days):
    pct = 0
    for threshold, p in AGEING_THRESHOLDS:
        if days >= threshold:
            pct = p
    return pct


def apply_ageing_reductions(dry_run=False):
    """Knock a % off used cars over the thresholds. Only once per threshold:
    we look at price_changes to see whether we've already done it."""
    changed = []
    for v in aged_stock(min(t for t, _ in AGEING_THRESHOLDS)):
        days = dates.age_in_days(v['arrived_on'])
        pct = ageing_reduction_for(days)
        reason = 'ageing_%d' % int(pct * 100)
        done = db.query_one('SELECT id FROM price_changes WHERE vehicle_id = %s AND reason = %s',
                            (v['id'], reason))
        if done or not pct:
            continue
        new_price = utils.round_money(float(v['retail_price']) * (1 - pct))
        # never below cost + 250 (GM rule)
        floor = float(v['purchase_price'] or 0) + 250
        new_price = max(new_price, utils.round_money(floor))
        if not dry_run:
            update_price(v['id'], new_price, reason)
        changed.append((v['stock_no'], v['retail_price'], new_price))
    return changed


def dispose_vehicle(vehicle_id, reason='auction'):
    v = db.query_one('SELECT status FROM vehicles WHERE id = %s', (vehicle_id,))
    if v['status'] in ('sold', 'delivered'):
        raise InventoryError('Cannot dispose a sold vehicle')
    db.execute("UPDATE vehicles SET status = 'disposed', sold_on = CURDATE() WHERE id = %s",
               (vehicle_id,))
    log.info('vehicle %s disposed (%s)', vehicle_id, reason)


def stock_value_summary():
    return db.query("SELECT is_new, COUNT(*) AS units, SUM(purchase_price) AS cost, "
                    "SUM(retail_price) AS retail FROM vehicles "
                    "WHERE status IN ('in_stock', 'reserved', 'recon', 'transit') "
                    "AND owner_customer_id IS NULL GROUP BY is_new")
