"""
Keg tracking.  Every keg has a serial on the barcode collar; the cellar
guys scan on fill / ship / return / clean.

TODO: some of this should move next to the packaging code in brewery.py
"""
import datetime
import logging

import web

import config
from lib import db
from lib.handlers import BaseHandler, JsonHandler, render, require_login, require_admin, flash, json_response
from lib.util import safe_int, today, format_money, round_money
from lib.csvexport import csv_response

log = logging.getLogger('hopyard.kegs')

KEG_STATUSES = ('empty', 'clean', 'filled', 'out', 'on_tap', 'lost', 'retired')

# allowed state transitions for a scan
TRANSITIONS = {
    'clean': ('empty',),
    'fill': ('clean',),
    'ship': ('filled',),
    'return': ('out', 'lost'),
    'tap': ('filled',),
    'kick': ('on_tap',),
    'lost': ('out', 'filled', 'empty', 'clean'),
    'retire': ('empty', 'clean', 'lost'),
}

NEW_STATUS = {
    'clean': 'clean', 'fill': 'filled', 'ship': 'out', 'return': 'empty',
    'tap': 'on_tap', 'kick': 'empty', 'lost': 'lost', 'retire': 'retired',
}


class KegStateError(Exception):
    pass


def get_keg_by_serial(cur, serial):
    cur.execute("""SELECT k.*, pf.code AS format_code FROM kegs k
                     JOIN package_formats pf ON pf.id = k.format_id
                    WHERE upper(k.serial) = upper(%s)""", (serial.strip(),))
    return cur.fetchone()


def record_movement(cur, keg, action, distributor_id=None, order_id=None, note=None, location=None):
    if keg['status'] not in TRANSITIONS.get(action, ()):
        raise KegStateError('keg %s is %s, cannot %s' % (keg['serial'], keg['status'], action))
    new_status = NEW_STATUS[action]
    cur.execute("""INSERT INTO keg_movements (keg_id, action, distributor_id, wholesale_order_id, note)
                   VALUES (%s, %s, %s, %s, %s)""", (keg['id'], action, distributor_id, order_id, note))
    sets = ["status = %s"]
    params = [new_status]
    if action == 'clean':
        sets.append("last_cleaned_at = now()")
    if action in ('return', 'kick', 'retire'):
        sets.append("current_run_id = NULL")
    if location is not None:
        sets.append("location = %s")
        params.append(location)
    params.append(keg['id'])
    cur.execute("UPDATE kegs SET " + ", ".join(sets) + " WHERE id = %s", params)
    return new_status


def fill_kegs(cur, run_id, serials):
    filled = []
    for serial in serials:
        keg = get_keg_by_serial(cur, serial)
        if keg is None:
            raise KegStateError('unknown keg %s' % serial)
        record_movement(cur, keg, 'fill', note='run %s' % run_id, location='COOLER')
        cur.execute("UPDATE kegs SET current_run_id = %s WHERE id = %s", (run_id, keg['id']))
        filled.append(keg['id'])
    return filled


def ship_kegs(cur, order_id, distributor_id, serials):
    cur.execute("SELECT name FROM distributors WHERE id = %s", (distributor_id,))
    dist = cur.fetchone()
    n = 0
    for serial in serials:
        keg = get_keg_by_serial(cur, serial)
        if keg is None:
            log.warning('ship: unknown keg %s on order %s', serial, order_id)
            continue
        record_movement(cur, keg, 'ship', distributor_id, order_id, location=dist['name'] if dist else None)
        n += 1
    return n


def record_return(cur, serial, distributor_id=None, note=None):
    """empty keg came back.  distributor is whoever had it last if not given"""
    keg = get_keg_by_serial(cur, serial)
    if keg is None:
        raise KegStateError('unknown keg %s' % serial)
    if distributor_id is None:
        cur.execute("""SELECT distributor_id FROM keg_movements WHERE keg_id = %s AND action = 'ship'
                        ORDER BY moved_at DESC LIMIT 1""", (keg['id'],))
        row = cur.fetchone()
        distributor_id = row['distributor_id'] if row else None
    record_movement(cur, keg, 'return', distributor_id, note=note, location='DOCK')
    return keg


class KegList(BaseHandler):
    @require_login
    def GET(self):
        status = self.params.get('status')
        sql = """SELECT k.*, pf.code AS format_code,
                        (SELECT max(moved_at) FROM keg_movements m WHERE m.keg_id = k.id) AS last_move
                   FROM kegs k JOIN package_formats pf ON pf.id = k.format_id"""
        if status in KEG_STATUSES:
            sql += " WHERE k.status = '%s'" % status
        else:
            sql += " WHERE k.status <> 'retired'"
        sql += " ORDER BY k.serial"
        self.cur.execute(sql)
        rows = self.cur.fetchall()
        if self.params.get('format') == 'csv':
            return csv_response('kegs.csv', rows, ['serial', 'format_code', 'status', 'location', 'last_move'])
        self.cur.execute("SELECT status, count(*) AS n FROM kegs GROUP BY status")
        counts = dict((r['status'], r['n']) for r in self.cur.fetchall())
        return render.kegs(rows, status, counts)


