"""RxRewards points rules.  Marketing changes these every quarter."""
import math

TIER_THRESHOLDS = [
    ('PLAT', 10000),
    ('GOLD', 4000),
    ('SILVER', 1500),
    ('BASIC', 0),
]

TIER_MULTIPLIER = {
    'BASIC': 1.0,
    'SILVER': 1.25,
    'GOLD': 1.5,
    'PLAT': 2.0,
}

POINTS_PER_DOLLAR = 10
POINTS_PER_REWARD_DOLLAR = 100


class PointsRule(object):
    """a promo rule: multiplier when spend >= min_spend"""

    def __init__(self, multiplier=1.0, min_spend=0):
        self.multiplier = float(multiplier)
        self.min_spend = float(min_spend or 0)

    def applies(self, amount):
        return float(amount) >= self.min_spend

    def apply(self, points, amount):
        if self.applies(amount):
            return int(points * self.multiplier)
        return points


def points_for_purchase(amount, tier='BASIC', promo_multiplier=1.0):
    if amount is None or float(amount) <= 0:
        return 0
    base = math.floor(float(amount)) * POINTS_PER_DOLLAR
    return int(base * TIER_MULTIPLIER.get(tier, 1.0) * float(promo_multiplier or 1))


def tier_for_points(lifetime_points):
    for tier, threshold in TIER_THRESHOLDS:
        if lifetime_points >= threshold:
            return tier
    return 'BASIC'


def tier_rank(tier):
    order = ['BASIC', 'SILVER', 'GOLD', 'PLAT']
    return order.index(tier) if tier in order else 0


def redeemable_value(points):
    return round((points // POINTS_PER_REWARD_DOLLAR) * 1.0, 2)
