"""
misc_jobs.py - everything cron runs.  See cron.py and /etc/cron.d/rxbo:

  */15 * * * *  rxbo  python3 cron.py edi_inbox
  0  1 * * *    rxbo  python3 cron.py nightly       (runs NIGHTLY list below)
  0 10 * * *    rxbo  python3 cron.py refill_reminders
  30 6 * * 1-6  rxbo  python3 cron.py auto_reorder
  ...

Each job takes a lock file so two don't overlap (the 2013 double-order incident).
"""
import datetime
import glob
import os
import shutil

import common
import config
import dt_helpers
from dbconn import query, query_one, query_scalar, execute, transaction

log = common.get_logger('rxbo.jobs')


class JobLockedError(Exception):
    pass


def _lock(name):
    path = os.path.join(config.LOCK_DIR, 'job_%s.lock' % name)
    if os.path.exists(path):
        age = datetime.datetime.now().timestamp() - os.path.getmtime(path)
        if age < 6 * 3600:
            raise JobLockedError(name)
        log.warning('stale lock %s (%.0fs), stealing it', path, age)
    with open(path, 'w') as fh:
        fh.write(str(os.getpid()))
    return path


def _unlock(name):
    path = os.path.join(config.LOCK_DIR, 'job_%s.lock' % name)
    try:
        os.remove(path)
    except OSError:
        pass


# ===========================================================================
# purchasing
# ===========================================================================

def job_auto_reorder():
    """For each branch, everything at/below min gets ordered up to max from the
    cheapest supplier.  POs are auto-submitted unless over $5k (then a manager
    has to press the button)."""
    import dispensing_and_stock
    import suppliers
    created = 0
    for b in query("SELECT id FROM branches WHERE active = 1"):
        by_supplier = {}
        for r in dispensing_and_stock.reorder_needed(b['id']):
            if r['qty_to_order'] <= 0:
                continue
            open_qty = query_scalar("SELECT SUM(ol.qty_ordered - ol.qty_received) FROM order_lines ol "
                                    "JOIN orders o ON o.id = ol.order_id WHERE o.branch_id = %s "
                                    "AND ol.product_id = %s AND o.status IN ('DRAFT','SUBMITTED','ACKED','PARTIAL')",
                                    (b['id'], r['product_id']), default=0)
            qty = r['qty_to_order'] - open_qty
            if qty <= 0:
                continue
            best = suppliers.best_supplier_for(r['product_id'])
            if not best:
                log.warning('no supplier for product %s', r['product_id'])
                continue
            by_supplier.setdefault(best['supplier_id'], []).append((r['product_id'], qty, best['cost']))
        for supplier_id, lines in by_supplier.items():
            oid = suppliers.create_order(supplier_id, b['id'], lines, staff_id=None, auto=True)
            created += 1
            total = query_scalar("SELECT total_cost FROM orders WHERE id = %s", (oid,), default=0)
            if total < 5000:
                suppliers.submit_order(oid)
    return created


def job_sync_price_lists():
    import suppliers
    n = 0
    for path in glob.glob(os.path.join(config.EDI_INBOX, 'prices', '*.csv')):
        # filename: <supplier_id>_<anything>.csv
        supplier_id = int(os.path.basename(path).split('_')[0])
        suppliers.import_price_list(supplier_id, path)
        shutil.move(path, path + '.done')
        n += 1
    return n


def job_process_edi_inbox():
    import edi_supplier
    return edi_supplier.process_inbox()


def job_close_stale_pos():
    import suppliers
    return suppliers.close_stale_orders(30)


# ===========================================================================
# stock
# ===========================================================================

def job_expiry_quarantine():
    """anything expiring in the next 30 days gets quarantined so it can't be picked"""
    n = execute("UPDATE stock_batches SET status = 'QUARANTINE' WHERE status = 'OK' AND qty_remaining > 0 "
                "AND expiry_date <= DATE_ADD(CURDATE(), INTERVAL 30 DAY)")
    log.info('quarantined %d batches', n)
    return n


