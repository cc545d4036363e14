import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from common.db import atomic_retry
from common.emails import send_invoice_email
from common.pricing import plan_price_for_period
from common.utils import round_money
from core.models import (CreditLedgerEntry, CreditNote, Invoice, InvoiceLine, Payment,
                         PaymentMethod, TaxRate)

log = logging.getLogger(__name__)

PAYMENT_TERMS_DAYS = 14


def _vat_for_country(country, on_date=None):
    on_date = on_date or timezone.localdate()
    rate = TaxRate.objects.filter(country=country, valid_from__lte=on_date).first()
    if rate is None:
        return Decimal(settings.DEFAULT_VAT_RATE)
    return rate.rate


@atomic_retry()
def next_invoice_number():
    year = timezone.localdate().year
    prefix = "%s%s-" % (settings.INVOICE_PREFIX, year)
    last = Invoice.objects.select_for_update().filter(number__startswith=prefix) \
        .order_by("-number").values_list("number", flat=True).first()
    seq = int(last.split("-")[-1]) + 1 if last else 1
    return "%s%05d" % (prefix, seq)


def get_or_create_draft(member, period_start, period_end):
    invoice, created = Invoice.objects.get_or_create(
        member=member, status=Invoice.DRAFT, period_start=period_start,
        defaults={"period_end": period_end, "company": member.company,
                  "location": member.home_location, "billing_email": member.billing_email})
    return invoice


def add_line(invoice, description, unit_price, quantity=1, source_type="", source_id=None):
    if invoice.status != Invoice.DRAFT:
        raise ValueError("cannot add lines to a %s invoice" % invoice.status)
    country = invoice.location.country if invoice.location else "GB"
    return InvoiceLine.objects.create(
        invoice=invoice, description=description[:255], unit_price=round_money(unit_price),
        quantity=quantity, tax_rate=_vat_for_country(country),
        source_type=source_type, source_id=source_id)


def compute_totals(invoice):
    subtotal = Decimal("0")
    tax = Decimal("0")
    for line in invoice.lines.all():
        subtotal += line.amount
        tax += line.amount * line.tax_rate / Decimal(100)
    invoice.subtotal = round_money(subtotal)
    invoice.tax = round_money(tax)
    invoice.total = invoice.subtotal + invoice.tax
    return invoice


def create_invoice_for_membership(membership, period_start, period_end):
    member = membership.member
    invoice = get_or_create_draft(member, period_start, period_end)
    if invoice.lines.filter(source_type="membership", source_id=membership.pk).exists():
        return invoice
    amount = plan_price_for_period(membership, period_start)
    desc = "%s x%d (%s - %s)" % (membership.plan.name, membership.seats,
                                 period_start.strftime("%d/%m"), period_end.strftime("%d/%m"))
    add_line(invoice, desc, amount, source_type="membership", source_id=membership.pk)
    for addon in membership.addons.all():
        add_line(invoice, addon.name, addon.monthly_price, source_type="addon", source_id=addon.pk)
    return invoice


def bill_room_booking_overage(booking, hours_over):
    """Called from members.bookings when a member goes past their included hours."""
    from common.pricing import room_hourly_rate
    today = timezone.localdate()
    invoice = get_or_create_draft(booking.member, today.replace(day=1), None)
    rate = room_hourly_rate(booking.room, booking.member, booking.start)
    # use prepaid credit first
    balance = credit_balance(booking.member)
    cost = rate * Decimal(hours_over)
    if balance >= cost:
        CreditLedgerEntry.objects.create(
            member=booking.member, amount=-cost,
            description="Room %s %s" % (booking.room.name, booking.start.strftime("%d/%m")))
        return None
    return add_line(invoice, "Meeting room %s (%s h)" % (booking.room.name, hours_over), rate,
                    quantity=hours_over, source_type="room_booking", source_id=booking.pk)


def credit_balance(member):
    total = CreditLedgerEntry.objects.filter(member=member).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0")


@transaction.atomic
def finalize_invoice(invoice, send=True):
    compute_totals(invoice)
    if invoice.total == 0 and not invoice.lines.exists():
        invoice.delete()
        return None
    invoice.number = next_invoice_number()
    invoice.issue_date = timezone.localdate()
    invoice.due_date = invoice.issue_date + datetime.timedelta(days=PAYMENT_TERMS_DAYS)
    invoice.status = Invoice.OPEN
    invoice.save()
    if send:
        from core.pdf import render_invoice_pdf
        transaction.on_commit(lambda: send_invoice_email(invoice, render_invoice_pdf(invoice)))
    return invoice


def charge_invoice(invoice, method=None):
    from core.gateway import GatewayError, get_gateway
    method = method or PaymentMethod.objects.filter(member=invoice.member, is_default=True).first()
    if method is None:
        log.info("no payment method for %s, leaving open", invoice)
        return None
    payment = Payment.objects.create(invoice=invoice, method=method, amount=invoice.balance)
    try:
        charge = get_gateway().charge(method.stripe_pm_id, payment.amount, invoice.currency,
                                      description=str(invoice))
    except GatewayError as exc:
        payment.status = Payment.FAILED
        payment.failure_reason = str(exc)[:255]
        payment.attempts += 1
        payment.save()
        return payment
    record_payment(payment, charge["id"])
    return payment


def record_payment(payment, charge_id):
    payment.status = Payment.SUCCEEDED
    payment.stripe_charge_id = charge_id
    payment.attempts += 1
    payment.save()
    invoice = payment.invoice
    if invoice.balance <= 0:
        invoice.status = Invoice.PAID
        invoice.save(update_fields=["status", "updated_at"])
    return invoice


def issue_credit_note(invoice, amount, reason, user=None):
    amount = round_money(amount)
    if amount > invoice.total:
        raise ValueError("credit note larger than invoice")
    number = "CN-" + invoice.number
    n = CreditNote.objects.filter(invoice=invoice).count()
    if n:
        number += "-%d" % (n + 1)
    note = CreditNote.objects.create(invoice=invoice, number=number, amount=amount,
                                     reason=reason, issued_by=user)
    CreditLedgerEntry.objects.create(member=invoice.member, amount=amount,
                                     description="Credit note %s" % number, invoice=invoice)
    return note


def void_invoice(invoice, reason=""):
    if invoice.payments.filter(status=Payment.SUCCEEDED).exists():
        raise ValueError("invoice has payments, issue a credit note instead")
    invoice.status = Invoice.VOID
    invoice.notes = (invoice.notes + "\nVOID: " + reason).strip()
    invoice.save()
