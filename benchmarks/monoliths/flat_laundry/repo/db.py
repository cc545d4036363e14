"""
db.py - database helpers.  Everything goes through here.

    fetch_all(sql, args)  -> list of dict rows
    fetch_one(sql, args)  -> dict or None
    fetch_value(sql, args)
    run(sql, args)        -> rowcount
    insert(sql, args)     -> id (sql must have RETURNING id)

Originally RW 2009. Pool added 2012 (#412) because the scanners kept
opening connections and never closing them.
"""
import logging
import threading
import time

import psycopg2
import psycopg2.extras
from psycopg2.pool import ThreadedConnectionPool

import config

log = logging.getLogger('lhs.db')

_pool = None
_local = threading.local()
SLOW_QUERY_SECS = 2.0


class DbError(Exception):
    pass


def init_pool(minconn=1, maxconn=None):
    global _pool
    if _pool is not None:
        return _pool
    _pool = ThreadedConnectionPool(
        minconn, maxconn or config.DB_POOL_MAX,
        host=config.DB_HOST, dbname=config.DB_NAME,
        user=config.DB_USER, password=config.DB_PASSWORD)
    return _pool


def get_conn():
    conn = getattr(_local, 'conn', None)
    if conn is not None and not conn.closed:
        return conn
    conn = init_pool().getconn()
    _local.conn = conn
    return conn


def release_conn():
    conn = getattr(_local, 'conn', None)
    if conn is None:
        return
    try:
        if not conn.closed:
            conn.rollback()
        init_pool().putconn(conn)
    finally:
        _local.conn = None


def _cursor():
    return get_conn().cursor(cursor_factory=psycopg2.extras.RealDictCursor)


def _execute(cur, sql, args):
    t0 = time.time()
    try:
        cur.execute(sql, args)
    except psycopg2.Error as e:
        log.error('SQL failed: %s -- %r (%s)', sql, args, e)
        get_conn().rollback()
        raise DbError(str(e))
    took = time.time() - t0
    if took > SLOW_QUERY_SECS:
        log.warning('slow query %.1fs: %s', took, sql[:200])


def fetch_all(sql, args=None):
    cur = _cursor()
    try:
        _execute(cur, sql, args)
        return cur.fetchall()
    finally:
        cur.close()


def fetch_one(sql, args=None):
    cur = _cursor()
    try:
        _execute(cur, sql, args)
        return cur.fetchone()
    finally:
        cur.close()


def fetch_value(sql, args=None, default=None):
    row = fetch_one(sql, args)
    if not row:
        return default
    return list(row.values())[0]


def run(sql, args=None, commit=True):
    cur = _cursor()
    try:
        _execute(cur, sql, args)
        n = cur.rowcount
    finally:
        cur.close()
    if commit and not in_transaction():
        get_conn().commit()
    return n


def insert(sql, args=None, commit=True):
    """sql must end in RETURNING id"""
    cur = _cursor()
    try:
        _execute(cur, sql, args)
        row = cur.fetchone()
    finally:
        cur.close()
    if commit and not in_transaction():
        get_conn().commit()
    return row['id'] if row else None


def run_many(sql, seq):
    cur = _cursor()
    try:
        cur.executemany(sql, seq)
    finally:
        cur.close()
    if not in_transaction():
        get_conn().commit()


def in_transaction():
    return getattr(_local, 'tx_depth', 0) > 0


class transaction(object):
    """with transaction(): ... -- nested ones just join the outer one"""

    def __enter__(self):
        _local.tx_depth = getattr(_local, 'tx_depth', 0) + 1
        return self

    def __exit__(self, exc_type, exc, tb):
        _local.tx_depth -= 1
        if _local.tx_depth > 0:
            return False
        if exc_type is None:
            get_conn().commit()
        else:
            get_conn().rollback()
        return False


def sql_in(values):
    """returns ('(%s,%s,%s)', [values]) for IN clauses"""
    values = list(values)
    if not values:
        return '(NULL)', []
    return '(' + ','.join(['%s'] * len(values)) + ')', values


def where_clause(filters):
    """{'a': 1, 'b': None} -> ('WHERE a = %s AND b IS NULL', [1])"""
    parts, args = [], []
    for k in sorted(filters):
        v = filters[k]
        if v is None:
            parts.append('%s IS NULL' % k)
        else:
            parts.append('%s = %%s' % k)
            args.append(v)
    if not parts:
        return '', []
    return 'WHERE ' + ' AND '.join(parts), args


class Model(object):
    """Poor man's ORM. Subclasses set `table`."""
    table = None
    pk = 'id'
    order_by = 'id'

    def __init__(self, **kw):
        self.__dict__.update(kw)

    @classmethod
    def get(cls, id):
        row = fetch_one('SELECT * FROM ' + cls.table + ' WHERE ' + cls.pk + ' = %s', (id,))
        return cls(**row) if row else None

    @classmethod
    def find(cls, **filters):
        where, args = where_clause(filters)
        sql = 'SELECT * FROM %s %s ORDER BY %s' % (cls.table, where, cls.order_by)
        return [cls(**r) for r in fetch_all(sql, args)]

    @classmethod
    def find_one(cls, **filters):
        rows = cls.find(**filters)
        return rows[0] if rows else None

    @classmethod
    def count(cls, **filters):
        where, args = where_clause(filters)
        return fetch_value('SELECT count(*) FROM %s %s' % (cls.table, where), args, 0)

    @classmethod
    def create(cls, **values):
        cols = sorted(values)
        sql = 'INSERT INTO %s (%s) VALUES (%s) RETURNING id' % (
            cls.table, ', '.join(cols), ', '.join(['%s'] * len(cols)))
        new_id = insert(sql, [values[c] for c in cols])
        return cls.get(new_id)

    def update(self, **values):
        cols = sorted(values)
        sets = ', '.join('%s = %%s' % c for c in cols)
        sql = 'UPDATE %s SET %s WHERE %s = %%s' % (self.table, sets, self.pk)
        run(sql, [values[c] for c in cols] + [getattr(self, self.pk)])
        self.__dict__.update(values)

    def delete(self):
        run('DELETE FROM %s WHERE %s = %%s' % (self.table, self.pk), (getattr(self, self.pk),))

    def as_dict(self):
        return dict((k, v) for k, v in self.__dict__.items() if not k.startswith('_'))
