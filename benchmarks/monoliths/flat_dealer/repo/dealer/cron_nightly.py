#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Nightly batch. crontab:  15 2 * * *  dealer  python3 -m dealer.cron_nightly
Each job is wrapped in log_errors so one failure doesn't stop the rest."""
import sys
import logging
import datetime

from dealer import db, dates, utils, mailer
from dealer.decorators import log_errors, timed

log = logging.getLogger('dealer.cron')


@log_errors
def job_ageing_prices():
    from dealer import inventory
    changed = inventory.apply_ageing_reductions()
    if changed:
        body = '\n'.join('%s: %s -> %s' % c for c in changed)
        mailer.notify_managers('Ageing price drops (%d)' % len(changed), body, 'sales')
    return len(changed)


@log_errors
def job_stale_transfers():
    rows = db.query('SELECT t.id, v.stock_no FROM vehicle_transfers t JOIN vehicles v '
                    'ON v.id = t.vehicle_id WHERE t.moved_at IS NULL '
                    'AND v.status = %s', ('transit',))
    if len(rows) > 0:
        log.warning('%d vehicles stuck in transit: %s', len(rows), [r['stock_no'] for r in rows])
    return len(rows)


@log_errors
def job_expire_quotes():
    from dealer import quotes
    return quotes.expire_old_quotes()


@log_errors
def job_release_reservations():
    """Cars reserved > 7 days with no deal go back on sale."""
    return db.execute("UPDATE vehicles v SET v.status = 'in_stock' WHERE v.status = 'reserved' "
                      "AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.vehicle_id = v.id "
                      "AND d.status IN ('pending', 'signed')) "
                      "AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.vehicle_id = v.id "
                      "AND q.status = 'open' AND q.created_at > DATE_SUB(NOW(), INTERVAL 7 DAY))")


@log_errors
def job_expire_appraisals():
    from dealer import tradein
    return tradein.expire_appraisals()


@log_errors
def job_purge_bookvalues():
    # bookvalue.py is still py2, shell out
    import subprocess
    return subprocess.call(['python2', '-c', 'import bookvalue; bookvalue.purge_old(90)'],
                           cwd='/opt/dealer/dealer')


@log_errors
def job_finance_poll():
    from dealer import finance
    return finance.poll_pending_decisions()


@log_errors
def job_warranty_renewals():
    from dealer import warranty
    n = 0
    for c in warranty.expiring_contracts(30):
        if c['email']:
            mailer.send_mail(c['email'], 'Your Harrow Motors warranty is expiring',
                             'Dear %s,\n\nYour warranty expires on %s. Call us on 020 8123 4567 '
                             'to renew.\n' % (c['first_name'], utils.fmt_date(c['ends_on'])))
            n += 1
    return n


@log_errors
def job_followup_digest():
    from dealer import crm
    by_emp = {}
    for f in crm.due_followups():
        by_emp.setdefault(f['employee_id'], []).append(f)
    for emp_id, items in by_emp.items():
        email = db.query_value('SELECT email FROM employees WHERE id = %s', (emp_id,))
        lines = ['%s %s %s (%s)' % (utils.fmt_date(f['due_on']), f['first_name'], f['last_name'],
                                    f['reason']) for f in items]
        mailer.send_mail(email, 'Your follow-ups today (%d)' % len(items), '\n'.join(lines))
    return len(by_emp)


@log_errors
def job_stale_leads():
    from dealer import leads
    return leads.nag_stale_leads()


@log_errors
def job_service_reminders():
    from dealer import appointments
    return appointments.send_reminders(1)


@log_errors
def job_no_shows():
    from dealer import appointments
    return appointments.mark_no_shows()


@log_errors
def job_stale_wip():
    rows = db.query("SELECT ro_no, opened_at FROM repair_orders WHERE status IN ('open', 'wip') "
                    "AND opened_at < DATE_SUB(NOW(), INTERVAL 14 DAY)")
    if rows:
        mailer.notify_managers('%d ROs open > 14 days' % len(rows),
                               '\n'.join('%s %s' % (r['ro_no'], r['opened_at']) for r in rows),
                               'service')
    return len(rows)


@log_errors
def job_parts_reorder():
    from dealer import purchasing
    return len(purchasing.auto_reorder(send=False))


@log_errors
def job_commission_month_end():
    if dates.today().day != 1:
        return 0
    from dealer import commissions
    period = dates.previous_period()
    return commissions.volume_bonuses(period) + commissions.technician_bonuses(period)


@log_errors
def job_close_timesheets():
    # people forget to clock out; close at 18:00
    return db.execute("UPDATE timesheets SET clock_out = CONCAT(work_date, ' 18:00:00'), "
                      "hours = TIMESTAMPDIFF(MINUTE, clock_in, CONCAT(work_date, ' 18:00:00')) / 60 "
                      "WHERE clock_out IS NULL AND work_date < CURDATE()")


JOBS = [
    job_ageing_prices, job_stale_transfers, job_expire_quotes, job_release_reservations,
    job_expire_appraisals, job_purge_bookvalues, job_finance_poll, job_warranty_renewals,
    job_followup_digest, job_stale_leads, job_service_reminders, job_no_shows, job_stale_wip,
    job_parts_reorder, job_commission_month_end, job_close_timesheets,
]


@timed
def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(name)s %(message)s')
    only = set(argv)
    for job in JOBS:
        if only and job.__name__ not in only:
            continue
        result = job()
        log.info('%s -> %r', job.__name__, result)


if __name__ == '__main__':
    main()
