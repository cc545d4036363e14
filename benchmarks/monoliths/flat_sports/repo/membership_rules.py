"""
Membership business rules (eligibility, freezes, renewals, peak access).

Plan codes:  ADULT, ADULTOP (off-peak), JUNIOR, SENIOR, FAMILY, SWIM, CORP
"""
import datetime
import logging

import queries as q
import dateutils
from db import query_scalar, execute
from utils import is_junior

log = logging.getLogger('lsbs.membership')

PEAK_WEEKDAY_HOURS = [(datetime.time(6, 30), datetime.time(9, 0)),
                      (datetime.time(17, 0), datetime.time(20, 30))]
MAX_FREEZE_DAYS_PER_YEAR = 92
MIN_FREEZE_DAYS = 14
NOTICE_DAYS = 30


class MembershipError(Exception):
    pass


def is_peak_time(dt):
    if dt.weekday() >= 5 or dateutils.is_bank_holiday(dt):
        # weekends are peak until 2pm
        return dt.time() < datetime.time(14, 0)
    for a, b in PEAK_WEEKDAY_HOURS:
        if a <= dt.time() < b:
            return True
    return False


def eligible_plans(customer):
    plans = q.list_plans()
    out = []
    age = dateutils.age_on(customer.get('dob'))
    for p in plans:
        if p['junior'] and not is_junior(customer.get('dob')):
            continue
        if p['senior'] and (age is None or age < 60):
            continue
        if not p['junior'] and age is not None and age < 16:
            continue
        out.append(p)
    return out


def plan_price(plan, freq):
    return plan['annual_pence'] if freq == 'annual' else plan['monthly_pence']


def pro_rata_first_month(plan, start_date):
    """First month charged pro-rata up to the 1st of next month (DD collects on the 1st)"""
    next_first = dateutils.add_months(start_date.replace(day=1), 1)
    days = (next_first - start_date).days
    month_days = (next_first - start_date.replace(day=1)).days
    return int(round(plan['monthly_pence'] * days / float(month_days)))


def freeze_days_used(membership_id, year):
    return query_scalar(
        """SELECT COALESCE(sum(to_date - from_date + 1), 0) FROM membership_freezes
           WHERE membership_id = %s AND extract(year from from_date) = %s""",
        (membership_id, year), default=0)


def check_freeze_allowed(membership, from_date, to_date):
    if membership['status'] != 'active':
        raise MembershipError('Only active memberships can be frozen')
    days = (to_date - from_date).days + 1
    if days < MIN_FREEZE_DAYS:
        raise MembershipError('Minimum freeze is %d days' % MIN_FREEZE_DAYS)
    used = freeze_days_used(membership['id'], from_date.year)
    if used + days > MAX_FREEZE_DAYS_PER_YEAR:
        raise MembershipError('Freeze allowance exceeded (%d days used this year)' % used)
    return True


def earliest_cancel_date(membership, notice_given=None):
    notice_given = notice_given or dateutils.today()
    d = notice_given + datetime.timedelta(days=NOTICE_DAYS)
    if membership['payment_freq'] == 'annual' and membership.get('end_date'):
        return max(d, membership['end_date'])
    return d


def renew_annual(membership_id):
    m = q.query_one('SELECT * FROM memberships WHERE id = %s', (membership_id,))
    if m['payment_freq'] != 'annual':
        raise MembershipError('not an annual membership')
    new_end = dateutils.add_months(m['end_date'], 12)
    execute('UPDATE memberships SET end_date = %s WHERE id = %s', (new_end, membership_id))
    return new_end


def unfreeze_due():
    """Memberships whose freeze ended yesterday go back to active."""
    y = dateutils.today() - datetime.timedelta(days=1)
    return execute(
        """UPDATE memberships SET status = 'active' WHERE status = 'frozen' AND id IN
           (SELECT membership_id FROM membership_freezes WHERE to_date = %s)""", (y,))


def can_enter(customer_id, site_id, when=None):
    """Turnstile check.  Returns (ok, reason)."""
    when = when or dateutils.now()
    m = q.get_active_membership(customer_id)
    if not m:
        return False, 'No membership'
    if m['status'] == 'frozen':
        return False, 'Membership frozen'
    if not m['peak_access'] and is_peak_time(when):
        return False, 'Off-peak membership'
    return True, 'OK'
