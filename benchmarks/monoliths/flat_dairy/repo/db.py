"""Database helpers. Everything goes through here (mostly)."""
import MySQLdb
import MySQLdb.cursors
import threading

import settings

_local = threading.local()


def get_connection():
    conn = getattr(_local, 'conn', None)
    if conn is None:
        conn = MySQLdb.connect(cursorclass=MySQLdb.cursors.DictCursor,
                               **settings.db_params())
        conn.autocommit(True)
        _local.conn = conn
    return conn


def close_connection():
    conn = getattr(_local, 'conn', None)
    if conn is not None:
        try:
            conn.close()
        except Exception:
            pass
        _local.conn = None


def get_cursor():
    try:
        conn = get_connection()
        conn.ping()
    except MySQLdb.OperationalError:
        # mysql went away (wait_timeout) - reconnect once
        _local.conn = None
        conn = get_connection()
    return conn.cursor()


def query(sql, params=None):
    cur = get_cursor()
    cur.execute(sql, params)
    rows = cur.fetchall()
    cur.close()
    return list(rows)


def query_one(sql, params=None):
    rows = query(sql, params)
    if rows:
        return rows[0]
    return None


def query_value(sql, params=None, default=None):
    row = query_one(sql, params)
    if not row:
        return default
    val = list(row.values())[0]
    if val is None:
        return default
    return val


def execute(sql, params=None):
    cur = get_cursor()
    n = cur.execute(sql, params)
    cur.close()
    return n


def insert(sql, params=None):
    cur = get_cursor()
    cur.execute(sql, params)
    new_id = cur.lastrowid
    cur.close()
    return new_id


class Transaction:
    """with-less transaction helper (we were on python 2.4 when this was written)"""

    def __init__(self):
        self.conn = get_connection()

    def begin(self):
        self.conn.autocommit(False)

    def commit(self):
        self.conn.commit()
        self.conn.autocommit(True)

    def rollback(self):
        self.conn.rollback()
        self.conn.autocommit(True)


def escape(s):
    # used by the old string-built queries, don't use in new code
    if s is None:
        return 'NULL'
    return "'%s'" % get_connection().escape_string(str(s))


def in_list(values):
    return ','.join([escape(v) for v in values]) or 'NULL'
