"""Database helpers. Everything goes through get_conn() so we can pool later."""
import logging
import psycopg2
import psycopg2.extras

import config

log = logging.getLogger("rln.db")

_conn = None


def get_conn():
    global _conn
    if _conn is None or _conn.closed:
        _conn = psycopg2.connect(config.DB_DSN)
        _conn.autocommit = False
    return _conn


def cursor():
    return get_conn().cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def query_all(sql, params=()):
    cur = cursor()
    cur.execute(sql, params)
    rows = cur.fetchall()
    cur.close()
    return rows


def query_one(sql, params=()):
    cur = cursor()
    cur.execute(sql, params)
    row = cur.fetchone()
    cur.close()
    return row


def execute(sql, params=(), returning=False):
    cur = cursor()
    cur.execute(sql, params)
    res = None
    if returning:
        res = cur.fetchone()
    cur.close()
    return res


def commit():
    get_conn().commit()


def rollback():
    try:
        get_conn().rollback()
    except psycopg2.InterfaceError:
        log.warning("rollback on closed connection")


class Transaction(object):
    """with Transaction(): ...  commits or rolls back"""

    def __enter__(self):
        return cursor()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            commit()
        else:
            rollback()
        return False
