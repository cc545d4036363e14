import logging

from celery import shared_task
from django.utils import timezone

from common.dates import month_range
from core.models import DunningNotice, Invoice, Payment
from core import services
from common.emails import send_templated_email

log = logging.getLogger(__name__)

DUNNING_DAYS = {1: 3, 2: 10, 3: 21}


@shared_task
def generate_monthly_invoices(day=None):
    from members.models import Membership
    day = day or timezone.localdate()
    first, last = month_range(day)
    count = 0
    for membership in Membership.objects.active_on(first).select_related("member", "plan"):
        services.create_invoice_for_membership(membership, first, last)
        count += 1
    # room overage lines were accumulated during the previous month
    for invoice in Invoice.objects.filter(status=Invoice.DRAFT, period_start__lte=first):
        services.finalize_invoice(invoice)
        services.charge_invoice(invoice)
    log.info("generated %d membership lines", count)
    return count


@shared_task
def retry_failed_payments():
    for payment in Payment.objects.filter(status=Payment.FAILED, attempts__lt=4).select_related("invoice"):
        if payment.invoice.status in (Invoice.PAID, Invoice.VOID):
            continue
        services.charge_invoice(payment.invoice, payment.method)


@shared_task
def send_dunning_notices():
    today = timezone.localdate()
    for invoice in Invoice.objects.overdue().select_related("member"):
        days_late = (today - invoice.due_date).days
        level = max([lvl for lvl, d in DUNNING_DAYS.items() if days_late >= d] or [0])
        if not level or invoice.dunning_notices.filter(level=level).exists():
            continue
        DunningNotice.objects.create(invoice=invoice, level=level)
        send_templated_email(invoice.member.email, "dunning_%d" % level, {"invoice": invoice})
        if invoice.status != Invoice.OVERDUE:
            invoice.status = Invoice.OVERDUE
            invoice.save(update_fields=["status"])
        if level == 3:
            from members.services import suspend_member
            suspend_member(invoice.member, reason="invoice %s unpaid" % invoice.number)
