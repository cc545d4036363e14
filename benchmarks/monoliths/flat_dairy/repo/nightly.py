#!/usr/bin/env python
# nightly.py - run from cron at 02:30
#   30 2 * * * cd /opt/dairy && python nightly.py >> /var/log/dairy/nightly.log 2>&1
# individual jobs: python nightly.py lab_fetch penalties ...
import sys
import os
import datetime
import logging
import traceback

import settings
import db
import dbfuncs
import common

LOCKFILE = '/tmp/dairy_nightly.lock'
log = logging.getLogger('dairy.nightly')


def setup_logging():
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(levelname)s %(message)s')


def acquire_lock():
    if os.path.exists(LOCKFILE):
        age = datetime.datetime.now() - datetime.datetime.fromtimestamp(os.path.getmtime(LOCKFILE))
        if age.seconds < 6 * 3600:
            return False
    open(LOCKFILE, 'w').write(str(os.getpid()))
    return True


def release_lock():
    try:
        os.remove(LOCKFILE)
    except OSError:
        pass


def job_expire_sessions():
    n = dbfuncs.expire_sessions()
    log.info('expired %s sessions', n)


def job_purge_audit():
    # keep 3 years, accountants said
    db.execute("DELETE FROM audit_log WHERE at < DATE_SUB(NOW(), INTERVAL 3 YEAR)")


def job_close_stale_rounds():
    for r in dbfuncs.stale_rounds(2):
        log.warning('closing stale round %s (%s)', r['id'], r['round_date'])
        dbfuncs.close_round(r['id'], 'auto-closed by nightly')


def job_plan_tomorrows_rounds():
    """create planned rounds for tomorrow with yesterday's tanker/driver if nothing planned yet"""
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    planned = set([r['route_id'] for r in dbfuncs.list_rounds_for_date(tomorrow)])
    today = dict([(r['route_id'], r) for r in dbfuncs.list_rounds_for_date(datetime.date.today())])
    free = set([t['id'] for t in dbfuncs.available_tankers(tomorrow)])
    for route in dbfuncs.list_routes():
        if route['id'] in planned:
            continue
        if route['frequency'] == 'eod' and tomorrow.toordinal() % 2:
            continue
        prev = today.get(route['id'])
        tanker = prev and prev['tanker_id'] in free and prev['tanker_id'] or None
        dbfuncs.create_round(route['id'], tomorrow, tanker, prev and prev['driver_id'] or None)


def job_lab_fetch():
    import labs
    try:
        labs.fetch_from_ftp()
    except Exception:
        log.exception('lab ftp failed, importing what we have')
    for name, (ok, bad, errors) in labs.import_inbox().items():
        log.info('lab file %s ok=%d bad=%d', name, ok, bad)
        if bad:
            common.send_email(settings.OFFICE_EMAIL, 'Lab import problems: %s' % name, '\n'.join(errors))


def job_chase_lab():
    import labs
    late = labs.overdue_samples(5)
    if late:
        body = '\n'.join(['%s %s %s' % (s['sample_code'], s['farm_name'], s['taken_on']) for s in late])
        common.send_email(settings.OFFICE_EMAIL, '%d samples with no result' % len(late), body)


def job_penalties():
    # on the 3rd, once the lab has sent the month's last results
    if datetime.date.today().day != 3:
        return
    import main as webapp
    month = common.prev_month()
    n = webapp.compute_quality_penalties(month)
    log.info('penalties for %s: %d', month, n)


def job_prepare_payment_run():
    """draft the milk cheque run on the 5th so the office can check it"""
    if datetime.date.today().day != 5:
        return
    import main as webapp
    month = common.prev_month()
    if not dbfuncs.get_milk_price(month):
        common.send_email(settings.OFFICE_EMAIL, 'No milk price for %s' % month, 'Payment run not drafted.')
        return
    run_id = dbfuncs.create_payment_run(month, None)
    webapp.build_payment_run(run_id)
    log.info('drafted payment run %s for %s', run_id, month)


def job_fleet_checks():
    lines = []
    for t in dbfuncs.tankers_due_mot(14):
        lines.append('MOT due %s: %s (%s)' % (t['mot_due'], t['reg_no'], t['fleet_no']))
    for d in dbfuncs.drivers_cpc_expiring(30):
        lines.append('CPC expires %s: %s' % (d['cpc_expiry'], d['name']))
    if lines and datetime.date.today().weekday() == 0:
        common.send_email(settings.TRANSPORT_EMAIL, 'Fleet reminders', '\n'.join(lines))


def job_low_stock():
    low = dbfuncs.low_stock_products()
    if low:
        body = '\n'.join(['%s %-30s %s: %s' % (r['sku'], r['name'], r['depot'], r['qty']) for r in low])
        common.send_email(settings.OFFICE_EMAIL, 'Shop low stock (%d lines)' % len(low), body)


def job_invoice_reminders():
    for inv in dbfuncs.overdue_invoices():
        days = (datetime.date.today() - inv['due']).days
        if days in (1, 14, 30) and inv['contact_email']:
            common.send_email(inv['contact_email'], 'Overdue invoice %s' % inv['invoice_no'],
                              'Our invoice %s for %s is %d days overdue.' % (
                                  inv['invoice_no'], common.format_money(inv['total']), days))


def job_share_targets():
    """once a year (April) recompute target shareholding from last year's supply"""
    today = datetime.date.today()
    if not (today.month == 4 and today.day == 1):
        return
    start = datetime.date(today.year - 1, 4, 1)
    end = datetime.date(today.year, 3, 31)
    for row in dbfuncs.litres_by_member(start, end):
        target = int(row['litres'] * settings.SHARES_PER_LITRE / settings.SHARE_VALUE)
        db.execute("UPDATE member_shares SET target_shares = %s WHERE member_id = %s", (target, row['member_id']))


JOBS = [
    ('sessions', job_expire_sessions),
    ('audit', job_purge_audit),
    ('stale_rounds', job_close_stale_rounds),
    ('plan_rounds', job_plan_tomorrows_rounds),
    ('lab_fetch', job_lab_fetch),
    ('chase_lab', job_chase_lab),
    ('penalties', job_penalties),
    ('payrun', job_prepare_payment_run),
    ('fleet', job_fleet_checks),
    ('low_stock', job_low_stock),
    ('invoice_reminders', job_invoice_reminders),
    ('share_targets', job_share_targets),
]


def run_job(name, fn):
    try:
        log.info('start %s', name)
        fn()
    except Exception:
        log.error('job %s failed\n%s', name, traceback.format_exc())
        common.send_email(settings.OFFICE_EMAIL, 'nightly job %s failed' % name, traceback.format_exc())


def main(argv):
    setup_logging()
    if not acquire_lock():
        log.error('already running')
        return 1
    try:
        wanted = argv[1:]
        for name, fn in JOBS:
            if wanted and name not in wanted:
                continue
            run_job(name, fn)
    finally:
        release_lock()
        db.close_connection()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
