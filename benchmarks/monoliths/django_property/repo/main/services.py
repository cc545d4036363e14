"""Unit + work order helpers.  (Maintenance stuff got added here because main/
already had the Unit model.)"""
import logging

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from main.models import Unit, Vendor, WorkOrder, WorkOrderNote

log = logging.getLogger(__name__)

EMERGENCY_WORDS = ("flood", "leak", "fire", "gas", "no heat", "sparks", "sewage")


def set_unit_status(unit_id, status):
    return Unit.objects.filter(pk=unit_id).update(status=status, updated_at=timezone.now())


def occupancy_rate(building):
    Lease = apps.get_model("core", "Lease")
    total = Unit.objects.filter(building=building).exclude(status="offline").count()
    if not total:
        return 0.0
    leased = Lease.objects.filter(unit__building=building, status="active").values("unit").distinct().count()
    return round(100.0 * leased / total, 1)


def vacancy_report():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT b.id, b.name,
                   COUNT(u.id) AS units,
                   SUM(CASE WHEN u.status = 'vacant' THEN 1 ELSE 0 END) AS vacant,
                   SUM(CASE WHEN u.status = 'vacant' THEN u.market_rent_cents ELSE 0 END) AS lost_rent
            FROM main_building b
            JOIN main_unit u ON u.building_id = b.id
            WHERE b.deleted_at IS NULL
            GROUP BY b.id, b.name
            ORDER BY vacant DESC
            """
        )
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def guess_priority(description):
    text = description.lower()
    if any(word in text for word in EMERGENCY_WORDS):
        return "emergency"
    return "normal"


def pick_vendor(trade):
    today = timezone.now().date()
    candidates = (
        Vendor.objects.filter(trade=trade)
        .filter(Q(insured_until__isnull=True) | Q(insured_until__gte=today))
        .annotate(open_jobs=Count("workorder", filter=Q(workorder__status__in=["assigned", "in_progress"])))
        .order_by("-is_preferred", "open_jobs", "hourly_rate_cents")
    )
    return candidates.first()


def open_work_order(unit, description, trade="general", request=None, priority=None):
    return WorkOrder.objects.create(
        unit=unit,
        request=request,
        trade=trade,
        description=description,
        priority=priority or guess_priority(description),
    )


def dispatch_work_order(work_order, vendor=None, when=None):
    vendor = vendor or pick_vendor(work_order.trade)
    if vendor is None:
        log.warning("no vendor for trade %s (work order %s)", work_order.trade, work_order.pk)
        return None
    WorkOrder.objects.filter(pk=work_order.pk).update(
        vendor=vendor, status="assigned", scheduled_for=when
    )
    return vendor


@transaction.atomic
def complete_work_order(work_order, cost_cents, note="", user=None):
    work_order.status = "done"
    work_order.completed_at = timezone.now()
    work_order.cost_cents = cost_cents
    work_order.save()
    if note:
        WorkOrderNote.objects.create(work_order=work_order, author=user, body=note)
    Unit.objects.filter(pk=work_order.unit_id).update(last_serviced_at=work_order.completed_at)
    if work_order.billable_to_tenant and cost_cents:
        from core.billing import add_charge

        add_charge(work_order.unit, "repair", f"Repair: {work_order.description[:60]}", cost_cents,
                   work_order=work_order)
    return work_order
