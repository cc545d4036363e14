"""
jobs.py - cron jobs. crontab on lhs-app01:

    */5 * * * *   python jobs.py rfid_reads
    0 2 * * *     python jobs.py nightly
    30 2 * * 1    python jobs.py weekly_billing
    0 6 * * 1     python jobs.py weekly
    0 16 * * *    python jobs.py plan_tomorrow

Each job takes a lock file so two don't run at once.
"""
import datetime
import logging
import os
import sys
import time

import config
import db
import util
import dates
import accounts
import invoicing
import exports
import notifications
import linen
import rfid
import routes
import transport
import maintenance
import quality
import rota

log = logging.getLogger('lhs.jobs')


def _lock(name):
    path = os.path.join(config.LOCK_DIR, 'lhs_job_%s.lock' % name)
    if os.path.exists(path):
        age = time.time() - os.path.getmtime(path)
        if age < 6 * 3600:
            return None
        log.warning('stale lock %s (%.0fs), taking it', path, age)
    with open(path, 'w') as f:
        f.write(str(os.getpid()))
    return path


def _unlock(path):
    try:
        os.remove(path)
    except OSError:
        pass


# ---------------------------------------------------------------------------
# billing
# ---------------------------------------------------------------------------

def weekly_billing():
    start, end = invoicing.previous_week_period()
    run_id, made = invoicing.run_billing(start, end, issue=True)
    exports.sage_invoice_export()
    return len(made)


def credit_control():
    stopped = accounts.credit_control_run()
    sent = notifications.send_invoice_reminders(14)
    log.info('credit control: %d on stop, %d reminders', len(stopped), sent)


def issue_stuck_drafts():
    # drafts older than 3 days get issued - happens when the billing run crashes half way
    for r in db.fetch_all("SELECT id FROM invoices WHERE status = 'draft' AND issue_date < current_date - 3"):
        try:
            accounts.issue_invoice(r['id'])
        except Exception:
            log.exception('could not issue %s', r['id'])


# ---------------------------------------------------------------------------
# rfid
# ---------------------------------------------------------------------------

def process_rfid_reads():
    total = 0
    for i in range(20):
        n = rfid.process_reads()
        total += n
        if n < config.RFID_READ_BATCH:
            break
    return total


def rfid_nightly():
    rfid.flag_unreturned()
    rfid.purge_old_reads()
    dead = rfid.dead_readers(120)
    if dead:
        log.warning('dead readers: %s', ', '.join(d['code'] for d in dead))
    worn = linen.tags_over_wash_limit()
    for t in worn[:500]:
        linen.retire_tag(t['epc'], 'worn')


# ---------------------------------------------------------------------------
# stock
# ---------------------------------------------------------------------------

def stock_snapshot():
    """nightly copy of the stock position into a CSV for the finance people"""
    rows = linen.stock_position()
    path = os.path.join(config.SAGE_EXPORT_DIR, '..', 'stock', 'stock_%s.csv' % util.today().strftime('%Y%m%d'))
    exports.write_csv(path, ['sku', 'description', 'location', 'qty'],
                      [(r['sku'], r['description'], r['location'], r['qty']) for r in rows])
    return len(rows)


def fix_negative_stock():
    # stock goes negative when drivers confirm more than was loaded. clamp it. TODO find the real bug
    n = db.run("UPDATE stock_levels SET qty = 0 WHERE qty < 0")
    if n:
        log.warning('clamped %d negative stock rows', n)
    return n


# ---------------------------------------------------------------------------
# transport
# ---------------------------------------------------------------------------

def plan_tomorrow():
    day = dates.add_working_days(util.today(), 1)
    n = routes.plan_deliveries(day)
    over = routes.check_van_capacity(day)
    for o in over:
        log.warning('route %s overloaded: %.0f kg of %s', o['route'], o['kg'], o['capacity'])
    return n


def chase_unreceived_collections():
    rows = transport.unreceived_collections(24)
    if rows:
        log.warning('%d collections not received at plant after 24h', len(rows))
    return len(rows)


# ---------------------------------------------------------------------------
# plant / quality
# ---------------------------------------------------------------------------

def maintenance_planner():
    n = maintenance.generate_service_schedule()
    due = maintenance.jobs_due(7)
    log.info('maintenance: %d new jobs, %d due this week', n, len(due))


def rewash_sweep():
    n = 0
    for q in quality.stale_rewash(3):
        quality.condemn(q['reject_id'])
        n += 1
    quality.check_reject_alert(util.today() - datetime.timedelta(days=1))
    return n


# ---------------------------------------------------------------------------
# staff
# ---------------------------------------------------------------------------

def weekly_staff():
    next_week = dates.week_start() + datetime.timedelta(days=7)
    rota.copy_last_week(next_week)
    notifications.notify_training_expiry(30)
    exports.payroll_export(dates.week_start() - datetime.timedelta(days=7))


# ---------------------------------------------------------------------------
# added 2013-14
# ---------------------------------------------------------------------------

