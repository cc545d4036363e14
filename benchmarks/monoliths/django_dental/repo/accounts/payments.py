import logging
import uuid
from decimal import Decimal

import requests
from django.conf import settings
from django.db import transaction

from accounts.models import Payment, PaymentPlan
from office.invoicing import recalculate_invoice
from office.models import Invoice
from utils.dates import today_local
from utils.money import round_money

log = logging.getLogger(__name__)


class CardTerminalError(Exception):
    pass


class CardTerminalClient(object):
    def __init__(self, base_url=None, timeout=60):
        self.base_url = base_url or settings.CARD_TERMINAL_URL
        self.timeout = timeout

    def sale(self, terminal_id, amount_cents, reference):
        r = requests.post('%s/terminals/%s/sale' % (self.base_url, terminal_id),
                          json={'amount': amount_cents, 'reference': reference,
                                'idempotency_key': str(uuid.uuid4())}, timeout=self.timeout)
        if r.status_code != 200:
            raise CardTerminalError(r.text[:200])
        return r.json()

    def refund(self, txn_id, amount_cents):
        r = requests.post('%s/transactions/%s/refund' % (self.base_url, txn_id),
                          json={'amount': amount_cents}, timeout=self.timeout)
        r.raise_for_status()
        return r.json()

    def charge_token(self, token, amount_cents, reference):
        r = requests.post('%s/tokens/%s/charge' % (self.base_url, token),
                          json={'amount': amount_cents, 'reference': reference}, timeout=self.timeout)
        r.raise_for_status()
        return r.json()


def charge_card(invoice, amount, terminal_id, staff):
    amount = round_money(amount)
    res = CardTerminalClient().sale(terminal_id, int(amount * 100), invoice.number)
    if res.get('status') != 'approved':
        raise CardTerminalError(res.get('message', 'declined'))
    return record_payment(invoice.patient, amount, 'card', invoice=invoice, staff=staff,
                          terminal_txn_id=res.get('id', ''), card_last4=res.get('last4', ''))


@transaction.atomic
def record_payment(patient, amount, method, invoice=None, staff=None, practice=None, **extra):
    p = Payment.objects.create(patient=patient, invoice=invoice, amount=round_money(amount), method=method,
                               practice=practice or (invoice.practice if invoice else patient.practice),
                               taken_by=staff, **extra)
    if invoice is not None:
        recalculate_invoice(invoice)
    else:
        allocate_payment(p)
    return p


def allocate_payment(payment):
    """Unallocated money on account goes to the oldest open invoices first."""
    remaining = payment.amount
    open_invoices = Invoice.objects.filter(patient=payment.patient, status__in=['issued', 'part_paid']) \
        .order_by('issued_on', 'pk')
    first = True
    for inv in open_invoices:
        if remaining <= 0:
            break
        due = inv.patient_portion - inv.amount_paid
        take = min(due, remaining)
        if first:
            Payment.objects.filter(pk=payment.pk).update(invoice=inv, amount=take)
            first = False
        else:
            Payment.objects.create(patient=payment.patient, invoice=inv, amount=take, method=payment.method,
                                   practice=payment.practice, taken_by=payment.taken_by,
                                   reference='split of #%s' % payment.pk)
        recalculate_invoice(inv)
        remaining -= take
    return remaining


def refund_payment(payment, amount, reason, staff):
    amount = round_money(amount)
    if amount > payment.amount:
        raise ValueError('Refund exceeds payment')
    if payment.method == 'card' and payment.terminal_txn_id:
        CardTerminalClient().refund(payment.terminal_txn_id, int(amount * 100))
    refund = Payment.objects.create(patient=payment.patient, invoice=payment.invoice, practice=payment.practice,
                                    amount=amount, method=payment.method, is_refund=True, refund_of=payment,
                                    taken_by=staff, notes=reason[:200])
    if payment.invoice_id:
        recalculate_invoice(payment.invoice)
    return refund


def process_payment_plan_instalments(on_date=None):
    from dateutil.relativedelta import relativedelta
    on_date = on_date or today_local()
    done = 0
    for plan in PaymentPlan.objects.filter(status='active', next_due__lte=on_date).select_related('invoice'):
        try:
            res = CardTerminalClient().charge_token(plan.card_token, int(plan.instalment_amount * 100),
                                                    plan.invoice.number)
        except Exception:
            log.exception('instalment failed for plan %s', plan.pk)
            plan.status = 'defaulted' if plan.next_due < on_date - relativedelta(days=30) else plan.status
            plan.save(update_fields=['status'])
            continue
        record_payment(plan.patient, plan.instalment_amount, 'card', invoice=plan.invoice,
                       terminal_txn_id=res.get('id', ''))
        plan.instalments_paid += 1
        if plan.instalments_paid >= plan.instalments:
            plan.status = 'completed'
            plan.next_due = None
        else:
            plan.next_due = plan.next_due + relativedelta(months=1 if plan.frequency == 'monthly' else 0,
                                                          weeks=2 if plan.frequency == 'fortnightly' else 0)
        plan.save()
        done += 1
    return done


def old_allocate_payment(payment_id):
    # pre-2022 allocation, kept for the reconciliation script
    p = Payment.objects.get(pk=payment_id)
    inv = Invoice.objects.filter(patient=p.patient).exclude(status='paid').order_by('pk').first()
    if inv:
        p.invoice = inv
        p.save()
        recalculate_invoice(inv)
    return inv
