# reports.py -- the /reports menu.  Mostly read-only SQL for the owners'
# monthly meeting.  CSV on every page because they paste it into Excel anyway.
import datetime
from decimal import Decimal

import web

from lib import db
from lib.handlers import BaseHandler, render, require_login, require_admin
from lib.util import parse_date, today, previous_month, round_money, pct, oz_to_bbl, liters_to_bbl
from lib.csvexport import csv_response
from brewery import format_bbl


def _period(params):
    start = parse_date(params.get('start'))
    end = parse_date(params.get('end'))
    if not start or not end:
        start, end = previous_month()
    return start, end


class ReportIndex(BaseHandler):
    @require_login
    def GET(self):
        return render.reports_index(previous_month())


# ---------------------------------------------------------------------------

def production_summary(cur, start, end):
    cur.execute("""
        SELECT r.name AS beer, r.style,
               count(b.id) AS batches,
               coalesce(sum(b.volume_bbl), 0) AS brewed_bbl,
               avg(b.og) AS avg_og, avg(b.abv) AS avg_abv,
               sum(CASE WHEN b.status = 'dumped' THEN 1 ELSE 0 END) AS dumped
          FROM brew_batches b
          JOIN recipes r ON r.id = b.recipe_id
         WHERE b.brew_date BETWEEN %s AND %s
         GROUP BY r.name, r.style
         ORDER BY brewed_bbl DESC""", (start, end))
    rows = cur.fetchall()
    cur.execute("""SELECT b.recipe_id, sum(pr.volume_bbl) AS packaged FROM packaging_runs pr
                     JOIN brew_batches b ON b.id = pr.batch_id
                    WHERE pr.packaged_on BETWEEN %s AND %s GROUP BY b.recipe_id""", (start, end))
    return rows


class ProductionReport(BaseHandler):
    @require_login
    def GET(self):
        start, end = _period(self.params)
        rows = production_summary(self.cur, start, end)
        if self.params.get('format') == 'csv':
            return csv_response('production_%s.csv' % start, rows)
        return render.report_production(rows, start, end, format_bbl)


def batch_cost_report(cur, start, end):
    """actual ingredient cost per batch from the lots consumed (not standard cost)"""
    cur.execute("""
        SELECT b.batch_no, r.name AS beer, b.volume_bbl,
               sum(mc.qty * coalesce(l.unit_cost, m.cost_per_unit)) AS ingredient_cost,
               sum(CASE WHEN m.category = 'hops' THEN mc.qty * coalesce(l.unit_cost, m.cost_per_unit) END) AS hop_cost,
               sum(CASE WHEN m.category = 'malt' THEN mc.qty * coalesce(l.unit_cost, m.cost_per_unit) END) AS malt_cost
          FROM brew_batches b
          JOIN recipes r ON r.id = b.recipe_id
          JOIN material_consumption mc ON mc.batch_id = b.id
          JOIN materials m ON m.id = mc.material_id
     LEFT JOIN material_lots l ON l.id = mc.lot_id
         WHERE b.brew_date BETWEEN %s AND %s
         GROUP BY b.batch_no, r.name, b.volume_bbl
         ORDER BY b.batch_no""", (start, end))
    rows = cur.fetchall()
    for r in rows:
        r['cost_per_bbl'] = round_money(Decimal(r['ingredient_cost']) / Decimal(r['volume_bbl'])) \
            if r['volume_bbl'] else None
    return rows


class BatchCostReport(BaseHandler):
    @require_admin
    def GET(self):
        start, end = _period(self.params)
        rows = batch_cost_report(self.cur, start, end)
        if self.params.get('format') == 'csv':
            return csv_response('batch_costs_%s.csv' % start, rows)
        return render.report_batch_costs(rows, start, end)


# ---------------------------------------------------------------------------

def inventory_valuation(cur, as_of=None):
    cur.execute("""
        SELECT m.category, m.sku, m.name, m.unit,
               sum(l.qty_on_hand) AS qty,
               sum(l.qty_on_hand * coalesce(l.unit_cost, m.cost_per_unit)) AS value
          FROM material_lots l JOIN materials m ON m.id = l.material_id
         WHERE l.qty_on_hand > 0
         GROUP BY m.category, m.sku, m.name, m.unit
         ORDER BY m.category, value DESC""")
    return cur.fetchall()


