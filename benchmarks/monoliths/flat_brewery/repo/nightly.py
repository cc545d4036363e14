#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""
nightly.py -- everything cron does.

    30 2 * * *   cd /srv/hopyard && python3 nightly.py            (all daily jobs)
    0  6 * * 1   cd /srv/hopyard && python3 nightly.py weekly
    python3 nightly.py reorder_check z_report                     (run some by hand)

Each job gets a cursor and commits on its own so one failure doesn't kill
the rest.  Failures get mailed to the office.
"""
import datetime
import fcntl
import logging
import os
import sys
import traceback
from decimal import Decimal

import config
from lib import db, mailer
from lib.util import (today, now, format_money, fmt_date, previous_month, quarter_bounds, oz_to_bbl,
                      liters_to_bbl, round_money, add_years)

log = logging.getLogger('hopyard.nightly')

JOBS = {}
LOCK_FILE = '/tmp/hopyard-nightly.lock'


def job(name=None, schedule='daily', day_of_month=None):
    """register a job.  schedule = daily | weekly | monthly (day_of_month)"""
    def deco(fn):
        JOBS[name or fn.__name__] = {'fn': fn, 'schedule': schedule, 'day': day_of_month}
        return fn
    return deco


def _yesterday():
    return today() - datetime.timedelta(days=1)


def _month_range(d):
    first = d.replace(day=1)
    nxt = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, nxt - datetime.timedelta(days=1)


def _send_report(to, subject, lines, attachments=None):
    if not lines:
        log.info('%s: nothing to report', subject)
        return False
    body = '\n'.join(lines) + '\n\n-- nightly.py on %s' % os.uname()[1]
    return mailer.send_mail(to, subject, body, attachments=attachments)


# ===========================================================================
# brewing
# ===========================================================================

@job()
def fermentation_alerts(cur):
    import brewery
    cur.execute("""SELECT b.id, b.batch_no, b.brew_date, r.name, f.name AS tank,
                          (SELECT max(taken_at) FROM gravity_readings g WHERE g.batch_id = b.id) AS last_reading
                     FROM brew_batches b
                     JOIN recipes r ON r.id = b.recipe_id
                LEFT JOIN fermenters f ON f.id = b.fermenter_id
                    WHERE b.status = 'fermenting'""")
    lines = []
    for b in cur.fetchall():
        if b['last_reading'] is None or b['last_reading'] < now() - datetime.timedelta(days=2):
            lines.append('%s %s (%s): no gravity reading in 2+ days' % (b['batch_no'], b['name'], b['tank']))
        elif brewery.is_fermentation_stuck(cur, b['id']):
            g = brewery.latest_gravity(cur, b['id'])
            lines.append('%s %s (%s): looks STUCK at %s' % (b['batch_no'], b['name'], b['tank'], g['gravity']))
    _send_report(config.BREWERS_EMAIL, 'Fermentation check', lines)


@job()
def cip_overdue(cur):
    cur.execute("""SELECT name, status, last_cip_at FROM fermenters
                    WHERE status = 'dirty' AND current_batch_id IS NULL
                      AND (last_cip_at IS NULL OR last_cip_at < now() - interval '2 days')
                    ORDER BY name""")
    lines = ['%s has been dirty since %s' % (r['name'], fmt_date(r['last_cip_at']) or '?')
             for r in cur.fetchall()]
    _send_report(config.BREWERS_EMAIL, 'Tanks waiting for CIP', lines)


@job(schedule='weekly')
def brew_schedule_check(cur):
    """planned batches for next week vs. clean tanks"""
    cur.execute("""SELECT b.batch_no, b.brew_date, r.name, r.batch_size_bbl
                     FROM brew_batches b JOIN recipes r ON r.id = b.recipe_id
                    WHERE b.status = 'planned' AND b.brew_date BETWEEN current_date AND current_date + 7
                    ORDER BY b.brew_date""")
    planned = cur.fetchall()
    cur.execute("""SELECT count(*) AS n FROM fermenters
                    WHERE kind = 'FV' AND status IN ('clean', 'dirty') AND current_batch_id IS NULL""")
    free = cur.fetchone()['n']
    lines = ['%s  %s  %s (%s bbl)' % (fmt_date(p['brew_date']), p['batch_no'], p['name'], p['batch_size_bbl'])
             for p in planned]
    if len(planned) > free:
        lines.insert(0, '!! %d brews planned but only %d free FVs !!' % (len(planned), free))
        lines.insert(1, '')
    _send_report(config.BREWERS_EMAIL, 'Brew schedule next 7 days', lines)


# ===========================================================================
# raw materials
# ===========================================================================

@job()
def reorder_check(cur):
    """low stock -> one draft PO per preferred supplier.  office reviews + sends"""
    import purchasing
    low = purchasing.low_stock_materials(cur)
    by_supplier = {}
    lines = []
    for m in low:
        if m['on_order'] and m['on_hand'] + m['on_order'] >= m['reorder_point']:
            continue
        if not m['preferred_supplier_id']:
            lines.append('%s %s: below reorder point but no preferred supplier!' % (m['sku'], m['name']))
            continue
        by_supplier.setdefault(m['preferred_supplier_id'], []).append(
            (m['id'], m['reorder_qty'] or m['reorder_point'], m['cost_per_unit']))
        lines.append('%s %s: on hand %s %s, reorder %s' % (m['sku'], m['name'], m['on_hand'], m['unit'],
                                                          m['reorder_qty']))
    for supplier_id, po_lines in by_supplier.items():
        # don't pile up drafts: skip if there's already a draft for this supplier
        cur.execute("SELECT po_number FROM purchase_orders WHERE supplier_id = %s AND status = 'draft'",
                    (supplier_id,))
        existing = cur.fetchone()
        if existing:
            lines.append('  (draft %s already exists for supplier %s)' % (existing['po_number'], supplier_id))
            continue
        po_id, po_number = purchasing.create_po(cur, supplier_id, po_lines, 'nightly', 'auto reorder')
        lines.append('  -> created draft %s' % po_number)
    db.commit()
    _send_report(config.OFFICE_EMAIL, 'Reorder check', lines)


@job(schedule='weekly')
def expiring_materials(cur):
    import purchasing
    lots = purchasing.expiring_lots(cur, 30)
    lines = ['%s %-30s lot %-12s %8s %-4s expires %s' % (l['sku'], l['name'], l['supplier_lot'] or '-',
                                                        l['qty_on_hand'], l['unit'], fmt_date(l['expires_on']))
             for l in lots]
    _send_report([config.OFFICE_EMAIL, config.BREWERS_EMAIL], 'Materials expiring within 30 days', lines)


@job(schedule='monthly', day_of_month=1)
def inventory_count_sheet(cur):
    """month-end count sheet for the cellar"""
    cur.execute("""SELECT m.category, m.sku, m.name, m.unit, l.location,
                          sum(l.qty_on_hand) AS qty
                     FROM material_lots l JOIN materials m ON m.id = l.material_id
                    WHERE l.qty_on_hand > 0
                    GROUP BY m.category, m.sku, m.name, m.unit, l.location
                    ORDER BY l.location, m.category, m.name""")
    lines = ['%-8s %-10s %-12s %-35s %10s %-4s  count: ______' %
             (r['location'], r['category'], r['sku'], r['name'], r['qty'], r['unit']) for r in cur.fetchall()]
    _send_report(config.OFFICE_EMAIL, 'Month end count sheet', lines)


# ===========================================================================
# packaging / kegs
# ===========================================================================

@job(schedule='weekly')
def overdue_kegs_report(cur):
    import kegs
    late = kegs.overdue_kegs(cur)
    by_dist = {}
    for k in late:
        by_dist.setdefault((k['distributor_name'], k['email']), []).append(k)
    lines = []
    for (name, email), ks in sorted(by_dist.items(), key=lambda kv: kv[0][0] or ''):
        lines.append('%s: %d kegs out > %d days' % (name, len(ks), config.KEG_OVERDUE_DAYS))
        if email:
            body = ['Hi %s,' % name, '',
                    'Our records show these kegs have been out more than %d days:' % config.KEG_OVERDUE_DAYS, '']
            body += ['  %s (%s) shipped %s' % (k['serial'], k['format_code'], fmt_date(k['shipped_at'])) for k in ks]
            body += ['', 'Please send empties back with your next pickup.', '', config.BREWERY_NAME]
            mailer.send_mail(email, 'Hopyard kegs overdue', '\n'.join(body))
    _send_report(config.OFFICE_EMAIL, 'Overdue kegs', lines)


@job(schedule='weekly')
def finished_goods_aging(cur):
    """cans older than 90 days still in the cooler (hoppy stuff goes stale)"""
    cur.execute("""SELECT r.name, pf.code, fg.lot_code, fg.qty_on_hand, pr.packaged_on
                     FROM finished_goods fg
                     JOIN recipes r ON r.id = fg.recipe_id
                     JOIN package_formats pf ON pf.id = fg.format_id
                     JOIN packaging_runs pr ON pr.id = fg.run_id
                    WHERE fg.qty_on_hand > 0 AND pr.packaged_on < current_date - 90
                    ORDER BY pr.packaged_on""")
    lines = ['%-30s %-8s %-16s qty %5d  packaged %s' % (r['name'], r['code'], r['lot_code'], r['qty_on_hand'],
                                                      fmt_date(r['packaged_on'])) for r in cur.fetchall()]
    _send_report([config.OFFICE_EMAIL, config.TAPROOM_MANAGER_EMAIL], 'Old stock in the cooler', lines)


@job()
def keg_wash_backlog(cur):
    cur.execute("""SELECT pf.code, count(*) AS n FROM kegs k JOIN package_formats pf ON pf.id = k.format_id
                    WHERE k.status = 'empty' GROUP BY pf.code""")
    dirty = cur.fetchall()
    cur.execute("""SELECT pf.code, count(*) AS n FROM kegs k JOIN package_formats pf ON pf.id = k.format_id
                    WHERE k.status = 'clean' GROUP BY pf.code""")
    clean = dict((r['code'], r['n']) for r in cur.fetchall())
    lines = []
    for r in dirty:
        if r['n'] > 20 or clean.get(r['code'], 0) < 10:
            lines.append('%s: %d dirty, %d clean' % (r['code'], r['n'], clean.get(r['code'], 0)))
    _send_report(config.BREWERS_EMAIL, 'Keg washer backlog', lines)


# ===========================================================================
# wholesale
# ===========================================================================

@job()
def mark_overdue_invoices(cur):
    cur.execute("""UPDATE wholesale_invoices SET status = 'overdue'
                    WHERE status = 'open' AND due_on < current_date RETURNING invoice_no""")
    n = len(cur.fetchall())
    db.commit()
    log.info('%d invoices marked overdue', n)


@job(schedule='weekly')
def ar_aging_email(cur):
    import wholesale
    rows = wholesale.ar_aging(cur)
    lines = ['%-30s %10s %10s %10s %10s' % ('Distributor', 'Current', '1-30', '31-60', '60+')]
    for r in rows:
        lines.append('%-30s %10s %10s %10s %10s' % (r['name'][:30], format_money(r['current']),
                                                    format_money(r['d30']), format_money(r['d60']),
                                                    format_money(r['d90'])))
    _send_report(config.OFFICE_EMAIL, 'AR aging', lines if rows else [])


@job()
def unshipped_orders(cur):
    cur.execute("""SELECT o.order_no, o.ship_on, o.status, d.name
                     FROM wholesale_orders o JOIN distributors d ON d.id = o.distributor_id
                    WHERE o.status IN ('new', 'confirmed', 'picked') AND o.ship_on < current_date
                    ORDER BY o.ship_on""")
    lines = ['%s %s was due to ship %s (still %s)' % (r['order_no'], r['name'], fmt_date(r['ship_on']), r['status'])
             for r in cur.fetchall()]
    _send_report(config.OFFICE_EMAIL, 'Late wholesale orders', lines)


# ===========================================================================
# taproom
# ===========================================================================

@job()
def close_stale_tabs(cur):
    """tabs left open overnight.  we don't auto-close (card might still be on file)
    just nag the manager"""
    cur.execute("""SELECT t.id, t.table_label, t.opened_at, t.total, s.name AS staff
                     FROM tabs t
                     JOIN till_shifts sh ON sh.id = t.shift_id
                     JOIN pos_staff s ON s.id = sh.staff_id
                    WHERE t.status = 'open' AND t.opened_at < now() - interval '12 hours'""")
    lines = ['Tab %s (%s) opened %s by %s, total %s' % (r['id'], r['table_label'] or '-', r['opened_at'],
                                                       r['staff'], format_money(r['total'])) for r in cur.fetchall()]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Tabs left open', lines)


@job()
def z_report(cur):
    import taproom
    day = _yesterday()
    rows = taproom.daily_sales(cur, day)
    cur.execute("""SELECT method, sum(amount) AS amt FROM pos_payments
                    WHERE paid_at::date = %s AND NOT refunded GROUP BY method""", (day,))
    pays = cur.fetchall()
    cur.execute("""SELECT coalesce(sum(over_short), 0) AS os FROM till_shifts WHERE closed_at::date = %s""", (day,))
    over_short = cur.fetchone()['os']
    lines = ['Taproom sales %s' % fmt_date(day), '']
    total = Decimal('0')
    cat = None
    for r in rows:
        if r['category'] != cat:
            cat = r['category']
            lines.append('[%s]' % cat)
        lines.append('  %-35s %4d  %10s' % (r['name'][:35], r['qty'], format_money(r['net'])))
        total += Decimal(r['net'])
    lines += ['', 'Net sales: %s' % format_money(total)]
    for p in pays:
        lines.append('  %s: %s' % (p['method'], format_money(p['amt'])))
    lines.append('Drawer over/short: %s' % format_money(over_short))
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Z report %s' % fmt_date(day), lines if rows else [])


@job()
def low_taps(cur):
    cur.execute("""SELECT t.tap_no, r.name, t.est_pints_left FROM taps t JOIN recipes r ON r.id = t.recipe_id
                    WHERE t.active AND t.est_pints_left < 15 ORDER BY t.est_pints_left""")
    lines = ['Tap %d %s: ~%d pints left' % (r['tap_no'], r['name'], r['est_pints_left'] or 0)
             for r in cur.fetchall()]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Taps running low', lines)


# ===========================================================================
# TTB / excise
# ===========================================================================

@job()
def taproom_removals(cur):
    """yesterday's pours + growler fills -> taxable_removals, one row per beer.
    beer poured in the taproom is removed for consumption on premises (taxpaid)."""
    import ttb
    day = _yesterday()
    cur.execute("SELECT count(*) AS n FROM taxable_removals WHERE source = 'taproom' AND removed_on = %s", (day,))
    if cur.fetchone()['n']:
        log.info('taproom removals for %s already recorded', day)
        return
    cur.execute("""
        SELECT mi.recipe_id, sum(tl.qty * coalesce(tl.pour_oz, mi.pour_oz, 0)) AS oz
          FROM tab_lines tl
          JOIN tabs t ON t.id = tl.tab_id
          JOIN menu_items mi ON mi.id = tl.menu_item_id
         WHERE t.status = 'closed' AND NOT tl.voided
           AND t.closed_at::date = %s
           AND mi.recipe_id IS NOT NULL
         GROUP BY mi.recipe_id""", (day,))
    total = Decimal('0')
    for r in cur.fetchall():
        bbl = oz_to_bbl(r['oz'])
        if bbl <= 0:
            continue
        ttb.record_removal(cur, 'taproom', 'pos_day', None, bbl, r['recipe_id'], day)
        total += bbl
    db.commit()
    log.info('taproom removals %s: %s bbl', day, total)


@job(schedule='monthly', day_of_month=3)
def monthly_ttb_report(cur):
    import ttb
    start, end = previous_month()
    report_id = ttb.build_operations_report(cur, start, end)
    db.commit()
    if report_id:
        _send_report(config.OFFICE_EMAIL, 'TTB operations report draft %s' % start.strftime('%b %Y'),
                     ['Draft report %d is ready to review: /ttb/reports/%d' % (report_id, report_id)])


@job(schedule='monthly', day_of_month=5)
def quarterly_excise(cur):
    """on the 5th of Jan/Apr/Jul/Oct build the excise return for the quarter just ended"""
    import ttb
    d = today()
    if d.month not in (1, 4, 7, 10):
        return
    q = (d.month - 1) // 3
    year = d.year
    if q == 0:
        q, year = 4, d.year - 1
    start, end = quarter_bounds(year, q)
    try:
        ret_id = ttb.build_excise_return(cur, start, end)
    except ValueError as e:
        log.info('excise: %s', e)
        return
    db.commit()
    path = ttb.export_removals_csv(start, end)
    with open(path, 'rb') as f:
        _send_report([config.OFFICE_EMAIL], 'Excise return Q%d %d ready' % (q, year),
                     ['Return %d built, due by the 14th.' % ret_id, 'Removals attached for the accountant.'],
                     attachments=[(os.path.basename(path), f.read())])


@job(schedule='weekly')
def label_expiry(cur):
    cur.execute("""SELECT la.cola_id, la.brand_name, la.expires_on, r.name FROM label_approvals la
                     JOIN recipes r ON r.id = la.recipe_id
                    WHERE la.status = 'approved' AND la.expires_on <= current_date + 60""")
    lines = ['%s %s (%s) expires %s' % (r['cola_id'], r['brand_name'], r['name'], fmt_date(r['expires_on']))
             for r in cur.fetchall()]
    _send_report(config.OFFICE_EMAIL, 'COLA label approvals expiring', lines)


# ===========================================================================
# mug club
# ===========================================================================

@job()
def expire_memberships(cur):
    cur.execute("""UPDATE mug_club_members SET status = 'lapsed'
                    WHERE status = 'active' AND expires_on < current_date
                RETURNING member_no, first_name, last_name, mug_number""")
    lapsed = cur.fetchall()
    db.commit()
    lines = ['%s %s %s (mug #%s)' % (m['member_no'], m['first_name'], m['last_name'], m['mug_number'])
             for m in lapsed]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Mug club memberships lapsed today', lines)


@job()
def renewal_reminders(cur):
    cur.execute("""SELECT * FROM mug_club_members
                    WHERE status = 'active' AND email IS NOT NULL
                      AND expires_on IN (current_date + 30, current_date + 7)""")
    n = 0
    for m in cur.fetchall():
        try:
            mailer.send_template(m['email'], 'Your Hopyard Mug Club membership', 'mug_renewal',
                                 first_name=m['first_name'], expires_on=fmt_date(m['expires_on']),
                                 fee=format_money(config.MUG_CLUB_FEE), mug_number=m['mug_number'])
            n += 1
        except mailer.MailError:
            log.warning('renewal reminder failed for %s', m['member_no'])
    log.info('sent %d renewal reminders', n)


@job()
def birthday_points(cur):
    import mugclub
    cur.execute("""SELECT id, first_name, email FROM mug_club_members
                    WHERE status = 'active' AND birthday IS NOT NULL
                      AND extract(month FROM birthday) = extract(month FROM current_date)
                      AND extract(day FROM birthday) = extract(day FROM current_date)""")
    for m in cur.fetchall():
        cur.execute("""SELECT 1 FROM loyalty_ledger WHERE member_id = %s AND reason = 'birthday'
                        AND created_at > now() - interval '300 days'""", (m['id'],))
        if cur.fetchone():
            continue
        mugclub._ledger(cur, m['id'], mugclub.BIRTHDAY_POINTS, 'birthday')
        if m['email']:
            mailer.send_template(m['email'], 'Happy birthday from Hopyard!', 'mug_birthday',
                                 first_name=m['first_name'], points=mugclub.BIRTHDAY_POINTS)
    db.commit()


def expire_old_points(cur):
    """points older than 18 months expire.  DISABLED 2021-02 after complaints,
    not registered as a job any more.  -jess"""
    cur.execute("""SELECT member_id, sum(points) AS pts FROM loyalty_ledger
                    WHERE reason = 'purchase' AND created_at < now() - interval '18 months'
                    GROUP BY member_id""")
    for r in cur.fetchall():
        cur.execute("""INSERT INTO loyalty_ledger (member_id, points, reason, balance_after)
                       SELECT %s, -%s, 'expire', greatest(balance_after - %s, 0)
                         FROM loyalty_ledger WHERE member_id = %s ORDER BY id DESC LIMIT 1""",
                    (r['member_id'], r['pts'], r['pts'], r['member_id']))


# ===========================================================================
# added 2021-2022 (sorry, didn't keep the sections tidy)
# ===========================================================================

@job(schedule='weekly')
def weekly_production_summary(cur):
    cur.execute("""SELECT r.name, count(*) AS batches, sum(b.volume_bbl) AS bbl,
                          avg(b.abv) AS abv
                     FROM brew_batches b JOIN recipes r ON r.id = b.recipe_id
                    WHERE b.brew_date >= current_date - 7 AND b.status <> 'dumped'
                    GROUP BY r.name ORDER BY bbl DESC NULLS LAST""")
    rows = cur.fetchall()
    lines = ['%-30s %3d batches %8s bbl  avg abv %s' % (r['name'], r['batches'], r['bbl'] or 0,
                                                        round(r['abv'] or 0, 1)) for r in rows]
    cur.execute("""SELECT count(*) AS n, coalesce(sum(loss_bbl), 0) AS loss FROM batch_transfers
                    WHERE kind = 'dump' AND transferred_at >= now() - interval '7 days'""")
    d = cur.fetchone()
    if d['n']:
        lines.append('')
        lines.append('Dumped: %d batches, %s bbl' % (d['n'], d['loss']))
    _send_report([config.BREWERS_EMAIL, config.OFFICE_EMAIL], 'Production last 7 days', lines)


@job(schedule='weekly')
def reconcile_lot_balances(cur):
    """qty_on_hand should equal received - consumed + adjustments.  it drifts when
    someone edits lots by hand in psql (you know who you are)"""
    cur.execute("""
        SELECT l.id, m.sku, l.supplier_lot, l.qty_on_hand,
               l.qty_received
                 - coalesce((SELECT sum(qty) FROM material_consumption mc WHERE mc.lot_id = l.id), 0)
                 + coalesce((SELECT sum(qty_delta) FROM stock_adjustments sa WHERE sa.lot_id = l.id), 0) AS expected
          FROM material_lots l JOIN materials m ON m.id = l.material_id
         WHERE l.received_at > now() - interval '1 year'""")
    lines = []
    for r in cur.fetchall():
        if abs(Decimal(r['qty_on_hand']) - Decimal(r['expected'])) > Decimal('0.05'):
            lines.append('lot %s %s (%s): on hand %s, ledger says %s' % (r['id'], r['sku'], r['supplier_lot'],
                                                                        r['qty_on_hand'], r['expected']))
    _send_report(config.OFFICE_EMAIL, 'Lot balance mismatches', lines)


@job()
def late_supplier_deliveries(cur):
    cur.execute("""SELECT po.po_number, s.name, po.expected_at, po.status
                     FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
                    WHERE po.status IN ('sent', 'partial') AND po.expected_at < current_date - 2""")
    lines = ['%s from %s expected %s (%s)' % (r['po_number'], r['name'], fmt_date(r['expected_at']), r['status'])
             for r in cur.fetchall()]
    _send_report(config.OFFICE_EMAIL, 'Late supplier deliveries', lines)


@job(schedule='monthly', day_of_month=1)
def lost_keg_writeoff(cur):
    import kegs
    cur.execute("""SELECT k.serial FROM kegs k
                    WHERE k.status = 'out'
                      AND (SELECT max(moved_at) FROM keg_movements m WHERE m.keg_id = k.id) < now() - interval '180 days'""")
    serials = [r['serial'] for r in cur.fetchall()]
    for s in serials:
        kegs.mark_lost(cur, s, 'auto write-off after 180 days')
    db.commit()
    _send_report(config.OFFICE_EMAIL, 'Kegs written off as lost', serials)


@job(schedule='weekly')
def distributor_statements(cur):
    cur.execute("""SELECT d.id, d.name, d.email FROM distributors d
                    WHERE d.active AND d.email IS NOT NULL
                      AND EXISTS (SELECT 1 FROM wholesale_invoices i WHERE i.distributor_id = d.id
                                   AND i.status IN ('open', 'overdue'))""")
    for d in cur.fetchall():
        cur.execute("""SELECT invoice_no, issued_on, due_on, amount + deposit_amount - paid_amount AS bal, status
                         FROM wholesale_invoices WHERE distributor_id = %s AND status IN ('open','overdue')
                        ORDER BY issued_on""", (d['id'],))
        inv = cur.fetchall()
        body = ['Statement for %s as of %s' % (d['name'], fmt_date(today())), '']
        total = Decimal('0')
        for i in inv:
            body.append('%-10s issued %s due %s  %12s %s' % (i['invoice_no'], fmt_date(i['issued_on']),
                                                            fmt_date(i['due_on']), format_money(i['bal']),
                                                            '(OVERDUE)' if i['status'] == 'overdue' else ''))
            total += Decimal(i['bal'])
        body += ['', 'Balance due: %s' % format_money(total), '', config.BREWERY_NAME]
        mailer.send_mail(d['email'], 'Statement - %s' % config.BREWERY_NAME, '\n'.join(body))


def old_send_depletion_report(cur):
    # used to email distributors' depletion numbers to sales.  they send us a
    # spreadsheet now instead.  2020
    cur.execute("""SELECT d.name, sum(l.qty) AS units FROM wholesale_order_lines l
                     JOIN wholesale_orders o ON o.id = l.order_id
                     JOIN distributors d ON d.id = o.distributor_id
                    WHERE o.ordered_on > current_date - 30 GROUP BY d.name""")
    return cur.fetchall()


@job()
def sync_menu_with_taps(cur):
    """hide draft menu items for beers that aren't on tap; show them again when tapped"""
    cur.execute("""UPDATE menu_items mi SET active = false
                    WHERE mi.category IN ('draft', 'flight', 'growler') AND mi.active
                      AND mi.recipe_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM taps t WHERE t.recipe_id = mi.recipe_id AND t.active
                                        AND t.keg_id IS NOT NULL)""")
    hidden = cur.rowcount
    cur.execute("""UPDATE menu_items mi SET active = true
                    WHERE mi.category IN ('draft', 'flight', 'growler') AND NOT mi.active
                      AND EXISTS (SELECT 1 FROM taps t WHERE t.recipe_id = mi.recipe_id AND t.active
                                    AND t.keg_id IS NOT NULL)""")
    shown = cur.rowcount
    db.commit()
    log.info('menu sync: %d hidden, %d shown', hidden, shown)


