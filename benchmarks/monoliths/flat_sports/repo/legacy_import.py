"""
One-off import from ClubManager 4 (the old system) - March 2019.

Kept in case we need to re-run for the Riverside data that never came across.
DO NOT RUN AGAINST LIVE without talking to Dave first.
"""
import csv
import sys
import logging
import datetime

import queries as q
from db import get_conn, execute, execute_returning, query_one, commit
from dateutils import parse_date

log = logging.getLogger('lsbs.import')

# ClubManager product codes -> our plan codes
PLAN_MAP = {
    'ADLT': 'ADULT', 'ADOP': 'ADULTOP', 'JUN': 'JUNIOR', 'JNR': 'JUNIOR', 'OAP': 'SENIOR', 'SNR': 'SENIOR',
    'FAM': 'FAMILY', 'SWM': 'SWIM', 'CORP': 'CORP', 'STAFF': 'CORP',
}


def clean_phone(s):
    s = ''.join(c for c in (s or '') if c.isdigit())
    if len(s) == 10 and not s.startswith('0'):
        s = '0' + s
    return s or None


def map_plan_code(old_code):
    return PLAN_MAP.get((old_code or '').strip().upper())


def import_member_row(row):
    email = (row.get('EMAIL') or '').strip().lower()
    if not email:
        email = 'noemail-%s@import.invalid' % row['MEMBER_NO']
    existing = q.get_customer_by_email(email)
    if existing:
        cid = existing['id']
    else:
        cid = execute_returning(
            """INSERT INTO customers (email, first_name, last_name, dob, phone, password_hash, created_at)
               VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
            (email, row['FORENAME'].title(), row['SURNAME'].title(), parse_date(row.get('DOB')),
             clean_phone(row.get('TEL')), row.get('PWD_MD5') or None,
             parse_date(row.get('JOINED')) or datetime.date(2019, 3, 1)))
        if row.get('ADDR1') and row.get('POSTCODE'):
            q.upsert_address(cid, row['ADDR1'], row.get('ADDR2'), row.get('TOWN'), row['POSTCODE'])
    code = map_plan_code(row.get('PRODUCT'))
    if code and row.get('STATUS') == 'A':
        plan = q.get_plan_by_code(code)
        if plan and not q.get_active_membership(cid):
            q.insert_membership(cid, plan['id'], parse_date(row.get('START')) or datetime.date(2019, 3, 1),
                                'monthly' if row.get('FREQ') == 'M' else 'annual', row.get('DDREF') or None)
    return cid


def import_clubmanager_csv(path):
    get_conn(standalone=True)
    n = 0
    with open(path) as f:
        for row in csv.DictReader(f):
            try:
                import_member_row(row)
                n += 1
            except Exception as e:
                log.error('row %s failed: %s', row.get('MEMBER_NO'), e)
            if n % 500 == 0:
                commit()
    commit()
    return n


def import_old_leagues(path):
    """Never used - the leagues office re-keyed everything by hand in the end."""
    with open(path) as f:
        for row in csv.DictReader(f):
            lg = query_one('SELECT id FROM leagues WHERE name = %s AND season = %s', (row['LEAGUE'], row['SEASON']))
            if not lg:
                continue
            execute('INSERT INTO teams (league_id, name) VALUES (%s, %s)', (lg['id'], row['TEAM']))


if __name__ == '__main__':
    logging.basicConfig(level=logging.INFO)
    print(import_clubmanager_csv(sys.argv[1]))
