"""Invoicing, payments, credit notes.

This is the module finance cares about. Every change needs a review from
someone in the finance squad (see CODEOWNERS, which is out of date).
"""
import datetime
import logging
from decimal import Decimal

from flask import current_app
from sqlalchemy import text

from freightly.extensions import db_session
from freightly.models import (CreditNote, Customer, DutyAssessment, Invoice,
                              InvoiceLine, Payment, PaymentAllocation, Shipment,
                              StorageCharge, TaxRate)
from freightly.repositories.customer_repo import CustomerRepository
from freightly.repositories.invoice_repo import (CreditNoteRepository,
                                                 ExchangeRateRepository,
                                                 InvoiceRepository,
                                                 PaymentRepository)
from freightly.services import ServiceError
from freightly.utils.dates import parse_date, today
from freightly.utils.money import (D, convert_currency, percent_of, round_money,
                                   sum_money)
from freightly.utils.validators import validate_iban

log = logging.getLogger("freightly.billing")

EU_COUNTRIES = set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL "
                   "PL PT RO SE SI SK".split())
HOME_COUNTRY = "DE"

# Charge codes that are exempt from VAT as international transport (§4 Nr. 3 UStG)
ZERO_RATED_CODES = ("FRT", "FSC", "THC", "BAF")
DISBURSEMENT_CODES = ("DUTY", "EUST")  # passed through at cost, no VAT


class BillingError(ServiceError):
    pass


def _config(key, default=None):
    try:
        return current_app.config.get(key, default)
    except RuntimeError:  # outside app context (batch jobs)
        return default


def tax_code_for(customer, charge_code):
    if charge_code in DISBURSEMENT_CODES:
        return "NONE"
    if charge_code in ZERO_RATED_CODES:
        return "ZERO"
    if customer.country == HOME_COUNTRY:
        return "STD"
    if customer.country in EU_COUNTRIES and customer.vat_number:
        return "RC"  # reverse charge
    if customer.country not in EU_COUNTRIES:
        return "ZERO"
    return "STD"


def compute_tax(amount, tax_code, country=HOME_COUNTRY, on_date=None, session=None):
    if tax_code in ("ZERO", "RC", "NONE"):
        return Decimal("0.00")
    session = session or db_session
    on_date = on_date or today()
    rate = (session.query(TaxRate)
            .filter(TaxRate.country == country, TaxRate.code == tax_code,
                    TaxRate.valid_from <= on_date)
            .order_by(TaxRate.valid_from.desc())
            .first())
    if rate is None:
        raise BillingError("no tax rate %s/%s" % (country, tax_code))
    return percent_of(amount, rate.percent)


def create_draft_invoice(customer_id, shipment_id=None, currency=None, session=None):
    session = session or db_session
    customer = CustomerRepository(session).get_or_404(customer_id)
    inv = Invoice(customer_id=customer.id, shipment_id=shipment_id,
                  currency=currency or customer.currency or "EUR", status="draft")
    session.add(inv)
    session.flush()
    return inv


def add_invoice_line(invoice, charge_code, description, amount, quantity=1,
                     unit_price=None, currency=None, session=None):
    session = session or db_session
    if invoice.status != "draft":
        raise BillingError("invoice %s is not a draft" % invoice.number, 409)
    customer = session.query(Customer).get(invoice.customer_id)
    amount = D(amount)
    if currency and currency != invoice.currency:
        amount = convert_currency(amount, currency, invoice.currency)
    tax_code = tax_code_for(customer, charge_code)
    line = InvoiceLine(invoice_id=invoice.id, charge_code=charge_code,
                       description=description, quantity=D(quantity),
                       unit_price=D(unit_price) if unit_price is not None else amount,
                       amount=round_money(amount), tax_code=tax_code,
                       tax_amount=compute_tax(amount, tax_code, session=session))
    session.add(line)
    invoice.lines.append(line)
    recalc_totals(invoice)
    return line


def recalc_totals(invoice):
    invoice.net_amount = sum_money(l.amount for l in invoice.lines)
    invoice.tax_amount = sum_money(l.tax_amount for l in invoice.lines)
    invoice.total_amount = round_money(D(invoice.net_amount) + D(invoice.tax_amount))
    return invoice