@job()
def shift_left_open(cur):
    cur.execute("""SELECT s.id, s.opened_at, st.name FROM till_shifts s JOIN pos_staff st ON st.id = s.staff_id
                    WHERE s.closed_at IS NULL AND s.opened_at < now() - interval '16 hours'""")
    lines = ['Shift %s opened %s by %s was never closed' % (r['id'], r['opened_at'], r['name'])
             for r in cur.fetchall()]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Till not closed', lines)


@job(schedule='weekly')
def removal_sanity_check(cur):
    """every shipped wholesale order should have a removal row"""
    cur.execute("""SELECT o.id, o.order_no, dl.shipped_at::date AS shipped
                     FROM wholesale_orders o
                     JOIN deliveries dl ON dl.order_id = o.id
                    WHERE dl.shipped_at > now() - interval '45 days'
                      AND NOT EXISTS (SELECT 1 FROM taxable_removals tr
                                       WHERE tr.ref_type = 'wholesale_order' AND tr.ref_id = o.id)""")
    lines = ['%s shipped %s has no taxable removal!' % (r['order_no'], fmt_date(r['shipped']))
             for r in cur.fetchall()]
    _send_report(config.OFFICE_EMAIL, 'Excise: shipments missing removals', lines)


@job(schedule='monthly', day_of_month=1)
def free_lapsed_mugs(cur):
    """90 days after lapsing the mug comes off the wall and the number is free"""
    cur.execute("""UPDATE mug_club_members SET mug_number = NULL
                    WHERE status = 'lapsed' AND mug_number IS NOT NULL
                      AND expires_on < current_date - 90
                RETURNING member_no, mug_number""")
    freed = cur.fetchall()
    db.commit()
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Mugs to take off the wall',
                 ['%s (%s)' % (r['member_no'], r['mug_number']) for r in freed])


