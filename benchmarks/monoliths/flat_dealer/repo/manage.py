#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Admin commands.  python3 manage.py <command> [args]"""
import sys
import getpass

from dealer import db, staff, workshop, utils


def cmd_runserver(args):
    from wsgiref.simple_server import make_server
    from dealer import handlers
    port = int(args[0]) if args else 8080
    print('serving on :%d' % port)
    make_server('', port, handlers.application).serve_forever()


def cmd_create_user(args):
    username, role = args[0], args[1]
    pw = getpass.getpass('Password for %s: ' % username)
    first = input('First name: ')
    last = input('Last name: ')
    eid = staff.create_employee(username, pw, first, last, role)
    print('created employee %d' % eid)


def cmd_reset_password(args):
    emp = db.query_one('SELECT id FROM employees WHERE username = %s', (args[0],))
    if not emp:
        print('no such user')
        return
    staff.reset_password(emp['id'], getpass.getpass('New password: '))


def cmd_labour_rate(args):
    code, hourly = args[0].upper(), utils.to_decimal(args[1])
    workshop.set_labour_rate(code, hourly, utils.parse_date(args[2]) if len(args) > 2 else None)
    print('labour rate %s = %s' % (code, hourly))


def cmd_add_location(args):
    db.execute('INSERT INTO stock_locations (code, name, capacity) VALUES (%s, %s, %s)',
               (args[0].upper(), args[1], int(args[2]) if len(args) > 2 else 0))


def cmd_add_lender(args):
    db.execute('INSERT INTO lenders (name, api_url, dealer_code, commission_pct, active) '
               'VALUES (%s, %s, %s, %s, 1)', (args[0], args[1] or None, args[2], args[3]))


COMMANDS = {
    'runserver': cmd_runserver,
    'create_user': cmd_create_user,
    'reset_password': cmd_reset_password,
    'labour_rate': cmd_labour_rate,
    'add_location': cmd_add_location,
    'add_lender': cmd_add_lender,
}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print('commands: ' + ', '.join(sorted(COMMANDS)))
        sys.exit(1)
    COMMANDS[sys.argv[1]](sys.argv[2:])


if __name__ == '__main__':
    main()
