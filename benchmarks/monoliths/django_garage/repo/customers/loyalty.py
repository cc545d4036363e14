"""
Loyalty scheme + campaign segmentation.

Rules (as agreed with marketing, Feb 2020):
  * 1 point per whole pound of the *net* invoice total (labour + parts, not VAT)
  * points expire LOYALTY_POINTS_EXPIRY_MONTHS after they were earned
  * 100 points = GBP 1 off
  * fleet customers don't earn
"""
import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from common.utils import add_months, dictfetchall, today
from customers.models import Coupon, Customer, LoyaltyAccount, PointsTransaction

logger = logging.getLogger('garage.loyalty')

POINTS_PER_POUND_OFF = 100


class LoyaltyError(Exception):
    pass


def tier_for_points(lifetime_points):
    tier = 'bronze'
    for name, threshold in settings.LOYALTY_TIERS:
        if lifetime_points >= threshold:
            tier = name
    return tier


def points_to_money(points):
    return (Decimal(points) / POINTS_PER_POUND_OFF).quantize(Decimal('0.01'))


def get_or_create_account(customer):
    acc, _ = LoyaltyAccount.objects.get_or_create(
        customer=customer, defaults={'card_number': '6337%012d' % customer.pk})
    return acc


@transaction.atomic
def award_points_for_invoice(invoice):
    """Called when an invoice becomes fully paid (see core/signals.py)."""
    customer = invoice.customer
    if customer.fleet_account_id:
        return 0
    if PointsTransaction.objects.filter(invoice=invoice, kind='earn').exists():
        return 0  # already done -- signals fire twice on partial payments
    acc = get_or_create_account(customer)
    if acc.frozen:
        return 0
    multiplier = {'bronze': 1, 'silver': 1, 'gold': 1.5, 'platinum': 2}.get(acc.tier, 1)
    points = int(int(invoice.net_total) * settings.LOYALTY_POINTS_PER_POUND * multiplier)
    if points <= 0:
        return 0
    PointsTransaction.objects.create(
        account=acc, kind='earn', points=points, invoice=invoice,
        expires_on=add_months(today(), settings.LOYALTY_POINTS_EXPIRY_MONTHS),
        note='Invoice %s' % invoice.number)
    LoyaltyAccount.objects.filter(pk=acc.pk).update(
        points_balance=F('points_balance') + points,
        lifetime_points=F('lifetime_points') + points)
    acc.refresh_from_db()
    new_tier = tier_for_points(acc.lifetime_points)
    if new_tier != acc.tier:
        acc.tier = new_tier
        acc.save(update_fields=['tier', 'updated_at'])
        logger.info('customer %s moved to %s', customer.pk, new_tier)
    return points


@transaction.atomic
def redeem_points(account, points, invoice=None, note=''):
    acc = LoyaltyAccount.objects.select_for_update().get(pk=account.pk)
    if acc.frozen:
        raise LoyaltyError('Account is frozen')
    if points > acc.points_balance:
        raise LoyaltyError('Not enough points (%d available)' % acc.points_balance)
    PointsTransaction.objects.create(account=acc, kind='redeem', points=-points, invoice=invoice, note=note)
    acc.points_balance = F('points_balance') - points
    acc.save(update_fields=['points_balance'])
    return points_to_money(points)


def reverse_points_for_invoice(invoice):
    """Credit note raised -> take the points back."""
    earned = PointsTransaction.objects.filter(invoice=invoice, kind='earn').aggregate(s=Sum('points'))['s'] or 0
    if not earned:
        return 0
    acc = invoice.customer.loyalty
    PointsTransaction.objects.create(account=acc, kind='adjust', points=-earned, invoice=invoice,
                                     note='Reversed: credit note')
    LoyaltyAccount.objects.filter(pk=acc.pk).update(points_balance=F('points_balance') - earned)
    return earned


def expire_points(as_of=None):
    """Monthly job. Very naive FIFO: expire earned points whose expiry passed,
    capped at the current balance so nobody goes negative."""
    as_of = as_of or today()
    expired_total = 0
    rows = (PointsTransaction.objects
            .filter(kind='earn', expires_on__lt=as_of)
            .values('account_id')
            .annotate(total=Sum('points')))
    for row in rows:
        acc = LoyaltyAccount.objects.get(pk=row['account_id'])
        already = -(PointsTransaction.objects.filter(account=acc, kind__in=['expire', 'redeem'])
                    .aggregate(s=Sum('points'))['s'] or 0)
        to_expire = min(row['total'] - already, acc.points_balance)
        if to_expire <= 0:
            continue
        PointsTransaction.objects.create(account=acc, kind='expire', points=-to_expire,
                                         note='Expiry run %s' % as_of)
        LoyaltyAccount.objects.filter(pk=acc.pk).update(points_balance=F('points_balance') - to_expire)
        expired_total += to_expire
    return expired_total


def apply_coupon(code, invoice):
    coupon = Coupon.objects.select_related('customer').filter(code=code.upper().strip()).first()
    if coupon is None or not coupon.is_valid():
        raise LoyaltyError('Coupon not valid')
    if coupon.customer_id and coupon.customer_id != invoice.customer_id:
        raise LoyaltyError('Coupon belongs to another customer')
    if coupon.percent_off:
        amount = (invoice.net_total * coupon.percent_off / 100).quantize(Decimal('0.01'))
    else:
        amount = coupon.value
    from core.services import add_discount_line  # circular
    add_discount_line(invoice, amount, 'Coupon %s' % coupon.code)
    Coupon.objects.filter(pk=coupon.pk).update(redeemed_at=timezone.now(), redeemed_invoice=invoice)
    return amount


# ---------------------------------------------------------------------------
# segmentation for campaigns
# ---------------------------------------------------------------------------

def segment_customer_ids(segment):
    base = Customer.objects.filter(marketing_opt_out=False)
    d = today()
    if segment == 'all':
        return list(base.values_list('id', flat=True))
    if segment == 'mot_due':
        return list(base.filter(vehicles__mot_due__range=(d, d + datetime.timedelta(days=30)))
                    .values_list('id', flat=True).distinct())
    if segment == 'service_due':
        return list(base.filter(vehicles__service_due__range=(d, d + datetime.timedelta(days=45)))
                    .values_list('id', flat=True).distinct())
    if segment == 'gold_plus':
        return list(base.filter(loyalty__tier__in=['gold', 'platinum']).values_list('id', flat=True))
    if segment == 'fleet':
        return list(base.filter(fleet_account__isnull=False).values_list('id', flat=True))
    if segment == 'lapsed':
        # no invoice in 12 months but had one before. ORM version was too slow.
        with connection.cursor() as cursor:
            cursor.execute("""
                SELECT c.id
                  FROM customers_customer c
                  JOIN invoices i ON i.customer_id = c.id
                 WHERE c.marketing_opt_out = false
                   AND c.deleted_at IS NULL
                   AND i.status <> 'void'
                 GROUP BY c.id
                HAVING MAX(i.issued_on) < %s
            """, [d - datetime.timedelta(days=365)])
            return [r['id'] for r in dictfetchall(cursor)]
    raise ValueError('unknown segment %s' % segment)
