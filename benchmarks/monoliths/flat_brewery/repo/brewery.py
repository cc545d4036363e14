# -*- coding: utf-8 -*-
"""
brewery.py - the brewhouse side of things.

Recipes, batches, brew day, gravity logging, tank transfers, fermenter
board.  Packaging got bolted on at the bottom in 2019 when we bought the
canning line; material consumption lives here too because brew day is the
only place that eats grain/hops (ask Maria before moving it).

Originally written by Dave, 2018.
"""
import datetime
import logging
from decimal import Decimal

import web

import config
from lib import db
from lib.handlers import BaseHandler, render, require_login, require_admin, flash, json_response
from lib.util import (safe_int, safe_decimal, parse_date, today, now, round_money,
                      liters_to_bbl, format_money, pct)
from lib import mailer

log = logging.getLogger('hopyard.brewery')

BATCH_STATUSES = ['planned', 'brewing', 'fermenting', 'conditioning',
                  'packaging', 'packaged', 'dumped']
OPEN_STATUSES = ('planned', 'brewing', 'fermenting', 'conditioning', 'packaging')

# grain absorption etc, used for the expected-volume number on the batch sheet
BREWHOUSE_LOSS_PCT = Decimal('0.08')


def format_bbl(value, places=2):
    """12.5 -> '12.50 bbl'.  used all over the place (ttb, reports, kegs)."""
    if value is None:
        return '-'
    return ('%.' + str(places) + 'f bbl') % float(value)


# ---------------------------------------------------------------------------
# recipes
# ---------------------------------------------------------------------------

def get_recipe(cur, recipe_id):
    cur.execute("SELECT * FROM recipes WHERE id = %s", (recipe_id,))
    return cur.fetchone()


def recipe_ingredients(cur, recipe_id):
    cur.execute("""
        SELECT ri.id, ri.qty, ri.unit, ri.addition, ri.minute,
               m.id AS material_id, m.sku, m.name AS material_name, m.category,
               m.cost_per_unit
          FROM recipe_ingredients ri
          JOIN materials m ON m.id = ri.material_id
         WHERE ri.recipe_id = %s
         ORDER BY CASE ri.addition WHEN 'mash' THEN 1 WHEN 'boil' THEN 2
                  WHEN 'whirlpool' THEN 3 WHEN 'pitch' THEN 4 ELSE 5 END,
                  ri.minute DESC NULLS LAST
    """, (recipe_id,))
    return cur.fetchall()


def recipe_cost(cur, recipe_id, scale=1):
    """ingredient cost for one batch at standard cost (materials.cost_per_unit)"""
    total = Decimal('0')
    for ing in recipe_ingredients(cur, recipe_id):
        total += Decimal(ing['qty']) * Decimal(ing['cost_per_unit'] or 0)
    return round_money(total * Decimal(str(scale)))


def calc_abv(og, fg):
    if not og or not fg:
        return None
    og = Decimal(str(og))
    fg = Decimal(str(fg))
    return ((og - fg) * Decimal('131.25')).quantize(Decimal('0.01'))


def attenuation(og, fg):
    if not og or not fg or og <= 1:
        return None
    return pct(float(og) - float(fg), float(og) - 1.0)


class RecipeList(BaseHandler):
    @require_login
    def GET(self):
        show_all = self.params.get('all') == '1'
        sql = """SELECT r.*, (SELECT count(*) FROM brew_batches b WHERE b.recipe_id = r.id) AS batches
                   FROM recipes r"""
        if not show_all:
            sql += " WHERE r.active"
        sql += " ORDER BY r.name, r.version DESC"
        self.cur.execute(sql)
        return render.recipes(self.cur.fetchall(), show_all)


class RecipeDetail(BaseHandler):
    @require_login
    def GET(self, recipe_id):
        recipe = get_recipe(self.cur, recipe_id)
        if not recipe:
            self.not_found()
        ings = recipe_ingredients(self.cur, recipe_id)
        cost = recipe_cost(self.cur, recipe_id)
        self.cur.execute("""SELECT batch_no, brew_date, status, og, fg, abv, volume_bbl
                              FROM brew_batches WHERE recipe_id = %s
                             ORDER BY brew_date DESC LIMIT 20""", (recipe_id,))
        batches = self.cur.fetchall()
        return render.recipe_detail(recipe, ings, cost, batches)


