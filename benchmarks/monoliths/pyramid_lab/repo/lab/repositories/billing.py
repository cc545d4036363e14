"""Invoices, price lists, payments, credit notes."""
from decimal import Decimal

from sqlalchemy import select, and_, or_, func, desc, text

from lab.db import next_reference
from lab.db.tables import (
    invoices,
    invoice_lines,
    price_lists,
    payments,
    credit_notes,
    clients,
)
from lab.lib import RecordNotFound
from lab.lib.dates import today


def get_invoice(conn, invoice_id):
    row = conn.execute(select([invoices]).where(invoices.c.id == invoice_id)).first()
    if row is None:
        raise RecordNotFound("invoice %s not found" % invoice_id)
    return row


def invoice_for_order(conn, order_id):
    return conn.execute(select([invoices]).where(and_(invoices.c.order_id == order_id,
                                                      invoices.c.status != "void"))).first()


def insert_invoice(conn, client_id, order_id=None, currency="GBP", issued_on=None, due_on=None):
    number = next_reference(conn, invoices.c.invoice_number, "INV", width=7)
    res = conn.execute(invoices.insert().values(
        invoice_number=number, client_id=client_id, order_id=order_id, currency=currency,
        issued_on=issued_on, due_on=due_on, status="draft"))
    return res.inserted_primary_key[0], number


def insert_invoice_line(conn, invoice_id, description, unit_price, quantity=1, discount_pct=0,
                        vat_rate=Decimal("20.00"), order_item_id=None):
    net = (Decimal(unit_price) * quantity * (Decimal(100) - Decimal(discount_pct)) / Decimal(100))
    res = conn.execute(invoice_lines.insert().values(
        invoice_id=invoice_id, order_item_id=order_item_id, description=description,
        quantity=quantity, unit_price=unit_price, discount_pct=discount_pct,
        vat_rate=vat_rate, net=net.quantize(Decimal("0.01"))))
    return res.inserted_primary_key[0]


def invoice_lines_for(conn, invoice_id):
    return conn.execute(select([invoice_lines]).where(invoice_lines.c.invoice_id == invoice_id)
                        .order_by(invoice_lines.c.id)).fetchall()


def update_invoice_totals(conn, invoice_id, net, vat, gross):
    conn.execute(invoices.update().where(invoices.c.id == invoice_id)
                 .values(net_total=net, vat_total=vat, gross_total=gross))


def set_invoice_status(conn, invoice_id, status, **extra):
    conn.execute(invoices.update().where(invoices.c.id == invoice_id).values(status=status, **extra))


def list_invoices(conn, client_id=None, status=None, date_from=None, date_to=None):
    q = (select([invoices, clients.c.name.label("client_name"), clients.c.code.label("client_code")])
         .select_from(invoices.join(clients, clients.c.id == invoices.c.client_id)))
    if client_id:
        q = q.where(invoices.c.client_id == client_id)
    if status:
        q = q.where(invoices.c.status == status)
    if date_from:
        q = q.where(invoices.c.issued_on >= date_from)
    if date_to:
        q = q.where(invoices.c.issued_on <= date_to)
    return q.order_by(desc(invoices.c.issued_on), desc(invoices.c.id))


def price_for(conn, list_code, analysis_id=None, panel_id=None, on_date=None):
    on_date = on_date or today()
    crit = [price_lists.c.list_code == list_code,
            or_(price_lists.c.valid_from == None, price_lists.c.valid_from <= on_date),  # noqa: E711
            or_(price_lists.c.valid_to == None, price_lists.c.valid_to >= on_date)]  # noqa: E711
    if panel_id:
        crit.append(price_lists.c.panel_id == panel_id)
    else:
        crit.append(price_lists.c.analysis_id == analysis_id)
    row = conn.execute(select([price_lists]).where(and_(*crit))
                       .order_by(desc(price_lists.c.valid_from))).first()
    if row is None and list_code != "STD":
        return price_for(conn, "STD", analysis_id, panel_id, on_date)
    return row


def list_price_list(conn, list_code="STD"):
    return conn.execute(select([price_lists]).where(price_lists.c.list_code == list_code)
                        .order_by(price_lists.c.analysis_id)).fetchall()


def save_price(conn, list_code, unit_price, analysis_id=None, panel_id=None, valid_from=None):
    # close the previous price rather than updating it, finance want the history
    start = valid_from or today()
    conn.execute(price_lists.update().where(and_(
        price_lists.c.list_code == list_code,
        price_lists.c.analysis_id == analysis_id if analysis_id else price_lists.c.panel_id == panel_id,
        price_lists.c.valid_to == None)).values(valid_to=start))  # noqa: E711
    conn.execute(price_lists.insert().values(list_code=list_code, analysis_id=analysis_id,
                                             panel_id=panel_id, unit_price=unit_price,
                                             valid_from=start))


def record_payment(conn, invoice_id, amount, received_on=None, method="bacs", reference=None):
    res = conn.execute(payments.insert().values(
        invoice_id=invoice_id, amount=amount, received_on=received_on or today(),
        method=method, reference=reference))
    return res.inserted_primary_key[0]


def payments_for_invoice(conn, invoice_id):
    return conn.execute(select([payments]).where(payments.c.invoice_id == invoice_id)
                        .order_by(payments.c.received_on)).fetchall()


def amount_paid(conn, invoice_id):
    return conn.execute(select([func.coalesce(func.sum(payments.c.amount), 0)])
                        .where(payments.c.invoice_id == invoice_id)).scalar()


def insert_credit_note(conn, invoice_id, amount, reason, issued_by):
    number = next_reference(conn, credit_notes.c.credit_number, "CN", width=6)
    res = conn.execute(credit_notes.insert().values(
        credit_number=number, invoice_id=invoice_id, amount=amount, reason=reason,
        issued_by=issued_by, issued_on=today()))
    return res.inserted_primary_key[0], number


def credits_for_invoice(conn, invoice_id):
    return conn.execute(select([credit_notes]).where(credit_notes.c.invoice_id == invoice_id)).fetchall()


def unpaid_invoices(conn, overdue_only=False):
    q = select([invoices]).where(invoices.c.status.in_(["issued", "part_paid"]))
    if overdue_only:
        q = q.where(invoices.c.due_on < today())
    return conn.execute(q.order_by(invoices.c.due_on)).fetchall()


def uninvoiced_orders(conn, up_to=None):
    """Reported orders without a live invoice.  Raw SQL because the ORM-less
    NOT EXISTS was unreadable."""
    sql = text(
        """
        SELECT o.id, o.order_number, o.client_id
        FROM test_orders o
        WHERE o.status = 'reported'
          AND (:up_to IS NULL OR o.received_at < :up_to)
          AND NOT EXISTS (
              SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.status <> 'void'
          )
        ORDER BY o.client_id, o.id
        """
    )
    return conn.execute(sql, up_to=up_to).fetchall()
