# -*- coding: utf-8 -*-
"""
admin_views.py -- the /admin pages.  Master data for everything:
recipes, tanks, suppliers, materials, package formats, kegs, distributors,
price lists, taps, menu, POS staff, excise rates, labels, mug club.

Most of these are the same list+form pattern.  _save_row does the
insert/update so each handler stays short(ish).

History: started as Dave's "settings" page, then everybody added their bit.
"""
import csv
import io
import logging
import os
from decimal import Decimal

import web

import config
from lib import db
from lib.handlers import BaseHandler, render, require_admin, require_login, flash, json_response, current_user
from lib.util import safe_int, safe_decimal, parse_date, today, slugify, round_money
import brewery
import kegs
import mugclub

log = logging.getLogger('hopyard.admin')


# ---------------------------------------------------------------------------
# little form helpers
# ---------------------------------------------------------------------------

def _checkbox(v):
    return v in ('1', 'on', 'true', 'yes', True)


def _blank_to_none(d):
    return dict((k, (None if v == '' else v)) for k, v in d.items())


def _save_row(cur, table, data, row_id=None):
    """INSERT or UPDATE `table` from a dict.  column names come from OUR code,
    never from the form keys directly (see the whitelists in each handler)"""
    data = _blank_to_none(data)
    cols = sorted(data.keys())
    if row_id:
        sets = ', '.join('%s = %%s' % c for c in cols)
        cur.execute('UPDATE %s SET %s WHERE id = %%s' % (table, sets), [data[c] for c in cols] + [row_id])
        return int(row_id)
    placeholders = ', '.join(['%s'] * len(cols))
    cur.execute('INSERT INTO %s (%s) VALUES (%s) RETURNING id' % (table, ', '.join(cols), placeholders),
                [data[c] for c in cols])
    return cur.fetchone()['id']


def _pick(params, fields):
    return dict((f, params.get(f, '')) for f in fields)


def _list_rows(cur, table, order_by='id', where=None):
    sql = 'SELECT * FROM %s' % table
    if where:
        sql += ' WHERE ' + where
    cur.execute(sql + ' ORDER BY ' + order_by)
    return cur.fetchall()


class AdminHome(BaseHandler):
    @require_login
    def GET(self):
        sections = [
            ('Brewing', [('Recipes', '/admin/recipes'), ('Tanks', '/admin/fermenters')]),
            ('Purchasing', [('Suppliers', '/admin/suppliers'), ('Materials', '/admin/materials')]),
            ('Packaging', [('Formats', '/admin/formats'), ('Kegs', '/admin/kegs')]),
            ('Wholesale', [('Distributors', '/admin/distributors'), ('Price list', '/admin/prices')]),
            ('Taproom', [('Taps', '/admin/taps'), ('Menu', '/admin/menu'), ('Staff', '/admin/staff')]),
            ('TTB', [('Excise rates', '/admin/excise-rates'), ('Labels', '/admin/labels')]),
            ('Mug Club', [('Members', '/admin/mugclub'), ('Rewards', '/admin/rewards')]),
        ]
        return render.admin_home(sections, current_user())


# ---------------------------------------------------------------------------
# brewing master data
# ---------------------------------------------------------------------------

RECIPE_FIELDS = ('name', 'style', 'target_og', 'target_fg', 'target_abv', 'ibu', 'batch_size_bbl',
                 'boil_minutes', 'notes')


class RecipeAdmin(BaseHandler):
    @require_admin
    def GET(self, recipe_id=None):
        recipe = brewery.get_recipe(self.cur, recipe_id) if recipe_id else None
        ings = brewery.recipe_ingredients(self.cur, recipe_id) if recipe_id else []
        self.cur.execute("SELECT id, sku, name, unit FROM materials WHERE active ORDER BY category, name")
        materials = self.cur.fetchall()
        recipes = _list_rows(self.cur, 'recipes', 'name, version DESC')
        return render.admin_recipes(recipes, recipe, ings, materials)

    @require_admin
    def POST(self, recipe_id=None):
        data = _pick(self.params, RECIPE_FIELDS)
        if not data['name'].strip():
            flash('Name required', 'error')
            raise web.seeother('/admin/recipes')
        if data['target_og'] and data['target_fg'] and not data['target_abv']:
            data['target_abv'] = brewery.calc_abv(data['target_og'], data['target_fg'])
        data['active'] = _checkbox(self.params.get('active', '1'))
        rid = _save_row(self.cur, 'recipes', data, recipe_id)
        db.commit()
        self.redirect('/admin/recipes/%d' % rid, 'Saved')


