"""
Database helpers.  Thin wrapper round psycopg2.

Usage:
    from db import query_all, query_one, execute
    rows = query_all("SELECT * FROM sites WHERE id = %s", (site_id,))

The connection lives on flask.g during a request; cron jobs and manage.py
get their own via get_conn(standalone=True).
"""
import logging
from contextlib import contextmanager

import psycopg2
import psycopg2.extras

from config import settings

log = logging.getLogger(__name__)

_standalone_conn = None


def _connect():
    return psycopg2.connect(
        host=settings.DB_HOST,
        port=settings.DB_PORT,
        dbname=settings.DB_NAME,
        user=settings.DB_USER,
        password=settings.DB_PASSWORD,
    )


def get_conn(standalone=False):
    global _standalone_conn
    if not standalone:
        try:
            from flask import g
            if not hasattr(g, '_db'):
                g._db = _connect()
            return g._db
        except RuntimeError:
            # outside of app context - fall through (cron etc)
            pass
    if _standalone_conn is None or _standalone_conn.closed:
        _standalone_conn = _connect()
    return _standalone_conn


def close_db(exc=None):
    try:
        from flask import g
        conn = g.pop('_db', None)
    except RuntimeError:
        conn = None
    if conn is not None:
        if exc is None:
            conn.commit()
        else:
            conn.rollback()
        conn.close()


def get_cursor(conn=None):
    conn = conn or get_conn()
    return conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def query_all(sql, params=None):
    cur = get_cursor()
    try:
        cur.execute(sql, params)
        return cur.fetchall()
    finally:
        cur.close()


def query_one(sql, params=None):
    cur = get_cursor()
    try:
        cur.execute(sql, params)
        return cur.fetchone()
    finally:
        cur.close()


def query_scalar(sql, params=None, default=None):
    cur = get_conn().cursor()
    try:
        cur.execute(sql, params)
        row = cur.fetchone()
        if row is None or row[0] is None:
            return default
        return row[0]
    finally:
        cur.close()


def execute(sql, params=None):
    cur = get_cursor()
    try:
        cur.execute(sql, params)
        return cur.rowcount
    finally:
        cur.close()


def execute_returning(sql, params=None):
    """Run an INSERT ... RETURNING id and give back the id."""
    cur = get_conn().cursor()
    try:
        cur.execute(sql, params)
        row = cur.fetchone()
        return row[0] if row else None
    finally:
        cur.close()


def executemany(sql, seq):
    cur = get_conn().cursor()
    try:
        cur.executemany(sql, seq)
    finally:
        cur.close()


def commit():
    get_conn().commit()


def rollback():
    get_conn().rollback()


@contextmanager
def transaction():
    conn = get_conn()
    try:
        yield conn
        conn.commit()
    except Exception:
        log.exception('rolling back')
        conn.rollback()
        raise


def build_where(filters):
    """{'site_id': 3, 'kind': 'pitch'} -> ('WHERE site_id = %s AND kind = %s', [3, 'pitch'])

    None values are skipped.  Keys are trusted (never pass user input as a key!)
    """
    clauses = []
    params = []
    for k in sorted(filters.keys()):
        v = filters[k]
        if v is None:
            continue
        if isinstance(v, (list, tuple)):
            clauses.append('%s IN (%s)' % (k, ','.join(['%s'] * len(v))))
            params.extend(v)
        else:
            clauses.append('%s = %%s' % k)
            params.append(v)
    if not clauses:
        return '', []
    return 'WHERE ' + ' AND '.join(clauses), params


def next_invoice_number():
    """LS2019-000123 style numbers.  Lives here because it needs the
    advisory lock and nobody wanted to move it (see ticket LSBS-212)."""
    from dateutils import today
    year = today().year
    execute("SELECT pg_advisory_xact_lock(4242)")
    last = query_scalar(
        "SELECT max(number) FROM invoices WHERE number LIKE %s",
        ('%s%d-%%' % (settings.INVOICE_PREFIX, year),))
    if last:
        seq = int(last.split('-')[-1]) + 1
    else:
        seq = 1
    return '%s%d-%06d' % (settings.INVOICE_PREFIX, year, seq)


def table_count(table):
    # used by the /admin/health page
    return query_scalar('SELECT count(*) FROM %s' % table, default=0)