def monthly_statements():
    """statements to every customer with a balance, first working day of the month"""
    import pdfgen
    import emailer
    n = 0
    for c in db.fetch_all("SELECT c.id, c.name, c.billing_email, b.balance FROM customers c "
                          "JOIN v_customer_balance b ON b.customer_id = c.id WHERE b.balance > 0 "
                          "AND c.billing_email IS NOT NULL"):
        rows = accounts.customer_statement(c['id'])
        pdf = pdfgen.render_table_pdf('Statement - %s' % c['name'], ['Date', 'Type', 'Ref', 'Amount', 'Balance'],
                                      [(util.fmt_date(r['dt']), r['kind'], r['ref'], util.fmt_money(r['amount']),
                                        util.fmt_money(r['balance'])) for r in rows], [25, 15, 40, 30, 30])
        if emailer.send_mail(c['billing_email'], 'Statement of account', 'Please find your statement attached.',
                             attachments=[('statement.pdf', pdf)]):
            n += 1
    return n


def allocate_bank_file(path=None):
    """BACS remittance CSV from the bank: account_no,amount,reference"""
    path = path or os.path.join(config.SAGE_EXPORT_DIR, '..', 'bank', 'remittance_%s.csv' % util.today().strftime('%Y%m%d'))
    if not os.path.exists(path):
        return 0
    import importer
    n = 0
    for row in importer.read_csv_rows(path):
        try:
            accounts.allocate_bacs_payment(row['account_no'], row['amount'], row.get('reference'))
            n += 1
        except ValueError as e:
            log.warning('bank file: %s', e)
    return n


def mot_reminders():
    vans = routes.vans_mot_due(21)
    if vans:
        import emailer
        emailer.send_mail(config.TRANSPORT_EMAIL, 'MOTs due',
                          '\n'.join('%s due %s' % (v['reg_no'], util.fmt_date(v['mot_due'])) for v in vans))
    return len(vans)


def close_stale_deliveries():
    # planned deliveries that never went out (bank hols, snow...) - cancel them so they don't get loaded
    n = 0
    for d in db.fetch_all("SELECT id FROM deliveries WHERE status = 'planned' AND delivery_date < current_date - 2"):
        try:
            transport.cancel_delivery(d['id'])
            n += 1
        except ValueError:
            pass
    return n


def contract_expiry_alerts():
    rows = accounts.contracts_expiring(60)
    if rows:
        import emailer
        emailer.send_mail(config.ACCOUNTS_EMAIL, 'Contracts expiring in 60 days',
                          '\n'.join('%s %s ends %s' % (r['contract_no'], r['customer_name'], util.fmt_date(r['end_date']))
                                    for r in rows))
    return len(rows)


def par_review():
    due = linen.par_review_due(180)
    for site in due[:20]:
        suggested = linen.suggest_par_from_usage(site['site_id'])
        log.info('par review site %s: suggested %r', site['site_name'], suggested)
    return len(due)


def rfid_stocktakes():
    """quarterly: count every RFID site from tag positions"""
    import stocktake
    sites = db.fetch_all("SELECT DISTINCT site_id FROM rfid_readers WHERE site_id IS NOT NULL")
    for s in sites:
        stocktake.count_site_from_rfid(s['site_id'])
    return len(sites)


def missing_clockouts():
    rows = staff_mod().missing_clock_outs()
    for r in rows:
        log.warning('no clock out: %s %s on %s', r['first_name'], r['last_name'], r['work_date'])
    return len(rows)


def staff_mod():
    # staff.py used to be called people.py, import here to dodge the old name clash in cron env
    import staff
    return staff


def archive_old_batches(days=400):
    n = db.run("DELETE FROM chemical_usage WHERE batch_id IN (SELECT id FROM wash_batches "
               "WHERE finished_at < now() - interval '%d days')" % days)
    log.info('archived chemical usage rows: %d', n)
    return n


def _job_summary(name, results):
    lines = ['%s: %r' % (k, v) for k, v in results]
    return 'Job %s finished\n\n%s' % (name, '\n'.join(lines))


JOBS = {
    'rfid_reads': [process_rfid_reads],
    'nightly': [rfid_nightly, fix_negative_stock, stock_snapshot, rewash_sweep, chase_unreceived_collections],
    'weekly_billing': [weekly_billing],
    'weekly': [credit_control, maintenance_planner, weekly_staff, issue_stuck_drafts, mot_reminders,
               contract_expiry_alerts, par_review, close_stale_deliveries],
    'monthly': [monthly_statements, archive_old_batches],
    'quarterly': [rfid_stocktakes],
    'bank': [allocate_bank_file],
    'morning': [missing_clockouts],
    'plan_tomorrow': [plan_tomorrow],
}


def run_job(name):
    lock = _lock(name)
    if not lock:
        log.info('%s already running', name)
        return 1
    rc = 0
    results = []
    try:
        for fn in JOBS[name]:
            t0 = time.time()
            try:
                res = fn()
                results.append((fn.__name__, res))
                log.info('%s.%s -> %r (%.1fs)', name, fn.__name__, res, time.time() - t0)
            except Exception:
                log.exception('%s.%s failed', name, fn.__name__)
                rc = 2
    finally:
        db.release_conn()
        _unlock(lock)
    log.info(_job_summary(name, results))
    return rc


if __name__ == '__main__':
    logging.basicConfig(level=logging.INFO)
    if len(sys.argv) < 2 or sys.argv[1] not in JOBS:
        print('usage: jobs.py [%s]' % '|'.join(sorted(JOBS)))
        sys.exit(1)
    sys.exit(run_job(sys.argv[1]))