class RecipeIngredientAdmin(BaseHandler):
    @require_admin
    def POST(self, recipe_id):
        i = self.params
        if i.get('delete_id'):
            self.cur.execute("DELETE FROM recipe_ingredients WHERE id = %s AND recipe_id = %s",
                             (i.delete_id, recipe_id))
        else:
            self.cur.execute("""INSERT INTO recipe_ingredients (recipe_id, material_id, qty, unit, addition, minute)
                                VALUES (%s, %s, %s, %s, %s, %s)""",
                             (recipe_id, safe_int(i.material_id), safe_decimal(i.qty), i.unit,
                              i.get('addition'), safe_int(i.get('minute'))))
        db.commit()
        raise web.seeother('/admin/recipes/%s' % recipe_id)


def recompute_recipe_abv(cur):
    """one-off after the ABV formula fix (2020-03).  left here in case"""
    cur.execute("SELECT id, target_og, target_fg FROM recipes WHERE target_og IS NOT NULL AND target_fg IS NOT NULL")
    n = 0
    for r in cur.fetchall():
        cur.execute("UPDATE recipes SET target_abv = %s WHERE id = %s",
                    (brewery.calc_abv(r['target_og'], r['target_fg']), r['id']))
        n += 1
    return n


class FermenterAdmin(BaseHandler):
    @require_admin
    def GET(self):
        return render.admin_fermenters(_list_rows(self.cur, 'fermenters', 'kind, name'))

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('name', 'kind', 'capacity_bbl', 'status'))
        if data['status'] not in ('clean', 'dirty', 'out_of_service', ''):
            data['status'] = 'dirty'
        _save_row(self.cur, 'fermenters', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/fermenters')


# ---------------------------------------------------------------------------
# purchasing master data
# ---------------------------------------------------------------------------

class SupplierAdmin(BaseHandler):
    @require_admin
    def GET(self):
        return render.admin_suppliers(_list_rows(self.cur, 'suppliers', 'active DESC, name'))

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('name', 'contact_name', 'email', 'phone', 'lead_time_days', 'terms', 'account_no'))
        data['active'] = _checkbox(i.get('active', '1'))
        _save_row(self.cur, 'suppliers', data, safe_int(i.get('id')))
        db.commit()
        self.redirect('/admin/suppliers', 'Supplier saved')


class MaterialAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT m.*, s.name AS supplier_name FROM materials m
                         LEFT JOIN suppliers s ON s.id = m.preferred_supplier_id
                             ORDER BY m.active DESC, m.category, m.name""")
        materials = self.cur.fetchall()
        suppliers = _list_rows(self.cur, 'suppliers', 'name', 'active')
        return render.admin_materials(materials, suppliers)

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('sku', 'name', 'category', 'unit', 'reorder_point', 'reorder_qty',
                         'preferred_supplier_id', 'cost_per_unit'))
        data['sku'] = data['sku'].upper().strip()
        data['active'] = _checkbox(i.get('active', '1'))
        try:
            _save_row(self.cur, 'materials', data, safe_int(i.get('id')))
            db.commit()
        except db.DBError as e:
            db.rollback()
            flash('Could not save: %s' % e, 'error')
        raise web.seeother('/admin/materials')


def deactivate_material(cur, material_id):
    """can't delete, recipes + lots point at it"""
    cur.execute("SELECT count(*) AS n FROM recipe_ingredients ri JOIN recipes r ON r.id = ri.recipe_id "
                "WHERE ri.material_id = %s AND r.active" % int(material_id))
    if cur.fetchone()['n']:
        raise ValueError('still used in an active recipe')
    cur.execute("UPDATE materials SET active = false WHERE id = %s", (material_id,))


# ---------------------------------------------------------------------------
# packaging master data
# ---------------------------------------------------------------------------

