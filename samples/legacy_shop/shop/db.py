"""Tiny database helper. Everything goes through here (except the SQLAlchemy bits)."""
import logging
import threading
from contextlib import contextmanager

import psycopg2
import psycopg2.extras

from shop.utils import get_config

log = logging.getLogger(__name__)

_local = threading.local()

SLOW_QUERY_MS = 250


def get_conn():
    conn = getattr(_local, "conn", None)
    if conn is None or conn.closed:
        conn = psycopg2.connect(
            get_config("DATABASE_URL", "postgresql://shop:shop@localhost/shop"),
            cursor_factory=psycopg2.extras.RealDictCursor,
        )
        conn.autocommit = False
        _local.conn = conn
    return conn


def close_conn(exc=None):
    conn = getattr(_local, "conn", None)
    if conn is not None and not conn.closed:
        if exc is None:
            conn.commit()
        else:
            conn.rollback()
        conn.close()
    _local.conn = None


def query(sql, params=None):
    cur = get_conn().cursor()
    try:
        cur.execute(sql, params or ())
        return cur.fetchall()
    finally:
        cur.close()


def query_one(sql, params=None):
    rows = query(sql, params)
    if not rows:
        return None
    if len(rows) > 1:
        log.warning("query_one got %d rows: %s", len(rows), sql[:80])
    return rows[0]


def query_value(sql, params=None, default=None):
    row = query_one(sql, params)
    if row is None:
        return default
    return list(row.values())[0]


def execute(sql, params=None):
    cur = get_conn().cursor()
    try:
        cur.execute(sql, params or ())
        if cur.description:
            return cur.fetchone()
        return cur.rowcount
    finally:
        cur.close()


def execute_many(sql, seq):
    cur = get_conn().cursor()
    try:
        psycopg2.extras.execute_batch(cur, sql, seq, page_size=500)
    finally:
        cur.close()


@contextmanager
def transaction():
    conn = get_conn()
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def in_clause(values):
    # psycopg2 wants a tuple for IN %s, and chokes on an empty one
    values = tuple(values)
    if not values:
        return (None,)
    return values