class InventoryValuation(BaseHandler):
    @require_admin
    def GET(self):
        rows = inventory_valuation(self.cur)
        total = sum(Decimal(r['value'] or 0) for r in rows)
        if self.params.get('format') == 'csv':
            return csv_response('inventory_%s.csv' % today(), rows)
        return render.report_inventory(rows, round_money(total))


# ---------------------------------------------------------------------------

def packaging_summary(cur, start, end):
    cur.execute("""
        SELECT pf.code, pf.is_keg, count(pr.id) AS runs, sum(pr.units) AS units,
               sum(pr.volume_bbl) AS bbl, sum(pr.loss_bbl) AS loss_bbl
          FROM packaging_runs pr JOIN package_formats pf ON pf.id = pr.format_id
         WHERE pr.packaged_on BETWEEN %s AND %s
         GROUP BY pf.code, pf.is_keg ORDER BY bbl DESC""", (start, end))
    rows = cur.fetchall()
    for r in rows:
        r['loss_pct'] = pct(r['loss_bbl'] or 0, (r['bbl'] or 0) + (r['loss_bbl'] or 0))
    return rows


class PackagingReport(BaseHandler):
    @require_login
    def GET(self):
        start, end = _period(self.params)
        rows = packaging_summary(self.cur, start, end)
        self.cur.execute("SELECT status, count(*) AS n FROM kegs GROUP BY status ORDER BY status")
        fleet = self.cur.fetchall()
        return render.report_packaging(rows, fleet, start, end)


# ---------------------------------------------------------------------------

def distributor_sales(cur, start, end):
    cur.execute("""
        SELECT d.name AS distributor, d.state,
               count(DISTINCT o.id) AS orders,
               sum(l.qty) AS units,
               sum(l.qty * l.unit_price) AS revenue
          FROM wholesale_orders o
          JOIN distributors d ON d.id = o.distributor_id
          JOIN wholesale_order_lines l ON l.order_id = o.id
         WHERE o.status IN ('shipped', 'invoiced') AND o.ship_on BETWEEN %s AND %s
         GROUP BY d.name, d.state ORDER BY revenue DESC""", (start, end))
    return cur.fetchall()


class DistributorSales(BaseHandler):
    @require_login
    def GET(self):
        start, end = _period(self.params)
        rows = distributor_sales(self.cur, start, end)
        if self.params.get('format') == 'csv':
            return csv_response('distributor_sales_%s.csv' % start, rows)
        return render.report_distributors(rows, start, end)


def sales_by_beer(cur, start, end):
    """wholesale bbl by beer, with taproom pours alongside for comparison.
    (owners want 'how much IPA did we sell' regardless of channel)"""
    cur.execute("""
        SELECT r.id, r.name AS beer,
               coalesce(sum(l.qty * pf.volume_liters * pf.units_per_case), 0) AS wholesale_liters,
               coalesce(sum(l.qty * l.unit_price), 0) AS wholesale_revenue
          FROM recipes r
     LEFT JOIN wholesale_order_lines l ON l.recipe_id = r.id
     LEFT JOIN wholesale_orders o ON o.id = l.order_id
                AND o.status IN ('shipped', 'invoiced') AND o.ship_on BETWEEN %s AND %s
     LEFT JOIN package_formats pf ON pf.id = l.format_id
         GROUP BY r.id, r.name""", (start, end))
    beers = dict((r['id'], r) for r in cur.fetchall())
    cur.execute("""
        SELECT mi.recipe_id, sum(tl.qty * coalesce(tl.pour_oz, mi.pour_oz, 0)) AS oz,
               sum(tl.qty * tl.unit_price - tl.discount) AS revenue
          FROM tab_lines tl
          JOIN tabs t ON t.id = tl.tab_id
          JOIN menu_items mi ON mi.id = tl.menu_item_id
         WHERE t.status = 'closed' AND NOT tl.voided AND t.closed_at::date BETWEEN %s AND %s
           AND mi.recipe_id IS NOT NULL
         GROUP BY mi.recipe_id""", (start, end))
    for r in cur.fetchall():
        b = beers.get(r['recipe_id'])
        if b is not None:
            b['taproom_bbl'] = oz_to_bbl(r['oz'])
            b['taproom_revenue'] = r['revenue']
    out = []
    for b in beers.values():
        b['wholesale_bbl'] = liters_to_bbl(b['wholesale_liters'])
        b.setdefault('taproom_bbl', Decimal('0'))
        b.setdefault('taproom_revenue', Decimal('0'))
        if b['wholesale_bbl'] or b['taproom_bbl']:
            out.append(b)
    out.sort(key=lambda b: b['wholesale_bbl'] + b['taproom_bbl'], reverse=True)
    return out