class RecipeNewVersion(BaseHandler):
    """copy a recipe to version+1 so old batches keep pointing at the old one"""

    @require_admin
    def POST(self, recipe_id):
        cur = self.cur
        old = get_recipe(cur, recipe_id)
        if not old:
            self.not_found()
        cur.execute("""
            INSERT INTO recipes (name, style, version, parent_id, target_og, target_fg,
                                 target_abv, ibu, batch_size_bbl, boil_minutes, notes)
            SELECT name, style, version + 1, id, target_og, target_fg, target_abv, ibu,
                   batch_size_bbl, boil_minutes, notes
              FROM recipes WHERE id = %s
            RETURNING id""", (recipe_id,))
        new_id = cur.fetchone()['id']
        cur.execute("""INSERT INTO recipe_ingredients (recipe_id, material_id, qty, unit, addition, minute)
                       SELECT %s, material_id, qty, unit, addition, minute
                         FROM recipe_ingredients WHERE recipe_id = %s""", (new_id, recipe_id))
        cur.execute("UPDATE recipes SET active = false WHERE id = %s", (recipe_id,))
        db.commit()
        self.redirect('/recipes/%d' % new_id, 'Created version %d' % (old['version'] + 1))


# ---------------------------------------------------------------------------
# batches
# ---------------------------------------------------------------------------

def next_batch_no(cur, brew_date=None):
    """batch numbers are YYNNN, e.g. 21047 = 47th batch of 2021"""
    brew_date = brew_date or today()
    yy = brew_date.strftime('%y')
    cur.execute("SELECT max(batch_no) AS m FROM brew_batches WHERE batch_no LIKE %s", (yy + '%',))
    row = cur.fetchone()
    if row and row['m']:
        return str(int(row['m']) + 1)
    return yy + '001'


def _legacy_batch_number(recipe_name, n):
    # old scheme from the whiteboard days (IPA-12).  nothing calls this anymore
    return '%s-%d' % (recipe_name[:3].upper(), n)


def get_batch(cur, batch_id):
    cur.execute("""SELECT b.*, r.name AS recipe_name, r.style, r.target_og, r.target_fg,
                          f.name AS fermenter_name
                     FROM brew_batches b
                     JOIN recipes r ON r.id = b.recipe_id
                LEFT JOIN fermenters f ON f.id = b.fermenter_id
                    WHERE b.id = %s""", (batch_id,))
    return cur.fetchone()


def batch_volume_remaining(cur, batch_id):
    """what's left in the tank = brewed volume - transfers losses - already packaged"""
    cur.execute("SELECT volume_bbl FROM brew_batches WHERE id = %s", (batch_id,))
    row = cur.fetchone()
    if not row or row['volume_bbl'] is None:
        return Decimal('0')
    vol = Decimal(row['volume_bbl'])
    cur.execute("SELECT coalesce(sum(loss_bbl),0) AS l FROM batch_transfers WHERE batch_id = %s", (batch_id,))
    vol -= Decimal(cur.fetchone()['l'])
    cur.execute("SELECT coalesce(sum(volume_bbl + loss_bbl),0) AS p FROM packaging_runs WHERE batch_id = %s",
                (batch_id,))
    vol -= Decimal(cur.fetchone()['p'])
    return max(vol, Decimal('0'))


class BatchList(BaseHandler):
    @require_login
    def GET(self):
        status = self.params.get('status')
        where = ''
        if status in BATCH_STATUSES:
            where = "WHERE b.status = '%s'" % status
        elif not status:
            where = "WHERE b.status IN ('planned','brewing','fermenting','conditioning','packaging')"
        self.cur.execute("""
            SELECT b.id, b.batch_no, b.brew_date, b.status, b.volume_bbl, b.og, b.abv,
                   r.name AS recipe_name, f.name AS fermenter_name
              FROM brew_batches b
              JOIN recipes r ON r.id = b.recipe_id
         LEFT JOIN fermenters f ON f.id = b.fermenter_id
              %s
             ORDER BY b.brew_date DESC NULLS FIRST, b.batch_no DESC
             LIMIT 200""" % where)
        return render.batches(self.cur.fetchall(), status, BATCH_STATUSES)


class BatchDetail(BaseHandler):
    @require_login
    def GET(self, batch_id):
        batch = get_batch(self.cur, batch_id)
        if not batch:
            self.not_found()
        self.cur.execute("SELECT * FROM gravity_readings WHERE batch_id = %s ORDER BY taken_at", (batch_id,))
        readings = self.cur.fetchall()
        self.cur.execute("""SELECT t.*, fv.name AS from_name, tv.name AS to_name
                              FROM batch_transfers t
                         LEFT JOIN fermenters fv ON fv.id = t.from_vessel_id
                         LEFT JOIN fermenters tv ON tv.id = t.to_vessel_id
                             WHERE t.batch_id = %s ORDER BY t.transferred_at""", (batch_id,))
        transfers = self.cur.fetchall()
        self.cur.execute("""SELECT mc.qty, mc.consumed_at, m.name, m.unit, l.supplier_lot
                              FROM material_consumption mc
                              JOIN materials m ON m.id = mc.material_id
                         LEFT JOIN material_lots l ON l.id = mc.lot_id
                             WHERE mc.batch_id = %s""", (batch_id,))
        consumed = self.cur.fetchall()
        self.cur.execute("""SELECT pr.run_no, pr.packaged_on, pr.units, pr.volume_bbl, pr.lot_code,
                                   pf.code AS format_code
                              FROM packaging_runs pr JOIN package_formats pf ON pf.id = pr.format_id
                             WHERE pr.batch_id = %s ORDER BY pr.packaged_on""", (batch_id,))
        runs = self.cur.fetchall()
        remaining = batch_volume_remaining(self.cur, batch_id)
        return render.batch_detail(batch, readings, transfers, consumed, runs, remaining)


