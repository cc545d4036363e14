"""Thin helpers around raw SQL.  Use the ORM where you can; these are for
reports and batch jobs where the ORM is too slow."""
import contextlib
import logging

from sqlalchemy import text

from wastecorp.extensions import db

log = logging.getLogger(__name__)


def execute(sql, params=None):
    return db.session.execute(text(sql), params or {})


def fetch_all(sql, params=None):
    result = execute(sql, params)
    cols = list(result.keys())
    return [dict(zip(cols, row)) for row in result.fetchall()]


def fetch_one(sql, params=None):
    result = execute(sql, params)
    row = result.fetchone()
    if row is None:
        return None
    return dict(zip(list(result.keys()), row))


def fetch_scalar(sql, params=None):
    row = execute(sql, params).fetchone()
    return row[0] if row else None


@contextlib.contextmanager
def transaction():
    try:
        yield db.session
        db.session.commit()
    except Exception:
        log.exception("rolling back")
        db.session.rollback()
        raise


def chunked(iterable, size=500):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_insert(table_name, rows):
    """Insert list-of-dicts into table_name using executemany."""
    if not rows:
        return 0
    cols = sorted(rows[0].keys())
    sql = "INSERT INTO %s (%s) VALUES (%s)" % (
        table_name, ", ".join(cols), ", ".join(":" + c for c in cols))
    for batch in chunked(rows):
        db.session.execute(text(sql), batch)
    return len(rows)


def raw_cursor():
    """DB-API cursor for the few places that still use %s params."""
    conn = db.engine.raw_connection()
    return conn, conn.cursor()