class SalesByBeer(BaseHandler):
    @require_login
    def GET(self):
        start, end = _period(self.params)
        rows = sales_by_beer(self.cur, start, end)
        if self.params.get('format') == 'csv':
            return csv_response('sales_by_beer_%s.csv' % start, rows,
                                ['beer', 'wholesale_bbl', 'wholesale_revenue', 'taproom_bbl', 'taproom_revenue'])
        return render.report_sales_by_beer(rows, start, end)


# ---------------------------------------------------------------------------

def taproom_sales_by_day(cur, start, end):
    cur.execute("""
        SELECT t.closed_at::date AS day,
               count(*) AS tabs,
               sum(t.subtotal) AS gross, sum(t.discount) AS discounts,
               sum(t.tip) AS tips, sum(t.total) AS total,
               sum(CASE WHEN t.member_id IS NOT NULL THEN t.total ELSE 0 END) AS member_total
          FROM tabs t
         WHERE t.status = 'closed' AND t.closed_at::date BETWEEN %s AND %s
         GROUP BY 1 ORDER BY 1""", (start, end))
    return cur.fetchall()


class TaproomSales(BaseHandler):
    @require_login
    def GET(self):
        start, end = _period(self.params)
        rows = taproom_sales_by_day(self.cur, start, end)
        if self.params.get('format') == 'csv':
            return csv_response('taproom_%s.csv' % start, rows)
        return render.report_taproom(rows, start, end)


def member_activity(cur, start, end):
    cur.execute("""
        SELECT m.member_no, m.first_name, m.last_name, m.mug_number, m.status,
               (SELECT count(*) FROM tabs t WHERE t.member_id = m.id AND t.status = 'closed'
                  AND t.closed_at::date BETWEEN %s AND %s) AS visits,
               (SELECT coalesce(sum(points), 0) FROM loyalty_ledger ll WHERE ll.member_id = m.id
                  AND ll.points > 0 AND ll.created_at::date BETWEEN %s AND %s) AS points_earned,
               (SELECT count(*) FROM reward_redemptions rr WHERE rr.member_id = m.id
                  AND rr.redeemed_at::date BETWEEN %s AND %s) AS redemptions
          FROM mug_club_members m
         WHERE m.status <> 'cancelled'
         ORDER BY visits DESC""", (start, end, start, end, start, end))
    return cur.fetchall()


class MugClubReport(BaseHandler):
    @require_login
    def GET(self):
        start, end = _period(self.params)
        rows = member_activity(self.cur, start, end)
        if self.params.get('format') == 'csv':
            return csv_response('mugclub_%s.csv' % start, rows)
        return render.report_mugclub(rows, start, end)


# ---------------------------------------------------------------------------

def excise_liability_estimate(cur, year=None):
    """running YTD estimate so the owners aren't surprised by the quarterly bill"""
    year = year or today().year
    cur.execute("""SELECT extract(quarter FROM removed_on)::int AS q, sum(volume_bbl) AS bbl
                     FROM taxable_removals
                    WHERE extract(year FROM removed_on) = %s AND NOT tax_free
                    GROUP BY 1 ORDER BY 1""", (year,))
    rows = cur.fetchall()
    cur.execute("""SELECT rate_per_bbl FROM excise_rates
                    WHERE effective_from <= current_date AND (effective_to IS NULL OR effective_to >= current_date)
                    ORDER BY tier_limit_bbl NULLS LAST LIMIT 1""")
    rate_row = cur.fetchone()
    rate = Decimal(rate_row['rate_per_bbl']) if rate_row else Decimal('3.50')
    for r in rows:
        r['est_tax'] = round_money(Decimal(r['bbl']) * rate)
    return rows, rate


class ExciseEstimate(BaseHandler):
    @require_admin
    def GET(self):
        rows, rate = excise_liability_estimate(self.cur)
        return render.report_excise(rows, rate)
