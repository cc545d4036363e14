"""
Celery tasks. Everything ended up in here because main was the only app
with a tasks.py when celery was added (2019) - see CELERY_BEAT_SCHEDULE.
"""
import datetime
import logging
import os
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.core.mail import mail_admins
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.utils import chunked, format_money, performance_label, send_templated_email, uk_date
from main import reports
from main.models import Membership, MembershipTier, Order, SeatHold, Ticket

log = logging.getLogger(__name__)


@shared_task
def release_expired_holds():
    from shop.models import Basket

    now = timezone.now()
    expired = SeatHold.objects.filter(reason="checkout", held_until__lt=now)
    n = expired.count()
    basket_ids = list(expired.values_list("basket_id", flat=True).distinct())
    expired.delete()
    Basket.objects.filter(pk__in=basket_ids, status=Basket.OPEN).update(status=Basket.ABANDONED)
    # also pending web orders older than an hour
    stale = Order.objects.filter(status=Order.PENDING, channel="web", created__lt=now - datetime.timedelta(hours=1))
    for order in stale:
        order.tickets.update(status=Ticket.CANCELLED)
        order.status = Order.CANCELLED
        order.save(update_fields=["status", "modified"])
    return n


@shared_task(bind=True, max_retries=3, default_retry_delay=300)
def send_e_tickets(self, order_id):
    order = Order.objects.select_related("patron").get(pk=order_id)
    if not order.patron or not order.patron.email:
        return "no email"
    tickets = list(order.tickets.filter(status__in=Ticket.LIVE_STATUSES).select_related("performance__production", "seat"))
    try:
        send_templated_email(
            "emails/e_tickets",
            {"order": order, "tickets": tickets, "labels": {t.pk: performance_label(t.performance) for t in tickets}},
            order.patron.email,
        )
    except Exception as exc:
        raise self.retry(exc=exc)
    return len(tickets)


@shared_task
def email_cancellation_notices(performance_id):
    from core.models import Performance

    perf = Performance.objects.select_related("production").get(pk=performance_id)
    orders = Order.objects.filter(tickets__performance=perf, status__in=(Order.PAID, Order.PART_REFUNDED)).distinct()
    sent = 0
    for order in orders.select_related("patron"):
        if not order.patron or not order.patron.email:
            continue
        send_templated_email(
            "emails/performance_cancelled",
            {"order": order, "performance": perf, "label": performance_label(perf)},
            order.patron.email,
        )
        sent += 1
    mail_admins("Cancellation notices sent", "%s: %d orders emailed" % (perf, sent))
    return sent


@shared_task
def nightly_sales_email():
    today = timezone.localdate()
    rows = reports.sales_by_performance(today, today + datetime.timedelta(days=1))
    channels = reports.sales_by_channel(today, today + datetime.timedelta(days=1))
    total = sum((r["revenue"] for r in rows), Decimal("0"))
    send_templated_email(
        "emails/nightly_sales",
        {"rows": rows, "channels": channels, "total": format_money(total), "day": uk_date(today)},
        [a[1] for a in settings.ADMINS] or settings.CASHUP_ALERT_EMAILS,
    )


# --- memberships -------------------------------------------------------------


@shared_task
def expire_memberships():
    today = timezone.localdate()
    n = Membership.objects.filter(status=Membership.ACTIVE, expires_on__lt=today).update(status=Membership.LAPSED)
    log.info("Lapsed %d memberships", n)
    return n


@shared_task
def membership_renewal_reminders():
    from legacy.models import RenewalRun

    today = timezone.localdate()
    for days in settings.MEMBERSHIP_RENEWAL_NOTICE_DAYS:
        for tier in MembershipTier.objects.filter(is_active=True):
            run = RenewalRun.objects.create(tier=tier, days_before=days)
            due = Membership.objects.filter(
                tier=tier, status=Membership.ACTIVE, expires_on=today + datetime.timedelta(days=days)
            ).select_related("patron")
            lines = []
            for m in due:
                if not m.patron.email or m.patron.do_not_contact:
                    lines.append("skip %s (no email)" % m.number)
                    continue
                template = "emails/membership_auto_renew" if m.auto_renew else "emails/membership_renewal"
                send_templated_email(template, {"membership": m, "patron": m.patron, "days": days}, m.patron.email)
                run.notices_sent += 1
                lines.append("sent %s" % m.number)
            run.renewed_count = Membership.objects.filter(
                tier=tier, order__paid_at__date=today, status=Membership.ACTIVE
            ).count()
            run.status = "done"
            run.log = "\n".join(lines)
            run.save()


# --- mailings ------------------------------------------------------------------


@shared_task
def send_scheduled_mailings():
    from django.core.management import call_command
    from legacy.models import Mailing

    due = Mailing.objects.filter(status="scheduled", scheduled_for__lte=timezone.now())
    for mailing in due:
        call_command("send_mailing", mailing.pk)


# --- FOH -----------------------------------------------------------------------


