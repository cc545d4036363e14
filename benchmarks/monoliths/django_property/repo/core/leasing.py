import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.utils import add_months
from core.models import Lease, LeaseClause, LeaseRenewal

DEFAULT_CLAUSES = {
    "pets": "No pets without written consent of the landlord.",
    "smoking": "Smoking is prohibited inside the unit and common areas.",
    "sublet": "Subletting requires prior written approval.",
}


class LeaseError(Exception):
    pass


def _default_clauses(lease, extra=None):
    clauses = dict(DEFAULT_CLAUSES, **(extra or {}))
    LeaseClause.objects.bulk_create(
        [LeaseClause(lease=lease, code=code, text=text) for code, text in clauses.items()]
    )


@transaction.atomic
def create_lease(unit, tenant, start_date, months=12, rent_cents=None, deposit_cents=None, occupants=()):
    if Lease.objects.filter(unit=unit, status__in=["active", "notice"], end_date__gte=start_date).exists():
        raise LeaseError(f"unit {unit.pk} already leased")
    rent = rent_cents or unit.market_rent_cents
    lease = Lease.objects.create(
        unit=unit,
        primary_tenant=tenant,
        start_date=start_date,
        end_date=add_months(start_date, months) - datetime.timedelta(days=1),
        monthly_rent_cents=rent,
        deposit_cents=rent if deposit_cents is None else deposit_cents,
        due_day=settings.RENT_DUE_DAY,
    )
    if occupants:
        lease.occupants.set(occupants)
    _default_clauses(lease)
    return lease


@transaction.atomic
def activate_lease(lease):
    from core.billing import generate_invoice_for_lease

    lease.status = "active"
    lease.signed_at = timezone.now()
    lease.save()
    generate_invoice_for_lease(lease, lease.start_date)
    return lease


def expiring_leases(within_days=None):
    within = within_days or settings.RENEWAL_NOTICE_DAYS
    horizon = timezone.now().date() + datetime.timedelta(days=within)
    return Lease.objects.filter(status="active", end_date__lte=horizon).exclude(renewals__status="offered")


def offer_renewal(lease, increase_percent=3, months=12):
    proposed = lease.monthly_rent_cents * (100 + increase_percent) // 100
    return LeaseRenewal.objects.create(
        lease=lease,
        proposed_rent_cents=proposed,
        new_end_date=add_months(lease.end_date, months),
    )


@transaction.atomic
def respond_to_renewal(renewal, accept):
    renewal.status = "accepted" if accept else "declined"
    renewal.responded_at = timezone.now()
    renewal.save()
    lease = renewal.lease
    if accept:
        Lease.objects.filter(pk=lease.pk).update(
            end_date=renewal.new_end_date, monthly_rent_cents=renewal.proposed_rent_cents
        )
    else:
        lease.status = "notice"
        lease.save(update_fields=["status", "updated_at"])
    return renewal


def terminate_lease(lease, on_date=None, reason=""):
    lease.status = "terminated"
    lease.end_date = on_date or timezone.now().date()
    lease.save()
    if reason:
        LeaseClause.objects.create(lease=lease, code="termination", text=reason)
    return lease


def end_expired_leases(today=None):
    today = today or timezone.now().date()
    return Lease.objects.filter(status__in=["active", "notice"], end_date__lt=today).update(status="ended")
