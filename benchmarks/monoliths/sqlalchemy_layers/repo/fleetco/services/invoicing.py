import logging
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import text

from fleetco.common.errors import ConflictError, ValidationError
from fleetco.common.notifications import render_template, send_email
from fleetco.common.utils import format_invoice_number, format_money, round_money, utcnow
from fleetco.config import get_settings
from fleetco.models.billing import Invoice, InvoiceLine, InvoiceStatus, Payment
from fleetco.repositories.invoice_repo import InvoiceRepository, PaymentRepository
from fleetco.services.customer_service import put_on_hold

log = logging.getLogger(__name__)

DUNNING_SCHEDULE = (7, 21, 45)  # days overdue -> reminder 1, 2, final + hold


def invoice_shipment(session, shipment):
    repo = InvoiceRepository(session)
    existing = repo.for_shipment(shipment.id)
    if existing is not None:
        return existing
    settings = get_settings()
    invoice = Invoice(customer_id=shipment.customer_id, shipment_id=shipment.id,
                      currency=settings.default_currency, status=InvoiceStatus.DRAFT)
    lines = shipment.quote.lines if shipment.quote is not None else []
    if lines:
        for ql in lines:
            add_invoice_line(invoice, ql.description, ql.amount, vat_rate=settings.vat_rate)
    else:
        add_invoice_line(
            invoice, f"Transport {shipment.reference}", shipment.price or 0,
            vat_rate=settings.vat_rate,
        )
    repo.add(invoice)
    return issue_invoice(session, invoice)


def add_invoice_line(invoice, description, unit_price, quantity=1, vat_rate=0.21):
    if invoice.status not in (None, InvoiceStatus.DRAFT):
        raise ConflictError("cannot change an issued invoice")
    line = InvoiceLine(description=description, unit_price=round_money(unit_price),
                       quantity=Decimal(str(quantity)), vat_rate=Decimal(str(vat_rate)))
    invoice.lines.append(line)
    _recalculate(invoice)
    return line


def _recalculate(invoice):
    net = sum(round_money(line.net()) for line in invoice.lines)
    vat = sum(round_money(line.net() * line.vat_rate) for line in invoice.lines)
    invoice.net_total = round_money(net)
    invoice.vat_total = round_money(vat)


def issue_invoice(session, invoice):
    if invoice.status != InvoiceStatus.DRAFT:
        raise ConflictError(f"invoice {invoice.id} already issued")
    repo = InvoiceRepository(session)
    today = date.today()
    terms = invoice.customer.payment_terms_days if invoice.customer else None
    invoice.issued_on = today
    invoice.due_on = today + timedelta(days=terms or get_settings().payment_terms_days)
    invoice.number = format_invoice_number(today.year, repo.next_sequence(today.year))
    invoice.status = InvoiceStatus.ISSUED
    session.flush()
    if invoice.customer is not None:
        body = render_template("invoice_issued", number=invoice.number, due_date=invoice.due_on,
                               total=format_money(invoice.gross_total, invoice.currency))
        send_email(invoice.customer.email, f"Invoice {invoice.number}", body)
    return invoice


def record_payment(session, invoice_number, amount, method="sepa", bank_ref=None):
    invoice = InvoiceRepository(session).by_number(invoice_number)
    if invoice is None:
        raise ValidationError(f"unknown invoice {invoice_number}")
    if bank_ref and PaymentRepository(session).by_bank_ref(bank_ref):
        log.info("duplicate bank statement line %s ignored", bank_ref)
        return None
    payment = Payment(
        invoice_id=invoice.id, amount=round_money(amount), received_at=utcnow(), method=method,
        bank_ref=bank_ref,
    )
    session.add(payment)
    session.flush()
    if invoice.balance() <= 0:
        invoice.status = InvoiceStatus.PAID
    return payment


def dunning_run(session, today=None):
    today = today or date.today()
    repo = InvoiceRepository(session)
    overdue = repo.overdue(today)
    repo.mark_overdue([i.id for i in overdue])
    for invoice in overdue:
        days = (today - invoice.due_on).days
        stage = sum(1 for threshold in DUNNING_SCHEDULE if days >= threshold)
        if stage <= invoice.reminders_sent:
            continue
        invoice.reminders_sent = stage
        body = render_template(
            "payment_reminder", number=invoice.number,
            total=format_money(invoice.balance(), invoice.currency), days=days,
        )
        send_email(invoice.customer.email, f"Payment reminder {invoice.number}", body)
        if stage == len(DUNNING_SCHEDULE):
            put_on_hold(session, invoice.customer_id, f"unpaid invoice {invoice.number}")
    return len(overdue)


def aged_receivables(session, today=None):
    today = today or date.today()
    rows = session.execute(
        text(
            "SELECT c.account_code, c.name, "
            "SUM(CASE WHEN :today - i.due_on <= 30 THEN i.net_total + i.vat_total END) AS d30, "
            "SUM(CASE WHEN :today - i.due_on > 30 THEN i.net_total + i.vat_total END) AS d30plus "
            "FROM invoices i JOIN customers c ON c.id = i.customer_id "
            "WHERE i.status IN ('issued', 'overdue') GROUP BY c.account_code, c.name"
        ),
        {"today": today},
    )
    return [dict(r._mapping) for r in rows]