@shared_task
def volunteer_shift_reminders():
    from backoffice.models import ShiftAssignment

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    todo = ShiftAssignment.objects.filter(
        shift__starts_at__date=tomorrow, status="confirmed", reminder_sent=False
    ).select_related("shift__performance__production", "volunteer")
    sent = 0
    for a in todo:
        if not a.volunteer.email:
            continue
        send_templated_email(
            "emails/shift_reminder",
            {"assignment": a, "volunteer": a.volunteer, "label": performance_label(a.shift.performance)},
            a.volunteer.email,
            from_email=settings.VOLUNTEER_FROM_EMAIL,
        )
        a.reminder_sent = True
        a.save(update_fields=["reminder_sent"])
        sent += 1
    return sent


# --- development ---------------------------------------------------------------


@shared_task
def pledge_instalment_reminders():
    from backoffice.models import PledgeInstalment

    today = timezone.localdate()
    due = PledgeInstalment.objects.filter(
        paid_on__isnull=True, due_on__lte=today + datetime.timedelta(days=7), reminder_sent__isnull=True,
        pledge__status="active",
    ).select_related("pledge__patron", "pledge__campaign")
    for inst in due:
        patron = inst.pledge.patron
        if patron.email:
            send_templated_email(
                "emails/pledge_reminder",
                {"instalment": inst, "patron": patron, "amount": format_money(inst.amount)},
                patron.email,
                from_email=settings.FUNDRAISING_FROM_EMAIL,
            )
        inst.reminder_sent = today
        inst.save(update_fields=["reminder_sent"])


@shared_task
def gift_acknowledgements():
    from legacy.models import Gift

    threshold = Decimal(settings.GIFT_ACK_THRESHOLD)
    gifts = Gift.objects.filter(acknowledged=False, amount__gte=threshold, anonymous=False).select_related("donor")
    for gift in gifts:
        if gift.donor.email:
            send_templated_email(
                "emails/gift_thanks",
                {"gift": gift, "patron": gift.donor, "amount": format_money(gift.amount)},
                gift.donor.email,
                from_email=settings.FUNDRAISING_FROM_EMAIL,
            )
            gift.acknowledged = True
            gift.ack_sent_on = timezone.localdate()
            gift.save(update_fields=["acknowledged", "ack_sent_on"])
        # else: a letter goes out - printed from old/gifts/<id>/letter/


@shared_task
def transfer_online_donations():
    """Copy checkout donations into tbl_gifts so finance's Access DB sees them."""
    from legacy.models import Gift
    from shop.models import Donation

    todo = Donation.objects.filter(transferred_to_gift__isnull=True, patron__isnull=False, order__status="paid")
    n = 0
    for donation in todo.select_related("order"):
        with transaction.atomic():
            gift = Gift.objects.create(
                donor_id=donation.patron_id,
                amount=donation.amount,
                received_on=timezone.localdate(donation.created),
                method="online",
                campaign_id=donation.campaign_id,
                gift_aid_eligible=donation.gift_aid,
                anonymous=donation.anonymous,
                legacy_ref=donation.order.reference if donation.order else "",
                entered_by="celery",
            )
            donation.transferred_to_gift = gift
            donation.save(update_fields=["transferred_to_gift", "modified"])
        n += 1
    return n


# --- tills ---------------------------------------------------------------------


@shared_task
def sync_card_terminal():
    """Pull the day's terminal export CSV (dropped by the terminal vendor via SFTP)."""
    import csv

    from backoffice.models import CardTerminalTxn, Till
    from shop.models import Payment

    day = timezone.localdate()
    path = os.path.join(settings.CARD_TERMINAL_EXPORT_DIR, "txn_%s.csv" % day.strftime("%Y%m%d"))
    if not os.path.exists(path):
        log.warning("No terminal export at %s", path)
        return 0
    tills = {t.terminal_id: t for t in Till.objects.exclude(terminal_id="")}
    created = 0
    with open(path) as fh:
        for row in csv.DictReader(fh):
            till = tills.get(row["TerminalID"])
            if till is None:
                continue
            amount = Decimal(row["Amount"])
            txn, was_new = CardTerminalTxn.objects.get_or_create(
                terminal_ref=row["TxnRef"],
                defaults={
                    "till": till,
                    "session": till.open_session() or till.sessions.order_by("-opened_at").first(),
                    "amount": amount,
                    "auth_code": row.get("AuthCode", ""),
                    "card_scheme": row.get("Scheme", ""),
                    "captured_at": timezone.make_aware(datetime.datetime.strptime(row["DateTime"], "%d/%m/%Y %H:%M:%S")),
                    "is_refund": row.get("Type") == "REFUND",
                },
            )
            if was_new:
                created += 1
                match = Payment.objects.filter(
                    method="card_present", amount=amount, till_session=txn.session, card_last4=row.get("PAN", "")[-4:]
                ).filter(Q(provider_ref="") | Q(provider_ref=row["TxnRef"])).first()
                if match:
                    txn.matched_payment = match
                    txn.save(update_fields=["matched_payment"])
                    if not match.provider_ref:
                        match.provider_ref = row["TxnRef"]
                        match.save(update_fields=["provider_ref"])
    return created