@job(schedule='weekly')
def taproom_weekly_summary(cur):
    cur.execute("""
        SELECT date_trunc('week', t.closed_at)::date AS wk,
               count(DISTINCT t.id) AS tabs,
               sum(t.subtotal - t.discount) AS net,
               sum(t.tip) AS tips,
               count(DISTINCT t.member_id) AS members
          FROM tabs t
         WHERE t.status = 'closed' AND t.closed_at >= date_trunc('week', now()) - interval '5 weeks'
           AND t.closed_at < date_trunc('week', now())
         GROUP BY 1 ORDER BY 1""")
    rows = cur.fetchall()
    lines = ['%-12s %6s %12s %10s %8s' % ('Week of', 'Tabs', 'Net', 'Tips', 'Members')]
    prev = None
    for r in rows:
        delta = ''
        if prev and prev['net']:
            delta = '%+.1f%%' % (100.0 * (float(r['net']) - float(prev['net'])) / float(prev['net']))
        lines.append('%-12s %6d %12s %10s %8d %s' % (fmt_date(r['wk']), r['tabs'], format_money(r['net']),
                                                    format_money(r['tips']), r['members'], delta))
        prev = r
    cur.execute("""SELECT mi.name, sum(tl.qty) AS n FROM tab_lines tl
                     JOIN tabs t ON t.id = tl.tab_id JOIN menu_items mi ON mi.id = tl.menu_item_id
                    WHERE t.status = 'closed' AND NOT tl.voided AND t.closed_at > now() - interval '7 days'
                    GROUP BY mi.name ORDER BY n DESC LIMIT 10""")
    lines += ['', 'Top sellers this week:'] + ['  %-35s %5d' % (r['name'], r['n']) for r in cur.fetchall()]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Taproom weekly', lines if rows else [])


