"""Raw SQL helpers. Use the ORM unless you really need these."""
from flask import abort

from bakery.db import db


def fetch_all(sql, params=None):
    cursor = db.execute_sql(sql, params or ())
    cols = [c[0] for c in cursor.description]
    return [dict(zip(cols, row)) for row in cursor.fetchall()]


def fetch_one(sql, params=None):
    rows = fetch_all(sql, params)
    return rows[0] if rows else None


def fetch_scalar(sql, params=None, default=None):
    cursor = db.execute_sql(sql, params or ())
    row = cursor.fetchone()
    if not row or row[0] is None:
        return default
    return row[0]


def get_or_404(model, *expressions, **filters):
    if expressions:
        obj = model.get_or_none(*expressions)
    else:
        obj = model.get_or_none(**filters)
    if obj is None:
        abort(404)
    return obj


def bulk_insert(model, rows, batch_size=200):
    if not rows:
        return 0
    with db.atomic():
        for start in range(0, len(rows), batch_size):
            model.insert_many(rows[start:start + batch_size]).execute()
    return len(rows)


def table_counts(table_names):
    out = {}
    for name in table_names:
        # table names come from our own model list, not user input
        out[name] = fetch_scalar("SELECT COUNT(*) FROM %s" % name, default=0)
    return out


def low_stock_ingredients(location_id=None):
    """Ingredients at or below their reorder level.

    Lives here because the dashboard and the nightly reorder both needed it
    and nobody wanted to import services from helpers.
    """
    sql = (
        "SELECT i.id, i.name, i.unit, i.reorder_level, i.reorder_qty, "
        "       COALESCE(s.quantity, 0) AS on_hand, s.location_id "
        "FROM ingredient i "
        "LEFT JOIN stock_levels s ON s.ingredient_id = i.id "
        "WHERE i.active = %s AND COALESCE(s.quantity, 0) <= i.reorder_level"
    )
    params = [True]
    if location_id is not None:
        sql += " AND s.location_id = %s"
        params.append(location_id)
    sql += " ORDER BY i.name"
    return fetch_all(sql, params)
