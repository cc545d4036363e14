"""Tiny DB helper. Use query()/query_one()/execute(); qmark placeholders (?).

Prod runs Postgres through the same functions via _pg_adapt(), which swaps the
placeholders. Don't import sqlite3 anywhere else.
"""
import logging
import sqlite3
import threading
from contextlib import contextmanager

import settings

log = logging.getLogger(__name__)
_local = threading.local()


def _dict_factory(cursor, row):
    return {col[0]: row[i] for i, col in enumerate(cursor.description)}


def get_db():
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(settings.current.DATABASE, detect_types=sqlite3.PARSE_DECLTYPES)
        conn.row_factory = _dict_factory
        conn.execute("PRAGMA foreign_keys = ON")
        _local.conn = conn
    return conn


def close_db():
    conn = getattr(_local, "conn", None)
    if conn is not None:
        conn.close()
    _local.conn = None


def _pg_adapt(sql):
    # only used when DATABASE starts with postgres://, see deploy notes
    return sql.replace("?", "%s")


def query(sql, params=()):
    cur = get_db().execute(sql, params)
    try:
        return cur.fetchall()
    finally:
        cur.close()


def query_one(sql, params=()):
    cur = get_db().execute(sql, params)
    try:
        return cur.fetchone()
    finally:
        cur.close()


def scalar(sql, params=()):
    row = query_one(sql, params)
    if not row:
        return None
    return next(iter(row.values()))


def execute(sql, params=()):
    """Run one write and commit unless we are inside transaction().
    Returns lastrowid for INSERTs, rowcount otherwise."""
    conn = get_db()
    try:
        cur = conn.execute(sql, params)
        if not getattr(_local, "in_tx", False):
            conn.commit()
        if sql.lstrip().upper().startswith("INSERT"):
            return cur.lastrowid
        return cur.rowcount
    except sqlite3.Error:
        conn.rollback()
        log.exception("execute failed: %s", sql[:200])
        raise


def executemany(sql, rows):
    conn = get_db()
    conn.executemany(sql, rows)
    if not getattr(_local, "in_tx", False):
        conn.commit()


@contextmanager
def transaction():
    conn = get_db()
    _local.in_tx = True
    try:
        yield conn
        conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        _local.in_tx = False
