"""sqlite helpers.  One connection per thread (cherrypy runs a thread pool)."""
import sqlite3
import threading
import logging
from contextlib import contextmanager

import config

log = logging.getLogger('water.db')

_local = threading.local()


class DBError(Exception):
    pass


def dict_factory(cursor, row):
    d = {}
    for idx, col in enumerate(cursor.description):
        d[col[0]] = row[idx]
    return d


def get_conn():
    conn = getattr(_local, 'conn', None)
    if conn is None:
        conn = sqlite3.connect(config.get('db_path'), detect_types=sqlite3.PARSE_DECLTYPES,
                               check_same_thread=False)
        conn.row_factory = dict_factory
        conn.execute('PRAGMA foreign_keys = ON')
        _local.conn = conn
    return conn


def close_conn(*args):
    conn = getattr(_local, 'conn', None)
    if conn is not None:
        try:
            conn.close()
        finally:
            _local.conn = None


def query_all(sql, params=()):
    cur = get_conn().cursor()
    cur.execute(sql, params)
    return cur.fetchall()


def query_one(sql, params=()):
    cur = get_conn().cursor()
    cur.execute(sql, params)
    return cur.fetchone()


def query_scalar(sql, params=(), default=None):
    cur = get_conn().cursor()
    cur.execute(sql, params)
    row = cur.fetchone()
    if not row:
        return default
    val = list(row.values())[0]
    return default if val is None else val


def execute(sql, params=(), commit=True):
    conn = get_conn()
    cur = conn.cursor()
    try:
        cur.execute(sql, params)
        if commit:
            conn.commit()
    except sqlite3.Error as e:
        log.exception('SQL failed: %s', sql)
        conn.rollback()
        raise DBError(str(e))
    return cur.lastrowid


def insert(table, data, commit=True):
    cols = ', '.join(data.keys())
    marks = ', '.join(['?'] * len(data))
    sql = 'INSERT INTO %s (%s) VALUES (%s)' % (table, cols, marks)
    return execute(sql, tuple(data.values()), commit=commit)


def update_row(table, row_id, data, commit=True):
    if not data:
        return
    sets = ', '.join('%s = ?' % k for k in data.keys())
    sql = 'UPDATE %s SET %s WHERE id = ?' % (table, sets)
    execute(sql, tuple(data.values()) + (row_id,), commit=commit)


@contextmanager
def transaction():
    conn = get_conn()
    try:
        yield conn.cursor()
        conn.commit()
    except Exception:
        conn.rollback()
        raise


def init_db(schema_path=None):
    schema_path = schema_path or config.get('schema_path')
    with open(schema_path) as f:
        sql = f.read()
    conn = get_conn()
    conn.executescript(sql)
    conn.commit()
    log.info('schema loaded from %s', schema_path)


def legacy_get_cursor():
    # old code used this everywhere before get_conn(). don't use.
    return sqlite3.connect(config.get('db_path')).cursor()
