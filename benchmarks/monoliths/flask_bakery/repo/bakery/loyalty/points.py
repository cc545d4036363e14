"""Points rules for Crumb Club.

Earn: LOYALTY_POINTS_PER_POUND per whole pound spent (after discount).
Tiers: based on points earned over the last 12 months.
"""
import datetime
import random

from flask import current_app
from peewee import fn

from bakery.db import db
from bakery.loyalty.models import (LoyaltyCard, LoyaltyMember, PointsEntry,
                                   Reward, RewardRedemption)

TIER_THRESHOLDS = [("golden", 5000), ("loaf", 1500), ("crumb", 0)]
TIER_ORDER = ["crumb", "loaf", "golden"]
TIER_MULTIPLIER = {"crumb": 1.0, "loaf": 1.25, "golden": 1.5}


class LoyaltyError(Exception):
    pass


def luhn_check_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return str((10 - total % 10) % 10)


def new_card_number():
    while True:
        body = "7" + "".join(random.choice("0123456789") for _ in range(8))
        number = body + luhn_check_digit(body)
        if not LoyaltyCard.select().where(LoyaltyCard.number == number).exists():
            return number


def card_is_valid(number):
    number = (number or "").strip()
    return len(number) == 10 and number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def find_card(number):
    if not card_is_valid(number):
        return None
    return LoyaltyCard.get_or_none((LoyaltyCard.number == number) & (LoyaltyCard.blocked == False))  # noqa: E712


def balance_for(member):
    return (PointsEntry.select(fn.COALESCE(fn.SUM(PointsEntry.points), 0))
            .where(PointsEntry.member == member)
            .scalar())


def tier_for(member, as_of=None):
    as_of = as_of or datetime.date.today()
    since = as_of - datetime.timedelta(days=365)
    earned = (PointsEntry.select(fn.COALESCE(fn.SUM(PointsEntry.points), 0))
              .where((PointsEntry.member == member) &
                     (PointsEntry.kind.in_(["earn", "bonus"])) &
                     (PointsEntry.occurred_at >= since))
              .scalar())
    for name, threshold in TIER_THRESHOLDS:
        if earned >= threshold:
            return name
    return "crumb"


def award_points(card_number, sale_id, amount_paid):
    """Called from the till flow after a sale is stored. Returns points awarded."""
    card = find_card(card_number)
    if card is None or card.member is None:
        return 0
    member = card.member
    per_pound = current_app.config.get("LOYALTY_POINTS_PER_POUND", 10)
    points = int(int(amount_paid) * per_pound * TIER_MULTIPLIER.get(member.tier, 1.0))
    if points <= 0:
        return 0
    expiry_days = current_app.config.get("LOYALTY_POINTS_EXPIRY_DAYS", 365)
    PointsEntry.create(
        member=member, card=card, sale_id=sale_id, points=points, kind="earn",
        expires_on=datetime.date.today() + datetime.timedelta(days=expiry_days),
    )
    if not card.activated:
        card.activated = True
        card.save()
    return points


def reverse_points_for_sale(sale_id):
    entries = list(PointsEntry.select().where((PointsEntry.sale_id == sale_id) &
                                              (PointsEntry.kind == "earn")))
    for entry in entries:
        PointsEntry.create(member=entry.member, card=entry.card, sale_id=sale_id,
                           points=-entry.points, kind="adjust", note="sale voided")
    return len(entries)


def redeem_reward(member, reward_id, shop_id=None, sale_id=None):
    reward = Reward.get_or_none((Reward.id == reward_id) & (Reward.active == True))  # noqa: E712
    if reward is None:
        raise LoyaltyError("Unknown reward")
    if TIER_ORDER.index(member.tier) < TIER_ORDER.index(reward.min_tier):
        raise LoyaltyError("Reward needs %s tier" % reward.min_tier)
    with db.atomic():
        if balance_for(member) < reward.points_cost:
            raise LoyaltyError("Not enough points")
        PointsEntry.create(member=member, points=-reward.points_cost, kind="redeem",
                           sale_id=sale_id, note=reward.name)
        return RewardRedemption.create(member=member, reward=reward, sale_id=sale_id,
                                       shop_id=shop_id)


def expire_points(as_of=None):
    """Write negative 'expire' entries for earn rows past expiry.

    Not exactly FIFO but close enough - agreed with marketing in 2021.
    """
    as_of = as_of or datetime.date.today()
    expired = 0
    rows = (PointsEntry.select(PointsEntry.member, fn.SUM(PointsEntry.points).alias("pts"))
            .where((PointsEntry.kind == "earn") & (PointsEntry.expires_on < as_of) &
                   (PointsEntry.note.is_null(True)))
            .group_by(PointsEntry.member))
    for row in rows:
        member = row.member
        to_expire = min(row.pts, balance_for(member))
        if to_expire > 0:
            PointsEntry.create(member=member, points=-to_expire, kind="expire",
                               note="expired %s" % as_of.isoformat())
            expired += to_expire
        (PointsEntry.update(note="expired")
         .where((PointsEntry.member == member) & (PointsEntry.kind == "earn") &
                (PointsEntry.expires_on < as_of))
         .execute())
    return expired


def recalculate_tiers():
    changed = 0
    for member in LoyaltyMember.select().where(LoyaltyMember.closed == False):  # noqa: E712
        tier = tier_for(member)
        if tier != member.tier:
            LoyaltyMember.update(tier=tier).where(LoyaltyMember.id == member.id).execute()
            changed += 1
    return changed


def birthday_bonus(today=None, points=100):
    today = today or datetime.date.today()
    members = LoyaltyMember.select().where(
        (fn.EXTRACT("month", LoyaltyMember.birthday) == today.month) &
        (fn.EXTRACT("day", LoyaltyMember.birthday) == today.day) &
        (LoyaltyMember.closed == False))  # noqa: E712
    count = 0
    for member in members:
        PointsEntry.create(member=member, points=points, kind="bonus", note="birthday")
        count += 1
    return count