def create_invoice_for_shipment(shipment_id, session=None):
    """Build the standard invoice for a delivered shipment.

    Freight from shipments.sell_amount, plus customs duties that were paid on
    the customer's behalf.
    """
    session = session or db_session
    shipment = session.query(Shipment).get(shipment_id)
    if shipment is None:
        raise BillingError("shipment %s not found" % shipment_id, 404)
    if shipment.invoiced:
        raise BillingError("shipment %s already invoiced" % shipment.reference, 409)
    if shipment.sell_amount is None:
        raise BillingError("shipment %s has no sell price" % shipment.reference)
    inv = create_draft_invoice(shipment.customer_id, shipment.id, shipment.sell_currency,
                               session=session)
    add_invoice_line(inv, "FRT", "Freight %s %s-%s" % (shipment.reference, shipment.origin,
                                                      shipment.destination),
                     shipment.sell_amount, currency=shipment.sell_currency, session=session)
    # recharge duties (customs context writes duty_assessments, we read them)
    duties = session.execute(text(
        "SELECT da.id, da.duty_amount, da.vat_amount, da.currency FROM duty_assessments da "
        "JOIN customs_declarations cd ON cd.id = da.declaration_id "
        "WHERE cd.shipment_id = :sid AND da.recharged_invoice_id IS NULL"
    ), {"sid": shipment.id}).fetchall()
    for row in duties:
        if row.duty_amount:
            add_invoice_line(inv, "DUTY", "Import duty", row.duty_amount,
                             currency=row.currency, session=session)
        if row.vat_amount:
            add_invoice_line(inv, "EUST", "Import VAT (EUSt)", row.vat_amount,
                             currency=row.currency, session=session)
        session.query(DutyAssessment).filter_by(id=row.id).update(
            {"recharged_invoice_id": inv.id})
    shipment.invoiced = True
    session.flush()
    return inv


def add_storage_charges(invoice, charge_ids, session=None):
    session = session or db_session
    for charge in session.query(StorageCharge).filter(StorageCharge.id.in_(charge_ids)):
        line = add_invoice_line(invoice, "STOR", "Storage %s - %s (%d pallet days)" % (
            charge.period_start, charge.period_end, charge.pallet_days),
            charge.amount, currency=charge.currency, session=session)
        session.flush()
        charge.invoice_line_id = line.id
    return invoice


def finalize_invoice(invoice_id, issue_date=None, session=None):
    session = session or db_session
    repo = InvoiceRepository(session)
    inv = repo.get_or_404(invoice_id)
    if inv.status != "draft":
        raise BillingError("invoice already %s" % inv.status, 409)
    if not inv.lines:
        raise BillingError("cannot issue an empty invoice")
    customer = session.query(Customer).get(inv.customer_id)
    inv.issue_date = parse_date(issue_date) or today()
    terms = customer.payment_terms_days or _config("DEFAULT_PAYMENT_TERMS_DAYS", 30)
    inv.due_date = inv.issue_date + datetime.timedelta(days=terms)
    prefix = _config("INVOICE_NUMBER_PREFIX", "FI")
    inv.number = repo.next_number(prefix, inv.issue_date.year)
    recalc_totals(inv)
    inv.status = "issued"
    session.commit()
    log.info("issued invoice %s %s %s", inv.number, inv.total_amount, inv.currency)
    return inv


def void_invoice(invoice_id, reason, session=None):
    session = session or db_session
    inv = InvoiceRepository(session).get_or_404(invoice_id)
    if D(inv.paid_amount) > 0:
        raise BillingError("invoice has payments, issue a credit note instead", 409)
    inv.status = "void"
    if inv.shipment_id:
        session.query(Shipment).filter_by(id=inv.shipment_id).update({"invoiced": False})
    session.commit()
    log.info("voided invoice %s: %s", inv.number, reason)
    return inv


def record_payment(customer_id, amount, received_on=None, currency="EUR", method="wire",
                   bank_reference=None, payer_iban=None, auto_allocate=True, session=None):
    session = session or db_session
    if bank_reference:
        dup = PaymentRepository(session).by_bank_reference(bank_reference)
        if dup is not None:
            raise BillingError("payment %s already recorded" % bank_reference, 409)
    payment = Payment(customer_id=customer_id, amount=round_money(amount),
                      currency=currency, method=method,
                      received_on=parse_date(received_on) or today(),
                      bank_reference=bank_reference,
                      payer_iban=validate_iban(payer_iban) if payer_iban else None,
                      unallocated=round_money(amount))
    session.add(payment)
    session.flush()
    if auto_allocate:
        allocate_payment(payment, session=session)
    session.commit()
    return payment


