import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from flask import current_app

from gh.extensions import db
from gh.models.billing import Airline, BillableEvent, Invoice, InvoiceLine, Payment
from gh.models.flights import Turnaround, Flight
from gh.repositories.commercial import (active_contract, rate_for, uninvoiced_events,
                                        InvoiceRepository)
from gh.services.audit import record_audit
from gh.services.notifications import send_email
from gh.utils.codes import make_reference
from gh.utils.dates import month_bounds
from gh.utils.money import round_money, format_money

log = logging.getLogger(__name__)


def record_billable_event(airline_id, service_code, occurred_at, quantity=1, flight_id=None, source="MANUAL"):
    ev = BillableEvent(airline_id=airline_id, flight_id=flight_id, service_code=service_code,
                       quantity=quantity, occurred_at=occurred_at, source=source)
    db.session.add(ev)
    return ev


def price_event(contract, event):
    rate = rate_for(contract, event.service_code)
    if rate is None:
        log.warning("no rate for %s on contract %s", event.service_code, contract.reference)
        return Decimal("0")
    return round_money(Decimal(str(event.quantity)) * rate.price)


def next_invoice_number():
    last = Invoice.query.order_by(Invoice.id.desc()).first()
    return make_reference("GH%s-" % date.today().year, (last.id + 1) if last else 1)


def generate_invoice(airline_id, year, month):
    start, end = month_bounds(year, month)
    repo = InvoiceRepository()
    if repo.for_period(airline_id, start):
        return None
    contract = active_contract(airline_id, end)
    if contract is None:
        log.error("airline %s has no active contract, skipping", airline_id)
        return None
    inv = Invoice(airline_id=airline_id, contract_id=contract.id, period_start=start, period_end=end)
    db.session.add(inv)
    db.session.flush()
    grouped = {}
    for ev in uninvoiced_events(airline_id, datetime.combine(start, datetime.min.time()),
                                datetime.combine(end + timedelta(days=1), datetime.min.time())):
        grouped.setdefault(ev.service_code, []).append(ev)
    net = Decimal("0")
    for code, events in sorted(grouped.items()):
        qty = sum(e.quantity for e in events)
        amount = sum(price_event(contract, e) for e in events)
        rate = rate_for(contract, code)
        line = InvoiceLine(invoice_id=inv.id, service_code=code, description=code.replace("_", " ").title(),
                           quantity=qty, unit_price=rate.price if rate else 0, amount=amount)
        db.session.add(line)
        db.session.flush()
        for e in events:
            e.invoice_line_id = line.id
        net += amount
    net -= apply_sla_penalties(contract, start, end)
    inv.net_total = round_money(net)
    inv.vat_total = round_money(net * Decimal(str(current_app.config["VAT_RATE"])))
    record_audit("invoice.generate", "invoice", inv.id, airline=airline_id, period=str(start))
    db.session.commit()
    return inv


def apply_sla_penalties(contract, start, end):
    """Penalty for turnarounds over the contractual SLA (added for Luxair contract 2022)."""
    if not contract.penalty_per_delay_minute:
        return Decimal("0")
    total = Decimal("0")
    rows = Turnaround.query.join(Flight, Turnaround.departure_flight_id == Flight.id).filter(
        Flight.airline_id == contract.airline_id, Turnaround.completed_at >= start,
        Turnaround.completed_at <= end).all()
    for t in rows:
        mins = t.duration_minutes()
        if mins and mins > contract.sla_turnaround_minutes:
            total += (mins - contract.sla_turnaround_minutes) * contract.penalty_per_delay_minute
    return round_money(total)


def issue_invoice(invoice_id):
    inv = Invoice.query.get(invoice_id)
    inv.number = next_invoice_number()
    inv.issue_date = date.today()
    terms = inv.airline.contracts[0].payment_terms_days if inv.airline.contracts else 30
    inv.due_date = inv.issue_date + timedelta(days=terms)
    inv.status = "ISSUED"
    db.session.commit()
    send_email(inv.airline.billing_email, "Invoice %s" % inv.number,
               "Please find invoice %s for %s attached." % (inv.number, format_money(inv.gross_total, inv.airline.currency)))
    return inv


def register_payment(invoice_id, amount, received_on=None, bank_ref=None):
    inv = Invoice.query.get(invoice_id)
    db.session.add(Payment(invoice_id=invoice_id, amount=amount, received_on=received_on or date.today(), bank_ref=bank_ref))
    paid = sum(p.amount for p in Payment.query.filter_by(invoice_id=invoice_id).all()) + Decimal(str(amount))
    if paid >= inv.gross_total:
        inv.status = "PAID"
    record_audit("invoice.payment", "invoice", inv.id, amount=amount)
    db.session.commit()
    return inv


def mark_overdue():
    n = 0
    for inv in InvoiceRepository().unpaid():
        if inv.due_date and inv.due_date < date.today() and inv.status != "OVERDUE":
            inv.status = "OVERDUE"
            n += 1
    db.session.commit()
    return n


def legacy_calc_vat(net):
    # old 15% rate, kept for re-printing 2021 invoices
    return round_money(Decimal(net) * Decimal("0.15"))
