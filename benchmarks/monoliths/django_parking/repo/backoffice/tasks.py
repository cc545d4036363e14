import json
import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from backoffice import reports
from backoffice.models import (
    PayMachine, PermitWaitingList, Refund, SettlementBatch, TariffChange, WorkOrder,
)
from main.models import Payment, TariffBand
from shared.db import advisory_lock
from shared.gateway import get_gateway
from shared.notifications import send_email, send_sms
from shared.utils import now_local

log = logging.getLogger(__name__)


@shared_task
def build_settlement_batch(day=None):
    day = day or (now_local().date() - timedelta(days=1))
    with advisory_lock("settlement:%s" % day) as ok:
        if not ok:
            return
        payments = Payment.objects.filter(status__in=["captured", "refunded", "part_refunded"],
                                          captured_at__date=day, gateway="paygate",
                                          settlement_batch__isnull=True)
        batch, _ = SettlementBatch.objects.get_or_create(business_date=day)
        agg = payments.aggregate(total=Sum("amount_pence"))
        batch.total_pence += agg["total"] or 0
        batch.payment_count += payments.count()
        batch.refunds_pence = (Refund.objects.filter(status="paid", paid_at__date=day)
                               .aggregate(t=Sum("amount_pence"))["t"] or 0)
        batch.save()
        payments.update(settlement_batch=batch)
        return batch.pk


@shared_task
def reconcile_gateway_payments(day=None):
    day = day or (now_local().date() - timedelta(days=1))
    batch = SettlementBatch.objects.filter(business_date=day).first()
    if batch is None:
        log.warning("no settlement batch for %s", day)
        return
    gateway_rows = get_gateway().settlement_report(day)
    gateway_total = sum(r["amount"] for r in gateway_rows if r["type"] == "payment")
    ours = {p.gateway_ref for p in batch.payments.all()}
    missing = [r["id"] for r in gateway_rows if r["type"] == "payment" and r["id"] not in ours]
    batch.discrepancy_pence = gateway_total - batch.total_pence
    batch.reconciled = batch.discrepancy_pence == 0 and not missing
    batch.save()
    if missing:
        log.error("settlement %s: %d gateway payments not in our db: %s", day, len(missing), missing[:20])


@shared_task
def workorder_sla_check():
    now = timezone.now()
    for wo in WorkOrder.objects.filter(status__in=["open", "assigned"], due_by__isnull=True):
        hours = settings.WORKORDER_SLA_HOURS.get(wo.priority, 72)
        wo.due_by = wo.created_at + timedelta(hours=hours)
        wo.save(update_fields=["due_by"])
    breached = WorkOrder.objects.filter(status__in=["open", "assigned", "onsite"], due_by__lt=now,
                                        sla_breached=False)
    for wo in breached.select_related("engineer", "machine"):
        wo.sla_breached = True
        wo.save(update_fields=["sla_breached"])
        if wo.engineer and wo.engineer.phone:
            send_sms(wo.engineer.phone, "SLA breached on %s (%s)" % (wo.number, wo.machine.asset_number))


@shared_task
def poll_machine_alarms():
    from legacy.machine_feed import (
        fetch_pending_messages, ingest_alarm, parse_machine_message, record_machine_payment,
    )

    for raw in fetch_pending_messages():
        msg = parse_machine_message(raw)
        if msg is None:
            continue
        if msg["type"] == "alarm":
            ingest_alarm(msg)
        elif msg["type"] == "heartbeat":
            PayMachine.objects.filter(asset_number=msg["asset"]).update(
                last_heartbeat=msg["ts"], cash_level_pence=msg.get("cash", 0),
                paper_low=msg.get("paper_low", False))
        elif msg["type"] == "sale":
            record_machine_payment(msg)


@shared_task
def process_waiting_list():
    """Offer freed-up permit places to the next people on each zone's waiting list."""
    from main.models import Permit, Zone

    for zone in Zone.objects.filter(is_cpz=True):
        cap = getattr(settings, "CPZ_PERMIT_CAPS", {}).get(zone.code)
        if not cap:
            continue
        active = Permit.objects.filter(zone=zone, status="active").count()
        free = cap - active
        for entry in PermitWaitingList.objects.filter(zone=zone, offered_at__isnull=True)[:max(free, 0)]:
            entry.offered_at = timezone.now()
            entry.save()
            app = entry.application
            app.status = "review"
            app.save(update_fields=["status"])
            send_email(app.customer.email, "A permit place is available",
                       "emails/waiting_list_offer", {"application": app})


@shared_task
@transaction.atomic
def apply_scheduled_tariff_changes():
    today = timezone.localdate()
    for change in TariffChange.objects.filter(effective_date__lte=today, applied_at__isnull=True):
        tariff = change.tariff
        TariffBand.objects.filter(tariff=tariff).delete()
        for up_to, price in json.loads(change.new_bands):
            TariffBand.objects.create(tariff=tariff, up_to_minutes=up_to, price_pence=price)
        if change.new_max_stay_minutes:
            tariff.max_stay_minutes = change.new_max_stay_minutes
            tariff.save()
        change.applied_at = timezone.now()
        change.save()
        log.info("applied tariff change %s to %s", change.pk, tariff)


@shared_task
def email_finance_pack():
    yesterday = now_local().date() - timedelta(days=1)
    send_email(settings.FINANCE_REPORT_RECIPIENTS, "Daily takings %s" % yesterday,
               "emails/finance_pack", {
                   "takings": reports.daily_takings(yesterday),
                   "variance": reports.cash_variance_report(yesterday, yesterday + timedelta(days=1)),
               })


@shared_task
def email_enforcement_pack():
    end = now_local().date()
    start = end - timedelta(days=7)
    send_email(settings.ENFORCEMENT_REPORT_RECIPIENTS, "Weekly PCN report", "emails/enforcement_pack", {
        "stats": reports.pcn_statistics(start, end),
        "officers": reports.officer_productivity(start, end),
    })