def job_nightly_stock_snapshot():
    import dispensing_and_stock
    d = dt_helpers.today().strftime('%Y%m%d')
    for b in query("SELECT id, code FROM branches WHERE active = 1"):
        rows = dispensing_and_stock.stock_snapshot(b['id'])
        common.write_csv_rows(os.path.join(config.REPORT_DIR, 'stock_%s_%s.csv' % (b['code'], d)),
                              ['product_id', 'on_hand', 'allocated'], rows)


def job_weekly_cycle_counts():
    """Mondays: open a cycle count for the 40 fastest movers at each branch"""
    import stocktake
    if dt_helpers.today().weekday() != 0:
        return 0
    n = 0
    for b in query("SELECT id FROM branches WHERE active = 1"):
        top = query("SELECT product_id FROM stock_movements WHERE branch_id = %s AND movement_type = 'DISPENSE' "
                    "AND created_at > DATE_SUB(NOW(), INTERVAL 7 DAY) GROUP BY product_id "
                    "ORDER BY SUM(-qty) DESC LIMIT 40", (b['id'],))
        if top:
            stocktake.start_count(b['id'], None, 'CYCLE', [t['product_id'] for t in top])
            n += 1
    return n


# ===========================================================================
# dispensing
# ===========================================================================

def job_return_uncollected():
    import dispensing_and_stock
    rows = query("SELECT id FROM dispense_events WHERE status = 'READY' "
                 "AND verified_at < DATE_SUB(NOW(), INTERVAL %s DAY)", (config.UNCOLLECTED_RETURN_DAYS,))
    n = 0
    for r in rows:
        try:
            dispensing_and_stock.return_to_stock(r['id'], 'UNCOLLECTED')
            n += 1
        except Exception:
            log.exception('RTS failed for %s', r['id'])
    return n


def job_cs_discrepancy_check():
    import controlled_drugs
    import notify
    for b in query("SELECT id, code FROM branches WHERE active = 1"):
        issues = controlled_drugs.cs_discrepancy_check(b['id'])
        if issues:
            body = '\n'.join('%(name)s (%(schedule)s): register %(register)s vs on hand %(on_hand)s' % i
                             for i in issues)
            notify.send_email(config.OPS_EMAIL, 'CS discrepancies at %s' % b['code'], body)


def job_daily_dispensing_reports():
    import reports
    for b in query("SELECT id, code FROM branches WHERE active = 1"):
        reports.run_report('daily_dispensing', branch_id=b['id'],
                           date=dt_helpers.today() - datetime.timedelta(days=1))


# ===========================================================================
# prescriptions
# ===========================================================================

def job_refill_reminders():
    import reminders
    return reminders.send_refill_reminders()


def job_expire_prescriptions():
    import pharmacy
    return pharmacy.expire_old_prescriptions()


def job_purge_old_rx_images():
    rows = query("SELECT id, file_path FROM rx_images WHERE uploaded_at < DATE_SUB(NOW(), INTERVAL %s DAY)",
                 (config.RX_IMAGE_RETENTION_DAYS,))
    for r in rows:
        try:
            os.remove(r['file_path'])
        except OSError:
            pass
        execute("DELETE FROM rx_images WHERE id = %s", (r['id'],))
    return len(rows)


def job_stale_refill_requests():
    """portal refill requests nobody touched for 3 days get a nudge to the branch"""
    import notify
    rows = query("SELECT rx.branch_id, COUNT(*) AS n FROM refill_requests rr "
                 "JOIN prescription_items pi ON pi.id = rr.prescription_item_id "
                 "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                 "WHERE rr.status = 'NEW' AND rr.requested_at < DATE_SUB(NOW(), INTERVAL 3 DAY) "
                 "GROUP BY rx.branch_id")
    for r in rows:
        notify.send_email(config.OPS_EMAIL, '%s stale refill requests at %s' % (r['n'], common.get_branch_name(r['branch_id'])),
                          'Please action the refill request queue.')
    return len(rows)


# ===========================================================================
# third party
# ===========================================================================

def job_resubmit_claims():
    import insurance
    return insurance.resubmit_rejected()


