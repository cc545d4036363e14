"""Business logic that didn't fit in the views. (Most of it still is in the views.)"""
import json
import logging
import urllib.request
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from common.utils import add_months, gen_ref, money, normalise_phone, today
from core.models import (Invoice, InvoiceLine, Member, Membership, MembershipFreeze,
                         Payment)

log = logging.getLogger("pulsefit.core")


class BillingError(Exception):
    pass


# ------------------------------------------------------------------ members


def next_member_no(club):
    prefix = club.code if club else "PF"
    last = (Member.objects.filter(member_no__startswith=prefix)
            .aggregate(m=Max("member_no"))["m"])
    n = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return "%s%06d" % (prefix, n)


def create_member(data, club, user=None):
    member = Member(
        first_name=data["first_name"].strip().title(),
        last_name=data["last_name"].strip().title(),
        email=data["email"].strip().lower(),
        phone=normalise_phone(data.get("phone")),
        dob=data.get("dob"),
        home_club=club,
        marketing_ok=bool(data.get("marketing_ok")),
        sms_ok=bool(data.get("sms_ok")),
        user=user,
    )
    member.member_no = next_member_no(club)
    member.save()
    return member


def find_duplicates(member):
    qs = Member.objects.exclude(pk=member.pk)
    return list(qs.filter(email__iexact=member.email)) + list(
        qs.filter(last_name__iexact=member.last_name, dob=member.dob).exclude(dob=None))


@transaction.atomic
def merge_members(keep, dupe):
    """Front desk creates duplicates weekly. Move everything onto ``keep``."""
    from common.models import Booking
    from legacy.models import CheckIn, DoorCard
    dupe.memberships.update(member=keep)
    dupe.invoices.update(member=keep)
    Booking.objects.filter(member=dupe).exclude(
        session__in=keep.bookings.values("session")).update(member=keep)
    CheckIn.objects.filter(member=dupe).update(member=keep)
    DoorCard.objects.filter(member=dupe).update(member=keep, active=False)
    keep.notes = (keep.notes + "\nMerged %s" % dupe.member_no).strip()
    keep.save()
    dupe.delete()
    return keep


# ------------------------------------------------------------------ billing


def next_invoice_number():
    last = Invoice.objects.filter(number__startswith=settings.INVOICE_PREFIX).aggregate(
        m=Max("number"))["m"]
    n = int(last.split("-")[-1]) + 1 if last else 1
    return "%s-%07d" % (settings.INVOICE_PREFIX, n)


@transaction.atomic
def raise_invoice(member, lines, membership=None, due=None):
    """lines: [(kind, description, qty, unit_price), ...]"""
    inv = Invoice.objects.create(number=next_invoice_number(), member=member,
                                 membership=membership, due=due or today() + timedelta(days=3))
    for kind, description, qty, unit_price in lines:
        InvoiceLine.objects.create(invoice=inv, kind=kind, description=description[:200],
                                   qty=qty, unit_price=money(unit_price))
    inv.recalc()
    return inv


@transaction.atomic
def start_membership(member, plan, club, start=None, sold_by=None, price=None):
    start = start or today()
    ms = Membership.objects.create(member=member, plan=plan, club=club, start_date=start,
                                   status="active", next_billing_date=add_months(start, 1),
                                   price_override=price, sold_by=sold_by)
    lines = [("membership", "%s - first month" % plan.name, 1, ms.monthly_price())]
    if plan.joining_fee:
        lines.append(("joining", "Joining fee", 1, plan.joining_fee))
    raise_invoice(member, lines, membership=ms, due=start)
    member.status = "active"
    member.save(update_fields=["status", "modified"])
    return ms


def cancel_membership(membership, reason="", when=None):
    when = when or today()
    earliest = membership.minimum_term_end()
    if when < earliest:
        raise BillingError("Minimum term runs until %s" % earliest)
    membership.end_date = when
    membership.status = "cancelled"
    membership.cancelled_at = timezone.now()
    membership.cancel_reason = reason
    membership.save()
    return membership


