import datetime
from decimal import Decimal

from sqlalchemy import func

from ..config import feature_enabled
from ..dal.commerce import find_price_rule, season_for
from ..lib.money import percent_of, round_money, to_decimal, ZERO
from ..models import DBSession
from ..models.passes import LiftPass, PromoCode

# age on the first day of skiing
AGE_BANDS = [(5, 'tot'), (12, 'child'), (18, 'teen'), (65, 'adult'), (200, 'senior')]

# weekend / demand uplift for day tickets, see CHANGES 3.14
DEMAND_THRESHOLDS = [(4500, Decimal('1.15')), (3500, Decimal('1.08'))]


class Quote(object):

    def __init__(self, product, day, age_category, base, discount=ZERO, uplift=ZERO,
                 promo=None):
        self.product = product
        self.day = day
        self.age_category = age_category
        self.base = base
        self.discount = discount
        self.uplift = uplift
        self.promo = promo

    @property
    def total(self):
        return round_money(max(self.base + self.uplift - self.discount, ZERO))

    def as_dict(self):
        return {'product': self.product.code, 'day': self.day.isoformat(),
                'age_category': self.age_category, 'base': str(self.base),
                'uplift': str(self.uplift), 'discount': str(self.discount),
                'total': str(self.total),
                'promo': self.promo.code if self.promo else None}


def age_category(birth_date, day):
    if birth_date is None:
        return 'adult'
    age = day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
    for limit, name in AGE_BANDS:
        if age < limit:
            return name
    return 'adult'


def demand_uplift(product, day):
    if product.kind != 'day' or not feature_enabled('dynamic_pricing'):
        return Decimal('1')
    sold = DBSession.query(func.count(LiftPass.id)).filter(
        LiftPass.valid_from <= day, LiftPass.valid_to >= day,
        LiftPass.status != 'refunded').scalar() or 0
    for threshold, factor in DEMAND_THRESHOLDS:
        if sold >= threshold:
            return factor
    if day.weekday() >= 5:
        return Decimal('1.05')
    return Decimal('1')


def validate_promo(code, product=None, day=None):
    if not code:
        return None
    day = day or datetime.date.today()
    promo = DBSession.query(PromoCode).filter(
        func.upper(PromoCode.code) == code.strip().upper()).first()
    if promo is None or promo.exhausted():
        return None
    if promo.valid_until and promo.valid_until < day:
        return None
    if promo.product_id and product is not None and promo.product_id != product.id:
        return None
    return promo


def apply_promo(amount, promo):
    if promo is None:
        return ZERO
    if promo.percent_off:
        return percent_of(amount, promo.percent_off)
    return min(to_decimal(promo.amount_off), amount)


def quote_pass(product, day, birth_date=None, promo_code=None, purchase_day=None):
    purchase_day = purchase_day or datetime.date.today()
    category = age_category(birth_date, day)
    if category == 'tot':
        return Quote(product, day, category, ZERO)
    season = season_for(day)
    advance = max((day - purchase_day).days, 0)
    rule = find_price_rule(product.id, season.id if season else None, category, advance)
    if rule is not None:
        base = to_decimal(rule.price)
    else:
        base = to_decimal(product.base_price) * to_decimal(season.multiplier if season else 1)
    base = round_money(base)
    uplift = round_money(base * (demand_uplift(product, day) - 1))
    promo = validate_promo(promo_code, product, purchase_day)
    return Quote(product, day, category, base, apply_promo(base + uplift, promo), uplift, promo)


def old_quote_pass(product, day, is_child=False):
    # pre-2021 pricing: flat base price, 40% for kids. still referenced by
    # the partner import for reciprocal passes? (check before deleting)
    price = to_decimal(product.base_price)
    if is_child:
        price = price * Decimal('0.6')
    return round_money(price)
