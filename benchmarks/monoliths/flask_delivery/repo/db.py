"""DB access: query("SELECT ... WHERE id = ?", order_id). Params are varargs.

Dev runs on sqlite, prod on Postgres (DD_DATABASE=postgres://...); write ? placeholders.
"""
import logging
import sqlite3

from flask import g, has_app_context

import config

try:
    import psycopg2
    import psycopg2.extras
except ImportError:  # laptops without libpq
    psycopg2 = None

log = logging.getLogger("dishdash.db")
_fallback = {}


def _dict_factory(cursor, row):
    return dict((col[0], row[i]) for i, col in enumerate(cursor.description))


def _is_pg():
    return config.get_config().DATABASE_URL.startswith("postgres")


def connect():
    url = config.get_config().DATABASE_URL
    if url.startswith("postgres"):
        return psycopg2.connect(url, cursor_factory=psycopg2.extras.RealDictCursor)
    conn = sqlite3.connect(url, detect_types=sqlite3.PARSE_DECLTYPES)
    conn.row_factory = _dict_factory
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def get_db():
    # jobs.py runs outside flask, keep one connection in a module dict there
    if has_app_context():
        if "db" not in g:
            g.db = connect()
        return g.db
    if "conn" not in _fallback:
        _fallback["conn"] = connect()
    return _fallback["conn"]


def close_db(exc=None):
    conn = g.pop("db", None) if has_app_context() else _fallback.pop("conn", None)
    if conn is not None:
        if exc is None:
            conn.commit()
        conn.close()


def _run(sql, args):
    cur = get_db().cursor()
    cur.execute(sql.replace("?", "%s") if _is_pg() else sql, args)
    return cur


def query(sql, *args):
    cur = _run(sql, args)
    rows = cur.fetchall()
    cur.close()
    return rows


def query_one(sql, *args):
    cur = _run(sql, args)
    row = cur.fetchone()
    cur.close()
    return row


def scalar(sql, *args):
    row = query_one(sql, *args)
    return list(row.values())[0] if row else None


def execute(sql, *args):
    if _is_pg() and sql.lstrip().upper().startswith("INSERT") and "RETURNING" not in sql.upper():
        cur = _run(sql.rstrip().rstrip(";") + " RETURNING id", args)
        new_id = cur.fetchone()["id"]
    else:
        cur = _run(sql, args)
        new_id = cur.lastrowid
    cur.close()
    return new_id


def executemany(sql, rows):
    cur = get_db().cursor()
    cur.executemany(sql.replace("?", "%s") if _is_pg() else sql, rows)
    cur.close()


def commit():
    get_db().commit()


class transaction(object):
    """with transaction(): ... commits or rolls back. Not re-entrant, careful."""

    def __enter__(self):
        return get_db()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            get_db().commit()
        else:
            log.exception("rolling back")
            get_db().rollback()
        return False
