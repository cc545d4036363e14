"""Invoicing, payments, credit control.

This is the biggest file in the codebase.  There is a plan (BILL-300) to
split it into invoicing / receivables; until then please keep sections
together.
"""
import csv
import datetime as dt
import io
import logging
import os
from decimal import Decimal

from sqlalchemy import text

from wastecorp.config import Config
from wastecorp.extensions import db
from wastecorp.models.billing import (Invoice, InvoiceLine, Payment, CreditNote,
                                      DunningNotice, BillingRun)
from wastecorp.models.customer import Customer, Contract, ContractService
from wastecorp.repositories.invoice_repo import (InvoiceRepository, PaymentRepository)
from wastecorp.repositories.customer_repo import ContractRepository, CustomerRepository
from wastecorp.utils.dates import today, now, parse_date
from wastecorp.utils.decorators import deprecated, timed
from wastecorp.utils.misc import send_email
from wastecorp.utils.money import round_money, sum_money, to_decimal, format_money
from wastecorp.utils.pricing import (tariff_for, prorate, price_lifts, price_weight,
                                     apply_discount, LinePrice, PricingError)

log = logging.getLogger(__name__)

invoices = InvoiceRepository()
payments = PaymentRepository()
contracts = ContractRepository()
customers = CustomerRepository()

DUNNING_DAYS = {1: 7, 2: 21, 3: 45}
ON_STOP_DAYS = 60


class BillingError(Exception):
    pass


# ---------------------------------------------------------------------------
# invoice generation
# ---------------------------------------------------------------------------

def start_billing_run(period_start, period_end, user=None):
    running = (db.session.query(BillingRun).filter(BillingRun.status == "RUNNING").first())
    if running:
        raise BillingError("billing run %s already running" % running.id)
    run = BillingRun(period_start=period_start, period_end=period_end,
                     started_at=now(), status="RUNNING", run_by=user)
    db.session.add(run)
    db.session.commit()
    return run


@timed
def generate_invoices_for_run(run):
    total = Decimal("0")
    count = 0
    errors = []
    for contract in contracts.active_on(run.period_end):
        if contract.billing_frequency == "QUARTERLY" and run.period_end.month % 3:
            continue
        try:
            inv = build_invoice_for_contract(contract, run.period_start, run.period_end, run)
        except PricingError as exc:
            errors.append((contract.contract_no, str(exc)))
            continue
        if inv is None:
            continue
        total += inv.net_total
        count += 1
    run.invoice_count = count
    run.total_net = round_money(total)
    run.finished_at = now()
    run.status = "DONE" if not errors else "DONE_WITH_ERRORS"
    db.session.commit()
    for contract_no, msg in errors:
        log.warning("billing run %s: %s: %s", run.id, contract_no, msg)
    return run, errors


def _count_lifts(contract_service_id, start, end):
    sql = text("""
        SELECT COUNT(*)
          FROM collection_events e
          JOIN route_stops s ON s.id = e.route_stop_id
         WHERE s.contract_service_id = :csid
           AND e.outcome IN ('LIFTED', 'CONTAMINATED')
           AND e.lifted_at >= :start AND e.lifted_at < :end_excl
    """)
    return db.session.execute(sql, {"csid": contract_service_id, "start": start,
                                    "end_excl": end + dt.timedelta(days=1)}).scalar() or 0


def _onboard_tonnes(contract_service_id, start, end):
    """Pay-by-weight for bins uses onboard weighing (not the weighbridge)."""
    sql = text("""
        SELECT COALESCE(SUM(e.onboard_weight_kg), 0)
          FROM collection_events e
          JOIN containers c ON c.id = e.container_id
          JOIN container_assignments a ON a.container_id = c.id
         WHERE a.contract_service_id = :csid
           AND e.lifted_at >= :start AND e.lifted_at < :end_excl
    """)
    kg = db.session.execute(sql, {"csid": contract_service_id, "start": start,
                                  "end_excl": end + dt.timedelta(days=1)}).scalar()
    return (to_decimal(kg) / 1000).quantize(Decimal("0.001"))


