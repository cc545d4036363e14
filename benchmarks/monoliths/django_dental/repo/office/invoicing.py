import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum

from office.models import FeeSchedule, Invoice, InvoiceLine
from utils.dates import today_local
from utils.money import round_money

log = logging.getLogger(__name__)


def next_invoice_number(practice):
    prefix = practice.invoice_prefix or practice.code
    with connection.cursor() as cur:
        cur.execute("SELECT number FROM office_invoice WHERE number LIKE %s ORDER BY id DESC LIMIT 1",
                    [prefix + '-%'])
        row = cur.fetchone()
    last = int(row[0].split('-')[-1]) if row else 0
    return '%s-%06d' % (prefix, last + 1)


def fee_for(procedure, practice, insurance_company=None, on_date=None):
    on_date = on_date or today_local()
    qs = FeeSchedule.objects.filter(practice=practice, procedure=procedure, valid_from__lte=on_date)
    qs = qs.exclude(valid_to__lt=on_date)
    if insurance_company is not None:
        contracted = qs.filter(insurance_company=insurance_company).order_by('-valid_from').first()
        if contracted:
            return contracted.fee
    row = qs.filter(insurance_company__isnull=True).order_by('-valid_from').first()
    return row.fee if row else procedure.default_fee


@transaction.atomic
def create_invoice(patient, practice, appointment=None, lines=None):
    inv = Invoice.objects.create(number=next_invoice_number(practice), patient=patient, practice=practice,
                                 appointment=appointment)
    for line in (lines or []):
        InvoiceLine.objects.create(invoice=inv, **line)
    recalculate_invoice(inv)
    return inv


def add_line_for_procedure(invoice, chart_entry, insurance_company=None):
    proc = chart_entry.procedure
    price = fee_for(proc, invoice.practice, insurance_company)
    line = InvoiceLine.objects.create(
        invoice=invoice, description=proc.description[:200], procedure=proc, chart_entry=chart_entry,
        tooth=chart_entry.tooth, unit_price=price)
    recalculate_invoice(invoice)
    return line


def recalculate_invoice(invoice):
    total = invoice.lines.aggregate(t=Sum('line_total'))['t'] or Decimal('0')
    tax = sum((l.line_total for l in invoice.lines.filter(taxable=True)), Decimal('0')) * \
        Decimal(str(settings.SALES_TAX_RATE)) / 100
    invoice.total = round_money(total + tax)
    invoice.patient_portion = round_money(invoice.total - invoice.insurance_portion)
    paid = invoice.payments.filter(is_refund=False).aggregate(s=Sum('amount'))['s'] or Decimal('0')
    refunded = invoice.payments.filter(is_refund=True).aggregate(s=Sum('amount'))['s'] or Decimal('0')
    invoice.amount_paid = round_money(paid - refunded)
    if invoice.status not in ('void', 'written_off', 'draft'):
        if invoice.amount_paid >= invoice.patient_portion:
            invoice.status = 'paid'
        elif invoice.amount_paid > 0:
            invoice.status = 'part_paid'
        else:
            invoice.status = 'issued'
    invoice.save()
    return invoice


def issue_invoice(invoice):
    if invoice.status != 'draft':
        return invoice
    invoice.issued_on = today_local()
    invoice.due_on = invoice.issued_on + datetime.timedelta(days=settings.INVOICE_DUE_DAYS)
    invoice.status = 'issued'
    recalculate_invoice(invoice)
    return invoice


def set_insurance_portion(invoice, amount):
    Invoice.objects.filter(pk=invoice.pk).update(insurance_portion=round_money(amount))
    invoice.refresh_from_db()
    return recalculate_invoice(invoice)


def invoice_balance(invoice):
    return round_money(invoice.patient_portion - invoice.amount_paid)


def void_invoice(invoice, reason, by=None):
    if invoice.payments.exists():
        raise ValueError('Refund payments before voiding')
    invoice.status = 'void'
    invoice.voided_reason = reason
    invoice.save(update_fields=['status', 'voided_reason'])
    from clinic.models import ChartEntry
    ChartEntry.objects.filter(invoiceline__invoice=invoice).update(invoiced=False)
    log.info('invoice %s voided by %s: %s', invoice.number, by, reason)


def overdue_invoices(practice=None, days=0):
    cutoff = today_local() - datetime.timedelta(days=days)
    qs = Invoice.objects.filter(status__in=['issued', 'part_paid'], due_on__lt=cutoff)
    if practice:
        qs = qs.filter(practice=practice)
    return qs.select_related('patient')


def legacy_invoice_total(invoice_id):
    # old reports still call this, do not remove (mk)
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(SUM(quantity * unit_price - discount), 0) FROM office_invoiceline "
                    "WHERE invoice_id = %s", [invoice_id])
        return cur.fetchone()[0]