class KegDetail(BaseHandler):
    @require_login
    def GET(self, serial):
        keg = get_keg_by_serial(self.cur, serial)
        if not keg:
            self.not_found()
        self.cur.execute("""SELECT m.*, d.name AS distributor_name, o.order_no
                              FROM keg_movements m
                         LEFT JOIN distributors d ON d.id = m.distributor_id
                         LEFT JOIN wholesale_orders o ON o.id = m.wholesale_order_id
                             WHERE m.keg_id = %s ORDER BY m.moved_at DESC""", (keg['id'],))
        moves = self.cur.fetchall()
        contents = None
        if keg['current_run_id']:
            self.cur.execute("""SELECT pr.lot_code, pr.packaged_on, r.name AS recipe_name
                                  FROM packaging_runs pr
                                  JOIN brew_batches b ON b.id = pr.batch_id
                                  JOIN recipes r ON r.id = b.recipe_id
                                 WHERE pr.id = %s""", (keg['current_run_id'],))
            contents = self.cur.fetchone()
        return render.keg_detail(keg, moves, contents)


class KegScan(JsonHandler):
    """handheld scanner posts here: serial=...&action=clean|fill|return|lost|retire"""

    @require_login
    def POST(self):
        serial = (self.params.get('serial') or '').strip()
        action = self.params.get('action')
        keg = get_keg_by_serial(self.cur, serial)
        if keg is None:
            return self.error('unknown keg %s' % serial, '404 Not Found')
        try:
            if action == 'return':
                record_return(self.cur, serial, safe_int(self.params.get('distributor_id')))
                new_status = 'empty'
            else:
                new_status = record_movement(self.cur, keg, action, note=self.params.get('note'))
        except KegStateError as e:
            db.rollback()
            return self.error(str(e), '409 Conflict')
        db.commit()
        return self.ok(serial=keg['serial'], status=new_status)


class KegReturns(BaseHandler):
    """bulk return screen: driver drops off a pile of empties"""

    @require_login
    def GET(self):
        self.cur.execute("SELECT id, name FROM distributors WHERE active ORDER BY name")
        return render.keg_returns(self.cur.fetchall())

    @require_login
    def POST(self):
        i = self.params
        distributor_id = safe_int(i.get('distributor_id'))
        serials = [s.strip() for s in (i.get('serials') or '').replace(',', '\n').splitlines() if s.strip()]
        ok, bad = [], []
        for serial in serials:
            try:
                record_return(self.cur, serial, distributor_id)
                ok.append(serial)
            except KegStateError as e:
                bad.append('%s (%s)' % (serial, e))
        db.commit()
        if bad:
            flash('Could not return: ' + '; '.join(bad), 'error')
        self.redirect('/kegs/returns', 'Returned %d kegs' % len(ok))


def kegs_out_by_distributor(cur):
    cur.execute("""
        SELECT d.id, d.name, count(k.id) AS kegs_out, sum(k.deposit) AS deposits,
               min(m.moved_at) AS oldest_ship
          FROM kegs k
          JOIN LATERAL (SELECT distributor_id, moved_at FROM keg_movements
                         WHERE keg_id = k.id AND action = 'ship'
                         ORDER BY moved_at DESC LIMIT 1) m ON true
          JOIN distributors d ON d.id = m.distributor_id
         WHERE k.status = 'out'
         GROUP BY d.id, d.name
         ORDER BY kegs_out DESC""")
    return cur.fetchall()


def overdue_kegs(cur, days=None):
    days = days or config.KEG_OVERDUE_DAYS
    cur.execute("""
        SELECT k.serial, pf.code AS format_code, d.name AS distributor_name, d.email,
               m.moved_at AS shipped_at, current_date - m.moved_at::date AS days_out
          FROM kegs k
          JOIN package_formats pf ON pf.id = k.format_id
          JOIN LATERAL (SELECT distributor_id, moved_at FROM keg_movements
                         WHERE keg_id = k.id AND action = 'ship'
                         ORDER BY moved_at DESC LIMIT 1) m ON true
     LEFT JOIN distributors d ON d.id = m.distributor_id
         WHERE k.status = 'out' AND m.moved_at < now() - (%s || ' days')::interval
         ORDER BY m.moved_at""", (str(days),))
    return cur.fetchall()


def keg_deposit_balance(cur, distributor_id):
    """deposits held for kegs currently at this distributor"""
    cur.execute("""SELECT coalesce(sum(k.deposit), 0) AS d
                     FROM kegs k
                    WHERE k.status = 'out'
                      AND (SELECT distributor_id FROM keg_movements m WHERE m.keg_id = k.id AND m.action = 'ship'
                            ORDER BY m.moved_at DESC LIMIT 1) = %s""", (distributor_id,))
    return round_money(cur.fetchone()['d'])


class KegFleet(BaseHandler):
    @require_login
    def GET(self):
        out = kegs_out_by_distributor(self.cur)
        late = overdue_kegs(self.cur)
        return render.keg_fleet(out, late)


def mark_lost(cur, serial, note='written off'):
    keg = get_keg_by_serial(cur, serial)
    return record_movement(cur, keg, 'lost', note=note)


def bulk_add_kegs(cur, format_id, first_serial, count, deposit=30, purchased_on=None):
    """KG-1001 .. KG-1100"""
    prefix, num = first_serial.rsplit('-', 1)
    width = len(num)
    start = int(num)
    created = 0
    for n in range(start, start + count):
        serial = '%s-%0*d' % (prefix, width, n)
        cur.execute("""INSERT INTO kegs (serial, format_id, status, deposit, purchased_on, location)
                       VALUES (%s, %s, 'empty', %s, %s, 'DOCK')
                       ON CONFLICT (serial) DO NOTHING""", (serial, format_id, deposit, purchased_on or today()))
        created += cur.rowcount
    return created