def _lines_for_service(svc, start, end):
    tariff = tariff_for(svc.tariff_code, end)
    desc_base = "%s x %s @ %s" % (svc.quantity, svc.tariff_code,
                                  svc.service_address.one_line if svc.service_address else "")
    lines = []
    if tariff.charge_basis == "LIFT":
        lifts = _count_lifts(svc.id, start, end)
        if lifts:
            lines.append(LinePrice("Collections: " + desc_base, lifts,
                                   tariff.price_per_lift, tariff.vat_rate))
    elif tariff.charge_basis == "RENTAL":
        amount = prorate(to_decimal(tariff.rental_per_month) * svc.quantity, start, end,
                         svc.start_date, svc.end_date)
        lines.append(LinePrice("Rental: " + desc_base, 1, amount, tariff.vat_rate))
    elif tariff.charge_basis == "TONNE" or svc.pay_by_weight:
        tonnes = _onboard_tonnes(svc.id, start, end)
        amount = price_weight(tariff, tonnes)
        lines.append(LinePrice("Weight: " + desc_base, tonnes,
                               amount / tonnes if tonnes else amount, tariff.vat_rate))
    else:
        lines.append(LinePrice("Service: " + desc_base, 1, tariff.minimum_charge or 0,
                               tariff.vat_rate))
    return lines


def build_invoice_for_contract(contract, start, end, run=None):
    existing = (db.session.query(Invoice)
                .filter(Invoice.contract_id == contract.id)
                .filter(Invoice.period_start == start)
                .filter(Invoice.status != "VOID").first())
    if existing:
        log.info("contract %s already invoiced for %s", contract.contract_no, start)
        return None
    cust = contract.customer
    inv = Invoice(customer_id=cust.id, contract_id=contract.id,
                  billing_run_id=run.id if run else None, period_start=start,
                  period_end=end, status="DRAFT")
    db.session.add(inv)
    for svc in contract.services:
        if svc.end_date and svc.end_date < start:
            continue
        for lp in _lines_for_service(svc, start, end):
            net = apply_discount(lp.net, contract.discount_pct)
            inv.lines.append(InvoiceLine(contract_service_id=svc.id,
                                         description=lp.description[:250],
                                         quantity=lp.quantity, unit_price=lp.unit_price,
                                         net_amount=net, vat_rate=lp.vat_rate,
                                         vat_amount=round_money(net * lp.vat_rate)))
    _add_tipping_lines(inv, cust, start, end)
    if not inv.lines:
        db.session.expunge(inv)
        return None
    recalc_invoice_totals(inv)
    return inv


def _add_tipping_lines(inv, cust, start, end):
    """Trade customers who tip at our transfer station get billed per ticket."""
    from wastecorp.services import weighbridge_service

    for t in weighbridge_service.tickets_for_customer(cust.id, start, end):
        fee = weighbridge_service.calc_gate_fee(t)
        tax = weighbridge_service.landfill_tax_for(t)
        net = round_money(fee + tax)
        inv.lines.append(InvoiceLine(ticket_id=t.id,
                                     description="Tipping ticket %s (%s kg)" % (t.ticket_no, t.net_kg),
                                     quantity=Decimal(t.net_kg or 0) / 1000, unit_price=None,
                                     net_amount=net, vat_rate=Config.VAT_RATE,
                                     vat_amount=round_money(net * Config.VAT_RATE),
                                     nominal_code="4100"))


def recalc_invoice_totals(inv):
    inv.net_total = sum_money(l.net_amount for l in inv.lines)
    inv.vat_total = sum_money(l.vat_amount for l in inv.lines)
    inv.gross_total = round_money(inv.net_total + inv.vat_total)
    return inv


def post_invoice(invoice_id, user=None):
    inv = invoices.get_or_404(invoice_id)
    if inv.status != "DRAFT":
        raise BillingError("invoice %s is %s" % (inv.id, inv.status))
    cust = db.session.query(Customer).get(inv.customer_id)
    inv.invoice_no = invoices.next_invoice_no()
    inv.issue_date = today()
    inv.due_date = today() + dt.timedelta(days=cust.payment_terms_days or
                                          Config.DEFAULT_PAYMENT_TERMS_DAYS)
    inv.status = "POSTED"
    inv.updated_by = user
    db.session.commit()
    return inv


def post_all_drafts(run_id, user=None):
    drafts = invoices.find_by(billing_run_id=run_id, status="DRAFT")
    for inv in drafts:
        post_invoice(inv.id, user)
    return len(drafts)


def void_invoice(invoice_id, reason, user=None):
    inv = invoices.get_or_404(invoice_id)
    if inv.amount_paid:
        raise BillingError("cannot void a paid invoice, raise a credit note")
    inv.status = "VOID"
    inv.updated_by = user
    db.session.commit()
    log.info("voided %s: %s", inv.invoice_no, reason)
    return inv


def issue_final_invoice(contract):
    start = today().replace(day=1)
    inv = build_invoice_for_contract(contract, start, today())
    if inv is None:
        return None
    inv.is_final = True
    db.session.flush()
    return post_invoice(inv.id)


# ---------------------------------------------------------------------------
# payments
# ---------------------------------------------------------------------------

