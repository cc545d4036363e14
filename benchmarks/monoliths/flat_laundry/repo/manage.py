"""
manage.py - admin commands.

    python manage.py initdb
    python manage.py createuser <username> [--admin]
    python manage.py reconcile <site_id>
    python manage.py import-customers <file.csv>
"""
import getpass
import sys

import config
import db
import auth
import legacy_stock
import importer


def cmd_initdb(args):
    with open('schema.sql') as f:
        sql = f.read()
    db.run(sql)
    print('schema loaded into %s' % config.DB_NAME)


def cmd_createuser(args):
    username = args[0]
    pw = getpass.getpass('password for %s: ' % username)
    staff_id = db.fetch_value("SELECT id FROM staff WHERE lower(first_name || '.' || last_name) = lower(%s)",
                              (username,))
    uid = auth.create_user(username, pw, staff_id, '--admin' in args)
    print('created user %s (id %s)' % (username, uid))


def cmd_reconcile(args):
    print(legacy_stock.recalc_site_stock_old(int(args[0]), save='--save' in args))


def cmd_import_customers(args):
    print('%d customers' % importer.import_customers(args[0], dry_run='--dry-run' in args))


COMMANDS = {
    'initdb': cmd_initdb,
    'createuser': cmd_createuser,
    'reconcile': cmd_reconcile,
    'import-customers': cmd_import_customers,
}


def usage():
    print(__doc__)
    return 1


def main(argv):
    if len(argv) < 2 or argv[1] not in COMMANDS:
        return usage()
    COMMANDS[argv[1]](argv[2:])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