@job(schedule='monthly', day_of_month=1)
def mug_club_monthly_stats(cur):
    start, end = previous_month()
    cur.execute("SELECT count(*) AS n FROM mug_club_members WHERE joined_on BETWEEN %s AND %s", (start, end))
    joined = cur.fetchone()['n']
    cur.execute("""SELECT count(*) AS n, coalesce(sum(amount), 0) AS amt FROM mug_club_renewals
                    WHERE paid_on BETWEEN %s AND %s""", (start, end))
    ren = cur.fetchone()
    cur.execute("SELECT status, count(*) AS n FROM mug_club_members GROUP BY status")
    by_status = dict((r['status'], r['n']) for r in cur.fetchall())
    cur.execute("""SELECT coalesce(sum(points_spent), 0) AS pts, count(*) AS n FROM reward_redemptions
                    WHERE redeemed_at::date BETWEEN %s AND %s""", (start, end))
    red = cur.fetchone()
    lines = ['Mug club %s' % start.strftime('%B %Y'), '',
             'New members: %d' % joined,
             'Renewal payments: %d (%s)' % (ren['n'], format_money(ren['amt'])),
             'Active: %d  Lapsed: %d  Cancelled: %d' % (by_status.get('active', 0), by_status.get('lapsed', 0),
                                                       by_status.get('cancelled', 0)),
             'Rewards redeemed: %d (%d points)' % (red['n'], red['pts'])]
    _send_report([config.TAPROOM_MANAGER_EMAIL, config.OFFICE_EMAIL], 'Mug club monthly', lines)


