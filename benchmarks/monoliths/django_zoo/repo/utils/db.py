"""
Raw SQL helpers. Most of the reports in backoffice use these because the
ORM version of them was too slow on the old MySQL box (we are on Postgres
since 2020 but nobody has rewritten them).
"""
import csv
import logging
from collections import namedtuple

from django.db import connection, transaction

log = logging.getLogger(__name__)


def dictfetchall(cursor):
    """Return all rows from a cursor as a list of dicts (from the Django docs)."""
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def namedtuplefetchall(cursor):
    desc = cursor.description
    nt_result = namedtuple("Result", [col[0] for col in desc])
    return [nt_result(*row) for row in cursor.fetchall()]


def run_sql(sql, params=None):
    """Execute SQL and return list of dicts."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        if cursor.description is None:
            return []
        return dictfetchall(cursor)


def fetch_scalar(sql, params=None, default=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    if not row or row[0] is None:
        return default
    return row[0]


def execute_write(sql, params=None):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])
            return cursor.rowcount


def rows_to_csv(rows, fileobj, fieldnames=None):
    if not rows:
        return 0
    fieldnames = fieldnames or list(rows[0].keys())
    writer = csv.DictWriter(fileobj, fieldnames=fieldnames, extrasaction="ignore")
    writer.writeheader()
    for r in rows:
        writer.writerow(r)
    return len(rows)


def advisory_lock(key):
    """Postgres advisory lock so two cron boxes don't run the same job."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        got = cursor.fetchone()[0]
    if not got:
        log.warning("advisory lock %s already held", key)
    return got


def release_lock(key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def chunked_bulk_create(model, objs, batch_size=500):
    """bulk_create in chunks; returns number created."""
    created = 0
    for i in range(0, len(objs), batch_size):
        model.objects.bulk_create(objs[i:i + batch_size])
        created += len(objs[i:i + batch_size])
    return created
