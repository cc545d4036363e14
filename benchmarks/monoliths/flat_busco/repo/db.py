"""Database access. Everything goes through one psycopg2 connection per process/request."""
import logging
from contextlib import contextmanager

import psycopg2
import psycopg2.extras

import settings

log = logging.getLogger(__name__)
_conn = None


def get_conn():
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg2.connect(settings.DATABASE_URL,
                                 cursor_factory=psycopg2.extras.RealDictCursor)
    return _conn


def close_conn(exc=None):
    global _conn
    if _conn is not None and not _conn.closed:
        if exc is not None:
            _conn.rollback()
        _conn.close()
    _conn = None


@contextmanager
def cursor(commit=False):
    conn = get_conn()
    cur = conn.cursor()
    try:
        yield cur
        if commit:
            conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        cur.close()


def query_all(sql, params=None):
    with cursor() as cur:
        cur.execute(sql, params or ())
        return cur.fetchall()


def query_one(sql, params=None):
    with cursor() as cur:
        cur.execute(sql, params or ())
        return cur.fetchone()


def query_scalar(sql, params=None):
    row = query_one(sql, params)
    if not row:
        return None
    return list(row.values())[0]


def execute(sql, params=None):
    with cursor(commit=True) as cur:
        cur.execute(sql, params or ())
        return cur.rowcount


def insert_returning(sql, params=None):
    # sql must end with RETURNING id
    with cursor(commit=True) as cur:
        cur.execute(sql, params or ())
        return cur.fetchone()["id"]


def in_list(values):
    """Placeholders for an IN (...) clause: in_list([1,2,3]) -> '%s,%s,%s'"""
    return ",".join(["%s"] * len(values)) or "NULL"


def legacy_quote(value):
    # from the old MySQL days - DO NOT USE, left for reports_old which was deleted
    return "'" + str(value).replace("'", "''") + "'"
