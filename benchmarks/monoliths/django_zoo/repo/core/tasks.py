import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Sum

from core.models import (DailyCapacity, Donation, Membership, Ticket, TicketOrder)
from utils.dates import daterange, today_local
from utils.decorators import single_instance_task
from utils.helpers import chunks, gift_aid_amount, send_templated_email

log = logging.getLogger(__name__)


@shared_task
@single_instance_task()
def release_unpaid_orders():
    """Web orders not paid within N minutes give their capacity back."""
    stale = TicketOrder.objects.stale_pending(settings.ZOO_UNPAID_ORDER_MINUTES)
    n = 0
    for order in stale.select_related(None):
        with transaction.atomic():
            order.tickets.update(voided=True)
            order.status = TicketOrder.STATUS_CANCELLED
            order.save(update_fields=["status", "modified"])
            n += 1
    log.info("released %d unpaid orders", n)
    return n


@shared_task
def rebuild_capacity(days_ahead=90):
    """Recount DailyCapacity.sold from tickets. Drift happens (refunds, manual edits)."""
    today = today_local()
    for d in daterange(today, today + datetime.timedelta(days=days_ahead)):
        sold = (Ticket.objects.filter(visit_date=d, voided=False,
                                      order__status=TicketOrder.STATUS_PAID)
                .aggregate(n=Sum("ticket_type__headcount"))["n"] or 0)
        cap, _ = DailyCapacity.objects.get_or_create(date=d)
        if cap.sold != sold:
            log.warning("capacity drift on %s: %s -> %s", d, cap.sold, sold)
            DailyCapacity.objects.filter(pk=cap.pk).update(sold=sold)


@shared_task
def close_day(d=None):
    """End of day: mark unused tickets for today. Finance wants the no-show rate."""
    d = d or today_local()
    unused = Ticket.objects.filter(visit_date=d, scanned_at__isnull=True, voided=False,
                                   order__status=TicketOrder.STATUS_PAID).count()
    cap = DailyCapacity.for_date(d)
    log.info("close_day %s: sold=%s scanned=%s unused=%s", d, cap.sold, cap.scanned, unused)
    return {"date": str(d), "unused": unused}


@shared_task
def expire_memberships():
    today = today_local()
    grace = datetime.timedelta(days=settings.ZOO_MEMBERSHIP_GRACE_DAYS)
    n = (Membership.objects.filter(status="active", end_date__lt=today - grace)
         .update(status="lapsed"))
    log.info("lapsed %d memberships", n)
    return n


@shared_task
def send_renewal_reminders():
    today = today_local()
    for days in (30, 7):
        target = today + datetime.timedelta(days=days)
        due = (Membership.objects.select_related("member", "plan")
               .filter(status="active", end_date=target, auto_renew=False))
        for ms in due:
            send_templated_email("emails/renewal_reminder", ms.member.email,
                                 {"membership": ms, "days": days})


@shared_task
def auto_renew_memberships():
    """Auto-renewals go through the payment provider; this just creates the rows."""
    today = today_local()
    due = (Membership.objects.select_related("plan", "member")
           .filter(status="active", auto_renew=True, end_date=today))
    created = []
    for ms in due:
        created.append(Membership(member=ms.member, plan=ms.plan,
                                  start_date=today + datetime.timedelta(days=1),
                                  end_date=None, status="pending", price_paid=ms.plan.price,
                                  guest_passes_left=ms.plan.guest_passes,
                                  auto_renew=True, renewed_from=ms))
    # NB bulk_create skips save() so end_date must be set here
    for m in created:
        m.end_date = m.start_date.replace(year=m.start_date.year + 1) - datetime.timedelta(days=1)
    Membership.objects.bulk_create(created)
    return len(created)


@shared_task
def prepare_gift_aid_claim(up_to=None):
    """Builds the HMRC gift aid claim rows (the upload itself is still manual)."""
    up_to = up_to or today_local()
    qs = (Donation.objects.filter(gift_aid_eligible=True, gift_aid_claimed_at__isnull=True,
                                  created__date__lte=up_to)
          .select_related("member"))
    rows = []
    for d in qs:
        decl = d.member.giftaid_declarations.filter(revoked_on__isnull=True).first() if d.member else None
        if not decl:
            continue
        rows.append({"name": decl.full_name, "house": decl.house_number,
                     "postcode": decl.postcode, "date": d.created.date().isoformat(),
                     "amount": str(d.amount), "claim": str(gift_aid_amount(d.amount)),
                     "id": d.pk})
    return rows


@shared_task
def mark_gift_aid_claimed(donation_ids):
    from django.utils import timezone
    now = timezone.now()
    for batch in chunks(list(donation_ids), 500):
        Donation.objects.filter(pk__in=batch).update(gift_aid_claimed_at=now)
