import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from main.models import CreditNote, Invoice, InvoiceLine, Payment
from utils.db import fetch_one
from utils.email import send_templated_email
from utils.money import round_money, vat_amount
from utils.pdf import render_pdf

log = logging.getLogger(__name__)


class InvoiceError(Exception):
    pass


def next_invoice_number():
    # sequence is per financial year: HM22-00001
    yr = timezone.localdate().strftime('%y')
    prefix = '%s%s-' % (settings.INVOICE_PREFIX, yr)
    last = fetch_one("SELECT max(number) FROM main_invoice WHERE number LIKE %s", [prefix + '%'])
    n = int(last.split('-')[1]) + 1 if last else 1
    return '%s%05d' % (prefix, n)


def create_invoice(owner=None, source='', visitor=None):
    if owner is None and visitor is None:
        raise InvoiceError('invoice needs an owner or a visitor')
    return Invoice.objects.create(owner=owner, visitor=visitor, source=source)


def recalc_totals(invoice):
    net = Decimal('0')
    vat = Decimal('0')
    for line in invoice.lines.all():
        line_net = round_money(line.quantity * line.unit_price)
        net += line_net
        vat += vat_amount(line_net, line.vat_rate)
    invoice.net_total = net
    invoice.vat_total = vat
    invoice.gross_total = net + vat
    invoice.save(update_fields=['net_total', 'vat_total', 'gross_total', 'modified'])
    return invoice


def add_line(invoice, description, unit_price, quantity=1, vat_rate=None, nominal=''):
    if invoice.status != 'draft':
        raise InvoiceError('cannot add lines to issued invoice %s' % invoice)
    line = InvoiceLine.objects.create(invoice=invoice, description=description[:255], unit_price=unit_price,
                                      quantity=quantity, vat_rate=vat_rate if vat_rate is not None else Decimal(settings.VAT_RATE),
                                      nominal_code=nominal)
    recalc_totals(invoice)
    return line


@transaction.atomic
def issue_invoice(invoice, send=True):
    if invoice.status != 'draft':
        return invoice
    invoice.number = next_invoice_number()
    invoice.issue_date = timezone.localdate()
    invoice.due_date = invoice.issue_date + datetime.timedelta(days=settings.INVOICE_DUE_DAYS)
    invoice.status = 'issued'
    invoice.save()
    if send and invoice.owner and invoice.owner.email:
        pdf = render_pdf('main/invoice_pdf.html', {'invoice': invoice})
        send_templated_email(invoice.owner.email, 'Invoice %s' % invoice.number, 'invoice',
                             {'invoice': invoice}, attachments=[('%s.pdf' % invoice.number, pdf, 'application/pdf')])
    return invoice


@transaction.atomic
def record_payment(invoice, amount, method, reference='', user=None):
    amount = round_money(amount)
    if amount <= 0:
        raise InvoiceError('payment must be positive')
    pay = Payment.objects.create(invoice=invoice, amount=amount, method=method, reference=reference, taken_by=user)
    Invoice.objects.filter(pk=invoice.pk).update(amount_paid=F('amount_paid') + amount)
    invoice.refresh_from_db()
    invoice.status = 'paid' if invoice.balance <= 0 else 'part_paid'
    invoice.save(update_fields=['status'])
    return pay


def apply_credit_note(invoice, amount, reason, user):
    cn = CreditNote.objects.create(invoice=invoice, amount=round_money(amount), reason=reason, approved_by=user)
    invoice.amount_paid += cn.amount
    if invoice.balance <= 0:
        invoice.status = 'paid'
    invoice.save()
    return cn


def owner_balance(owner):
    agg = Invoice.objects.outstanding().filter(owner=owner).aggregate(g=Sum('gross_total'), p=Sum('amount_paid'))
    return round_money((agg['g'] or 0) - (agg['p'] or 0))


def overdue_invoices(days=0):
    cutoff = timezone.localdate() - datetime.timedelta(days=days)
    return Invoice.objects.outstanding().filter(due_date__lt=cutoff).select_related('owner')


def legacy_invoice_total(invoice):
    # pre-2020 calc (VAT on total not per line). Only used by reprint_old_invoice.
    net = sum(l.quantity * l.unit_price for l in invoice.lines.all())
    return round_money(net * (1 + Decimal(settings.VAT_RATE)))
