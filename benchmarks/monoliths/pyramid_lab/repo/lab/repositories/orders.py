from sqlalchemy import select, and_, or_, func, desc, text

from lab.db import next_reference, rows_to_dicts
from lab.db.tables import (
    test_orders,
    order_items,
    analyses,
    panels,
    panel_analyses,
    price_lists,
    clients,
)
from lab.lib import RecordNotFound
from lab.lib.dates import utcnow, today
from lab.lib.decorators import memoize_ttl


def get_order(conn, order_id):
    row = conn.execute(select([test_orders]).where(test_orders.c.id == order_id)).first()
    if row is None:
        raise RecordNotFound("order %s not found" % order_id)
    return row


def get_order_by_number(conn, order_number):
    return conn.execute(select([test_orders])
                        .where(test_orders.c.order_number == order_number)).first()


def insert_order(conn, client_id, created_by, **values):
    number = next_reference(conn, test_orders.c.order_number, "ORD", width=7)
    res = conn.execute(test_orders.insert().values(
        order_number=number, client_id=client_id, created_by=created_by,
        received_at=values.pop("received_at", utcnow()), **values))
    return res.inserted_primary_key[0], number


def insert_order_item(conn, order_id, analysis_id, sample_id=None, panel_id=None, price_override=None):
    res = conn.execute(order_items.insert().values(
        order_id=order_id, analysis_id=analysis_id, sample_id=sample_id,
        panel_id=panel_id, price_override=price_override, status="pending"))
    return res.inserted_primary_key[0]


def list_order_items(conn, order_id, include_cancelled=False):
    q = (select([order_items, analyses.c.code.label("analysis_code"),
                 analyses.c.name.label("analysis_name"), analyses.c.unit])
         .select_from(order_items.join(analyses, analyses.c.id == order_items.c.analysis_id))
         .where(order_items.c.order_id == order_id))
    if not include_cancelled:
        q = q.where(order_items.c.status != "cancelled")
    return conn.execute(q.order_by(order_items.c.sample_id, analyses.c.code)).fetchall()


def items_for_sample(conn, sample_id):
    q = select([order_items]).where(and_(order_items.c.sample_id == sample_id,
                                         order_items.c.status != "cancelled"))
    return conn.execute(q).fetchall()


def update_order_status(conn, order_id, status):
    conn.execute(test_orders.update().where(test_orders.c.id == order_id).values(status=status))


def update_item_status(conn, item_id, status):
    conn.execute(order_items.update().where(order_items.c.id == item_id).values(status=status))


def cancel_order_items(conn, order_id, item_ids=None):
    q = order_items.update().where(order_items.c.order_id == order_id)
    if item_ids:
        q = q.where(order_items.c.id.in_(item_ids))
    conn.execute(q.where(order_items.c.status == "pending")
                 .values(status="cancelled", cancelled_at=utcnow()))


def orders_for_client(conn, client_id, limit=100):
    q = (select([test_orders]).where(test_orders.c.client_id == client_id)
         .order_by(desc(test_orders.c.received_at)).limit(limit))
    return conn.execute(q).fetchall()


def open_orders_query(status=None, overdue_only=False):
    q = (select([test_orders, clients.c.name.label("client_name")])
         .select_from(test_orders.join(clients, clients.c.id == test_orders.c.client_id)))
    if status:
        q = q.where(test_orders.c.status == status)
    else:
        q = q.where(test_orders.c.status.in_(["open", "in_progress"]))
    if overdue_only:
        q = q.where(test_orders.c.due_date < today())
    return q.order_by(test_orders.c.due_date)


@memoize_ttl(600)
def _analysis_cache(conn_id):  # conn_id unused, just a cache key
    return {}


def get_analysis(conn, analysis_id):
    row = conn.execute(select([analyses]).where(analyses.c.id == analysis_id)).first()
    if row is None:
        raise RecordNotFound("analysis %s not found" % analysis_id)
    return row


def get_analysis_by_code(conn, code):
    return conn.execute(select([analyses]).where(analyses.c.code == code.upper())).first()


def list_analyses(conn, department=None, matrix=None, active_only=True):
    q = select([analyses])
    if department:
        q = q.where(analyses.c.department == department)
    if matrix:
        q = q.where(or_(analyses.c.matrix == matrix, analyses.c.matrix == None))  # noqa: E711
    if active_only:
        q = q.where(analyses.c.active == True)  # noqa: E712
    return conn.execute(q.order_by(analyses.c.code)).fetchall()


def save_analysis(conn, data, analysis_id=None):
    if analysis_id:
        conn.execute(analyses.update().where(analyses.c.id == analysis_id).values(**data))
        return analysis_id
    return conn.execute(analyses.insert().values(**data)).inserted_primary_key[0]


def get_panel(conn, panel_id):
    row = conn.execute(select([panels]).where(panels.c.id == panel_id)).first()
    if row is None:
        raise RecordNotFound("panel %s not found" % panel_id)
    return row


def list_panels(conn, active_only=True):
    q = select([panels])
    if active_only:
        q = q.where(panels.c.active == True)  # noqa: E712
    return conn.execute(q.order_by(panels.c.code)).fetchall()


def panel_members(conn, panel_id):
    q = (select([analyses, panel_analyses.c.sort_order])
         .select_from(panel_analyses.join(analyses, analyses.c.id == panel_analyses.c.analysis_id))
         .where(panel_analyses.c.panel_id == panel_id)
         .order_by(panel_analyses.c.sort_order))
    return conn.execute(q).fetchall()


def set_panel_members(conn, panel_id, analysis_ids):
    conn.execute(panel_analyses.delete().where(panel_analyses.c.panel_id == panel_id))
    for i, aid in enumerate(analysis_ids):
        conn.execute(panel_analyses.insert().values(panel_id=panel_id, analysis_id=aid, sort_order=i))


def price_for_analysis(conn, analysis_id, list_code="STD", on_date=None):
    # used by the order form to show an estimate; the invoice run has its own logic
    on_date = on_date or today()
    q = (select([price_lists.c.unit_price])
         .where(and_(price_lists.c.analysis_id == analysis_id,
                     price_lists.c.list_code == list_code,
                     or_(price_lists.c.valid_from == None, price_lists.c.valid_from <= on_date),  # noqa: E711
                     or_(price_lists.c.valid_to == None, price_lists.c.valid_to >= on_date))))  # noqa: E711
    return conn.execute(q).scalar()


def order_item_counts(conn, order_id):
    sql = text("SELECT status, COUNT(*) AS n FROM order_items WHERE order_id = :oid GROUP BY status")
    return {r.status: r.n for r in conn.execute(sql, oid=order_id)}