def apply_payment(customer_id, amount, reference, method="BACS", invoice_no=None,
                  received_on=None):
    amount = round_money(amount)
    if payments.by_reference(reference):
        raise BillingError("duplicate payment reference %s" % reference)
    inv = invoices.by_number(invoice_no) if invoice_no else None
    pay = Payment(customer_id=customer_id, amount=amount, reference=reference,
                  method=method, received_on=received_on or today(),
                  invoice_id=inv.id if inv else None, unapplied=inv is None)
    db.session.add(pay)
    if inv:
        _allocate(inv, amount)
    db.session.commit()
    return pay


def _allocate(inv, amount):
    inv.amount_paid = round_money(to_decimal(inv.amount_paid) + amount)
    if inv.amount_paid >= inv.gross_total:
        inv.status = "PAID"
    else:
        inv.status = "PART_PAID"


def allocate_unapplied_payments():
    """Oldest-invoice-first allocation of unapplied cash."""
    done = 0
    for pay in payments.unapplied():
        open_invs = (invoices.for_customer(pay.customer_id)
                     .filter(Invoice.status.in_(("POSTED", "PART_PAID")))
                     .order_by(None).order_by(Invoice.due_date).all())
        for inv in open_invs:
            if round_money(inv.outstanding) == pay.amount:
                pay.invoice_id = inv.id
                pay.unapplied = False
                _allocate(inv, pay.amount)
                done += 1
                break
    db.session.commit()
    return done


def import_bank_statement(csv_text):
    """Lloyds CSV export: Date, Type, Description, Paid in, ..."""
    reader = csv.DictReader(io.StringIO(csv_text))
    imported, skipped = 0, 0
    for row in reader:
        paid_in = row.get("Credit Amount") or row.get("Paid in")
        if not paid_in:
            continue
        desc = (row.get("Transaction Description") or row.get("Description") or "").upper()
        acct = next((w for w in desc.split() if w.startswith("WC") and len(w) == 8), None)
        cust = customers.by_account_no(acct) if acct else None
        if cust is None:
            skipped += 1
            continue
        ref = "%s-%s-%s" % (row.get("Transaction Date"), acct, paid_in)
        if payments.by_reference(ref):
            skipped += 1
            continue
        inv_no = next((w for w in desc.split() if w.startswith("INV")), None)
        apply_payment(cust.id, paid_in, ref, "BACS", inv_no,
                      parse_date(row.get("Transaction Date")))
        imported += 1
    return imported, skipped


# ---------------------------------------------------------------------------
# credits
# ---------------------------------------------------------------------------

def issue_credit_note(invoice_id, net_amount, reason, missed_collection_id=None):
    inv = invoices.get_or_404(invoice_id)
    net = round_money(net_amount)
    cn = CreditNote(credit_no=invoices.next_credit_no(), invoice_id=inv.id,
                    customer_id=inv.customer_id, reason=reason, net_amount=net,
                    vat_amount=round_money(net * Config.VAT_RATE),
                    missed_collection_id=missed_collection_id, issued_on=today())
    db.session.add(cn)
    inv.amount_paid = round_money(to_decimal(inv.amount_paid) + net + cn.vat_amount)
    if inv.amount_paid >= inv.gross_total:
        inv.status = "PAID"
    db.session.commit()
    return cn


def credit_for_missed_collection(mc):
    """Credit one lift at the service tariff for a crew-fault miss."""
    row = db.session.execute(text("""
        SELECT cs.id AS csid, cs.tariff_code, c.id AS contract_id
          FROM route_stops s
          JOIN contract_services cs ON cs.id = s.contract_service_id
          JOIN contracts c ON c.id = cs.contract_id
         WHERE s.service_address_id = :aid AND c.status = 'ACTIVE'
         LIMIT 1
    """), {"aid": mc.service_address_id}).fetchone()
    if row is None:
        return None
    tariff = tariff_for(row.tariff_code, mc.due_date)
    if tariff.charge_basis != "LIFT":
        return None
    inv = (db.session.query(Invoice).filter(Invoice.contract_id == row.contract_id)
           .filter(Invoice.status.in_(("POSTED", "PART_PAID", "PAID")))
           .order_by(Invoice.issue_date.desc()).first())
    if inv is None:
        return None
    return issue_credit_note(inv.id, price_lifts(tariff, 1),
                             "Missed collection %s" % mc.due_date, mc.id)


# ---------------------------------------------------------------------------
# credit control
# ---------------------------------------------------------------------------

