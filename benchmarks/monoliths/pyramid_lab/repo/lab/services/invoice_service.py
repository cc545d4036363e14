"""Invoicing: pricing order items, invoices, payments and credit notes."""
import datetime
import logging
from decimal import Decimal

from lab.lib import StateError, InvalidInput
from lab.lib.config import LabDetails
from lab.lib.dates import today, previous_month_range
from lab.lib.formatting import round_half_up, format_money, format_date
from lab.lib.misc import vat_rate_for, send_mail
from lab.repositories import billing as billing_repo
from lab.repositories import clients as client_repo
from lab.repositories import orders as order_repo
from lab.services import Service

log = logging.getLogger(__name__)

PAYMENT_TERMS_DAYS = 30
SURCHARGE_PCT = {"express": Decimal("50"), "urgent": Decimal("100")}

# volume discount bands on number of analyses per invoice (sales policy 2020)
VOLUME_DISCOUNTS = [(200, Decimal("10")), (100, Decimal("7.5")), (50, Decimal("5"))]


def volume_discount_pct(n_items):
    for threshold, pct in VOLUME_DISCOUNTS:
        if n_items >= threshold:
            return pct
    return Decimal("0")


def line_price_for_item(conn, item, list_code, on_date=None):
    if item.price_override is not None:
        return Decimal(item.price_override)
    price = billing_repo.price_for(conn, list_code, analysis_id=item.analysis_id, on_date=on_date)
    if price is None:
        raise StateError("no price for analysis %s on list %s" % (item.analysis_code, list_code))
    return Decimal(price.unit_price)


def calc_totals(lines):
    net = Decimal("0")
    vat = Decimal("0")
    for ln in lines:
        line_net = Decimal(ln.net)
        net += line_net
        vat += line_net * Decimal(ln.vat_rate) / Decimal(100)
    net = round_half_up(net, 2)
    vat = round_half_up(vat, 2)
    return net, vat, net + vat


def check_credit_limit(conn, client, extra=Decimal("0")):
    if client.credit_limit is None:
        return True
    balance = Decimal(client_repo.client_outstanding_balance(conn, client.id))
    return balance + extra <= Decimal(client.credit_limit)


def invoice_order(conn, order_id, user_id=None, issue=True):
    """Create (and optionally issue) the invoice for a reported order."""
    if billing_repo.invoice_for_order(conn, order_id) is not None:
        raise StateError("order %s already invoiced" % order_id)
    order = order_repo.get_order(conn, order_id)
    client = client_repo.ClientRepository(conn).get_or_404(order.client_id)
    items = order_repo.list_order_items(conn, order_id)
    if not items:
        raise StateError("order %s has no billable items" % order.order_number)

    vat_rate = vat_rate_for(client.country, client.vat_number)
    discount = volume_discount_pct(len(items))
    surcharge = SURCHARGE_PCT.get(order.tat_class, Decimal("0"))
    invoice_id, number = billing_repo.insert_invoice(conn, client.id, order_id)
    for item in items:
        unit = line_price_for_item(conn, item, client.price_list_code or "STD", order.received_at)
        if surcharge:
            unit = round_half_up(unit * (Decimal(100) + surcharge) / Decimal(100), 2)
        billing_repo.insert_invoice_line(
            conn, invoice_id, "%s %s" % (item.analysis_code, item.analysis_name), unit,
            quantity=1, discount_pct=discount, vat_rate=vat_rate, order_item_id=item.id)
    net, vat, gross = calc_totals(billing_repo.invoice_lines_for(conn, invoice_id))
    billing_repo.update_invoice_totals(conn, invoice_id, net, vat, gross)
    if not check_credit_limit(conn, client, gross):
        log.warning("client %s over credit limit after invoice %s", client.code, number)
    if issue:
        issue_invoice(conn, invoice_id)
    return invoice_id, number