class NewBatch(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("SELECT id, name, version, batch_size_bbl FROM recipes WHERE active ORDER BY name")
        recipes = self.cur.fetchall()
        self.cur.execute("SELECT id, name, capacity_bbl FROM fermenters WHERE status = 'clean' AND kind = 'FV' ORDER BY name")
        return render.batch_new(recipes, self.cur.fetchall())

    @require_login
    def POST(self):
        i = self.params
        recipe_id = safe_int(i.get('recipe_id'))
        brew_date = parse_date(i.get('brew_date')) or today()
        cur = self.cur
        recipe = get_recipe(cur, recipe_id)
        if not recipe:
            flash('Pick a recipe', 'error')
            raise web.seeother('/batches/new')
        batch_no = next_batch_no(cur, brew_date)
        cur.execute("""INSERT INTO brew_batches (batch_no, recipe_id, brew_date, brewer, status, notes)
                       VALUES (%s, %s, %s, %s, 'planned', %s) RETURNING id""",
                    (batch_no, recipe_id, brew_date, i.get('brewer'), i.get('notes')))
        batch_id = cur.fetchone()['id']
        db.commit()
        # warn if we're short on anything, but still let them plan it
        short = check_materials_available(cur, recipe_id)
        if short:
            flash('Short on: ' + ', '.join('%s (%s)' % (s['name'], s['short_by']) for s in short), 'warning')
        self.redirect('/batches/%d' % batch_id, 'Planned batch %s' % batch_no)


class BrewDay(BaseHandler):
    """brewer hits 'Start brew' on the tablet; we relieve stock and assign the FV"""

    @require_login
    def POST(self, batch_id):
        i = self.params
        cur = self.cur
        batch = get_batch(cur, batch_id)
        if not batch or batch['status'] != 'planned':
            return json_response({'ok': False, 'error': 'batch not in planned state'}, '409 Conflict')
        fermenter_id = safe_int(i.get('fermenter_id'))
        scale = safe_decimal(i.get('scale'), Decimal('1'))
        try:
            consume_materials(cur, batch_id, batch['recipe_id'], scale)
        except MaterialShortage as e:
            db.rollback()
            return json_response({'ok': False, 'error': str(e)}, '409 Conflict')
        if fermenter_id:
            assign_fermenter(cur, batch_id, fermenter_id)
        cur.execute("""UPDATE brew_batches SET status = 'brewing', brewer = coalesce(%s, brewer),
                              brew_date = coalesce(brew_date, current_date)
                        WHERE id = %s""", (i.get('brewer'), batch_id))
        db.commit()
        return json_response({'ok': True, 'batch_no': batch['batch_no']})


class KnockOut(BaseHandler):
    """end of brew day: record volume into FV + OG, batch goes to fermenting"""

    @require_login
    def POST(self, batch_id):
        i = self.params
        vol = safe_decimal(i.get('volume_bbl'))
        og = safe_decimal(i.get('og'))
        self.cur.execute("""UPDATE brew_batches SET status = 'fermenting', volume_bbl = %s, og = %s
                             WHERE id = %s AND status = 'brewing'""", (vol, og, batch_id))
        if og:
            self.cur.execute("""INSERT INTO gravity_readings (batch_id, gravity, temp_f, note, taken_by)
                                VALUES (%s, %s, %s, 'OG at knockout', %s)""",
                             (batch_id, og, safe_decimal(i.get('temp_f')), i.get('brewer')))
        db.commit()
        self.redirect('/batches/%s' % batch_id)


class GravityLog(BaseHandler):
    @require_login
    def POST(self, batch_id):
        i = self.params
        gravity = safe_decimal(i.get('gravity'))
        if gravity is None or gravity < Decimal('0.990') or gravity > Decimal('1.150'):
            flash('Gravity looks wrong: %s' % i.get('gravity'), 'error')
            raise web.seeother('/batches/%s' % batch_id)
        self.cur.execute("""INSERT INTO gravity_readings (batch_id, gravity, temp_f, ph, note, taken_by)
                            VALUES (%s, %s, %s, %s, %s, %s)""",
                         (batch_id, gravity, safe_decimal(i.get('temp_f')), safe_decimal(i.get('ph')),
                          i.get('note'), i.get('taken_by')))
        if i.get('final') == '1':
            batch = get_batch(self.cur, batch_id)
            abv = calc_abv(batch['og'], gravity)
            self.cur.execute("UPDATE brew_batches SET fg = %s, abv = %s, status = 'conditioning' WHERE id = %s",
                             (gravity, abv, batch_id))
        db.commit()
        self.redirect('/batches/%s' % batch_id)


def latest_gravity(cur, batch_id):
    cur.execute("""SELECT gravity, taken_at FROM gravity_readings
                    WHERE batch_id = %s ORDER BY taken_at DESC LIMIT 1""", (batch_id,))
    return cur.fetchone()


def is_fermentation_stuck(cur, batch_id, days=3, tolerance=Decimal('0.002')):
    """no gravity drop over `days` and still above target FG + 0.004"""
    cur.execute("""SELECT g.gravity, g.taken_at, r.target_fg
                     FROM gravity_readings g
                     JOIN brew_batches b ON b.id = g.batch_id
                     JOIN recipes r ON r.id = b.recipe_id
                    WHERE g.batch_id = %s AND g.taken_at > now() - interval '%s days'
                    ORDER BY g.taken_at""", (batch_id, days))
    rows = cur.fetchall()
    if len(rows) < 2:
        return False
    first, last = rows[0], rows[-1]
    target = Decimal(last['target_fg'] or '1.010')
    return (Decimal(first['gravity']) - Decimal(last['gravity']) < tolerance
            and Decimal(last['gravity']) > target + Decimal('0.004'))


class BrewSheet(BaseHandler):
    """printable brew sheet for the clipboard on the brewhouse"""

    @require_login
    def GET(self, batch_id):
        batch = get_batch(self.cur, batch_id)
        if not batch:
            self.not_found()
        ings = recipe_ingredients(self.cur, batch['recipe_id'])
        scale = safe_decimal(self.params.get('scale'), Decimal('1'))
        for ing in ings:
            ing['scaled_qty'] = (Decimal(ing['qty']) * scale).quantize(Decimal('0.01'))
        expected = None
        if batch['volume_bbl'] is None:
            self.cur.execute("SELECT batch_size_bbl FROM recipes WHERE id = %s", (batch['recipe_id'],))
            size = Decimal(self.cur.fetchone()['batch_size_bbl'])
            expected = (size * scale * (1 - BREWHOUSE_LOSS_PCT)).quantize(Decimal('0.1'))
        return render.brew_sheet(batch, ings, scale, expected)


def batch_timeline(cur, batch_id):
    """everything that happened to a batch, oldest first (batch page sidebar)"""
    events = []
    cur.execute("SELECT brew_date, brewer FROM brew_batches WHERE id = %s", (batch_id,))
    b = cur.fetchone()
    if b and b['brew_date']:
        events.append((datetime.datetime.combine(b['brew_date'], datetime.time(7, 0)),
                       'Brewed by %s' % (b['brewer'] or '?')))
    cur.execute("SELECT taken_at, gravity, note FROM gravity_readings WHERE batch_id = %s", (batch_id,))
    for r in cur.fetchall():
        events.append((r['taken_at'], 'Gravity %s %s' % (r['gravity'], r['note'] or '')))
    cur.execute("SELECT transferred_at, kind, volume_bbl, loss_bbl FROM batch_transfers WHERE batch_id = %s",
                (batch_id,))
    for r in cur.fetchall():
        events.append((r['transferred_at'], '%s %s (loss %s)' % (r['kind'].title(), format_bbl(r['volume_bbl']),
                                                                  format_bbl(r['loss_bbl']))))
    cur.execute("SELECT packaged_on, run_no, units FROM packaging_runs WHERE batch_id = %s", (batch_id,))
    for r in cur.fetchall():
        events.append((datetime.datetime.combine(r['packaged_on'], datetime.time(12, 0)),
                       'Packaged %s (%d units)' % (r['run_no'], r['units'])))
    events.sort(key=lambda e: e[0])
    return events


class YeastHarvest(BaseHandler):
    """harvest slurry off the cone.  goes back into stock as a new yeast lot"""

    @require_login
    def POST(self, batch_id):
        i = self.params
        batch = get_batch(self.cur, batch_id)
        qty = safe_decimal(i.get('qty'))
        if not qty or qty <= 0:
            flash('How much did you harvest?', 'error')
            raise web.seeother('/batches/%s' % batch_id)
        lot_id = harvest_yeast(self.cur, safe_int(i.get('material_id')), qty, batch['batch_no'],
                               safe_int(i.get('generation'), 1))
        self.cur.execute("""INSERT INTO gravity_readings (batch_id, note, taken_by)
                            VALUES (%s, %s, %s)""",
                         (batch_id, 'Harvested %s yeast (lot %s)' % (qty, lot_id), i.get('taken_by')))
        db.commit()
        self.redirect('/batches/%s' % batch_id, 'Yeast harvested')


def harvest_yeast(cur, material_id, qty, batch_no, generation):
    cur.execute("""INSERT INTO material_lots (material_id, supplier_lot, qty_received, qty_on_hand,
                                             unit_cost, expires_on, location)
                   VALUES (%s, %s, %s, %s, 0, current_date + 14, 'CELLAR') RETURNING id""",
                (material_id, 'HARVEST-%s-G%d' % (batch_no, generation), qty, qty))
    return cur.fetchone()['id']


# ---------------------------------------------------------------------------
# tanks
# ---------------------------------------------------------------------------

def assign_fermenter(cur, batch_id, fermenter_id):
    cur.execute("SELECT status, name FROM fermenters WHERE id = %s FOR UPDATE", (fermenter_id,))
    fv = cur.fetchone()
    if fv is None:
        raise ValueError('no such fermenter')
    if fv['status'] != 'clean':
        raise ValueError('%s is %s, not clean' % (fv['name'], fv['status']))
    cur.execute("UPDATE fermenters SET status = 'in_use', current_batch_id = %s WHERE id = %s",
                (batch_id, fermenter_id))
    cur.execute("UPDATE brew_batches SET fermenter_id = %s WHERE id = %s", (fermenter_id, batch_id))


def release_fermenter(cur, fermenter_id):
    cur.execute("UPDATE fermenters SET status = 'dirty', current_batch_id = NULL WHERE id = %s",
                (fermenter_id,))


def fermenter_board(cur):
    cur.execute("""
        SELECT f.id, f.name, f.kind, f.capacity_bbl, f.status, f.last_cip_at,
               b.id AS batch_id, b.batch_no, b.status AS batch_status, b.brew_date,
               b.volume_bbl, r.name AS recipe_name,
               (SELECT g.gravity FROM gravity_readings g WHERE g.batch_id = b.id
                 ORDER BY g.taken_at DESC LIMIT 1) AS last_gravity
          FROM fermenters f
     LEFT JOIN brew_batches b ON b.id = f.current_batch_id
     LEFT JOIN recipes r ON r.id = b.recipe_id
         ORDER BY f.kind, f.name""")
    rows = cur.fetchall()
    for r in rows:
        if r['brew_date']:
            r['days_in'] = (today() - r['brew_date']).days
        else:
            r['days_in'] = None
    return rows


class FermenterBoard(BaseHandler):
    @require_login
    def GET(self):
        board = fermenter_board(self.cur)
        if self.params.get('format') == 'json':
            return json_response(board)
        return render.fermenters(board)


class TransferBatch(BaseHandler):
    """FV -> brite tank.  records loss so ttb report can pick it up"""

    @require_login
    def POST(self, batch_id):
        i = self.params
        cur = self.cur
        batch = get_batch(cur, batch_id)
        to_id = safe_int(i.get('to_vessel_id'))
        vol = safe_decimal(i.get('volume_bbl'))
        loss = safe_decimal(i.get('loss_bbl'), Decimal('0'))
        try:
            cur.execute("SELECT status FROM fermenters WHERE id = %s", (to_id,))
            tgt = cur.fetchone()
            if not tgt or tgt['status'] != 'clean':
                raise ValueError('target tank not clean')
            cur.execute("""INSERT INTO batch_transfers (batch_id, from_vessel_id, to_vessel_id, kind,
                                                        volume_bbl, loss_bbl, reason)
                           VALUES (%s, %s, %s, 'transfer', %s, %s, %s)""",
                        (batch_id, batch['fermenter_id'], to_id, vol, loss, i.get('reason')))
            if batch['fermenter_id']:
                release_fermenter(cur, batch['fermenter_id'])
            cur.execute("UPDATE fermenters SET status = 'in_use', current_batch_id = %s WHERE id = %s",
                        (batch_id, to_id))
            cur.execute("UPDATE brew_batches SET fermenter_id = %s WHERE id = %s", (to_id, batch_id))
            db.commit()
        except ValueError as e:
            db.rollback()
            flash(str(e), 'error')
        raise web.seeother('/batches/%s' % batch_id)


class DumpBatch(BaseHandler):
    @require_admin
    def POST(self, batch_id):
        cur = self.cur
        batch = get_batch(cur, batch_id)
        remaining = batch_volume_remaining(cur, batch_id)
        cur.execute("""INSERT INTO batch_transfers (batch_id, from_vessel_id, kind, volume_bbl, loss_bbl, reason)
                       VALUES (%s, %s, 'dump', 0, %s, %s)""",
                    (batch_id, batch['fermenter_id'], remaining, self.params.get('reason', 'dumped')))
        cur.execute("UPDATE brew_batches SET status = 'dumped', closed_at = now() WHERE id = %s", (batch_id,))
        if batch['fermenter_id']:
            release_fermenter(cur, batch['fermenter_id'])
        db.commit()
        mailer.send_mail(config.BREWERS_EMAIL, 'Batch %s dumped' % batch['batch_no'],
                         '%s of %s was dumped.\nReason: %s' % (format_bbl(remaining), batch['recipe_name'],
                                                                self.params.get('reason')))
        self.redirect('/batches/%s' % batch_id)


def close_batch(cur, batch_id):
    """called when the tank is empty (last packaging run).  frees the tank"""
    cur.execute("SELECT fermenter_id FROM brew_batches WHERE id = %s", (batch_id,))
    row = cur.fetchone()
    cur.execute("UPDATE brew_batches SET status = 'packaged', closed_at = now() WHERE id = %s", (batch_id,))
    if row and row['fermenter_id']:
        release_fermenter(cur, row['fermenter_id'])


class CipLog(BaseHandler):
    @require_login
    def POST(self, fermenter_id):
        self.cur.execute("""UPDATE fermenters SET status = 'clean', last_cip_at = now()
                             WHERE id = %s AND current_batch_id IS NULL""", (fermenter_id,))
        db.commit()
        raise web.seeother('/fermenters')


def batch_yield_report(cur, batch_id):
    """brewhouse efficiency-ish numbers for the batch sheet"""
    batch = get_batch(cur, batch_id)
    cur.execute("SELECT batch_size_bbl FROM recipes WHERE id = %s", (batch['recipe_id'],))
    target = Decimal(cur.fetchone()['batch_size_bbl'])
    cur.execute("SELECT coalesce(sum(volume_bbl),0) AS v FROM packaging_runs WHERE batch_id = %s", (batch_id,))
    packaged = Decimal(cur.fetchone()['v'])
    brewed = Decimal(batch['volume_bbl'] or 0)
    return {
        'target_bbl': target,
        'brewed_bbl': brewed,
        'packaged_bbl': packaged,
        'brewhouse_yield': pct(brewed, target),
        'cellar_yield': pct(packaged, brewed),
        'cost': recipe_cost(cur, batch['recipe_id']),
        'cost_per_bbl': round_money(recipe_cost(cur, batch['recipe_id']) / packaged) if packaged else None,
    }


# ---------------------------------------------------------------------------
# raw material consumption (brew day)
# TODO: move to purchasing.py?  it's really inventory.  -mg
# ---------------------------------------------------------------------------

class MaterialShortage(Exception):
    pass


def check_materials_available(cur, recipe_id, scale=1):
    cur.execute("""
        SELECT m.id, m.name, m.unit, ri.qty * %s AS needed,
               coalesce((SELECT sum(l.qty_on_hand) FROM material_lots l WHERE l.material_id = m.id), 0) AS on_hand
          FROM recipe_ingredients ri
          JOIN materials m ON m.id = ri.material_id
         WHERE ri.recipe_id = %s""", (scale, recipe_id))
    short = []
    for r in cur.fetchall():
        if r['on_hand'] < r['needed']:
            short.append({'material_id': r['id'], 'name': r['name'],
                          'short_by': '%s %s' % (r['needed'] - r['on_hand'], r['unit'])})
    return short


def _pick_lots_fifo(cur, material_id, qty):
    """returns [(lot_id, qty_taken)], oldest lots first.  raises if not enough"""
    cur.execute("""SELECT id, qty_on_hand FROM material_lots
                    WHERE material_id = %s AND qty_on_hand > 0
                    ORDER BY coalesce(expires_on, '2999-12-31'), received_at
                    FOR UPDATE""", (material_id,))
    picks = []
    need = Decimal(str(qty))
    for lot in cur.fetchall():
        if need <= 0:
            break
        take = min(need, Decimal(lot['qty_on_hand']))
        picks.append((lot['id'], take))
        need -= take
    if need > 0:
        raise MaterialShortage('not enough of material %s (short %s)' % (material_id, need))
    return picks


def consume_materials(cur, batch_id, recipe_id, scale=1):
    scale = Decimal(str(scale))
    cur.execute("SELECT material_id, sum(qty) AS qty FROM recipe_ingredients WHERE recipe_id = %s GROUP BY material_id",
                (recipe_id,))
    for ing in cur.fetchall():
        qty = Decimal(ing['qty']) * scale
        for lot_id, take in _pick_lots_fifo(cur, ing['material_id'], qty):
            cur.execute("UPDATE material_lots SET qty_on_hand = qty_on_hand - %s WHERE id = %s", (take, lot_id))
            cur.execute("""INSERT INTO material_consumption (batch_id, lot_id, material_id, qty)
                           VALUES (%s, %s, %s, %s)""", (batch_id, lot_id, ing['material_id'], take))
    log.info('consumed materials for batch %s', batch_id)


def unconsume_materials(cur, batch_id):
    """undo a brew-day stock relief (batch started by mistake)"""
    cur.execute("SELECT id, lot_id, qty FROM material_consumption WHERE batch_id = %s", (batch_id,))
    for row in cur.fetchall():
        if row['lot_id']:
            cur.execute("UPDATE material_lots SET qty_on_hand = qty_on_hand + %s WHERE id = %s",
                        (row['qty'], row['lot_id']))
    cur.execute("DELETE FROM material_consumption WHERE batch_id = %s", (batch_id,))


class CancelBrew(BaseHandler):
    @require_admin
    def POST(self, batch_id):
        unconsume_materials(self.cur, batch_id)
        self.cur.execute("SELECT fermenter_id FROM brew_batches WHERE id = %s", (batch_id,))
        fv = self.cur.fetchone()['fermenter_id']
        if fv:
            self.cur.execute("UPDATE fermenters SET status='clean', current_batch_id=NULL WHERE id=%s", (fv,))
        self.cur.execute("UPDATE brew_batches SET status='planned', fermenter_id=NULL WHERE id=%s", (batch_id,))
        db.commit()
        self.redirect('/batches/%s' % batch_id, 'Brew cancelled, stock restored')


def lots_used_in_batch(cur, batch_id):
    """for recalls: which supplier lots went into this batch"""
    cur.execute("""SELECT DISTINCT m.sku, m.name, l.supplier_lot, s.name AS supplier
                     FROM material_consumption mc
                     JOIN material_lots l ON l.id = mc.lot_id
                     JOIN materials m ON m.id = mc.material_id
                LEFT JOIN purchase_order_lines pol ON pol.id = l.po_line_id
                LEFT JOIN purchase_orders po ON po.id = pol.po_id
                LEFT JOIN suppliers s ON s.id = po.supplier_id
                    WHERE mc.batch_id = %s""", (batch_id,))
    return cur.fetchall()


# ---------------------------------------------------------------------------
# packaging (canning line + kegging)   added 2019-06
# ---------------------------------------------------------------------------

def lot_code_for(batch_no, packaged_on, format_code):
    """printed on the can bottom / keg collar: 21047-0614-C"""
    suffix = 'K' if format_code in ('HALF', 'SIXTEL', 'QUARTER') else 'C'
    return '%s-%s-%s' % (batch_no, packaged_on.strftime('%m%d'), suffix)


def next_run_no(cur):
    cur.execute("SELECT count(*) AS n FROM packaging_runs WHERE packaged_on >= date_trunc('year', current_date)")
    n = cur.fetchone()['n'] + 1
    return 'PR%s-%03d' % (today().strftime('%y'), n)


def get_format(cur, format_id):
    cur.execute("SELECT * FROM package_formats WHERE id = %s", (format_id,))
    return cur.fetchone()


def create_packaging_run(cur, batch_id, format_id, units, loss_bbl=0, operator=None,
                         packaged_on=None, notes=None):
    packaged_on = packaged_on or today()
    fmt = get_format(cur, format_id)
    cur.execute("SELECT batch_no, recipe_id FROM brew_batches WHERE id = %s", (batch_id,))
    batch = cur.fetchone()
    volume = liters_to_bbl(Decimal(fmt['volume_liters']) * units * (fmt['units_per_case'] or 1))
    lot = lot_code_for(batch['batch_no'], packaged_on, fmt['code'])
    run_no = next_run_no(cur)
    cur.execute("""INSERT INTO packaging_runs (run_no, batch_id, format_id, packaged_on, units,
                                              volume_bbl, loss_bbl, lot_code, operator, notes)
                   VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id""",
                (run_no, batch_id, format_id, packaged_on, units, volume, loss_bbl, lot, operator, notes))
    run_id = cur.fetchone()['id']
    add_finished_goods(cur, batch['recipe_id'], format_id, run_id, lot, units)
    return run_id, lot, volume


def add_finished_goods(cur, recipe_id, format_id, run_id, lot_code, qty, location='COOLER'):
    cur.execute("""SELECT id FROM finished_goods
                    WHERE recipe_id = %s AND format_id = %s AND lot_code = %s""",
                (recipe_id, format_id, lot_code))
    row = cur.fetchone()
    if row:
        cur.execute("UPDATE finished_goods SET qty_on_hand = qty_on_hand + %s, updated_at = now() WHERE id = %s",
                    (qty, row['id']))
    else:
        cur.execute("""INSERT INTO finished_goods (recipe_id, format_id, run_id, lot_code, qty_on_hand, location)
                       VALUES (%s, %s, %s, %s, %s, %s)""",
                    (recipe_id, format_id, run_id, lot_code, qty, location))


class PackageBatch(BaseHandler):
    @require_login
    def GET(self, batch_id):
        batch = get_batch(self.cur, batch_id)
        self.cur.execute("SELECT * FROM package_formats ORDER BY is_keg DESC, code")
        formats = self.cur.fetchall()
        self.cur.execute("""SELECT k.id, k.serial, pf.code FROM kegs k
                              JOIN package_formats pf ON pf.id = k.format_id
                             WHERE k.status = 'clean' ORDER BY k.serial""")
        clean_kegs = self.cur.fetchall()
        remaining = batch_volume_remaining(self.cur, batch_id)
        return render.package_batch(batch, formats, clean_kegs, remaining)

    @require_login
    def POST(self, batch_id):
        i = web.input(keg_serials=[])
        cur = self.cur
        format_id = safe_int(i.get('format_id'))
        units = safe_int(i.get('units'), 0)
        fmt = get_format(cur, format_id)
        if fmt['is_keg'] and i.keg_serials:
            units = len(i.keg_serials)
        if units <= 0:
            flash('Nothing to package', 'error')
            raise web.seeother('/batches/%s/package' % batch_id)
        cur.execute("UPDATE brew_batches SET status = 'packaging' WHERE id = %s AND status = 'conditioning'",
                    (batch_id,))
        run_id, lot, volume = create_packaging_run(cur, batch_id, format_id, units,
                                                   safe_decimal(i.get('loss_bbl'), 0), i.get('operator'),
                                                   parse_date(i.get('packaged_on')), i.get('notes'))
        if fmt['is_keg']:
            import kegs   # circular otherwise
            kegs.fill_kegs(cur, run_id, i.keg_serials)
        if i.get('tank_empty') == '1':
            close_batch(cur, batch_id)
        db.commit()
        self.redirect('/batches/%s' % batch_id, 'Packaged %d x %s, lot %s' % (units, fmt['code'], lot))


class PackagingRunList(BaseHandler):
    @require_login
    def GET(self):
        since = parse_date(self.params.get('since')) or (today() - datetime.timedelta(days=30))
        self.cur.execute("""
            SELECT pr.*, pf.code AS format_code, b.batch_no, r.name AS recipe_name
              FROM packaging_runs pr
              JOIN package_formats pf ON pf.id = pr.format_id
              JOIN brew_batches b ON b.id = pr.batch_id
              JOIN recipes r ON r.id = b.recipe_id
             WHERE pr.packaged_on >= %s
             ORDER BY pr.packaged_on DESC, pr.run_no DESC""", (since,))
        return render.packaging_runs(self.cur.fetchall(), since)


def void_packaging_run(cur, run_id):
    """mistyped run.  only allowed if none of it has shipped"""
    cur.execute("SELECT * FROM packaging_runs WHERE id = %s", (run_id,))
    run = cur.fetchone()
    cur.execute("SELECT qty_on_hand FROM finished_goods WHERE run_id = %s", (run_id,))
    fg = cur.fetchone()
    if fg is None or fg['qty_on_hand'] < run['units']:
        raise ValueError('some of run %s already left the cooler' % run['run_no'])
    cur.execute("DELETE FROM finished_goods WHERE run_id = %s", (run_id,))
    cur.execute("UPDATE kegs SET status = 'clean', current_run_id = NULL WHERE current_run_id = %s", (run_id,))
    cur.execute("DELETE FROM packaging_runs WHERE id = %s", (run_id,))


class FinishedGoods(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("""
            SELECT fg.id, fg.lot_code, fg.qty_on_hand, fg.location, fg.updated_at,
                   r.name AS recipe_name, pf.code AS format_code, pf.is_keg
              FROM finished_goods fg
              JOIN recipes r ON r.id = fg.recipe_id
              JOIN package_formats pf ON pf.id = fg.format_id
             WHERE fg.qty_on_hand > 0
             ORDER BY r.name, pf.code, fg.lot_code""")
        rows = self.cur.fetchall()
        return render.finished_goods(rows)


def finished_goods_available(cur, recipe_id, format_id):
    cur.execute("""SELECT coalesce(sum(qty_on_hand),0) AS q FROM finished_goods
                    WHERE recipe_id = %s AND format_id = %s""", (recipe_id, format_id))
    return cur.fetchone()['q']


def take_finished_goods(cur, recipe_id, format_id, qty):
    """oldest lot first.  returns [(lot_code, qty)]"""
    cur.execute("""SELECT id, lot_code, qty_on_hand FROM finished_goods
                    WHERE recipe_id = %s AND format_id = %s AND qty_on_hand > 0
                    ORDER BY lot_code FOR UPDATE""", (recipe_id, format_id))
    out = []
    need = qty
    for row in cur.fetchall():
        if need <= 0:
            break
        take = min(need, row['qty_on_hand'])
        cur.execute("UPDATE finished_goods SET qty_on_hand = qty_on_hand - %s, updated_at = now() WHERE id = %s",
                    (take, row['id']))
        out.append((row['lot_code'], take))
        need -= take
    if need > 0:
        raise ValueError('only %d available' % (qty - need))
    return out