@job()
def orphan_tap_kegs(cur):
    """kegs marked on_tap that no tap points at (someone swapped kegs without scanning)"""
    cur.execute("""SELECT k.serial, k.location FROM kegs k
                    WHERE k.status = 'on_tap'
                      AND NOT EXISTS (SELECT 1 FROM taps t WHERE t.keg_id = k.id)""")
    lines = ['%s says on_tap (%s) but is not on any tap' % (r['serial'], r['location']) for r in cur.fetchall()]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Keg/tap mismatch', lines)


@job(schedule='monthly', day_of_month=15)
def excise_rate_check(cur):
    """remind us to load next year's rates in December"""
    d = today()
    if d.month != 12:
        return
    nxt = datetime.date(d.year + 1, 1, 1)
    cur.execute("""SELECT count(*) AS n FROM excise_rates
                    WHERE effective_from <= %s AND (effective_to IS NULL OR effective_to >= %s)""", (nxt, nxt))
    if not cur.fetchone()['n']:
        _send_report(config.OFFICE_EMAIL, 'Excise rates for %d missing' % nxt.year,
                     ['No excise_rates row covers %s.  Add it in /admin/excise-rates.' % nxt])


MAINTENANCE_TABLES = ('tab_lines', 'tabs', 'pos_payments', 'gravity_readings', 'keg_movements',
                      'loyalty_ledger', 'taxable_removals', 'material_consumption')


