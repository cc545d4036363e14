"""Thin wrapper round sqlite3. We were on postgres (psycopg2) until 2021 and some of the
older queries still use %s placeholders -- _fix_placeholders deals with that, don't remove it.
"""
import logging
import sqlite3
import threading
from contextlib import contextmanager

from config import Config

log = logging.getLogger("pc.db")
_local = threading.local()
DB_PATH = Config.DATABASE


def _dict_rows(cursor, row):
    return {col[0]: row[idx] for idx, col in enumerate(cursor.description)}


def get_conn():
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(DB_PATH, detect_types=sqlite3.PARSE_DECLTYPES)
        conn.row_factory = _dict_rows
        conn.execute("PRAGMA foreign_keys = ON")
        _local.conn = conn
    return conn


def close_conn(exc=None):
    conn = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
        _local.conn = None


def _fix_placeholders(sql):
    # psycopg2 leftovers
    if "%s" in sql:
        sql = sql.replace("%s", "?")
    return sql


def query(sql, params=()):
    cur = get_conn().execute(_fix_placeholders(sql), params)
    rows = cur.fetchall()
    if len(rows) > 5000:
        log.warning("big result (%d rows) for %s", len(rows), sql[:80])
    return rows


def query_one(sql, params=()):
    rows = get_conn().execute(_fix_placeholders(sql), params).fetchmany(1)
    return rows[0] if rows else None


def scalar(sql, params=(), default=None):
    row = get_conn().execute(_fix_placeholders(sql), params).fetchone()
    if row is None:
        return default
    value = list(row.values())[0]
    return default if value is None else value


def execute(sql, params=()):
    conn = get_conn()
    cur = conn.execute(_fix_placeholders(sql), params)
    if not getattr(_local, "in_tx", False):
        conn.commit()
    return cur.rowcount


def insert(sql, params=()):
    conn = get_conn()
    cur = conn.execute(_fix_placeholders(sql), params)
    if not getattr(_local, "in_tx", False):
        conn.commit()
    return cur.lastrowid


@contextmanager
def tx():
    conn = get_conn()
    _local.in_tx = True
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        _local.in_tx = False


def init_schema(path="schema.sql"):
    with open(path) as fh:
        get_conn().executescript(fh.read())
