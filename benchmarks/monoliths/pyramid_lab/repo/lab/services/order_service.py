"""Test orders, panels and turnaround.

Most functions here are module level functions taking ``conn`` because they are
called from reception and results as well as from the order views.
"""
import datetime
from decimal import Decimal

from lab.lib import InvalidInput, StateError, RecordNotFound
from lab.lib.dates import add_working_days, utcnow, today
from lab.lib.misc import tat_days_for_class
from lab.repositories import orders as order_repo
from lab.repositories import samples as sample_repo
from lab.services import Service


def compute_due_date(received_at, analysis_rows, tat_class="standard"):
    """Due date = received + the slowest analysis' TAT (or the TAT class)."""
    start = received_at or utcnow()
    worst = max([a.default_tat_days or 5 for a in analysis_rows] or [5])
    days = tat_days_for_class(tat_class, worst)
    if tat_class != "standard":
        days = min(days, worst)
    return add_working_days(start, days)


def resolve_analysis_codes(conn, analysis_codes=(), panel_codes=()):
    """Returns list of (analysis_row, panel_id) with panel members expanded and
    duplicates removed (explicit analyses win over panel members)."""
    chosen = {}
    unknown = []
    for code in panel_codes:
        rows = [p for p in order_repo.list_panels(conn) if p.code == code.upper()]
        if not rows:
            unknown.append(code)
            continue
        panel = rows[0]
        for a in order_repo.panel_members(conn, panel.id):
            chosen.setdefault(a.id, (a, panel.id))
    for code in analysis_codes:
        a = order_repo.get_analysis_by_code(conn, code)
        if a is None or not a.active:
            unknown.append(code)
            continue
        chosen[a.id] = (a, None)
    if unknown:
        raise InvalidInput("unknown analysis/panel codes: %s" % ", ".join(unknown))
    return list(chosen.values())


def create_order(conn, client_id, user_id, tat_class="standard", po_number=None, contact_id=None,
                 notes=None, quote_ref=None):
    if tat_class not in ("standard", "express", "urgent"):
        raise InvalidInput("bad TAT class %s" % tat_class)
    order_id, number = order_repo.insert_order(
        conn, client_id, user_id, tat_class=tat_class, po_number=po_number, contact_id=contact_id,
        notes=notes, quote_ref=quote_ref, status="open")
    return order_id, number


def attach_sample_to_order(conn, sample_id, client_id, user_id, analysis_codes=(), panel_codes=(),
                           order_id=None, tat_class="standard", po_number=None):
    """Called by reception for each registered sample."""
    if order_id:
        order = order_repo.get_order(conn, order_id)
        if order.client_id != client_id:
            raise InvalidInput("order %s belongs to another client" % order.order_number)
        if order.status in ("reported", "cancelled"):
            raise StateError("order %s is %s" % (order.order_number, order.status))
    else:
        order_id, _ = create_order(conn, client_id, user_id, tat_class=tat_class, po_number=po_number)
        order = order_repo.get_order(conn, order_id)

    conn.execute(sample_repo.samples.update().where(sample_repo.samples.c.id == sample_id)
                 .values(order_id=order_id))
    resolved = resolve_analysis_codes(conn, analysis_codes, panel_codes)
    for analysis, panel_id in resolved:
        order_repo.insert_order_item(conn, order_id, analysis.id, sample_id=sample_id, panel_id=panel_id)
    due = compute_due_date(order.received_at, [a for a, _ in resolved], order.tat_class)
    if order.due_date is None or due > order.due_date:
        conn.execute(order_repo.test_orders.update()
                     .where(order_repo.test_orders.c.id == order_id).values(due_date=due))
    return order_id


def add_analyses(conn, order_id, sample_id, analysis_codes=(), panel_codes=()):
    order = order_repo.get_order(conn, order_id)
    if order.status not in ("open", "in_progress"):
        raise StateError("cannot add tests to a %s order" % order.status)
    existing = {i.analysis_id for i in order_repo.items_for_sample(conn, sample_id)}
    added = []
    for analysis, panel_id in resolve_analysis_codes(conn, analysis_codes, panel_codes):
        if analysis.id in existing:
            continue
        added.append(order_repo.insert_order_item(conn, order_id, analysis.id, sample_id=sample_id,
                                                  panel_id=panel_id))
    return added


def cancel_order(conn, order_id, reason=None):
    order = order_repo.get_order(conn, order_id)
    if order.status in ("reported", "cancelled"):
        raise StateError("order %s already %s" % (order.order_number, order.status))
    counts = order_repo.order_item_counts(conn, order_id)
    if counts.get("complete") or counts.get("in_progress"):
        raise StateError("order %s has work in progress" % order.order_number)
    order_repo.cancel_order_items(conn, order_id)
    order_repo.update_order_status(conn, order_id, "cancelled")


def cancel_items_for_sample(conn, order_id, sample_id):
    items = [i.id for i in order_repo.items_for_sample(conn, sample_id) if i.status == "pending"]
    if items:
        order_repo.cancel_order_items(conn, order_id, items)
    refresh_order_status(conn, order_id)


def mark_item_complete(conn, order_item_id):
    order_repo.update_item_status(conn, order_item_id, "complete")


def refresh_order_status(conn, order_id):
    """Roll item statuses up to the order."""
    counts = order_repo.order_item_counts(conn, order_id)
    live = {k: v for k, v in counts.items() if k != "cancelled"}
    if not live:
        status = "cancelled"
    elif set(live) == {"complete"}:
        status = "complete"
    elif set(live) == {"pending"}:
        status = "open"
    else:
        status = "in_progress"
    order = order_repo.get_order(conn, order_id)
    if order.status != "reported" and order.status != status:
        order_repo.update_order_status(conn, order_id, status)
    return status


def overdue_orders(conn):
    return conn.execute(order_repo.open_orders_query(overdue_only=True)).fetchall()


class PanelService(Service):

    def save_panel(self, data, panel_id=None):
        code = (data.get("code") or "").strip().upper()
        if not code:
            raise InvalidInput("panel code required")
        values = dict(code=code, name=data["name"], matrix=data.get("matrix"),
                      description=data.get("description"), active=data.get("active", True))
        tbl = order_repo.panels
        if panel_id:
            self.conn.execute(tbl.update().where(tbl.c.id == panel_id).values(**values))
        else:
            panel_id = self.conn.execute(tbl.insert().values(**values)).inserted_primary_key[0]
        if "analysis_ids" in data:
            order_repo.set_panel_members(self.conn, panel_id, data["analysis_ids"])
        return panel_id

    def retire_panel(self, panel_id):
        tbl = order_repo.panels
        self.conn.execute(tbl.update().where(tbl.c.id == panel_id).values(active=False))


def estimate_order_value(conn, order_id, list_code="STD"):
    """Rough value of an order for the order screen (before discounts/VAT)."""
    total = Decimal("0")
    missing = []
    for item in order_repo.list_order_items(conn, order_id):
        if item.price_override is not None:
            total += Decimal(item.price_override)
            continue
        price = order_repo.price_for_analysis(conn, item.analysis_id, list_code)
        if price is None:
            missing.append(item.analysis_code)
        else:
            total += Decimal(price)
    return total, missing