class PackageFormatAdmin(BaseHandler):
    @require_admin
    def GET(self):
        return render.admin_formats(_list_rows(self.cur, 'package_formats', 'is_keg DESC, code'))

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('code', 'description', 'volume_liters', 'units_per_case'))
        data['code'] = data['code'].upper()
        data['is_keg'] = _checkbox(i.get('is_keg'))
        _save_row(self.cur, 'package_formats', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/formats')


class KegAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT pf.code, k.status, count(*) AS n FROM kegs k
                              JOIN package_formats pf ON pf.id = k.format_id
                             GROUP BY pf.code, k.status ORDER BY pf.code, k.status""")
        summary = self.cur.fetchall()
        formats = _list_rows(self.cur, 'package_formats', 'code', 'is_keg')
        return render.admin_kegs(summary, formats)

    @require_admin
    def POST(self):
        i = self.params
        if i.get('action') == 'retire':
            for serial in (i.get('serials') or '').split():
                keg = kegs.get_keg_by_serial(self.cur, serial)
                if keg:
                    try:
                        kegs.record_movement(self.cur, keg, 'retire', note='admin')
                    except kegs.KegStateError as e:
                        flash(str(e), 'error')
            db.commit()
            raise web.seeother('/admin/kegs')
        n = kegs.bulk_add_kegs(self.cur, safe_int(i.format_id), i.first_serial.strip(), safe_int(i.count, 0),
                               safe_decimal(i.get('deposit'), Decimal('30')), parse_date(i.get('purchased_on')))
        db.commit()
        self.redirect('/admin/kegs', 'Added %d kegs' % n)


# ---------------------------------------------------------------------------
# wholesale master data
# ---------------------------------------------------------------------------

class DistributorAdmin(BaseHandler):
    @require_admin
    def GET(self):
        return render.admin_distributors(_list_rows(self.cur, 'distributors', 'active DESC, name'))

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('name', 'license_no', 'state', 'contact', 'email', 'phone', 'terms_days', 'credit_limit'))
        data['state'] = (data['state'] or config.STATE).upper()[:2]
        data['charges_deposit'] = _checkbox(i.get('charges_deposit', '1'))
        data['active'] = _checkbox(i.get('active', '1'))
        _save_row(self.cur, 'distributors', data, safe_int(i.get('id')))
        db.commit()
        self.redirect('/admin/distributors', 'Saved')


class PriceListAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""
            SELECT p.*, r.name AS beer, pf.code AS format_code
              FROM wholesale_price_list p
              JOIN recipes r ON r.id = p.recipe_id
              JOIN package_formats pf ON pf.id = p.format_id
             WHERE p.effective_to IS NULL OR p.effective_to >= current_date
             ORDER BY r.name, pf.code, p.state NULLS FIRST""")
        prices = self.cur.fetchall()
        self.cur.execute("SELECT id, name FROM recipes WHERE active ORDER BY name")
        beers = self.cur.fetchall()
        return render.admin_prices(prices, beers, _list_rows(self.cur, 'package_formats', 'code'))

    @require_admin
    def POST(self):
        i = self.params
        if i.get('upload') is not None and hasattr(i.get('upload'), 'file'):
            n = import_price_list_csv(self.cur, i.upload.file.read().decode('utf-8'))
            db.commit()
            self.redirect('/admin/prices', 'Imported %d prices' % n)
        set_price(self.cur, safe_int(i.recipe_id), safe_int(i.format_id), i.get('state') or None,
                  safe_decimal(i.price), parse_date(i.get('effective_from')) or today())
        db.commit()
        raise web.seeother('/admin/prices')


def set_price(cur, recipe_id, format_id, state, price, effective_from):
    """close the current row and open a new one"""
    if state:
        cur.execute("""UPDATE wholesale_price_list SET effective_to = %s - 1
                        WHERE recipe_id = %s AND format_id = %s AND state = %s AND effective_to IS NULL""",
                    (effective_from, recipe_id, format_id, state))
    else:
        cur.execute("""UPDATE wholesale_price_list SET effective_to = %s - 1
                        WHERE recipe_id = %s AND format_id = %s AND state IS NULL AND effective_to IS NULL""",
                    (effective_from, recipe_id, format_id))
    cur.execute("""INSERT INTO wholesale_price_list (recipe_id, format_id, state, price, effective_from)
                   VALUES (%s, %s, %s, %s, %s)""", (recipe_id, format_id, state, price, effective_from))


