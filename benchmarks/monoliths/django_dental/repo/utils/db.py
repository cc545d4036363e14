from django.db import connection, models


class TimestampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def dictfetchall(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def run_sql(sql, params=None, as_dict=True):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        if cursor.description is None:
            return cursor.rowcount
        return dictfetchall(cursor) if as_dict else cursor.fetchall()


def chunked_queryset(qs, size=500):
    last_pk = 0
    while True:
        batch = list(qs.filter(pk__gt=last_pk).order_by('pk')[:size])
        if not batch:
            break
        for obj in batch:
            yield obj
        last_pk = batch[-1].pk