@job(schedule='weekly')
def db_maintenance(cur):
    """VACUUM ANALYZE the big tables.  needs autocommit"""
    conn = db.get_conn()
    conn.commit()
    old = conn.autocommit
    conn.autocommit = True
    try:
        c = conn.cursor()
        for t in MAINTENANCE_TABLES:
            c.execute('VACUUM ANALYZE %s' % t)
        c.close()
    finally:
        conn.autocommit = old


@job()
def purge_sessions(cur):
    """web.py DiskStore never cleans up after itself"""
    sess_dir = config.get('SESSION_DIR', '/var/lib/hopyard/sessions')
    if not os.path.isdir(sess_dir):
        return
    cutoff = now() - datetime.timedelta(seconds=config.SESSION_TIMEOUT * 3)
    n = 0
    for name in os.listdir(sess_dir):
        path = os.path.join(sess_dir, name)
        if datetime.datetime.fromtimestamp(os.path.getmtime(path)) < cutoff:
            os.remove(path)
            n += 1
    log.info('purged %d sessions', n)


@job(schedule='weekly')
def stale_draft_pos(cur):
    cur.execute("""SELECT po.po_number, s.name, po.created_at, po.total FROM purchase_orders po
                     JOIN suppliers s ON s.id = po.supplier_id
                    WHERE po.status = 'draft' AND po.created_at < now() - interval '10 days'""")
    lines = ['%s %s created %s (%s) still draft' % (r['po_number'], r['name'], fmt_date(r['created_at']),
                                                   format_money(r['total'])) for r in cur.fetchall()]
    _send_report(config.OFFICE_EMAIL, 'Draft POs nobody sent', lines)


