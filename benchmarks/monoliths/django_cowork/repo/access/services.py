import datetime
import logging
import secrets

from django.db import transaction
from django.utils import timezone

from access.models import AccessGroup, AccessRule, DoorEvent, KeyCard

log = logging.getLogger(__name__)

CARD_DEPOSIT = "10.00"


def group_for_plan(plan, location):
    qs = AccessGroup.objects.filter(location=location, name__istartswith="members")
    return qs.filter(twenty_four_seven=plan.access_24_7).first() or qs.first()


@transaction.atomic
def issue_keycard(member, uid=None, charge_deposit=True):
    card = KeyCard.objects.create(member=member, uid=uid or secrets.token_hex(4).upper())
    membership = member.memberships.filter(status="active").select_related("plan", "location").first()
    if membership:
        card.group = group_for_plan(membership.plan, membership.location)
        card.save(update_fields=["group"])
    if charge_deposit:
        from core import services as billing
        today = timezone.localdate()
        inv = billing.get_or_create_draft(member, today.replace(day=1), None)
        billing.add_line(inv, "Key card deposit", CARD_DEPOSIT, source_type="keycard", source_id=card.pk)
        card.deposit_paid = True
        card.save(update_fields=["deposit_paid"])
    from access.controllers import push_card
    transaction.on_commit(lambda: push_card(card))
    return card


def grant_access_for_plan(member, plan, location):
    group = group_for_plan(plan, location)
    member.keycards.filter(status=KeyCard.ACTIVE).update(group=group, synced_at=None)


def deactivate_cards_for_member(member, reason=""):
    n = KeyCard.objects.filter(member=member, status=KeyCard.ACTIVE) \
        .update(status=KeyCard.DISABLED, disabled_reason=reason[:100], synced_at=None)
    log.info("disabled %d cards for member %s (%s)", n, member.pk, reason)
    return n


def reactivate_cards_for_member(member):
    return KeyCard.objects.filter(member=member, status=KeyCard.DISABLED, disabled_reason="suspended") \
        .update(status=KeyCard.ACTIVE, disabled_reason="", synced_at=None)


def report_lost(card):
    card.status = KeyCard.LOST
    card.synced_at = None
    card.save()
    return issue_keycard(card.member, charge_deposit=True)


def issue_temporary_pass(visit, hours=10):
    entrance = AccessGroup.objects.filter(location=visit.location, name__icontains="visitor").first()
    return KeyCard.objects.create(visit=visit, uid=secrets.token_hex(4).upper(), group=entrance,
                                  valid_until=timezone.now() + datetime.timedelta(hours=hours))


def can_open(card, door, when=None):
    when = when or timezone.localtime()
    if card.status != KeyCard.ACTIVE or card.expired():
        return False
    rules = AccessRule.objects.filter(group_id=card.group_id, door=door).select_related("group")
    for rule in rules:
        if rule.group.twenty_four_seven:
            return True
        if when.weekday() >= 5 and not rule.weekends:
            continue
        if rule.weekday_from and rule.weekday_to and rule.weekday_from <= when.time() <= rule.weekday_to:
            return True
    return False


def log_door_event(door, card_uid, granted, occurred_at, reason="", raw=None):
    card = KeyCard.objects.filter(uid=card_uid).first()
    return DoorEvent.objects.create(door=door, card=card, card_uid=card_uid, granted=granted,
                                    occurred_at=occurred_at, reason=reason, raw=raw or {})
