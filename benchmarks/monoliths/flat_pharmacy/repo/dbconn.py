"""
Thin wrapper around pymysql.  Everything is supposed to go through here.
(Everything doesn't.)

DK 2011; transaction() added by MR 2013.
"""
import logging
import threading
import time
from contextlib import contextmanager

import pymysql
import pymysql.cursors

import config

log = logging.getLogger('rxbo.db')

_local = threading.local()

SLOW_QUERY_SECS = 2.0


class DbError(Exception):
    pass


class RowProxy(dict):
    """dict that also allows row.column access - half the old code uses one,
    half uses the other."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value


def _connect():
    return pymysql.connect(host=config.DB_HOST,
                           port=config.DB_PORT,
                           user=config.DB_USER,
                           passwd=config.DB_PASS,
                           db=config.DB_NAME,
                           charset='utf8',
                           cursorclass=pymysql.cursors.DictCursor,
                           autocommit=False)


def get_conn():
    conn = getattr(_local, 'conn', None)
    if conn is None:
        conn = _connect()
        _local.conn = conn
    return conn


def _reconnect_if_needed():
    conn = getattr(_local, 'conn', None)
    if conn is None:
        return get_conn()
    try:
        conn.ping(reconnect=True)
    except Exception:
        log.warning('db ping failed, reconnecting')
        _local.conn = None
        return get_conn()
    return conn


def close_conn():
    conn = getattr(_local, 'conn', None)
    if conn is not None:
        try:
            conn.close()
        except Exception:
            pass
    _local.conn = None


def _log_sql(sql, args, started):
    elapsed = time.time() - started
    if elapsed > SLOW_QUERY_SECS:
        log.warning('SLOW (%.2fs): %s -- %r', elapsed, sql[:400], args)
    elif config.DEBUG:
        log.debug('%s -- %r', sql, args)


@contextmanager
def cursor():
    conn = _reconnect_if_needed()
    cur = conn.cursor()
    try:
        yield cur
    finally:
        cur.close()


def query(sql, args=None):
    started = time.time()
    with cursor() as cur:
        cur.execute(sql, args)
        rows = cur.fetchall()
    _log_sql(sql, args, started)
    return [RowProxy(r) for r in rows]


def query_one(sql, args=None):
    rows = query(sql, args)
    if not rows:
        return None
    return rows[0]


def query_scalar(sql, args=None, default=None):
    row = query_one(sql, args)
    if not row:
        return default
    val = list(row.values())[0]
    if val is None:
        return default
    return val


def execute(sql, args=None, commit=True):
    started = time.time()
    conn = _reconnect_if_needed()
    with cursor() as cur:
        try:
            n = cur.execute(sql, args)
        except pymysql.MySQLError as e:
            conn.rollback()
            raise DbError('%s (sql=%s)' % (e, sql[:200]))
    if commit:
        conn.commit()
    _log_sql(sql, args, started)
    return n


def executemany(sql, seq, commit=True):
    conn = _reconnect_if_needed()
    with cursor() as cur:
        n = cur.executemany(sql, seq)
    if commit:
        conn.commit()
    return n


def insert_and_get_id(sql, args=None, commit=True):
    conn = _reconnect_if_needed()
    with cursor() as cur:
        cur.execute(sql, args)
        new_id = cur.lastrowid
    if commit:
        conn.commit()
    return new_id


@contextmanager
def transaction():
    """Usage:
        with transaction() as cur:
            cur.execute(...)
            cur.execute(...)
    commits at the end, rolls back on any exception.
    """
    conn = _reconnect_if_needed()
    cur = conn.cursor()
    try:
        yield cur
        conn.commit()
    except Exception:
        conn.rollback()
        log.exception('transaction rolled back')
        raise
    finally:
        cur.close()


def in_clause(values):
    """returns '%s,%s,%s' for use in IN (...)"""
    if not values:
        return 'NULL'
    return ','.join(['%s'] * len(values))


def escape_like(s):
    return s.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_')


def paginate_sql(sql, page, size=50):
    page = max(int(page or 1), 1)
    return '%s LIMIT %d OFFSET %d' % (sql, int(size), (page - 1) * int(size))