@job(schedule='weekly')
def reward_menu_check(cur):
    cur.execute("""SELECT r.name, mi.name AS item FROM rewards r JOIN menu_items mi ON mi.id = r.menu_item_id
                    WHERE r.active AND NOT mi.active""")
    lines = ['Reward "%s" points at inactive menu item "%s"' % (r['name'], r['item']) for r in cur.fetchall()]
    _send_report(config.TAPROOM_MANAGER_EMAIL, 'Mug club rewards need fixing', lines)


@job(schedule='monthly', day_of_month=10)
def hop_spend_summary(cur):
    """for the hop contract meeting.  monthly so nobody forgets"""
    import purchasing
    rows = purchasing.hop_contract_summary(cur, today().year)
    lines = ['%-30s %10s lb %12s' % (r['name'], r['lbs'], format_money(r['spend'])) for r in rows]
    total = sum(Decimal(r['spend'] or 0) for r in rows)
    if lines:
        lines += ['', 'Total hop spend YTD: %s' % format_money(total)]
    _send_report(config.OFFICE_EMAIL, 'Hop spend %d YTD' % today().year, lines)


# ===========================================================================
# runner
# ===========================================================================

def _should_run(spec, d):
    if spec['schedule'] == 'daily':
        return True
    if spec['schedule'] == 'weekly':
        return d.weekday() == 0
    if spec['schedule'] == 'monthly':
        return d.day == (spec['day'] or 1)
    return False


def run_job(name):
    spec = JOBS[name]
    cur = db.cursor()
    t0 = now()
    try:
        spec['fn'](cur)
        db.commit()
        log.info('job %s ok (%ss)', name, (now() - t0).seconds)
        return True
    except Exception:
        db.rollback()
        tb = traceback.format_exc()
        log.error('job %s failed\n%s', name, tb)
        try:
            mailer.send_mail(config.OFFICE_EMAIL, 'nightly job %s FAILED' % name, tb)
        except Exception:
            pass
        return False
    finally:
        cur.close()


def main(argv):
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(name)s %(levelname)s %(message)s')
    lock = open(LOCK_FILE, 'w')
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except IOError:
        log.error('another nightly.py is running')
        return 1
    d = today()
    if argv and argv[0] in ('weekly', 'monthly', 'daily'):
        names = [n for n, s in JOBS.items() if s['schedule'] == argv[0]]
    elif argv:
        names = argv
    else:
        names = [n for n, s in sorted(JOBS.items()) if _should_run(s, d)]
    failed = [n for n in names if not run_job(n)]
    db.close_conn()
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
