"""Engine / connection handling.

We do not use the ORM session: every request gets one Core connection with an
open transaction (``request.db``) which is committed when the request ends
without an exception.  Batch jobs use :func:`transaction_scope`.
"""
import logging
from contextlib import contextmanager

from sqlalchemy import engine_from_config, select, func, text

log = logging.getLogger(__name__)

_engine = None


def get_engine(settings=None, prefix="sqlalchemy."):
    global _engine
    if _engine is None:
        if settings is None:
            raise RuntimeError("Database engine has not been configured")
        _engine = engine_from_config(settings, prefix, pool_pre_ping=True)
        log.info("engine configured: %s", _engine.url.__to_string__(hide_password=True))
    return _engine


def _request_db(request):
    conn = get_engine().connect()
    trans = conn.begin()

    def _cleanup(req):
        try:
            if req.exception is not None or getattr(req, "_db_rollback", False):
                trans.rollback()
            else:
                trans.commit()
        finally:
            conn.close()

    request.add_finished_callback(_cleanup)
    return conn


def includeme(config):
    settings = config.get_settings()
    get_engine(settings)
    config.add_request_method(_request_db, "db", reify=True)


@contextmanager
def transaction_scope(conn=None):
    """Yield a connection inside a transaction; commit/rollback at the end."""
    own = conn is None
    if own:
        conn = get_engine().connect()
    trans = conn.begin_nested() if conn.in_transaction() else conn.begin()
    try:
        yield conn
        trans.commit()
    except Exception:
        trans.rollback()
        raise
    finally:
        if own:
            conn.close()


def row_to_dict(row):
    if row is None:
        return None
    return dict(row.items()) if hasattr(row, "items") else dict(row._mapping)


def rows_to_dicts(rows):
    return [row_to_dict(r) for r in rows]


def count_rows(conn, query):
    q = select([func.count()]).select_from(query.alias("c"))
    return conn.execute(q).scalar() or 0


def paginate(conn, query, page=1, per_page=50):
    """Return (rows, total) for a select."""
    page = max(int(page or 1), 1)
    total = count_rows(conn, query)
    rows = conn.execute(query.limit(per_page).offset((page - 1) * per_page)).fetchall()
    return rows, total


def next_reference(conn, column, prefix, width=6):
    """Next human reference like LAB000123 for ``column`` (a Column object).

    Not safe under concurrency - we rely on the unique constraint and the
    retry_on_deadlock decorator. TODO: use real sequences once we are off MySQL.
    """
    q = select([func.max(column)]).where(column.like(prefix + "%"))
    current = conn.execute(q).scalar()
    n = 0
    if current:
        try:
            n = int(current[len(prefix):])
        except ValueError:
            log.warning("unparseable reference %r", current)
    return "%s%0*d" % (prefix, width, n + 1)


def execute_text(conn, sql, **params):
    return conn.execute(text(sql), **params)
