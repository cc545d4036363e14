"""Rent invoicing, payments and late fees."""
import logging

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from common.utils import calculate_late_fee, month_bounds
from core.models import Invoice, InvoiceLine, LateFeePolicy, Lease, Payment

log = logging.getLogger(__name__)


class BillingError(Exception):
    pass


@transaction.atomic
def generate_invoice_for_lease(lease, day):
    start, end = month_bounds(day)
    invoice, created = Invoice.objects.get_or_create(
        lease=lease,
        period_start=start,
        defaults={"period_end": end, "due_date": start.replace(day=min(lease.due_day, 28))},
    )
    if created:
        InvoiceLine.objects.create(
            invoice=invoice, kind="rent",
            description=f"Rent {start:%B %Y}", amount_cents=lease.monthly_rent_cents,
        )
        invoice.recalc().save()
    return invoice


def generate_monthly_invoices(day=None):
    day = day or timezone.now().date()
    count = 0
    for lease in Lease.objects.filter(status__in=["active", "notice"], start_date__lte=day, end_date__gte=day):
        generate_invoice_for_lease(lease, day)
        count += 1
    return count


def active_policy():
    return LateFeePolicy.objects.filter(active=True).order_by("-id").first()


def apply_late_fees(today=None):
    today = today or timezone.now().date()
    policy = active_policy()
    applied = 0
    for invoice in Invoice.objects.overdue(today).filter(late_fee_applied=False):
        fee = calculate_late_fee(
            invoice.balance_cents, (today - invoice.due_date).days,
            grace_days=policy.grace_days if policy else None,
            flat_cents=policy.flat_fee_cents if policy else 5000,
            percent=policy.percent if policy else 5,
            cap_cents=policy.max_fee_cents if policy else None,
        )
        if not fee:
            continue
        InvoiceLine.objects.create(invoice=invoice, kind="late_fee", description="Late fee", amount_cents=fee)
        Invoice.objects.filter(pk=invoice.pk).update(total_cents=F("total_cents") + fee, late_fee_applied=True)
        applied += 1
    return applied


def add_charge(unit, kind, description, amount_cents, work_order=None):
    """Put an extra charge on the current invoice of whoever leases ``unit``."""
    lease = Lease.objects.filter(unit=unit, status__in=["active", "notice"]).first()
    if lease is None:
        log.info("no active lease on unit %s; charge %s dropped", unit.pk, description)
        return None
    invoice = generate_invoice_for_lease(lease, timezone.now().date())
    line = InvoiceLine.objects.create(
        invoice=invoice, kind=kind, description=description, amount_cents=amount_cents, work_order=work_order
    )
    invoice.recalc().save()
    return line


@transaction.atomic
def record_payment(invoice, tenant, amount_cents, method, reference=""):
    if invoice.status == "void":
        raise BillingError("cannot pay a void invoice")
    if amount_cents <= 0:
        raise BillingError("amount must be positive")
    payment = Payment.objects.create(
        invoice=invoice, tenant=tenant, amount_cents=amount_cents, method=method, reference=reference
    )
    invoice.recalc().save()
    return payment


@transaction.atomic
def reverse_payment(payment, reason=""):
    Payment.objects.filter(pk=payment.pk).update(reversed=True, reference=(payment.reference + " REV " + reason)[:80])
    invoice = Invoice.objects.get(pk=payment.invoice_id)
    invoice.recalc().save()
    return invoice


def rent_roll(month_start):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT u.id AS unit_id, u.number, l.id AS lease_id,
                   i.total_cents, i.paid_cents, i.status
            FROM rent_invoice i
            JOIN core_lease l ON l.id = i.lease_id
            JOIN main_unit u ON u.id = l.unit_id
            WHERE i.period_start = %s
            ORDER BY u.building_id, u.number
            """,
            [month_start],
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def tenant_balance(tenant):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(SUM(i.total_cents - i.paid_cents), 0) FROM rent_invoice i "
            "JOIN core_lease l ON l.id = i.lease_id "
            "WHERE l.primary_tenant_id = %s AND i.status IN ('open', 'partial')",
            [tenant.pk],
        )
        return cursor.fetchone()[0]


def fix_negative_balances_2020():
    # One-off from the 2020 COVID credit mess. Kept "just in case".
    Invoice.objects.filter(paid_cents__gt=F("total_cents")).update(paid_cents=F("total_cents"), status="paid")
