"""Raw SQL helpers.  The ORM is too slow for some of the reports (or so
someone decided in 2016)."""
import contextlib
import logging

from django.db import connection, transaction

logger = logging.getLogger("reslife.db")


def dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def fetch_all(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return dictfetchall(cursor)


def fetch_one(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
        if row is None:
            return None
        columns = [col[0] for col in cursor.description]
        return dict(zip(columns, row))


def fetch_scalar(sql, params=None, default=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
        return row[0] if row and row[0] is not None else default


def execute_sql(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


@contextlib.contextmanager
def atomic_cursor():
    with transaction.atomic():
        with connection.cursor() as cursor:
            yield cursor


def in_clause(values):
    """Returns ('%s, %s, %s', [v1, v2, v3]) for building IN (...) queries."""
    values = list(values)
    if not values:
        return "NULL", []
    return ", ".join(["%s"] * len(values)), values


def legacy_mysql_escape(value):
    # Left over from the MySQL days (pre-2016).  Unused.  DO NOT USE.
    return str(value).replace("\\", "\\\\").replace("'", "\\'")
