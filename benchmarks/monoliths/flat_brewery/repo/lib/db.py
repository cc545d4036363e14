"""
Thin wrapper around psycopg2.

One connection per process.  web.py runs us single-threaded under
uwsgi (processes=4) so that is fine; the cron scripts share it too.
"""
import logging
import time

import psycopg2
import psycopg2.extras

import config

log = logging.getLogger('hopyard.db')

_conn = None
SLOW_QUERY_SECS = 1.5


class DBError(Exception):
    pass


def get_conn():
    global _conn
    if _conn is None or _conn.closed:
        log.debug('opening db connection')
        _conn = psycopg2.connect(config.DB_DSN)
        _conn.autocommit = False
    return _conn


def close_conn():
    global _conn
    if _conn is not None and not _conn.closed:
        _conn.close()
    _conn = None


def cursor(dict_rows=True):
    conn = get_conn()
    if dict_rows:
        return conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
    return conn.cursor()


def _run(cur, sql, params):
    t0 = time.time()
    try:
        cur.execute(sql, params)
    except psycopg2.Error as e:
        log.error('query failed: %s\n%s', e, sql)
        raise DBError(str(e))
    elapsed = time.time() - t0
    if elapsed > SLOW_QUERY_SECS:
        log.warning('slow query (%.2fs): %s', elapsed, sql[:200])


def query(sql, params=None):
    cur = cursor()
    _run(cur, sql, params)
    rows = cur.fetchall()
    cur.close()
    return rows


def query_one(sql, params=None):
    cur = cursor()
    _run(cur, sql, params)
    row = cur.fetchone()
    cur.close()
    return row


def scalar(sql, params=None):
    cur = cursor(dict_rows=False)
    _run(cur, sql, params)
    row = cur.fetchone()
    cur.close()
    if row is None:
        return None
    return row[0]


def execute(sql, params=None):
    cur = cursor()
    _run(cur, sql, params)
    n = cur.rowcount
    cur.close()
    return n


def insert_returning_id(sql, params=None):
    if 'RETURNING' not in sql.upper():
        sql = sql.rstrip().rstrip(';') + ' RETURNING id'
    cur = cursor(dict_rows=False)
    _run(cur, sql, params)
    new_id = cur.fetchone()[0]
    cur.close()
    return new_id


def commit():
    get_conn().commit()


def rollback():
    try:
        get_conn().rollback()
    except psycopg2.InterfaceError:
        pass


class transaction(object):
    """with transaction() as cur: ...   commits on success, rolls back on error"""

    def __init__(self, dict_rows=True):
        self.dict_rows = dict_rows
        self.cur = None

    def __enter__(self):
        self.cur = cursor(self.dict_rows)
        return self.cur

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            commit()
        else:
            log.warning('rolling back: %s', exc)
            rollback()
        self.cur.close()
        return False


def sql_in_list(values):
    """(1, 2, 3) for building IN clauses.  ints only!"""
    vals = [str(int(v)) for v in values]
    if not vals:
        return '(NULL)'
    return '(' + ','.join(vals) + ')'


def next_sequence_value(prefix, table, column, width=4):
    """e.g. next_sequence_value('PO', 'purchase_orders', 'po_number') -> PO-0123"""
    sql = "SELECT %s FROM %s WHERE %s LIKE '%s-%%' ORDER BY id DESC LIMIT 1" % (
        column, table, column, prefix)
    last = scalar(sql)
    n = 1
    if last:
        try:
            n = int(last.split('-')[-1]) + 1
        except ValueError:
            n = 1
    return '%s-%0*d' % (prefix, width, n)
