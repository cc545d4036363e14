import logging
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from carehub.core.business_rules import billable_minutes, enhanced_charge_multiplier
from carehub.core.config import settings
from carehub.core.constants import COUNCIL_FUNDER_TYPES, InvoiceStatus
from carehub.core.exceptions import CareHubError
from carehub.crud.client import invoice_contact
from carehub.crud.finance import active_funding, charge_rate_for, insert_payment
from carehub.models.client import Client, FundingPackage
from carehub.models.finance import Funder, Invoice, InvoiceLine
from carehub.models.visit import Visit
from carehub.services.notification_service import send_email
from carehub.utils.money import format_gbp, prorate
from carehub.utils.pdf import render_pdf

log = logging.getLogger(__name__)


def next_invoice_number(db: Session):
    last = db.execute(select(func.max(Invoice.id))).scalar() or 0
    return "%s-%s-%05d" % (settings.INVOICE_PREFIX, date.today().strftime("%y%m"), last + 1)


def old_invoice_number(client_id, period_end):
    # format used until March 2022 - some councils still quote these on remittances
    return "INV/%d/%s" % (client_id, period_end.strftime("%d%m%y"))


def billable_visits(db: Session, client_id, start, end):
    return (db.query(Visit)
            .filter(Visit.client_id == client_id, Visit.invoiced == False,  # noqa
                    Visit.status.in_(["completed", "cancelled_chargeable"]),
                    Visit.planned_start >= datetime.combine(start, datetime.min.time()),
                    Visit.planned_start < datetime.combine(end + timedelta(days=1), datetime.min.time()))
            .order_by(Visit.planned_start).all())


def price_visit(rate, visit):
    mins = billable_minutes(visit)
    mult = Decimal(str(enhanced_charge_multiplier(visit.planned_start)))
    if visit.second_staff_id:
        mult *= Decimal(rate.double_up_multiplier or 2)
    return mins, mult, int(prorate(rate.hourly_pence, mins) * mult)


def invoice_client_period(db: Session, client_id, funder, start, end, invoice=None):
    rate = charge_rate_for(db, funder.id, end)
    if rate is None:
        raise CareHubError("No charge rate for funder %s" % funder.name)
    visits = billable_visits(db, client_id, start, end)
    if not visits:
        return invoice
    if invoice is None:
        invoice = Invoice(number=next_invoice_number(db), funder_id=funder.id, client_id=client_id,
                          period_start=start, period_end=end, status=InvoiceStatus.DRAFT.value)
        db.add(invoice)
        db.flush()
    for v in visits:
        mins, mult, amount = price_visit(rate, v)
        line = InvoiceLine(invoice_id=invoice.id, client_id=client_id, line_date=v.planned_start.date(),
                           description="Care visit %s" % v.planned_start.strftime("%a %d %b %H:%M"),
                           minutes=mins, rate_pence=rate.hourly_pence, multiplier=mult, amount_pence=amount)
        db.add(line)
        db.flush()
        v.invoiced = True
        v.invoice_line_id = line.id
    sub = db.execute(select(func.coalesce(func.sum(InvoiceLine.amount_pence), 0))
                     .where(InvoiceLine.invoice_id == invoice.id)).scalar()
    invoice.subtotal_pence = sub
    invoice.vat_pence = int(sub * settings.VAT_RATE)
    invoice.total_pence = invoice.subtotal_pence + invoice.vat_pence
    return invoice


def run_council_invoicing(db: Session, start, end):
    """One invoice per council per period, lines for every funded client."""
    invoices = []
    for funder in db.query(Funder).filter(Funder.funder_type.in_(COUNCIL_FUNDER_TYPES)):
        invoice = None
        packages = (db.query(FundingPackage)
                    .filter(FundingPackage.funder_id == funder.id, FundingPackage.start_date <= end,
                            (FundingPackage.end_date == None) | (FundingPackage.end_date >= start))  # noqa
                    .all())
        for pkg in packages:
            invoice = invoice_client_period(db, pkg.client_id, funder, start, end, invoice)
            if invoice is not None:
                invoice.client_id = None  # batch invoice
                invoice.po_number = invoice.po_number or pkg.po_number
        if invoice is not None:
            invoices.append(invoice)
    db.commit()
    return invoices


def run_private_invoicing(db: Session, start, end):
    invoices = []
    private = db.query(Funder).filter(Funder.funder_type == "private").all()
    for funder in private:
        for pkg in db.query(FundingPackage).filter(FundingPackage.funder_id == funder.id,
                                                   FundingPackage.status == "active"):
            inv = invoice_client_period(db, pkg.client_id, funder, start, end)
            if inv:
                invoices.append(inv)
    db.commit()
    return invoices


def issue_invoice(db: Session, invoice_id):
    inv = db.get(Invoice, invoice_id)
    funder = db.get(Funder, inv.funder_id)
    if funder.requires_po and not inv.po_number:
        raise CareHubError("Purchase order number required by %s" % funder.name)
    inv.issued_on = date.today()
    inv.due_on = inv.issued_on + timedelta(days=funder.payment_terms_days or 30)
    inv.status = InvoiceStatus.ISSUED.value
    to = funder.billing_email
    if inv.client_id and funder.funder_type == "private":
        contact = invoice_contact(db, inv.client_id)
        if contact and contact.email:
            to = contact.email
    client = db.get(Client, inv.client_id) if inv.client_id else None
    pdf = render_pdf("invoice.html", invoice=inv, funder=funder, client=client, fmt=format_gbp)
    if to:
        send_email(to, "Invoice %s" % inv.number,
                   "Please find attached invoice %s for %s." % (inv.number, format_gbp(inv.total_pence)),
                   attachments=[("%s.pdf" % inv.number, pdf, "application/pdf")])
        inv.sent_at = datetime.utcnow()
    db.commit()
    return inv


def apply_payment(db: Session, invoice_id, amount_pence, received_on, method="bacs", reference=None):
    inv = db.get(Invoice, invoice_id)
    insert_payment(db, inv.id, amount_pence=amount_pence, received_on=received_on, method=method,
                   reference=reference)
    inv.paid_pence = (inv.paid_pence or 0) + amount_pence
    if inv.paid_pence >= inv.total_pence:
        inv.status = InvoiceStatus.PAID.value
    else:
        inv.status = InvoiceStatus.PART_PAID.value
    db.commit()
    return inv


def close_funding(db: Session, client_id, end_date):
    for pkg in active_funding(db, client_id, end_date):
        pkg.end_date = end_date
        pkg.status = "ended"
