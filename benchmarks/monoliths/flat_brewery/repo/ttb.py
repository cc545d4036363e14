# -*- coding: utf-8 -*-
"""
TTB stuff: Brewer's Report of Operations (5130.9), federal excise tax
return (5000.24), taxable removals ledger, label approvals (COLA).

We file quarterly excise since 2020 (< $50k liability) and monthly
operations reports.  See docs/ttb_notes.txt (Maria).
"""
import datetime
import logging
from decimal import Decimal

import web

import config
from lib import db
from lib.handlers import BaseHandler, render, require_login, require_admin, flash, json_response
from lib.util import (safe_int, safe_decimal, parse_date, today, round_money, month_bounds,
                      quarter_bounds, previous_month, oz_to_bbl, liters_to_bbl, format_money)
from lib.csvexport import csv_response, write_csv_file
from brewery import format_bbl

log = logging.getLogger('hopyard.ttb')

REMOVAL_SOURCES = ('taproom', 'wholesale', 'other')


# ---------------------------------------------------------------------------
# removals ledger
# ---------------------------------------------------------------------------

def record_removal(cur, source, ref_type, ref_id, volume_bbl, recipe_id=None, removed_on=None, tax_free=False):
    """every time beer leaves the bonded area (shipment, taproom pours) it goes here"""
    if source not in REMOVAL_SOURCES:
        raise ValueError('bad removal source %r' % source)
    cur.execute("""INSERT INTO taxable_removals (removed_on, source, ref_type, ref_id, recipe_id, volume_bbl, tax_free)
                   VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                (removed_on or today(), source, ref_type, ref_id, recipe_id, volume_bbl, tax_free))
    return cur.fetchone()['id']


def reverse_removal(cur, ref_type, ref_id):
    """returned product.  negative removal, never delete (audit trail)"""
    cur.execute("""SELECT source, recipe_id, volume_bbl FROM taxable_removals
                    WHERE ref_type = %s AND ref_id = %s AND volume_bbl > 0""", (ref_type, ref_id))
    for r in cur.fetchall():
        record_removal(cur, r['source'], ref_type + '_return', ref_id, -Decimal(r['volume_bbl']), r['recipe_id'])


def removals_for_period(cur, start, end, source=None):
    sql = """SELECT tr.*, r.name AS recipe_name FROM taxable_removals tr
          LEFT JOIN recipes r ON r.id = tr.recipe_id
              WHERE tr.removed_on BETWEEN %s AND %s"""
    params = [start, end]
    if source:
        sql += " AND tr.source = %s"
        params.append(source)
    cur.execute(sql + " ORDER BY tr.removed_on, tr.id", params)
    return cur.fetchall()


def taxable_bbl(cur, start, end):
    cur.execute("""SELECT coalesce(sum(volume_bbl), 0) AS v FROM taxable_removals
                    WHERE removed_on BETWEEN %s AND %s AND NOT tax_free""", (start, end))
    return Decimal(cur.fetchone()['v'])


def ytd_taxable_bbl(cur, upto):
    start = datetime.date(upto.year, 1, 1)
    return taxable_bbl(cur, start, upto - datetime.timedelta(days=1)) if upto > start else Decimal('0')


# ---------------------------------------------------------------------------
# rates
# ---------------------------------------------------------------------------

def current_rate(cur, on_date, ytd_bbl=0):
    cur.execute("""SELECT rate_per_bbl, tier_limit_bbl FROM excise_rates
                    WHERE effective_from <= %s AND (effective_to IS NULL OR effective_to >= %s)
                    ORDER BY tier_limit_bbl NULLS LAST""", (on_date, on_date))
    tiers = cur.fetchall()
    for t in tiers:
        if t['tier_limit_bbl'] is None or Decimal(ytd_bbl) < Decimal(t['tier_limit_bbl']):
            return Decimal(t['rate_per_bbl'])
    return Decimal(str(config.DEFAULT_EXCISE_RATE))


def calc_tax(cur, bbl, period_start):
    ytd = ytd_taxable_bbl(cur, period_start)
    rate = current_rate(cur, period_start, ytd)
    return rate, round_money(Decimal(bbl) * rate)


def old_calc_excise_2018(bbl):
    # pre-CBMA: $7/bbl for first 60k.  kept for the 2018 amended return, don't use
    return round_money(Decimal(bbl) * Decimal('7.00'))


# ---------------------------------------------------------------------------
# brewer's report of operations
# ---------------------------------------------------------------------------

def beer_in_bond_bbl(cur, as_of):
    """beer in tanks + packaged beer still in the cooler.  approximate!"""
    cur.execute("""
        SELECT coalesce(sum(b.volume_bbl), 0)
               - coalesce((SELECT sum(t.loss_bbl) FROM batch_transfers t
                            WHERE t.batch_id = ANY(array_agg(b.id)) AND t.transferred_at::date <= %s), 0)
               - coalesce((SELECT sum(pr.volume_bbl + pr.loss_bbl) FROM packaging_runs pr
                            WHERE pr.batch_id = ANY(array_agg(b.id)) AND pr.packaged_on <= %s), 0) AS in_tanks
          FROM brew_batches b
         WHERE b.brew_date <= %s AND (b.closed_at IS NULL OR b.closed_at::date > %s)""",
                (as_of, as_of, as_of, as_of))
    in_tanks = Decimal(cur.fetchone()['in_tanks'] or 0)
    cur.execute("""SELECT coalesce(sum(fg.qty_on_hand * pf.volume_liters * pf.units_per_case), 0) AS liters
                     FROM finished_goods fg JOIN package_formats pf ON pf.id = fg.format_id""")
    packaged = liters_to_bbl(cur.fetchone()['liters'])
    return in_tanks + packaged


def build_operations_report(cur, start, end):
    """numbers for TTB F 5130.9.  inserts/updates the draft row"""
    cur.execute("""SELECT coalesce(sum(volume_bbl), 0) AS v FROM brew_batches
                    WHERE brew_date BETWEEN %s AND %s AND volume_bbl IS NOT NULL""", (start, end))
    produced = Decimal(cur.fetchone()['v'])
    cur.execute("""SELECT coalesce(sum(loss_bbl), 0) AS l FROM batch_transfers
                    WHERE transferred_at::date BETWEEN %s AND %s""", (start, end))
    losses = Decimal(cur.fetchone()['l'])
    cur.execute("""SELECT coalesce(sum(loss_bbl), 0) AS l FROM packaging_runs
                    WHERE packaged_on BETWEEN %s AND %s""", (start, end))
    losses += Decimal(cur.fetchone()['l'])
    cur.execute("""SELECT coalesce(sum(CASE WHEN NOT tax_free THEN volume_bbl END), 0) AS paid,
                          coalesce(sum(CASE WHEN tax_free THEN volume_bbl END), 0) AS free
                     FROM taxable_removals WHERE removed_on BETWEEN %s AND %s""", (start, end))
    r = cur.fetchone()
    cur.execute("""SELECT closing_bbl FROM ttb_operations_reports
                    WHERE period_end = %s AND status <> 'draft'""", (start - datetime.timedelta(days=1),))
    prev = cur.fetchone()
    opening = Decimal(prev['closing_bbl']) if prev else beer_in_bond_bbl(cur, start - datetime.timedelta(days=1))
    closing = opening + produced - Decimal(r['paid']) - Decimal(r['free']) - losses
    cur.execute("""
        INSERT INTO ttb_operations_reports (period_start, period_end, status, opening_bbl, produced_bbl,
                                            removed_taxpaid_bbl, removed_taxfree_bbl, losses_bbl, closing_bbl)
        VALUES (%s, %s, 'draft', %s, %s, %s, %s, %s, %s)
        ON CONFLICT (period_start, period_end) DO UPDATE
           SET opening_bbl = EXCLUDED.opening_bbl, produced_bbl = EXCLUDED.produced_bbl,
               removed_taxpaid_bbl = EXCLUDED.removed_taxpaid_bbl,
               removed_taxfree_bbl = EXCLUDED.removed_taxfree_bbl,
               losses_bbl = EXCLUDED.losses_bbl, closing_bbl = EXCLUDED.closing_bbl
         WHERE ttb_operations_reports.status = 'draft'
        RETURNING id""", (start, end, opening, produced, r['paid'], r['free'], losses, closing))
    row = cur.fetchone()
    report_id = row['id'] if row else None
    if report_id:
        cur.execute("""UPDATE taxable_removals SET report_id = %s
                        WHERE removed_on BETWEEN %s AND %s""", (report_id, start, end))
    return report_id


class ReportList(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("SELECT * FROM ttb_operations_reports ORDER BY period_start DESC LIMIT 36")
        reports = self.cur.fetchall()
        self.cur.execute("SELECT * FROM excise_returns ORDER BY period_start DESC LIMIT 16")
        return render.ttb_reports(reports, self.cur.fetchall())


class ReportDetail(BaseHandler):
    @require_login
    def GET(self, report_id):
        self.cur.execute("SELECT * FROM ttb_operations_reports WHERE id = %s", (report_id,))
        rep = self.cur.fetchone()
        if not rep:
            self.not_found()
        removals = removals_for_period(self.cur, rep['period_start'], rep['period_end'])
        if self.params.get('format') == 'csv':
            return csv_response('removals_%s.csv' % rep['period_start'], removals,
                                ['removed_on', 'source', 'ref_type', 'ref_id', 'recipe_name', 'volume_bbl', 'tax_free'])
        return render.ttb_report(rep, removals, format_bbl)


class GenerateReport(BaseHandler):
    @require_admin
    def POST(self):
        y = safe_int(self.params.get('year'))
        m = safe_int(self.params.get('month'))
        if y and m:
            start, end = month_bounds(y, m)
        else:
            start, end = previous_month()
        report_id = build_operations_report(self.cur, start, end)
        db.commit()
        if not report_id:
            self.redirect('/ttb', 'That period is already filed')
        self.redirect('/ttb/reports/%d' % report_id, 'Report generated')


class FileReport(BaseHandler):
    @require_admin
    def POST(self, report_id):
        conf = self.params.get('confirmation_no')
        self.cur.execute("""UPDATE ttb_operations_reports SET status = 'filed', filed_on = current_date,
                                   confirmation_no = %s WHERE id = %s AND status = 'draft'""", (conf, report_id))
        db.commit()
        self.redirect('/ttb/reports/%s' % report_id, 'Marked filed')


# ---------------------------------------------------------------------------
# excise tax return
# ---------------------------------------------------------------------------

def build_excise_return(cur, start, end):
    bbl = taxable_bbl(cur, start, end)
    rate, tax = calc_tax(cur, bbl, start)
    cur.execute("""SELECT id, status FROM excise_returns WHERE period_start = %s AND period_end = %s""",
                (start, end))
    existing = cur.fetchone()
    if existing and existing['status'] != 'draft':
        raise ValueError('return for %s..%s already %s' % (start, end, existing['status']))
    if existing:
        cur.execute("""UPDATE excise_returns SET taxable_bbl = %s, rate = %s, tax_due = %s WHERE id = %s""",
                    (bbl, rate, tax, existing['id']))
        return existing['id']
    cur.execute("""INSERT INTO excise_returns (period_start, period_end, taxable_bbl, rate, tax_due)
                   VALUES (%s, %s, %s, %s, %s) RETURNING id""", (start, end, bbl, rate, tax))
    return cur.fetchone()['id']


class ExciseReturnView(BaseHandler):
    @require_login
    def GET(self, return_id):
        self.cur.execute("SELECT * FROM excise_returns WHERE id = %s", (return_id,))
        ret = self.cur.fetchone()
        if not ret:
            self.not_found()
        self.cur.execute("""SELECT source, sum(volume_bbl) AS bbl FROM taxable_removals
                             WHERE removed_on BETWEEN %s AND %s AND NOT tax_free
                             GROUP BY source""", (ret['period_start'], ret['period_end']))
        by_source = self.cur.fetchall()
        return render.excise_return(ret, by_source)


class NewExciseReturn(BaseHandler):
    @require_admin
    def POST(self):
        y = safe_int(self.params.get('year'), today().year)
        q = safe_int(self.params.get('quarter'))
        if not q:
            q = (today().month - 1) // 3 or 4
            if q == 4 and today().month <= 3:
                y -= 1
        start, end = quarter_bounds(y, q)
        try:
            ret_id = build_excise_return(self.cur, start, end)
        except ValueError as e:
            db.rollback()
            self.redirect('/ttb', str(e))
        db.commit()
        self.redirect('/ttb/excise/%d' % ret_id)


class MarkExcisePaid(BaseHandler):
    @require_admin
    def POST(self, return_id):
        i = self.params
        self.cur.execute("""UPDATE excise_returns SET status = 'paid', filed_on = coalesce(filed_on, current_date),
                                   paid_on = %s, pay_gov_ref = %s, adjustments = coalesce(%s, adjustments)
                             WHERE id = %s""",
                         (parse_date(i.get('paid_on')) or today(), i.get('pay_gov_ref'),
                          safe_decimal(i.get('adjustments')), return_id))
        db.commit()
        self.redirect('/ttb/excise/%s' % return_id, 'Paid')


# ---------------------------------------------------------------------------
# labels (COLA)
# ---------------------------------------------------------------------------

def label_ok_for(cur, recipe_id, on_date=None):
    """can we ship this beer across state lines?  needs an approved COLA"""
    on_date = on_date or today()
    cur.execute("""SELECT count(*) AS n FROM label_approvals
                    WHERE recipe_id = %s AND status = 'approved'
                      AND (expires_on IS NULL OR expires_on >= %s)""", (recipe_id, on_date))
    return cur.fetchone()['n'] > 0


class LabelList(BaseHandler):
    @require_login
    def GET(self):
        self.cur.execute("""SELECT la.*, r.name AS recipe_name, r.version
                              FROM label_approvals la JOIN recipes r ON r.id = la.recipe_id
                             ORDER BY la.status, r.name""")
        labels = self.cur.fetchall()
        self.cur.execute("""SELECT r.id, r.name FROM recipes r
                             WHERE r.active AND NOT EXISTS (SELECT 1 FROM label_approvals la
                                                            WHERE la.recipe_id = r.id AND la.status = 'approved')
                             ORDER BY r.name""")
        return render.labels(labels, self.cur.fetchall())


def export_removals_csv(start, end):
    """used by the accountant's quarterly pull (nightly.py on the 5th)"""
    cur = db.cursor()
    rows = removals_for_period(cur, start, end)
    return write_csv_file('removals_%s_%s.csv' % (start, end), rows,
                          ['removed_on', 'source', 'ref_type', 'ref_id', 'recipe_name', 'volume_bbl', 'tax_free'])