def job_import_remittances():
    import insurance
    n = 0
    for path in sorted(glob.glob(os.path.join(config.REMIT_INBOX, '*.835'))):
        try:
            rid = insurance.import_remittance(path)
            insurance.reconcile_remittance(rid)
            shutil.move(path, path + '.done')
            n += 1
        except Exception:
            log.exception('835 import failed %s', path)
    return n


def job_eligibility_recheck():
    """E1 check for patients with something in the fill queue whose coverage
    hasn't been used in 6 months (catches termed plans before we bill)."""
    import insurance
    rows = query("SELECT DISTINCT de.patient_id FROM dispense_events de WHERE de.status = 'QUEUED' "
                 "AND NOT EXISTS (SELECT 1 FROM claims c JOIN patient_coverage pc ON pc.id = c.coverage_id "
                 "WHERE pc.patient_id = de.patient_id AND c.status = 'PAID' "
                 "AND c.submitted_at > DATE_SUB(NOW(), INTERVAL 6 MONTH))")
    bad = 0
    for r in rows:
        for coverage_id, ok in insurance.eligibility_check(r['patient_id']):
            if ok is False:
                execute("UPDATE patient_coverage SET active = 0 WHERE id = %s", (coverage_id,))
                bad += 1
    return bad


# ===========================================================================
# rewards
# ===========================================================================

def job_expire_points():
    rows = query("SELECT id, member_id, points FROM points_ledger WHERE expired = 0 AND points > 0 "
                 "AND expires_at < CURDATE()")
    by_member = {}
    for r in rows:
        by_member.setdefault(r['member_id'], []).append(r)
    for member_id, entries in by_member.items():
        total = sum(e['points'] for e in entries)
        with transaction() as cur:
            cur.execute("SELECT points_balance FROM loyalty_members WHERE id = %s FOR UPDATE", (member_id,))
            bal = cur.fetchone()['points_balance']
            deduct = min(total, bal)  # can't go negative (they may have spent them)
            cur.execute("UPDATE points_ledger SET expired = 1 WHERE id IN (%s)" %
                        ','.join(str(int(e['id'])) for e in entries))
            if deduct > 0:
                cur.execute("INSERT INTO points_ledger (member_id, points, reason, created_at) "
                            "VALUES (%s, %s, 'EXPIRY', NOW())", (member_id, -deduct))
                cur.execute("UPDATE loyalty_members SET points_balance = points_balance - %s WHERE id = %s",
                            (deduct, member_id))
    return len(by_member)


def job_birthday_points():
    year = dt_helpers.today().year
    rows = query("SELECT m.id FROM loyalty_members m JOIN patients p ON p.id = m.patient_id "
                 "WHERE m.status = 'ACTIVE' AND MONTH(p.dob) = MONTH(CURDATE()) AND DAY(p.dob) = DAY(CURDATE()) "
                 "AND (m.birthday_bonus_year IS NULL OR m.birthday_bonus_year < %s)", (year,))
    for r in rows:
        with transaction() as cur:
            cur.execute("INSERT INTO points_ledger (member_id, points, reason, created_at, expires_at) "
                        "VALUES (%s, 250, 'BIRTHDAY', NOW(), DATE_ADD(CURDATE(), INTERVAL 3 MONTH))", (r['id'],))
            cur.execute("UPDATE loyalty_members SET points_balance = points_balance + 250, birthday_bonus_year = %s "
                        "WHERE id = %s", (year, r['id']))
    return len(rows)


def job_tier_review():
    import admin
    if dt_helpers.today().month != 1 or dt_helpers.today().day != 2:
        return None
    return len(admin.tier_review())


# ===========================================================================
# staff
# ===========================================================================

def job_close_timesheets():
    """auto clock-out anyone still clocked in after 14h; close last week's timesheets on Monday"""
    execute("UPDATE timesheets SET clock_out = DATE_ADD(clock_in, INTERVAL 8 HOUR), hours = 8.00 "
            "WHERE clock_out IS NULL AND clock_in < DATE_SUB(NOW(), INTERVAL 14 HOUR)")
    if dt_helpers.today().weekday() == 0:
        period_end = dt_helpers.today() - datetime.timedelta(days=1)
        execute("UPDATE timesheets SET closed = 1, period_end = %s WHERE closed = 0 AND clock_in < %s",
                (period_end, dt_helpers.today()))