def import_price_list_csv(cur, text):
    """columns: beer,format,state,price,effective_from   (beer by name, format by code)"""
    n = 0
    for row in csv.DictReader(io.StringIO(text)):
        cur.execute("SELECT id FROM recipes WHERE lower(name) = lower(%s) AND active", (row['beer'].strip(),))
        r = cur.fetchone()
        cur.execute("SELECT id FROM package_formats WHERE code = %s", (row['format'].strip().upper(),))
        f = cur.fetchone()
        if not r or not f:
            log.warning('price import: skipping %r', row)
            continue
        set_price(cur, r['id'], f['id'], (row.get('state') or '').strip().upper() or None,
                  safe_decimal(row['price']), parse_date(row.get('effective_from')) or today())
        n += 1
    return n


# ---------------------------------------------------------------------------
# taproom master data
# ---------------------------------------------------------------------------

class TapAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT t.*, r.name AS beer FROM taps t LEFT JOIN recipes r ON r.id = t.recipe_id
                             ORDER BY t.tap_no""")
        return render.admin_taps(self.cur.fetchall())

    @require_admin
    def POST(self):
        i = self.params
        if i.get('add'):
            self.cur.execute("INSERT INTO taps (tap_no) VALUES ((SELECT coalesce(max(tap_no),0)+1 FROM taps))")
        else:
            self.cur.execute("UPDATE taps SET active = %s WHERE id = %s",
                             (_checkbox(i.get('active')), safe_int(i.id)))
        db.commit()
        raise web.seeother('/admin/taps')


MENU_CATEGORIES = ('draft', 'flight', 'growler', 'crowler', 'merch', 'food')


class MenuItemAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT mi.*, r.name AS beer FROM menu_items mi
                         LEFT JOIN recipes r ON r.id = mi.recipe_id
                             ORDER BY mi.active DESC, mi.category, mi.name""")
        items = self.cur.fetchall()
        self.cur.execute("SELECT id, name FROM recipes WHERE active ORDER BY name")
        return render.admin_menu(items, self.cur.fetchall(), MENU_CATEGORIES)

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('name', 'category', 'recipe_id', 'pour_oz', 'price'))
        if data['category'] not in MENU_CATEGORIES:
            flash('bad category', 'error')
            raise web.seeother('/admin/menu')
        data['taxable'] = _checkbox(i.get('taxable', '1'))
        data['active'] = _checkbox(i.get('active', '1'))
        _save_row(self.cur, 'menu_items', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/menu')


def create_draft_menu_items(cur, recipe_id):
    """new beer -> pint, half pour, taster, growler fill.  prices from config someday"""
    cur.execute("SELECT name FROM recipes WHERE id = %s", (recipe_id,))
    name = cur.fetchone()['name']
    for label, oz, price, cat in (('Pint', 16, '7.00', 'draft'), ('Half', 10, '4.50', 'draft'),
                                  ('Taster', 4, '2.50', 'flight'), ('Growler fill', 64, '18.00', 'growler')):
        cur.execute("""INSERT INTO menu_items (name, category, recipe_id, pour_oz, price)
                       VALUES (%s, %s, %s, %s, %s)""", ('%s - %s' % (name, label), cat, recipe_id, oz, price))


class StaffAdmin(BaseHandler):
    @require_admin
    def GET(self):
        return render.admin_staff(_list_rows(self.cur, 'pos_staff', 'active DESC, name'))

    @require_admin
    def POST(self):
        i = self.params
        if i.get('reset_pin'):
            pin = reset_staff_pin(self.cur, safe_int(i.id))
            db.commit()
            self.redirect('/admin/staff', 'New PIN: %s' % pin)
        data = _pick(i, ('name', 'pin', 'role'))
        data['active'] = _checkbox(i.get('active', '1'))
        _save_row(self.cur, 'pos_staff', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/staff')


def reset_staff_pin(cur, staff_id):
    import random
    while True:
        pin = '%04d' % random.randint(0, 9999)
        cur.execute("SELECT 1 FROM pos_staff WHERE pin = %s AND active", (pin,))
        if not cur.fetchone():
            break
    cur.execute("UPDATE pos_staff SET pin = %s WHERE id = %s", (pin, staff_id))
    return pin


# ---------------------------------------------------------------------------
# TTB master data
# ---------------------------------------------------------------------------

class ExciseRateAdmin(BaseHandler):
    @require_admin
    def GET(self):
        return render.admin_excise_rates(_list_rows(self.cur, 'excise_rates', 'effective_from DESC, tier_limit_bbl'))

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('effective_from', 'effective_to', 'tier_limit_bbl', 'rate_per_bbl', 'description'))
        _save_row(self.cur, 'excise_rates', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/excise-rates')


LABEL_DIR = os.path.join(config.EXPORT_DIR, 'labels')


class LabelApprovalAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT la.*, r.name AS recipe_name FROM label_approvals la
                              JOIN recipes r ON r.id = la.recipe_id ORDER BY la.approved_on DESC NULLS FIRST""")
        labels = self.cur.fetchall()
        self.cur.execute("SELECT id, name, version FROM recipes WHERE active ORDER BY name")
        return render.admin_labels(labels, self.cur.fetchall())

    @require_admin
    def POST(self):
        i = web.input(label_file={})
        data = _pick(i, ('recipe_id', 'cola_id', 'brand_name', 'approved_on', 'expires_on', 'status'))
        if 'label_file' in i and getattr(i.label_file, 'filename', None):
            data['label_file'] = save_label_file(i.label_file)
        _save_row(self.cur, 'label_approvals', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/labels')


def save_label_file(upload):
    if not os.path.isdir(LABEL_DIR):
        os.makedirs(LABEL_DIR)
    name = slugify(os.path.splitext(upload.filename)[0]) + os.path.splitext(upload.filename)[1].lower()
    path = os.path.join(LABEL_DIR, name)
    with open(path, 'wb') as f:
        f.write(upload.file.read())
    return name


# ---------------------------------------------------------------------------
# mug club admin
# ---------------------------------------------------------------------------

class MugClubAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT status, count(*) AS n FROM mug_club_members GROUP BY status""")
        counts = self.cur.fetchall()
        self.cur.execute("""SELECT m.*, (SELECT max(paid_on) FROM mug_club_renewals r WHERE r.member_id = m.id) AS last_paid
                              FROM mug_club_members m ORDER BY m.last_name, m.first_name""")
        return render.admin_mugclub(self.cur.fetchall(), counts)

    @require_admin
    def POST(self):
        i = self.params
        action = i.get('action')
        member_id = safe_int(i.get('member_id'))
        if action == 'cancel':
            self.cur.execute("UPDATE mug_club_members SET status = 'cancelled', mug_number = NULL WHERE id = %s",
                             (member_id,))
        elif action == 'points':
            adjust_points(self.cur, member_id, safe_int(i.points, 0), i.get('note') or 'adjust')
        elif action == 'merge':
            merge_members(self.cur, member_id, safe_int(i.into_id))
        elif action == 'edit':
            data = _pick(i, ('first_name', 'last_name', 'email', 'phone', 'mug_number', 'birthday', 'notes'))
            _save_row(self.cur, 'mug_club_members', data, member_id)
        db.commit()
        raise web.seeother('/admin/mugclub')


def adjust_points(cur, member_id, points, note='adjust'):
    bal = mugclub.points_balance(cur, member_id) + points
    cur.execute("""INSERT INTO loyalty_ledger (member_id, points, reason, balance_after)
                   VALUES (%s, %s, %s, %s)""", (member_id, points, note[:40], max(bal, 0)))


def merge_members(cur, dupe_id, keep_id):
    """somebody signed up twice.  move everything to keep_id"""
    if not dupe_id or not keep_id or dupe_id == keep_id:
        raise ValueError('pick two different members')
    pts = mugclub.points_balance(cur, dupe_id)
    cur.execute("UPDATE mug_club_renewals SET member_id = %s WHERE member_id = %s", (keep_id, dupe_id))
    cur.execute("UPDATE reward_redemptions SET member_id = %s WHERE member_id = %s", (keep_id, dupe_id))
    cur.execute("UPDATE tabs SET member_id = %s WHERE member_id = %s", (keep_id, dupe_id))
    if pts:
        adjust_points(cur, keep_id, pts, 'merge from %s' % dupe_id)
        adjust_points(cur, dupe_id, -pts, 'merged into %s' % keep_id)
    cur.execute("UPDATE mug_club_members SET status = 'cancelled', mug_number = NULL, notes = "
                "coalesce(notes, '') || ' merged into ' || %s WHERE id = %s", (str(keep_id), dupe_id))


class RewardAdmin(BaseHandler):
    @require_admin
    def GET(self):
        self.cur.execute("""SELECT r.*, mi.name AS item_name,
                                   (SELECT count(*) FROM reward_redemptions rr WHERE rr.reward_id = r.id) AS times
                              FROM rewards r LEFT JOIN menu_items mi ON mi.id = r.menu_item_id
                             ORDER BY r.active DESC, r.points_cost""")
        rewards = self.cur.fetchall()
        items = _list_rows(self.cur, 'menu_items', 'name', 'active')
        return render.admin_rewards(rewards, items)

    @require_admin
    def POST(self):
        i = self.params
        data = _pick(i, ('name', 'points_cost', 'menu_item_id', 'description'))
        data['active'] = _checkbox(i.get('active', '1'))
        _save_row(self.cur, 'rewards', data, safe_int(i.get('id')))
        db.commit()
        raise web.seeother('/admin/rewards')


# ---------------------------------------------------------------------------
# fix-it screens (added as needed, mostly by whoever was on call)
# ---------------------------------------------------------------------------

class BatchAdmin(BaseHandler):
    """fix typos on a batch: wrong recipe picked, volume off by 10x, etc"""

    @require_admin
    def GET(self, batch_id):
        batch = brewery.get_batch(self.cur, batch_id)
        if not batch:
            self.not_found()
        self.cur.execute("SELECT id, name, version FROM recipes ORDER BY name, version DESC")
        return render.admin_batch(batch, self.cur.fetchall(), brewery.BATCH_STATUSES)

    @require_admin
    def POST(self, batch_id):
        i = self.params
        data = _pick(i, ('recipe_id', 'brew_date', 'brewer', 'volume_bbl', 'og', 'fg', 'status', 'notes'))
        if data['status'] and data['status'] not in brewery.BATCH_STATUSES:
            flash('bad status', 'error')
            raise web.seeother('/admin/batches/%s' % batch_id)
        if data['og'] and data['fg']:
            data['abv'] = brewery.calc_abv(data['og'], data['fg'])
        _save_row(self.cur, 'brew_batches', data, batch_id)
        log.warning('batch %s edited by %s: %r', batch_id, current_user()['name'], data)
        db.commit()
        self.redirect('/batches/%s' % batch_id, 'Batch updated')


class PurchaseOrderAdmin(BaseHandler):
    """force-close a PO that will never be fully received (supplier shorted us)"""

    @require_admin
    def POST(self, po_id):
        i = self.params
        if i.get('action') == 'force_close':
            self.cur.execute("""UPDATE purchase_order_lines SET qty_ordered = qty_received
                                 WHERE po_id = %s AND qty_received < qty_ordered""", (po_id,))
            self.cur.execute("""UPDATE purchase_orders SET status = 'received',
                                       notes = coalesce(notes,'') || %s WHERE id = %s""",
                             ('\nforce closed by %s' % current_user()['name'], po_id))
        elif i.get('action') == 'reopen':
            self.cur.execute("UPDATE purchase_orders SET status = 'sent' WHERE id = %s AND status = 'received'",
                             (po_id,))
        db.commit()
        raise web.seeother('/purchasing/orders/%s' % po_id)


class ShiftAdmin(BaseHandler):
    """manager view of till shifts; fix a miscounted drawer"""

    @require_admin
    def GET(self):
        self.cur.execute("""SELECT s.*, st.name AS staff_name,
                                   (SELECT count(*) FROM tabs t WHERE t.shift_id = s.id) AS tabs
                              FROM till_shifts s JOIN pos_staff st ON st.id = s.staff_id
                             ORDER BY s.opened_at DESC LIMIT 60""")
        return render.admin_shifts(self.cur.fetchall())

    @require_admin
    def POST(self):
        i = self.params
        shift_id = safe_int(i.shift_id)
        counted = safe_decimal(i.counted_cash)
        self.cur.execute("""UPDATE till_shifts SET counted_cash = %s, over_short = %s - expected_cash
                             WHERE id = %s AND closed_at IS NOT NULL""", (counted, counted, shift_id))
        db.commit()
        self.redirect('/admin/shifts', 'Shift %s recount saved' % shift_id)


class TabAdmin(BaseHandler):
    """void a whole tab after the fact (walkout, test tab, etc).  manager only"""

    @require_admin
    def POST(self, tab_id):
        reason = self.params.get('reason') or 'void'
        self.cur.execute("SELECT * FROM tabs WHERE id = %s", (tab_id,))
        tab = self.cur.fetchone()
        if tab is None:
            self.not_found()
        self.cur.execute("UPDATE tab_lines SET voided = true WHERE tab_id = %s", (tab_id,))
        self.cur.execute("UPDATE pos_payments SET refunded = true WHERE tab_id = %s", (tab_id,))
        self.cur.execute("""UPDATE tabs SET status = 'void', subtotal = 0, discount = 0, sales_tax = 0, total = 0
                             WHERE id = %s""", (tab_id,))
        if tab['member_id'] and tab['status'] == 'closed':
            # take the points back too
            self.cur.execute("SELECT coalesce(sum(points),0) AS p FROM loyalty_ledger WHERE tab_id = %s", (tab_id,))
            pts = self.cur.fetchone()['p']
            if pts:
                adjust_points(self.cur, tab['member_id'], -pts, 'void tab %s' % tab_id)
        log.warning('tab %s voided by %s: %s', tab_id, current_user()['name'], reason)
        db.commit()
        self.redirect('/admin/shifts', 'Tab %s voided' % tab_id)


class RemovalAdmin(BaseHandler):
    """manual removals: lab samples, beer for festivals (taxpaid), export (tax free)"""

    @require_admin
    def GET(self):
        self.cur.execute("""SELECT tr.*, r.name AS recipe_name FROM taxable_removals tr
                         LEFT JOIN recipes r ON r.id = tr.recipe_id
                             WHERE tr.source = 'other' ORDER BY tr.removed_on DESC LIMIT 100""")
        rows = self.cur.fetchall()
        self.cur.execute("SELECT id, name FROM recipes WHERE active ORDER BY name")
        return render.admin_removals(rows, self.cur.fetchall())

    @require_admin
    def POST(self):
        import ttb
        i = self.params
        vol = safe_decimal(i.volume_bbl)
        if vol is None and i.get('gallons'):
            vol = (safe_decimal(i.gallons) / Decimal('31')).quantize(Decimal('0.001'))
        ttb.record_removal(self.cur, 'other', i.get('ref_type') or 'manual', None, vol,
                           safe_int(i.get('recipe_id')), parse_date(i.get('removed_on')),
                           tax_free=_checkbox(i.get('tax_free')))
        db.commit()
        raise web.seeother('/admin/removals')


EXPORTABLE_TABLES = ('recipes', 'materials', 'suppliers', 'package_formats', 'distributors',
                     'wholesale_price_list', 'menu_items', 'rewards', 'excise_rates')


class MasterDataExport(BaseHandler):
    """dump a master-data table as CSV (for the accountant / insurance / whoever asks)"""

    @require_admin
    def GET(self, table):
        from lib.csvexport import csv_response
        if table not in EXPORTABLE_TABLES:
            self.not_found()
        rows = _list_rows(self.cur, table)
        return csv_response('%s_%s.csv' % (table, today().isoformat()), rows)


class RecipeRetire(BaseHandler):
    @require_admin
    def POST(self, recipe_id):
        retired = retire_recipe(self.cur, recipe_id)
        db.commit()
        self.redirect('/admin/recipes', 'Retired %s (menu items + prices closed out)' % retired)


def retire_recipe(cur, recipe_id):
    """beer is discontinued: recipe inactive, pull it off the menu, end its prices.
    does NOT touch finished goods; sell through what's left."""
    cur.execute("UPDATE recipes SET active = false WHERE id = %s RETURNING name", (recipe_id,))
    row = cur.fetchone()
    if row is None:
        raise ValueError('no such recipe')
    cur.execute("UPDATE menu_items SET active = false WHERE recipe_id = %s", (recipe_id,))
    cur.execute("""UPDATE wholesale_price_list SET effective_to = current_date
                    WHERE recipe_id = %s AND (effective_to IS NULL OR effective_to > current_date)""", (recipe_id,))
    return row['name']


class MenuBulkPrice(BaseHandler):
    """'raise all pints 50 cents' button.  rounds to the nearest quarter"""

    @require_admin
    def POST(self):
        i = self.params
        cat = i.get('category')
        if cat not in MENU_CATEGORIES:
            flash('pick a category', 'error')
            raise web.seeother('/admin/menu')
        n = bulk_price_change(self.cur, cat, safe_decimal(i.get('amount'), Decimal('0')),
                              safe_decimal(i.get('pct'), Decimal('0')), safe_decimal(i.get('min_oz')))
        db.commit()
        self.redirect('/admin/menu', 'Repriced %d items' % n)


def bulk_price_change(cur, category, amount=Decimal('0'), pct=Decimal('0'), min_oz=None):
    sql = "SELECT id, price FROM menu_items WHERE active AND category = %s"
    params = [category]
    if min_oz:
        sql += " AND pour_oz >= %s"
        params.append(min_oz)
    cur.execute(sql, params)
    n = 0
    for item in cur.fetchall():
        new = Decimal(item['price']) * (1 + pct / 100) + amount
        new = (new * 4).quantize(Decimal('1')) / 4
        cur.execute("UPDATE menu_items SET price = %s WHERE id = %s", (round_money(new), item['id']))
        n += 1
    return n


class SupplierMerge(BaseHandler):
    @require_admin
    def POST(self):
        i = self.params
        try:
            merge_suppliers(self.cur, safe_int(i.dupe_id), safe_int(i.keep_id))
        except ValueError as e:
            db.rollback()
            flash(str(e), 'error')
            raise web.seeother('/admin/suppliers')
        db.commit()
        self.redirect('/admin/suppliers', 'Merged')


def merge_suppliers(cur, dupe_id, keep_id):
    if not dupe_id or not keep_id or dupe_id == keep_id:
        raise ValueError('pick two suppliers')
    cur.execute("UPDATE purchase_orders SET supplier_id = %s WHERE supplier_id = %s", (keep_id, dupe_id))
    cur.execute("UPDATE materials SET preferred_supplier_id = %s WHERE preferred_supplier_id = %s",
                (keep_id, dupe_id))
    cur.execute("UPDATE suppliers SET active = false, name = name || ' (merged)' WHERE id = %s", (dupe_id,))


# class OldSettings(BaseHandler):
#     """pre-2019 settings page.  replaced by AdminHome"""
#     def GET(self):
#         return render.settings(config.__dict__)


class DistributorCreditReview(BaseHandler):
    """who is over their credit limit (open invoices + new/confirmed orders)"""

    @require_admin
    def GET(self):
        self.cur.execute("""
            SELECT d.id, d.name, d.credit_limit,
                   coalesce(inv.open_amt, 0) AS open_invoices,
                   coalesce(ord.pending, 0) AS pending_orders,
                   coalesce(inv.open_amt, 0) + coalesce(ord.pending, 0) AS exposure
              FROM distributors d
         LEFT JOIN (SELECT distributor_id, sum(amount + deposit_amount - paid_amount) AS open_amt
                      FROM wholesale_invoices WHERE status IN ('open', 'overdue')
                     GROUP BY distributor_id) inv ON inv.distributor_id = d.id
         LEFT JOIN (SELECT distributor_id, sum(total) AS pending
                      FROM wholesale_orders WHERE status IN ('new', 'confirmed', 'picked')
                     GROUP BY distributor_id) ord ON ord.distributor_id = d.id
             WHERE d.active AND d.credit_limit > 0
             ORDER BY (coalesce(inv.open_amt, 0) + coalesce(ord.pending, 0)) / d.credit_limit DESC""")
        rows = self.cur.fetchall()
        for r in rows:
            r['keg_deposits'] = kegs.keg_deposit_balance(self.cur, r['id'])
            r['over'] = r['exposure'] > r['credit_limit']
        return render.admin_credit(rows)

    @require_admin
    def POST(self):
        i = self.params
        self.cur.execute("UPDATE distributors SET credit_limit = %s WHERE id = %s",
                         (safe_decimal(i.credit_limit), safe_int(i.distributor_id)))
        db.commit()
        raise web.seeother('/admin/credit')