def allocate_payment(payment, invoice_ids=None, session=None):
    """Allocate oldest-first unless specific invoices are given."""
    session = session or db_session
    repo = InvoiceRepository(session)
    if invoice_ids:
        invoices = [repo.get_or_404(i) for i in invoice_ids]
    else:
        invoices = sorted(repo.for_customer(payment.customer_id,
                                            status=("issued", "partial", "overdue")),
                          key=lambda i: (i.due_date or datetime.date.max, i.id))
    remaining = D(payment.unallocated)
    for inv in invoices:
        if remaining <= 0:
            break
        if inv.currency != payment.currency:
            # TODO: multi currency allocation, finance does these by hand for now
            continue
        take = min(remaining, D(inv.open_amount))
        if take <= 0:
            continue
        session.add(PaymentAllocation(payment_id=payment.id, invoice_id=inv.id,
                                      amount=take, allocated_at=datetime.datetime.utcnow()))
        inv.paid_amount = round_money(D(inv.paid_amount) + take)
        inv.status = "paid" if D(inv.open_amount) <= 0 else "partial"
        remaining -= take
    payment.unallocated = round_money(remaining)
    return payment


def issue_credit_note(customer_id, amount, reason, invoice_id=None, currency="EUR",
                      source="manual", session=None):
    session = session or db_session
    amount = round_money(amount)
    if amount <= 0:
        raise BillingError("credit note amount must be positive")
    repo = CreditNoteRepository(session)
    issued_on = today()
    cn = CreditNote(number=repo.next_number(_config("CREDIT_NOTE_PREFIX", "CN"), issued_on.year),
                    customer_id=customer_id, invoice_id=invoice_id, amount=amount,
                    currency=currency, reason=reason, source=source, issued_on=issued_on)
    session.add(cn)
    if invoice_id:
        inv = InvoiceRepository(session).get_or_404(invoice_id)
        inv.paid_amount = round_money(D(inv.paid_amount) + amount)
        if D(inv.open_amount) <= 0:
            inv.status = "paid"
    session.flush()
    return cn


def mark_overdue(as_of=None, session=None):
    session = session or db_session
    as_of = as_of or today()
    changed = []
    for inv in InvoiceRepository(session).overdue(as_of):
        if inv.status != "overdue":
            inv.status = "overdue"
        days = (as_of - inv.due_date).days
        level = 1 if days < 14 else (2 if days < 30 else 3)
        if level > (inv.reminder_level or 0):
            inv.reminder_level = level
            changed.append(inv)
    session.commit()
    return changed


def customer_statement(customer_id, session=None):
    session = session or db_session
    rows = session.execute(text(
        "SELECT number, issue_date, due_date, currency, total_amount, paid_amount, status "
        "FROM invoices WHERE customer_id = :cid AND status NOT IN ('draft', 'void') "
        "ORDER BY issue_date"), {"cid": customer_id}).fetchall()
    lines = []
    balance = {}
    for r in rows:
        open_amt = D(r.total_amount) - D(r.paid_amount)
        balance[r.currency] = balance.get(r.currency, Decimal("0")) + open_amt
        lines.append({"number": r.number, "issue_date": str(r.issue_date),
                      "due_date": str(r.due_date), "currency": r.currency,
                      "total": str(r.total_amount), "open": str(round_money(open_amt)),
                      "status": r.status})
    return {"customer_id": customer_id, "lines": lines,
            "balance": dict((k, str(round_money(v))) for k, v in balance.items())}


def refresh_exchange_rates(rates, rate_date=None, session=None):
    """rates: dict like {"USD": 1.0856, ...} against EUR (ECB feed)."""
    session = session or db_session
    repo = ExchangeRateRepository(session)
    rate_date = parse_date(rate_date) or today()
    for quote, rate in rates.items():
        repo.upsert("EUR", quote, D(rate), rate_date)
    session.commit()
    return len(rates)


def invoice_to_dict(inv):
    return {
        "id": inv.id,
        "number": inv.number,
        "customer_id": inv.customer_id,
        "shipment_id": inv.shipment_id,
        "status": inv.status,
        "issue_date": str(inv.issue_date) if inv.issue_date else None,
        "due_date": str(inv.due_date) if inv.due_date else None,
        "currency": inv.currency,
        "net": str(inv.net_amount),
        "tax": str(inv.tax_amount),
        "total": str(inv.total_amount),
        "paid": str(inv.paid_amount),
        "lines": [{"code": l.charge_code, "description": l.description,
                   "amount": str(l.amount), "tax_code": l.tax_code,
                   "tax": str(l.tax_amount)} for l in inv.lines],
    }