def job_licence_expiry_alerts():
    import admin
    import notify
    for l in admin.expiring_licences(30):
        notify.send_email(l['email'], 'Your %s licence expires %s' % (l['licence_type'], dt_helpers.fmt_date(l['expires_on'])),
                          'Please renew and send a copy to HR.')


def job_payroll_export():
    """every other Monday, for the two weeks ending yesterday"""
    import payroll_export
    today = dt_helpers.today()
    if today.weekday() != 0 or today.isocalendar()[1] % 2:
        return None
    path = os.path.join(config.REPORT_DIR, 'adp_%s.txt' % today.strftime('%Y%m%d'))
    return payroll_export.export_timesheets(today - datetime.timedelta(days=14), today, path)


# ===========================================================================
# patients
# ===========================================================================

def job_inactive_patient_cleanup():
    """7 years without a fill -> inactive (record retention policy).  Disabled in
    cron since 2015 because of the merge bug; run by hand."""
    return execute("UPDATE patients p SET active = 0, updated_at = NOW() WHERE active = 1 "
                   "AND created_at < DATE_SUB(NOW(), INTERVAL 7 YEAR) "
                   "AND NOT EXISTS (SELECT 1 FROM dispense_events de WHERE de.patient_id = p.id "
                   "AND de.filled_at > DATE_SUB(NOW(), INTERVAL 7 YEAR))")


# ===========================================================================
# housekeeping
# ===========================================================================

def job_rotate_reports():
    # replaced by logrotate config in 2014, not in any job list any more
    cutoff = datetime.datetime.now() - datetime.timedelta(days=90)
    for path in glob.glob(os.path.join(config.REPORT_DIR, '*.csv')):
        if datetime.datetime.fromtimestamp(os.path.getmtime(path)) < cutoff:
            os.remove(path)


JOBS = {
    'auto_reorder': job_auto_reorder,
    'price_lists': job_sync_price_lists,
    'edi_inbox': job_process_edi_inbox,
    'close_stale_pos': job_close_stale_pos,
    'expiry_quarantine': job_expiry_quarantine,
    'stock_snapshot': job_nightly_stock_snapshot,
    'return_uncollected': job_return_uncollected,
    'cs_check': job_cs_discrepancy_check,
    'daily_reports': job_daily_dispensing_reports,
    'refill_reminders': job_refill_reminders,
    'expire_rx': job_expire_prescriptions,
    'purge_rx_images': job_purge_old_rx_images,
    'resubmit_claims': job_resubmit_claims,
    'remittances': job_import_remittances,
    'expire_points': job_expire_points,
    'birthday_points': job_birthday_points,
    'close_timesheets': job_close_timesheets,
    'licence_alerts': job_licence_expiry_alerts,
    'inactive_patients': job_inactive_patient_cleanup,
    'cycle_counts': job_weekly_cycle_counts,
    'stale_refills': job_stale_refill_requests,
    'eligibility': job_eligibility_recheck,
    'tier_review': job_tier_review,
    'payroll': job_payroll_export,
}

NIGHTLY = ['expire_rx', 'return_uncollected', 'expiry_quarantine', 'stock_snapshot', 'expire_points',
           'birthday_points', 'close_timesheets', 'resubmit_claims', 'remittances', 'cs_check', 'daily_reports',
           'close_stale_pos', 'purge_rx_images', 'cycle_counts', 'stale_refills',
           'tier_review', 'payroll']


def run_job(name):
    if name == 'nightly':
        for n in NIGHTLY:
            try:
                run_job(n)
            except Exception:
                log.exception('nightly job %s failed', n)
        return
    fn = JOBS[name]
    _lock(name)
    common.set_current_user({'id': None, 'username': 'system', 'role': 'admin'})
    try:
        with common.Timer('job %s' % name):
            result = fn()
        log.info('job %s -> %r', name, result)
        return result
    finally:
        _unlock(name)
        common.clear_current_user()
