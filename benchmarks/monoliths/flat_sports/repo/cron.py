#!/usr/bin/env python
"""
Batch jobs.  Called from crontab on app01:

    5 1 * * *   cd /srv/lsbs && python cron.py nightly
    0 7 * * *   cd /srv/lsbs && python cron.py morning
    0 3 20 * *  cd /srv/lsbs && python cron.py dd
    */15 * * * * cd /srv/lsbs && python cron.py quarter_hourly
"""
import sys
import datetime
import logging
import traceback

import queries as q
import dateutils
import emails
import logic
import membership_rules
import courses as courses_mod
import customer_accounts
import direct_debit
from db import get_conn, query_all, execute, commit, rollback
from config import settings
from mailer import send_mail
from sms import send_sms
from utils import staff_emails_for_role, format_money

log = logging.getLogger('lsbs.cron')


# -- bookings ---------------------------------------------------------------

def expand_block_bookings():
    until = dateutils.today() + datetime.timedelta(weeks=8)
    total = 0
    for block in q.list_block_bookings():
        made, clashes = logic.expand_block_booking(block, until)
        total += made
        if clashes:
            log.warning('block %s has %d clashes', block['id'], len(clashes))
    return total


def release_unpaid_bookings():
    """Provisional online bookings hold the slot for 30 minutes while the customer pays."""
    cutoff = dateutils.now() - datetime.timedelta(minutes=settings.PROVISIONAL_HOLD_MINUTES)
    n = 0
    for b in query_all("""SELECT b.id FROM bookings b JOIN invoices i ON i.id = b.invoice_id
                          WHERE b.status = 'provisional' AND b.created_at < %s AND i.status = 'issued'
                          AND b.created_by IS NULL""", (cutoff,)):
        logic.cancel_booking(b['id'], 'not paid in time', staff_id=0)
        n += 1
    for b in q.stale_provisional_bookings(cutoff):
        q.set_booking_status(b['id'], 'cancelled')
        n += 1
    return n


def mark_noshows():
    # confirmed bookings from yesterday with no check-in... we don't record check-in for
    # facility bookings so this never did anything. TODO remove
    return 0


# -- memberships --------------------------------------------------------------

def expire_memberships():
    n = execute("""UPDATE memberships SET status = 'lapsed'
                   WHERE status IN ('active', 'cancelled') AND end_date IS NOT NULL AND end_date < CURRENT_DATE""")
    n += membership_rules.unfreeze_due()
    execute("""UPDATE memberships SET status = 'frozen' WHERE status = 'active' AND id IN
               (SELECT membership_id FROM membership_freezes WHERE from_date = CURRENT_DATE)""")
    return n


def send_renewal_reminders():
    d = dateutils.today() + datetime.timedelta(days=21)
    rows = q.memberships_expiring_between(d, d)
    for r in rows:
        if r['payment_freq'] == 'annual':
            emails.renewal_reminder_email(r)
    return len(rows)


def expire_concessions():
    # nothing to do in the db (valid_until is checked at use) but warn the customer
    rows = query_all("""SELECT c.email, c.first_name, k.kind FROM concessions k JOIN customers c ON c.id = k.customer_id
                        WHERE k.valid_until = CURRENT_DATE + 14""")
    for r in rows:
        send_mail(r['email'], 'Your concession is expiring',
                  'Dear %s,\n\nYour %s concession expires in 2 weeks. Bring new evidence to reception.\n'
                  % (r['first_name'], r['kind'].replace('_', ' ')))
    return len(rows)


# -- billing ------------------------------------------------------------------

def chase_overdue_invoices():
    n = 0
    for inv in q.overdue_invoices():
        days_over = (dateutils.today() - inv['due_on']).days
        if inv['reminders_sent'] >= 3:
            continue
        if days_over in (3, 14, 28) or (days_over > 28 and inv['reminders_sent'] < 3):
            emails.overdue_reminder_email(inv)
            q.bump_reminder_count(inv['id'])
            n += 1
    return n


def run_direct_debits():
    return direct_debit.build_collection()


def daily_takings_email():
    rows = query_all(
        """SELECT p.method, sum(p.amount_pence) AS total, count(*) AS n FROM payments p
           WHERE p.paid_at::date = CURRENT_DATE - 1 GROUP BY p.method ORDER BY p.method""")
    body = '\n'.join('%-8s %5d  %s' % (r['method'], r['n'], format_money(r['total'])) for r in rows)
    for email in staff_emails_for_role('finance'):
        send_mail(email, 'LSBS takings %s' % dateutils.fmt_date(dateutils.today() - datetime.timedelta(days=1)),
                  body or 'No payments.')