def issue_invoice(conn, invoice_id, send=True):
    inv = billing_repo.get_invoice(conn, invoice_id)
    if inv.status != "draft":
        raise StateError("invoice %s is %s" % (inv.invoice_number, inv.status))
    issued = today()
    billing_repo.set_invoice_status(conn, invoice_id, "issued", issued_on=issued,
                                    due_on=issued + datetime.timedelta(days=PAYMENT_TERMS_DAYS))
    if send:
        contact = client_repo.get_billing_contact(conn, inv.client_id)
        if contact and contact.email:
            send_mail(contact.email, "Invoice %s" % inv.invoice_number,
                      invoice_email_text(billing_repo.get_invoice(conn, invoice_id)))
            billing_repo.set_invoice_status(conn, invoice_id, "issued", sent_at=datetime.datetime.utcnow())


def invoice_email_text(inv):
    lab = LabDetails()
    return (
        "Please find below invoice %s for %s, due %s.\n\n"
        "Net: %s\nVAT: %s\nTotal: %s\n\n%s\nVAT reg. %s\n"
        % (inv.invoice_number, format_money(inv.gross_total, inv.currency), format_date(inv.due_on),
           format_money(inv.net_total, inv.currency), format_money(inv.vat_total, inv.currency),
           format_money(inv.gross_total, inv.currency), lab.name, lab.vat_number)
    )


def apply_payment(conn, invoice_id, amount, received_on=None, method="bacs", reference=None):
    amount = Decimal(amount)
    if amount <= 0:
        raise InvalidInput("payment must be positive")
    inv = billing_repo.get_invoice(conn, invoice_id)
    if inv.status not in ("issued", "part_paid"):
        raise StateError("cannot pay a %s invoice" % inv.status)
    billing_repo.record_payment(conn, invoice_id, amount, received_on, method, reference)
    paid = Decimal(billing_repo.amount_paid(conn, invoice_id))
    credited = sum(Decimal(c.amount) for c in billing_repo.credits_for_invoice(conn, invoice_id))
    if paid + credited >= Decimal(inv.gross_total):
        billing_repo.set_invoice_status(conn, invoice_id, "paid")
    else:
        billing_repo.set_invoice_status(conn, invoice_id, "part_paid")


class CreditNoteService(Service):

    def raise_credit(self, invoice_id, amount, reason):
        inv = billing_repo.get_invoice(self.conn, invoice_id)
        amount = Decimal(amount)
        already = sum(Decimal(c.amount) for c in billing_repo.credits_for_invoice(self.conn, invoice_id))
        if amount <= 0 or already + amount > Decimal(inv.gross_total):
            raise InvalidInput("credit exceeds invoice total")
        cn_id, number = billing_repo.insert_credit_note(self.conn, invoice_id, amount, reason, self.user_id)
        if already + amount == Decimal(inv.gross_total):
            billing_repo.set_invoice_status(self.conn, invoice_id, "void")
        return cn_id, number

    def void_and_reissue(self, invoice_id, reason):
        """Full credit + new invoice for the same order (price corrections)."""
        inv = billing_repo.get_invoice(self.conn, invoice_id)
        self.raise_credit(invoice_id, inv.gross_total, reason)
        if inv.order_id:
            return invoice_order(self.conn, inv.order_id, self.user_id)


def monthly_invoice_run(conn, user_id=None, up_to=None):
    """Invoice every reported-but-uninvoiced order. Returns (created, errors)."""
    if up_to is None:
        _, last = previous_month_range()
        up_to = last + datetime.timedelta(days=1)
    created, errors = [], []
    for row in billing_repo.uninvoiced_orders(conn, up_to):
        try:
            created.append(invoice_order(conn, row.id, user_id))
        except StateError as exc:
            errors.append((row.order_number, exc.message))
    return created, errors


def overdue_reminders(conn, min_days_overdue=7):
    n = 0
    for inv in billing_repo.unpaid_invoices(conn, overdue_only=True):
        if (today() - inv.due_on).days < min_days_overdue:
            continue
        contact = client_repo.get_billing_contact(conn, inv.client_id)
        if not contact or not contact.email:
            continue
        send_mail(contact.email, "Overdue invoice %s" % inv.invoice_number,
                  "Our records show invoice %s (%s) was due on %s.\n"
                  % (inv.invoice_number, format_money(inv.gross_total, inv.currency), format_date(inv.due_on)))
        n += 1
    return n
