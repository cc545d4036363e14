import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from core.models import CreditNote, Invoice, InvoiceLine, Payment, TaxRate, next_invoice_number
from core.utils import calc_vat, due_date_for, round_money

logger = logging.getLogger('garage.invoicing')


class InvoicingError(Exception):
    pass


def default_tax_rate(on=None):
    on = on or timezone.localdate()
    rate = (TaxRate.objects.filter(code='S', valid_from__lte=on)
            .exclude(valid_to__lt=on).order_by('-valid_from').first())
    if rate is None:
        raise InvoicingError('No standard VAT rate configured')
    return rate


def _add_line(invoice, kind, description, quantity, unit_price, tax_rate, source_ref='', sort_order=0):
    net = round_money(Decimal(quantity) * Decimal(unit_price))
    return InvoiceLine.objects.create(
        invoice=invoice, kind=kind, description=description[:200], quantity=quantity, unit_price=unit_price,
        tax_rate=tax_rate, net_amount=net, vat_amount=calc_vat(net, tax_rate.rate),
        source_ref=source_ref, sort_order=sort_order)


@transaction.atomic
def create_invoice_from_work_order(work_order, user=None, issue=True):
    existing = Invoice.objects.filter(work_order=work_order).exclude(status='void').first()
    if existing:
        return existing
    customer = work_order.customer
    fleet = customer.fleet_account if customer.fleet_account_id else None
    if fleet and fleet.on_stop:
        raise InvoicingError('Fleet account %s is on stop' % fleet.account_number)
    rate = default_tax_rate()
    invoice = Invoice.objects.create(
        number=next_invoice_number(), customer=customer, fleet_account=fleet, work_order=work_order,
        branch_code=work_order.branch_code, created_by=user)
    order = 0
    for l in work_order.labour_lines.filter(is_warranty=False):
        order += 1
        _add_line(invoice, 'labour', l.description, l.hours, l.rate, rate, 'labour:%d' % l.pk, order)
    for p in work_order.part_lines.filter(is_warranty=False).select_related('part'):
        order += 1
        _add_line(invoice, 'part', '%s %s' % (p.part.part_number, p.part.description), p.quantity,
                  p.unit_price, rate, 'part:%d' % p.pk, order)
    if fleet and fleet.discount_percent:
        invoice.recalc_totals(save=False)
        disc = round_money(invoice.net_total * fleet.discount_percent / 100)
        _add_line(invoice, 'discount', 'Fleet discount %s%%' % fleet.discount_percent, 1, -disc, rate,
                  sort_order=999)
    invoice.recalc_totals()
    if issue:
        issue_invoice(invoice)
    return invoice


def issue_invoice(invoice):
    if invoice.status != 'draft':
        return invoice
    invoice.issued_on = timezone.localdate()
    invoice.due_on = due_date_for(invoice.issued_on, invoice.fleet_account)
    if not invoice.fleet_account_id:
        invoice.due_on = invoice.issued_on  # retail customers pay on collection
    invoice.status = 'issued'
    invoice.save()
    return invoice


def add_discount_line(invoice, amount, description):
    if invoice.status in ('paid', 'void', 'written_off'):
        raise InvoicingError('Invoice %s is closed' % invoice.number)
    rate = invoice.lines.values_list('tax_rate', flat=True).first()
    rate = TaxRate.objects.get(pk=rate) if rate else default_tax_rate()
    # discount entered gross by the front desk -> convert
    net = round_money(Decimal(amount) * 100 / (100 + rate.rate))
    _add_line(invoice, 'discount', description, 1, -net, rate, sort_order=998)
    invoice.recalc_totals()
    _refresh_payment_status(invoice)
    return invoice


def _refresh_payment_status(invoice):
    paid = invoice.payments.filter(refunded=False).aggregate(s=Sum('amount'))['s'] or Decimal('0.00')
    invoice.amount_paid = paid
    if invoice.status in ('void', 'written_off', 'draft'):
        pass
    elif paid >= invoice.gross_total:
        invoice.status = 'paid'
    elif paid > 0:
        invoice.status = 'part_paid'
    else:
        invoice.status = 'issued'
    invoice.save(update_fields=['amount_paid', 'status', 'updated_at'])


@transaction.atomic
def record_payment(invoice, amount, method, reference='', user=None):
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status in ('void', 'draft'):
        raise InvoicingError('Cannot take payment on a %s invoice' % invoice.status)
    amount = round_money(amount)
    if amount <= 0:
        raise InvoicingError('Amount must be positive')
    if amount > invoice.balance + Decimal('0.01'):
        raise InvoicingError('Overpayment: balance is %s' % invoice.balance)
    payment = Payment.objects.create(invoice=invoice, amount=amount, method=method, reference=reference,
                                     taken_by=user)
    _refresh_payment_status(invoice)
    return payment


@transaction.atomic
def issue_credit_note(invoice, amount, reason, user=None, refund_method=None):
    amount = round_money(amount)
    if amount > invoice.gross_total:
        raise InvoicingError('Credit exceeds invoice total')
    last = CreditNote.objects.order_by('-id').values_list('number', flat=True).first()
    number = 'CN-%d' % (int(last.split('-')[1]) + 1 if last else 5001)
    refund = None
    if refund_method:
        refund = Payment.objects.create(invoice=invoice, amount=-amount, method=refund_method,
                                        reference='Refund %s' % number, taken_by=user)
    cn = CreditNote.objects.create(number=number, invoice=invoice, amount=amount, reason=reason,
                                   issued_by=user, refund_payment=refund)
    if amount == invoice.gross_total:
        Invoice.objects.filter(pk=invoice.pk).update(status='void')
    return cn


def void_invoice(invoice, user=None):
    if invoice.payments.filter(refunded=False).exists():
        raise InvoicingError('Invoice has payments - issue a credit note instead')
    Invoice.objects.filter(pk=invoice.pk).update(status='void', notes=F('notes'))
    logger.warning('invoice %s voided by %s', invoice.number, user)
