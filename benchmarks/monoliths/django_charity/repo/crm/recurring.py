import calendar
import datetime
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.services import record_donation
from crm.models import RecurringGift, DirectDebitMandate, CollectionRun
from utils import gateway
from utils.db import advisory_lock
from utils.emails import send_templated_email
from utils.helpers import today

log = logging.getLogger(__name__)
MAX_FAILURES = 3


def add_months(d, months, day=None):
    month = d.month - 1 + months
    year = d.year + month // 12
    month = month % 12 + 1
    day = min(day or d.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


def next_collection_date(gift, after=None):
    step = {"M": 1, "Q": 3, "A": 12}[gift.frequency]
    return add_months(after or gift.next_due, step, gift.collection_day)


def create_recurring_gift(supporter, amount, mandate, frequency="M", day=1, campaign=None):
    first = add_months(today(), 1, day) if today().day >= day - 10 else today().replace(day=day)
    gift = RecurringGift.objects.create(supporter=supporter, amount=amount, mandate=mandate,
                                        frequency=frequency, collection_day=day,
                                        next_due=first, campaign=campaign)
    send_templated_email(supporter.email, "dd_advance_notice",
                         {"gift": gift, "supporter": supporter})
    return gift


def collect_one(gift, run):
    ref = "RG%s-%s" % (gift.pk, gift.next_due.strftime("%Y%m"))
    try:
        gateway.collect_direct_debit(gift.mandate.gateway_id, gift.amount, ref)
    except gateway.GatewayError:
        handle_failed_collection(gift)
        run.failed += 1
        return None
    donation = record_donation(gift.supporter, gift.amount, "dd", received=gift.next_due,
                               payment_ref=ref, recurring_gift=gift,
                               campaign_code=gift.campaign.code if gift.campaign else None)
    gift.next_due = next_collection_date(gift)
    gift.failures = 0
    gift.save()
    run.submitted += 1
    run.total += gift.amount
    return donation


def run_collections(run_date=None):
    run_date = run_date or today()
    with advisory_lock(4401):
        run = CollectionRun.objects.create(run_date=run_date)
        due = (RecurringGift.objects.filter(status="active", next_due__lte=run_date,
                                            mandate__status="live")
               .select_related("supporter", "mandate", "campaign"))
        for gift in due:
            with transaction.atomic():
                collect_one(gift, run)
        run.finished = timezone.now()
        run.save()
    return run


def handle_failed_collection(gift):
    gift.failures += 1
    if gift.failures >= MAX_FAILURES:
        gift.status = "paused"
        send_templated_email(gift.supporter.email, "dd_failed_final", {"gift": gift})
    gift.save()


def cancel_recurring_gift(gift, reason=""):
    gift.status = "cancelled"
    gift.cancelled_reason = reason
    gift.save()
    if gift.mandate and not gift.mandate.recurringgift_set.filter(status="active").exists():
        gift.mandate.status = "cancelled"
        gift.mandate.save()


def apply_gateway_event(event):
    kind = event.get("type")
    if kind == "mandate.active":
        DirectDebitMandate.objects.filter(gateway_id=event["mandate"]).update(status="live")
    elif kind == "mandate.cancelled":
        for m in DirectDebitMandate.objects.filter(gateway_id=event["mandate"]):
            m.status = "cancelled"
            m.save()
            RecurringGift.objects.filter(mandate=m, status="active").update(
                status="cancelled", cancelled_reason="ADDACS")
    else:
        log.info("ignored gateway event %s", kind)


def upgrade_amount(gift, new_amount):
    # TODO: advance notice of 10 working days required by DD guarantee
    old = gift.amount
    gift.amount = Decimal(new_amount)
    gift.save(update_fields=["amount"])
    log.info("gift %s upgraded %s -> %s", gift.pk, old, new_amount)
    return gift