def freeze_membership(membership, start, end, reason=""):
    if end < start or (end - start).days > 92:
        raise BillingError("Freezes are 1 day to 3 months")
    if membership.freezes.filter(start__lte=end, end__gte=start).exists():
        raise BillingError("Overlaps an existing freeze")
    fz = MembershipFreeze.objects.create(membership=membership, start=start, end=end,
                                         reason=reason)
    membership.next_billing_date = (membership.next_billing_date or start) + (end - start)
    membership.status = "frozen" if start <= today() else membership.status
    membership.save()
    return fz


def bill_membership(membership, on=None):
    on = on or today()
    if membership.is_frozen_on(on):
        fee = membership.freezes.filter(start__lte=on, end__gte=on).first().fee
        lines = [("freeze", "Freeze fee", 1, fee)]
    else:
        lines = [("membership", "%s %s" % (membership.plan.name, on.strftime("%b %Y")), 1,
                  membership.monthly_price())]
    inv = raise_invoice(membership.member, lines, membership=membership, due=on)
    membership.next_billing_date = add_months(membership.next_billing_date or on, 1)
    membership.save(update_fields=["next_billing_date", "modified"])
    return inv


class GoCardlessClient:
    def __init__(self, key=None, base=None):
        self.key = key or settings.PAYMENT_PROVIDER_KEY
        self.base = (base or settings.PAYMENT_PROVIDER_URL).rstrip("/")

    def _post(self, path, payload):
        req = urllib.request.Request(self.base + path, data=json.dumps(payload).encode(),
                                     headers={"Authorization": "Bearer " + self.key,
                                              "GoCardless-Version": "2015-07-06",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=20) as resp:
            return json.loads(resp.read().decode())

    def create_payment(self, mandate_id, amount, reference):
        pence = int(money(amount) * 100)
        body = {"payments": {"amount": pence, "currency": "GBP", "reference": reference,
                             "links": {"mandate": mandate_id}}}
        return self._post("/payments", body)["payments"]


def collect_payment(invoice, client=None):
    mandate = invoice.member.mandates.filter(status="active").order_by("-created").first()
    if mandate is None:
        raise BillingError("No active mandate for %s" % invoice.member.member_no)
    client = client or GoCardlessClient()
    due = money(invoice.total - invoice.paid_amount())
    try:
        res = client.create_payment(mandate.provider_id, due, invoice.number)
    except Exception as exc:
        log.error("collection failed for %s: %s", invoice.number, exc)
        mark_failed(invoice)
        return None
    return Payment.objects.create(invoice=invoice, amount=due, method="dd",
                                  provider_ref=res.get("id", ""), status="pending")


def mark_failed(invoice):
    from common.notify import notify
    invoice.status = "failed"
    invoice.retries += 1
    invoice.save(update_fields=["status", "retries", "modified"])
    if invoice.membership and invoice.retries >= 3:
        invoice.membership.status = "arrears"
        invoice.membership.save(update_fields=["status", "modified"])
    notify(invoice.member, "payment_failed", invoice=invoice, amount=invoice.total)


def record_cash_payment(invoice, amount, by=None):
    p = Payment.objects.create(invoice=invoice, amount=money(amount), method="cash",
                               provider_ref=gen_ref("CASH"))
    if invoice.paid_amount() >= invoice.total:
        invoice.status = "paid"
        invoice.save(update_fields=["status", "modified"])
    return p


def class_credits_left(member, on=None):
    """None means unlimited. Credits reset on the 1st (not on the billing date, see #212)."""
    from common.models import Booking
    ms = member.current_membership()
    if ms is None or not ms.plan.includes_classes:
        return 0
    if ms.plan.class_credits is None:
        return None
    on = on or today()
    used = Booking.objects.filter(member=member, status__in=["booked", "attended", "no_show"],
                                  session__starts_at__year=on.year,
                                  session__starts_at__month=on.month).count()
    return max(ms.plan.class_credits - used, 0)


def _old_prorata(plan, start):
    # pre-2021 pro-rata first month. Finance asked to stop doing this.
    days = 30 - start.day
    return money(Decimal(plan.monthly_fee) * days / 30)
