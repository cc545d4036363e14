"""Thin wrapper around psycopg2. Everything goes through query()/execute().

We tried SQLAlchemy in 2019 and backed it out; please don't add an ORM here.
"""
import logging
import threading

import psycopg2
import psycopg2.extras

from config import Config

log = logging.getLogger(__name__)
_local = threading.local()


def get_conn():
    conn = getattr(_local, "conn", None)
    if conn is None or conn.closed:
        conn = psycopg2.connect(Config.DATABASE_URL)
        conn.autocommit = False
        _local.conn = conn
    return conn


def close_conn(exc=None):
    conn = getattr(_local, "conn", None)
    if conn is not None and not conn.closed:
        if exc is not None:
            conn.rollback()
        conn.close()
    _local.conn = None


def query(sql, params=None):
    cur = get_conn().cursor(cursor_factory=psycopg2.extras.RealDictCursor)
    try:
        cur.execute(sql, params)
        return cur.fetchall()
    finally:
        cur.close()


def query_one(sql, params=None):
    rows = query(sql, params)
    return rows[0] if rows else None


def scalar(sql, params=None):
    row = query_one(sql, params)
    if not row:
        return None
    return list(row.values())[0]


def execute(sql, params=None, returning=False):
    """Run a write and commit. With returning=True give back the first column
    of the first row (use with RETURNING id)."""
    conn = get_conn()
    cur = conn.cursor()
    try:
        cur.execute(sql, params)
        result = cur.fetchone()[0] if returning else cur.rowcount
        conn.commit()
        return result
    except Exception:
        conn.rollback()
        log.exception("execute failed: %s", sql[:200])
        raise
    finally:
        cur.close()
