# -*- coding: utf-8 -*-
"""Thin wrapper around MySQLdb.

Originally written for Python 2.5 / MySQLdb 1.2; now runs on mysqlclient.
Everybody imports this as `db` so don't rename anything.
"""
import logging
import threading
import time

import MySQLdb
import MySQLdb.cursors

from dealer import config

log = logging.getLogger('dealer.db')

_local = threading.local()


class DBError(Exception):
    pass


def get_conn():
    """One connection per thread, reconnect if MySQL went away."""
    conn = getattr(_local, 'conn', None)
    if conn is not None:
        try:
            conn.ping()
            return conn
        except MySQLdb.OperationalError:
            log.warning('mysql went away, reconnecting')
            conn = None
    conn = MySQLdb.connect(
        host=config.get('db_host'),
        user=config.get('db_user'),
        passwd=config.get('db_pass'),
        db=config.get('db_name'),
        port=config.get_int('db_port', 3306),
        charset='utf8',
        use_unicode=True,
        cursorclass=MySQLdb.cursors.DictCursor,
    )
    conn.autocommit(True)
    _local.conn = conn
    return conn


def cursor():
    return get_conn().cursor()


def query(sql, params=None):
    """Run a SELECT and return a list of dict rows."""
    cur = cursor()
    t0 = time.time()
    try:
        cur.execute(sql, params)
        rows = cur.fetchall()
    except MySQLdb.Error as e:
        log.error('SQL failed: %s -- %r', sql, params)
        raise DBError(str(e))
    finally:
        cur.close()
    if config.is_debug():
        log.debug('%.3fs %s', time.time() - t0, sql)
    return list(rows)


def query_one(sql, params=None):
    rows = query(sql, params)
    if rows:
        return rows[0]
    return None


def query_value(sql, params=None, default=None):
    row = query_one(sql, params)
    if not row:
        return default
    return list(row.values())[0]


def execute(sql, params=None):
    """Run INSERT/UPDATE/DELETE, returns lastrowid for inserts else rowcount."""
    cur = cursor()
    try:
        cur.execute(sql, params)
        if sql.lstrip().upper().startswith('INSERT'):
            return cur.lastrowid
        return cur.rowcount
    except MySQLdb.Error as e:
        log.error('SQL failed: %s -- %r', sql, params)
        raise DBError(str(e))
    finally:
        cur.close()


def insert(table, data):
    """insert('customers', {'first_name': 'Bob'}) -> new id"""
    cols = sorted(data.keys())
    sql = 'INSERT INTO %s (%s) VALUES (%s)' % (
        table, ', '.join(cols), ', '.join(['%s'] * len(cols)))
    return execute(sql, [data[c] for c in cols])


def update(table, pk, data, pk_col='id'):
    if not data:
        return 0
    cols = sorted(data.keys())
    sets = ', '.join('%s = %%s' % c for c in cols)
    sql = 'UPDATE %s SET %s WHERE %s = %%s' % (table, sets, pk_col)
    return execute(sql, [data[c] for c in cols] + [pk])


def get_by_id(table, pk):
    return query_one('SELECT * FROM ' + table + ' WHERE id = %s', (pk,))


def escape(value):
    """For the places that still build SQL with % formatting. Don't add more."""
    if value is None:
        return 'NULL'
    return "'" + get_conn().escape_string(str(value)).decode('utf8') + "'"


def in_clause(values):
    """Returns '(%s, %s, %s)' for len(values) -- pass values as params."""
    if not values:
        return '(NULL)'
    return '(' + ', '.join(['%s'] * len(values)) + ')'


class transaction(object):
    """with db.transaction(): ...  -- turns autocommit off for the block."""

    def __enter__(self):
        self.conn = get_conn()
        self.conn.autocommit(False)
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.conn.commit()
            else:
                self.conn.rollback()
        finally:
            self.conn.autocommit(True)
        return False


def paginate(sql, params=None, page=1, per_page=50):
    page = max(1, int(page or 1))
    offset = (page - 1) * per_page
    count_sql = 'SELECT COUNT(*) AS n FROM (' + sql + ') AS sub'
    total = query_value(count_sql, params, 0)
    rows = query(sql + ' LIMIT %d OFFSET %d' % (per_page, offset), params)
    return rows, total


# ---------------------------------------------------------------------------
# helpers below were added here "temporarily" because everything imports db
# ---------------------------------------------------------------------------

def get_vehicle_by_stock(stock_no):
    stock_no = (stock_no or '').strip().upper()
    return query_one('SELECT * FROM vehicles WHERE stock_no = %s', (stock_no,))


def customer_exists(email=None, phone=None):
    # used by leads import and the website enquiry form
    if email:
        row = query_one('SELECT id FROM customers WHERE email = %s '
                        'AND merged_into IS NULL', (email.lower(),))
        if row:
            return row['id']
    if phone:
        digits = ''.join(c for c in phone if c.isdigit())
        row = query_one("SELECT id FROM customers WHERE REPLACE(mobile, ' ', '') = %s "
                        "OR REPLACE(phone, ' ', '') = %s", (digits, digits))
        if row:
            return row['id']
    return None