# -- courses --------------------------------------------------------------------

def generate_course_sessions():
    term = q.get_current_term()
    if not term:
        return 0
    n = 0
    for c in q.list_courses(term['id']):
        n += courses_mod.generate_sessions(c['id'])
    return n


def expire_waiting_list_offers():
    return courses_mod.expire_offers()


def chase_unpaid_enrolments():
    """Pending enrolments unpaid after 7 days are withdrawn so the place can be offered."""
    rows = query_all("""SELECT e.id FROM enrolments e JOIN invoices i ON i.id = e.invoice_id
                        WHERE e.status = 'pending' AND i.status IN ('issued', 'part')
                        AND e.enrolled_at < now() - interval '7 days'""")
    for r in rows:
        logic.withdraw_enrolment(r['id'])
    return len(rows)


# -- leagues --------------------------------------------------------------------

def send_fixture_reminders():
    rows = query_all("""SELECT DISTINCT t.id FROM teams t JOIN fixtures f
                          ON (f.home_team_id = t.id OR f.away_team_id = t.id)
                        WHERE f.status = 'scheduled' AND f.kickoff::date = CURRENT_DATE + 3""")
    for r in rows:
        emails.fixture_notice_email(r['id'], q.upcoming_fixtures_for_team(r['id'], 1))
    return len(rows)


# -- equipment ------------------------------------------------------------------

def overdue_hire_reminders():
    rows = q.overdue_hires(dateutils.now())
    for h in rows:
        emails.hire_overdue_email(h)
        if h.get('phone'):
            send_sms(h['phone'], 'Leisure: the %s you hired is overdue. Please return it.' % h['item_name'])
    return len(rows)


# -- staff ----------------------------------------------------------------------

def qualification_expiry_alerts():
    rows = q.qualifications_expiring(dateutils.today() + datetime.timedelta(days=30))
    by_site = {}
    for r in rows:
        by_site.setdefault(r['site_id'], []).append(r)
        send_mail(r['email'], 'Your %s qualification expires %s' % (r['qual'], dateutils.fmt_date(r['expires_on'])),
                  'Please book a renewal course with your duty manager.')
    for site_id, quals in by_site.items():
        body = '\n'.join('%s: %s (%s)' % (r['name'], r['qual'], dateutils.fmt_date(r['expires_on'])) for r in quals)
        for email in staff_emails_for_role('duty_manager', site_id):
            send_mail(email, 'Staff qualifications expiring', body)
    return len(rows)


# -- customers ------------------------------------------------------------------

def purge_login_tokens():
    execute('DELETE FROM login_tokens WHERE expires_at < now()')
    execute("DELETE FROM password_resets WHERE created_at < now() - interval '7 days'")


def anonymise_dormant_accounts():
    n = 0
    for r in customer_accounts.dormant_customers():
        customer_accounts.anonymise_customer(r['id'])
        n += 1
    return n


# -- runner ---------------------------------------------------------------------

JOBS = {
    'nightly': [expire_memberships, expand_block_bookings, generate_course_sessions, purge_login_tokens,
                chase_unpaid_enrolments, expire_concessions],
    'morning': [send_renewal_reminders, chase_overdue_invoices, send_fixture_reminders, overdue_hire_reminders,
                qualification_expiry_alerts, daily_takings_email],
    'quarter_hourly': [release_unpaid_bookings, expire_waiting_list_offers],
    'dd': [run_direct_debits],
    'monthly': [anonymise_dormant_accounts],
}


def run_job(fn):
    started = datetime.datetime.now()
    try:
        res = fn()
        commit()
        log.info('%s ok (%s) in %ss', fn.__name__, res, (datetime.datetime.now() - started).seconds)
        return True
    except Exception:
        rollback()
        log.error('%s FAILED\n%s', fn.__name__, traceback.format_exc())
        return False


def main(argv):
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(name)s %(levelname)s %(message)s')
    if len(argv) < 2 or argv[1] not in JOBS:
        print('usage: cron.py [%s]' % '|'.join(sorted(JOBS)))
        return 2
    get_conn(standalone=True)
    failures = 0
    for fn in JOBS[argv[1]]:
        if not run_job(fn):
            failures += 1
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
