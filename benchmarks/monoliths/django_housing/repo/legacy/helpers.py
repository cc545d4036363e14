"""
Helpers for the facilities/keys code.  Half of these were PHP functions in
the old system (see legacy_php_id) and were ported 1:1.
"""
import datetime
import decimal
import json
import logging

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from common.db import fetch_all
from common.utils import add_business_days, send_notification
from legacy.models import Key, KeyLoan, LockChange, PartUsage, RoomInspection, Technician, WorkOrder

logger = logging.getLogger("reslife.legacy")


def sla_hours_for(priority):
    return settings.RESLIFE_MAINT_SLA_HOURS.get(priority, 120)


def compute_due_at(workorder):
    created = workorder.created_at or timezone.now()
    hours = sla_hours_for(workorder.priority)
    if workorder.priority in ("routine", "cosmetic"):
        # business days for non-urgent work
        return datetime.datetime.combine(
            add_business_days(created.date(), hours // 24), created.timetz())
    return created + datetime.timedelta(hours=hours)


def is_overdue(workorder, now=None):
    now = now or timezone.now()
    return workorder.is_open and workorder.due_at is not None and workorder.due_at < now


def assign_technician(workorder, technician=None):
    if technician is None:
        technician = (Technician.objects.filter(active=True, trade=workorder.category)
                      .annotate(open_n=Count("workorders", filter=~Q(workorders__status__in=("closed", "cancelled"))))
                      .order_by("open_n").first())
    if technician is None:
        technician = Technician.objects.filter(active=True, trade="other").first()
    if technician is None:
        return None
    workorder.technician = technician
    workorder.status = "assigned"
    workorder.save(update_fields=["technician", "status", "updated_at"])
    return technician


def escalate_overdue(now=None):
    now = now or timezone.now()
    overdue = WorkOrder.objects.filter(due_at__lt=now, escalated=False).exclude(
        status__in=("closed", "cancelled")).select_related("room__hall", "technician")
    n = 0
    for wo in overdue:
        wo.escalated = True
        wo.save(update_fields=["escalated"])
        send_notification(
            "[ESCALATED] WO-%d %s" % (wo.pk, wo.summary),
            "Work order WO-%d (%s) in %s is past its SLA (due %s)." % (
                wo.pk, wo.get_priority_display(), wo.room or wo.location_text, wo.due_at),
            [settings.FACILITIES_EMAIL])
        n += 1
    return n


def estimate_parts_cost(workorder):
    total = PartUsage.objects.filter(workorder=workorder).aggregate(
        t=Sum("unit_cost"))["t"] or decimal.Decimal("0")
    return total


def technician_workload():
    return fetch_all("""
        SELECT t.id, t.name, t.trade,
               COUNT(w.id) FILTER (WHERE w.status NOT IN ('closed', 'cancelled')) AS open_orders,
               COUNT(w.id) FILTER (WHERE w.escalated) AS escalated
          FROM legacy_technician t
          LEFT JOIN maint_request w ON w.technician_id = t.id
         WHERE t.active = TRUE
         GROUP BY t.id, t.name, t.trade
         ORDER BY open_orders DESC
    """)


def inspection_checklist(kind):
    base = ["walls", "floor", "window", "blinds", "door", "lock", "smoke_detector", "furniture"]
    if kind == "checkout":
        base += ["cleanliness", "personal_items_removed", "key_returned"]
    return base


def record_inspection(room, kind, answers, user, assignment=None, damage_amount=0, notes=""):
    return RoomInspection.objects.create(
        room=room, kind=kind, assignment=assignment, inspected_by=user,
        condition_json=json.dumps(answers), damage_amount=damage_amount, notes=notes)


def fmt_room(room):
    # PHP port: hall code + room number, e.g. "MAPLE 214"
    if room is None:
        return "(common area)"
    return "%s %s" % (room.hall.code, room.number)


# ---------------------------------------------------------------------------
# keys
# ---------------------------------------------------------------------------

def keys_outstanding(resident):
    return KeyLoan.objects.filter(resident=resident, returned_at__isnull=True, lost=False) \
        .select_related("key")


def issue_key(key, resident=None, borrower_name="", user=None, hours=None):
    if KeyLoan.objects.filter(key=key, returned_at__isnull=True, lost=False).count() >= key.copies:
        raise ValueError("All copies of %s are out" % key.stamp)
    due_back = timezone.now() + datetime.timedelta(hours=hours) if hours else None
    return KeyLoan.objects.create(key=key, resident=resident, borrower_name=borrower_name,
                                  due_back=due_back, issued_by=user)


def return_key(loan):
    loan.returned_at = timezone.now()
    loan.save(update_fields=["returned_at", "updated_at"])
    return loan


def charge_lost_key(loan, user=None):
    """Mark a loan lost, bill the resident and schedule a re-core."""
    from core.billing import post_charge
    loan.lost = True
    loan.save(update_fields=["lost", "updated_at"])
    charge = None
    if loan.resident_id:
        charge = post_charge(loan.resident, settings.RESLIFE_LOST_KEY_FEE, "lost_key",
                             "Lost key %s" % loan.key.stamp, source_ref="KEY-%d" % loan.pk, user=user)
    schedule_lock_change(loan.key, "Lost key (loan %d)" % loan.pk, billed_to=loan.resident)
    return charge


def schedule_lock_change(key, reason, billed_to=None):
    # lock changes are done by the locksmith via a normal work order
    wo = WorkOrder.objects.create(
        room=key.room, location_text="" if key.room else (key.hall.name if key.hall else ""),
        category="lock", priority="urgent", summary="Re-core %s: %s" % (key.stamp, reason))
    wo.due_at = compute_due_at(wo)
    wo.save(update_fields=["due_at"])
    return LockChange.objects.create(key=key, reason=reason, old_core=key.core_number,
                                     workorder=wo, billed_to=billed_to)


def overdue_key_loans(now=None):
    now = now or timezone.now()
    return KeyLoan.objects.filter(due_back__lt=now, returned_at__isnull=True, lost=False) \
        .select_related("key", "resident")


def old_dbf_import(path):
    """One-off import of the 2009 FoxPro work order dump.  Ran once in 2014.
    Kept for reference."""
    count = 0
    with open(path) as fh:
        for line in fh:
            parts = line.rstrip("\n").split("|")
            if len(parts) < 5:
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO maint_request (summary, details, status, priority, category, "
                    "legacy_php_id, created_at, updated_at, permission_to_enter, escalated, "
                    "resident_caused) VALUES (%s, %s, 'closed', 'routine', 'other', %s, %s, %s, "
                    "TRUE, FALSE, FALSE)",
                    [parts[1][:200], parts[2], parts[0], parts[3], parts[3]])
            count += 1
    return count
