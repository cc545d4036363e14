#!/usr/bin/env python
"""Admin commands:  python manage.py <command> [args]"""
import os
import sys
import getpass

from db import get_conn, execute, commit, query_one
from auth import hash_password


def init_db():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'schema.sql')) as f:
        sql = f.read()
    cur = get_conn(standalone=True).cursor()
    cur.execute(sql)
    commit()
    print('schema created')


def create_staff_user(email, name, role='admin', site_id=None):
    get_conn(standalone=True)
    pw = getpass.getpass('Password for %s: ' % email)
    execute('INSERT INTO staff (name, email, role, site_id, password_hash) VALUES (%s, %s, %s, %s, %s)',
            (name, email, role, site_id, hash_password(pw)))
    commit()
    print('created %s' % email)


def seed_plans():
    get_conn(standalone=True)
    plans = [
        ('ADULT', 'Adult Anytime', 3800, 38000, False, False, True, True, True, 10),
        ('ADULTOP', 'Adult Off-Peak', 2600, 26000, False, False, True, True, False, 0),
        ('JUNIOR', 'Junior (under 16)', 1500, 15000, True, False, True, False, True, 10),
        ('SENIOR', 'Over 60', 2200, 22000, False, True, True, True, False, 10),
        ('SWIM', 'Swim Only', 2400, 24000, False, False, True, False, True, 0),
    ]
    for p in plans:
        if query_one('SELECT id FROM membership_plans WHERE code = %s', (p[0],)):
            continue
        execute("""INSERT INTO membership_plans (code, name, monthly_pence, annual_pence, junior, senior,
                   includes_swim, includes_gym, peak_access, booking_discount_pct)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""", p)
    commit()


def seed_vat():
    get_conn(standalone=True)
    execute("INSERT INTO vat_rates (code, rate, valid_from) VALUES ('S', 0.20, '2011-01-04') ON CONFLICT DO NOTHING")
    execute("INSERT INTO vat_rates (code, rate, valid_from) VALUES ('Z', 0, '1973-04-01') ON CONFLICT DO NOTHING")
    execute("INSERT INTO vat_rates (code, rate, valid_from) VALUES ('E', 0, '1973-04-01') ON CONFLICT DO NOTHING")
    commit()


def print_league_tables(season):
    import queries as q
    from league_table import table_as_text
    get_conn(standalone=True)
    for lg in q.list_leagues(season):
        print('== %s (%s) ==' % (lg['name'], lg['season']))
        print(table_as_text(lg['id']))
        print('')


COMMANDS = {
    'init_db': init_db,
    'create_staff': create_staff_user,
    'seed_plans': seed_plans,
    'seed_vat': seed_vat,
    'league_tables': print_league_tables,
}


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        print('commands: %s' % ', '.join(sorted(COMMANDS)))
        return 1
    COMMANDS[argv[1]](*argv[2:])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