def _dunning_body(inv, level):
    intro = {1: "This is a friendly reminder that",
             2: "FINAL REMINDER:",
             3: "Your account has been placed on stop because"}[level]
    return ("%s invoice %s for %s was due on %s.\n\nPlease pay to sort code 30-00-00 "
            "account 12345678 quoting your account number." %
            (intro, inv.invoice_no, format_money(inv.outstanding), inv.due_date))


def send_dunning_notices(as_of=None):
    as_of = as_of or today()
    sent = 0
    for inv in invoices.overdue(as_of):
        days = (as_of - inv.due_date).days
        last = (db.session.query(DunningNotice).filter_by(invoice_id=inv.id)
                .order_by(DunningNotice.level.desc()).first())
        level = (last.level if last else 0) + 1
        if level > 3 or days < DUNNING_DAYS[level]:
            continue
        cust = db.session.query(Customer).get(inv.customer_id)
        body = _dunning_body(inv, level)
        if cust.billing_email:
            send_email(cust.billing_email, "Invoice %s overdue" % inv.invoice_no, body)
        db.session.add(DunningNotice(invoice_id=inv.id, level=level, sent_at=now(),
                                     body=body))
        sent += 1
    db.session.commit()
    return sent


def put_customers_on_stop(days_overdue=ON_STOP_DAYS):
    """Credit control writes straight to the customer record; the
    customer team asked for an API for this in 2020, never happened."""
    result = db.session.execute(text("""
        UPDATE customers SET on_stop = true
         WHERE on_stop = false AND id IN (
            SELECT customer_id FROM invoices
             WHERE status IN ('POSTED', 'PART_PAID')
               AND due_date < :cutoff)
    """), {"cutoff": today() - dt.timedelta(days=days_overdue)})
    db.session.commit()
    return result.rowcount


def customer_statement(customer_id):
    cust = customers.get_or_404(customer_id)
    rows = []
    for inv in invoices.for_customer(cust.id).filter(Invoice.status != "DRAFT"):
        rows.append({"date": inv.issue_date, "ref": inv.invoice_no, "type": "INV",
                     "debit": inv.gross_total, "credit": None})
    for pay in payments.find_by(customer_id=cust.id):
        rows.append({"date": pay.received_on, "ref": pay.reference, "type": "PAY",
                     "debit": None, "credit": pay.amount})
    for cn in db.session.query(CreditNote).filter_by(customer_id=cust.id):
        rows.append({"date": cn.issued_on, "ref": cn.credit_no, "type": "CRN",
                     "debit": None, "credit": round_money(cn.net_amount + cn.vat_amount)})
    rows.sort(key=lambda r: r["date"] or dt.date.min)
    bal = Decimal("0")
    for r in rows:
        bal += to_decimal(r["debit"]) - to_decimal(r["credit"])
        r["balance"] = round_money(bal)
    return {"account_no": cust.account_no, "name": cust.name, "lines": rows,
            "balance": round_money(bal)}


def invoice_pdf_context(invoice_id):
    inv = invoices.get_or_404(invoice_id)
    cust = db.session.query(Customer).get(inv.customer_id)
    contract = db.session.query(Contract).get(inv.contract_id) if inv.contract_id else None
    return {"invoice": inv, "customer": cust, "contract": contract,
            "lines": invoices.lines(inv.id),
            "net": format_money(inv.net_total), "vat": format_money(inv.vat_total),
            "gross": format_money(inv.gross_total)}


# ---------------------------------------------------------------------------
# accounts export
# ---------------------------------------------------------------------------

def export_to_sage(path=None):
    path = path or os.path.join(Config.SAGE_EXPORT_DIR,
                                "invoices_%s.csv" % today().strftime("%Y%m%d"))
    rows = invoices.not_exported()
    with open(path, "w") as fh:
        w = csv.writer(fh)
        w.writerow(["Type", "Account", "Nominal", "Date", "Ref", "Net", "TaxCode", "VAT"])
        for inv in rows:
            cust = db.session.query(Customer).get(inv.customer_id)
            for line in inv.lines:
                w.writerow(["SI", cust.account_no, line.nominal_code,
                            inv.issue_date.strftime("%d/%m/%Y"), inv.invoice_no,
                            line.net_amount, "T1" if line.vat_rate else "T0",
                            line.vat_amount])
            inv.exported_to_sage = True
    db.session.commit()
    return path, len(rows)


@deprecated("use export_to_sage")
def export_to_sage_v1(path):
    # Sage 50 v2017 format.  Finance moved to the new format in 2020.
    with open(path, "w") as fh:
        for inv in invoices.not_exported():
            fh.write("%s,%s,%s\n" % (inv.invoice_no, inv.net_total, inv.vat_total))
