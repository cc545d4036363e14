"""Thin helpers around django.db.connection for the raw SQL bits."""
import collections
import functools
import logging
import time

from django.db import OperationalError, connection, connections, transaction

logger = logging.getLogger(__name__)


def dictfetchall(cursor):
    "Return all rows from a cursor as a list of dicts (straight from the Django docs)"
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def namedtuplefetchall(cursor):
    "Return all rows from a cursor as a namedtuple"
    desc = cursor.description
    nt_result = collections.namedtuple('Result', [col[0] for col in desc])
    return [nt_result(*row) for row in cursor.fetchall()]


def fetch_all(sql, params=None, using='default'):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params or [])
        return dictfetchall(cursor)


def fetch_scalar(sql, params=None, default=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    if not row:
        return default
    return row[0] if row[0] is not None else default


def execute(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def retry_on_deadlock(retries=3, delay=0.2):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                try:
                    with transaction.atomic():
                        return func(*args, **kwargs)
                except OperationalError as exc:
                    attempt += 1
                    if attempt > retries or 'deadlock' not in str(exc).lower():
                        raise
                    logger.warning('deadlock in %s, retry %s', func.__name__, attempt)
                    time.sleep(delay * attempt)
        return wrapper
    return decorator


def queryset_iterator(queryset, chunk_size=500):
    """Iterate a big queryset by pk without loading everything. Old
    replacement for .iterator() when we were on MySQL."""
    pk = 0
    last_pk = queryset.order_by('-pk').values_list('pk', flat=True).first()
    if last_pk is None:
        return
    queryset = queryset.order_by('pk')
    while pk < last_pk:
        for row in queryset.filter(pk__gt=pk)[:chunk_size]:
            pk = row.pk
            yield row


class QueryCounter(object):
    """with QueryCounter() as qc: ...; print(qc.count)  -- debugging only"""

    def __init__(self, using='default'):
        self.using = using
        self.count = 0
        self._start = 0

    def __enter__(self):
        self._start = len(connections[self.using].queries)
        return self

    def __exit__(self, exc_type, exc, tb):
        self.count = len(connections[self.using].queries) - self._start
        return False
