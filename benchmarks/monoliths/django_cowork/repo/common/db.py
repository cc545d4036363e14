import logging
import time

from django.db import connection, transaction, OperationalError

log = logging.getLogger(__name__)


def dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def run_sql(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        if cursor.description:
            return dictfetchall(cursor)
    return []


def fetch_scalar(sql, params=None, default=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    return row[0] if row and row[0] is not None else default


def atomic_retry(retries=3, delay=0.2):
    """Retry a function inside a transaction on serialization failures."""
    def wrap(fn):
        def inner(*args, **kwargs):
            for attempt in range(retries):
                try:
                    with transaction.atomic():
                        return fn(*args, **kwargs)
                except OperationalError:
                    if attempt == retries - 1:
                        raise
                    log.warning("retrying %s after OperationalError", fn.__name__)
                    time.sleep(delay * (attempt + 1))
        inner.__name__ = fn.__name__
        return inner
    return wrap
