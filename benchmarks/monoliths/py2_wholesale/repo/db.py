"""Database access for KOPS. One connection per thread, rows come back as web.Storage
so templates can do row.CustomerID. Placeholders are qmark (?) because of pyodbc.

Originally MySQLdb against the old box; moved to SQL Server in 2010.
"""
import logging
import threading

import config

try:
    import pyodbc
except ImportError:  # dev machines without the ODBC driver
    pyodbc = None

try:
    from web.utils import Storage
except ImportError:
    class Storage(dict):
        def __getattr__(self, key):
            try:
                return self[key]
            except KeyError:
                raise AttributeError(key)

log = logging.getLogger('kops.db')
_local = threading.local()


def connect():
    if pyodbc is None:
        raise RuntimeError('pyodbc not installed')
    conn = pyodbc.connect(config.DSN, autocommit=False)
    return conn


def get_conn():
    conn = getattr(_local, 'conn', None)
    if conn is None:
        conn = _local.conn = connect()
    return conn


def close():
    conn = getattr(_local, 'conn', None)
    if conn is not None:
        try:
            conn.close()
        except Exception:
            pass
        _local.conn = None


def _rows(cursor):
    if cursor.description is None:
        return []
    cols = [d[0] for d in cursor.description]
    return [Storage(zip(cols, row)) for row in cursor.fetchall()]


def query(sql, params=()):
    cur = get_conn().cursor()
    if config.DEBUG:
        log.debug('%s %r', sql, params)
    cur.execute(sql, params)
    rows = _rows(cur)
    cur.close()
    return rows


def query_one(sql, params=()):
    rows = query(sql, params)
    if rows:
        return rows[0]
    return None


def scalar(sql, params=()):
    cur = get_conn().cursor()
    cur.execute(sql, params)
    row = cur.fetchone()
    cur.close()
    if row is None:
        return None
    return row[0]


def execute(sql, params=(), commit=True):
    conn = get_conn()
    cur = conn.cursor()
    cur.execute(sql, params)
    n = cur.rowcount
    cur.close()
    if commit:
        conn.commit()
    return n


def insert(sql, params=(), commit=True):
    """INSERT and return the new IDENTITY value."""
    conn = get_conn()
    cur = conn.cursor()
    cur.execute(sql, params)
    cur.execute('SELECT CAST(SCOPE_IDENTITY() AS INT)')
    new_id = cur.fetchone()[0]
    cur.close()
    if commit:
        conn.commit()
    return new_id


def executemany(sql, seq, commit=True):
    conn = get_conn()
    cur = conn.cursor()
    cur.executemany(sql, seq)
    cur.close()
    if commit:
        conn.commit()


class transaction(object):
    """with db.transaction(): ... commits at the end, rolls back on error."""

    def __enter__(self):
        return get_conn()

    def __exit__(self, exc_type, exc, tb):
        conn = get_conn()
        if exc_type is None:
            conn.commit()
        else:
            log.warning('rollback: %s', exc)
            conn.rollback()
        return False


def in_clause(values):
    """'(?,?,?)' for a list of ids. Do not pass an empty list (SQL Server hates IN ())."""
    return '(' + ','.join(['?'] * len(values)) + ')'
