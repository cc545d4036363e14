"""Database access helpers.

Two ways of talking to Postgres live side by side here (historical):

  * a psycopg2 connection pool + raw SQL strings from ``carshare.queries``
    (the original way everything was written)
  * a SQLAlchemy Core engine for the newer modules, see ``carshare.tables``

Please do not add a third one.
"""
import contextlib
import logging

import psycopg2
import psycopg2.extras
import psycopg2.pool
from flask import current_app, g, has_app_context
from sqlalchemy import create_engine

log = logging.getLogger(__name__)

_pool = None
_engine = None


def init_pool(dsn, minconn=1, maxconn=10):
    global _pool
    if _pool is None:
        log.info("creating db pool (%s..%s)", minconn, maxconn)
        _pool = psycopg2.pool.ThreadedConnectionPool(minconn, maxconn, dsn)
    return _pool


def get_pool():
    if _pool is None:
        cfg = current_app.config
        init_pool(cfg["DATABASE_URL"], cfg["DB_POOL_MIN"], cfg["DB_POOL_MAX"])
    return _pool


def get_conn():
    """Connection bound to the current request / app context."""
    if has_app_context():
        if "db_conn" not in g:
            g.db_conn = get_pool().getconn()
        return g.db_conn
    # scripts that forgot to push an app context. don't.
    return get_pool().getconn()


def close_conn(exc=None):
    conn = g.pop("db_conn", None)
    if conn is not None:
        if exc is not None:
            conn.rollback()
        get_pool().putconn(conn)


@contextlib.contextmanager
def get_cursor(commit=False, dict_rows=True):
    conn = get_conn()
    factory = psycopg2.extras.RealDictCursor if dict_rows else None
    cur = conn.cursor(cursor_factory=factory)
    try:
        yield cur
        if commit:
            conn.commit()
    except Exception:
        conn.rollback()
        raise
    finally:
        cur.close()


def fetch_one(sql, params=None):
    with get_cursor() as cur:
        cur.execute(sql, params or ())
        return cur.fetchone()


def fetch_all(sql, params=None):
    with get_cursor() as cur:
        cur.execute(sql, params or ())
        return cur.fetchall()


def fetch_scalar(sql, params=None, default=None):
    with get_cursor(dict_rows=False) as cur:
        cur.execute(sql, params or ())
        row = cur.fetchone()
    if not row:
        return default
    return row[0] if row[0] is not None else default


def execute(sql, params=None, returning=False):
    with get_cursor(commit=True) as cur:
        cur.execute(sql, params or ())
        if returning:
            return cur.fetchone()
        return cur.rowcount


def get_engine():
    global _engine
    if _engine is None:
        url = current_app.config["DATABASE_URL"]
        _engine = create_engine(url, pool_pre_ping=True, pool_size=5)
    return _engine


@contextlib.contextmanager
def engine_conn():
    """SQLAlchemy Core connection in a transaction."""
    with get_engine().begin() as conn:
        yield conn


def paginate_sql(sql, page=1, per_page=25):
    page = max(int(page or 1), 1)
    return "%s LIMIT %d OFFSET %d" % (sql, per_page, (page - 1) * per_page)


def init_app(app):
    app.teardown_appcontext(close_conn)
