from collections import namedtuple
from contextlib import contextmanager
import zlib

from django.db import connection, connections


def dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def namedtuplefetchall(cursor):
    desc = cursor.description
    nt_result = namedtuple("Result", [col[0] for col in desc])
    return [nt_result(*row) for row in cursor.fetchall()]


def run_sql(sql, params=None, using="default"):
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params or [])
        if cursor.description is None:
            return []
        return dictfetchall(cursor)


@contextmanager
def advisory_lock(name):
    """Postgres advisory lock so two celery workers don't run the same nightly job."""
    key = zlib.crc32(name.encode("utf-8"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


class ReadReplicaRouter(object):
    """Reports go to the replica; everything else to default."""

    report_apps = ()

    def db_for_read(self, model, **hints):
        if hints.get("reporting"):
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
