import datetime

from ..lib.barcodes import make_serial
from ..lib.money import to_decimal
from ..models import DBSession
from ..models.guests import LoyaltyAccount, LoyaltyTransaction

POINTS_PER_DOLLAR = 1
TIERS = [('black', 20000), ('gold', 8000), ('silver', 2500), ('blue', 0)]
POINTS_VALID_DAYS = 730


def get_or_create_account(guest):
    account = guest.loyalty
    if account is None:
        account = LoyaltyAccount(guest_id=guest.id, tier='blue', points_balance=0,
                                 lifetime_points=0)
        DBSession.add(account)
        DBSession.flush()
        account.card_number = make_serial('PK', account.id, width=8)
    return account


def tier_for(lifetime_points):
    for name, threshold in TIERS:
        if lifetime_points >= threshold:
            return name
    return 'blue'


def award_points(guest, amount, source, source_ref=None, reason=None):
    if guest is None:
        return None
    points = int(to_decimal(amount) * POINTS_PER_DOLLAR)
    if points <= 0:
        return None
    account = get_or_create_account(guest)
    if account.tier == 'gold':
        points = int(points * 1.25)
    elif account.tier == 'black':
        points = int(points * 1.5)
    tx = LoyaltyTransaction(account_id=account.id, points=points, source=source,
                            source_ref=str(source_ref) if source_ref else None,
                            reason=reason or 'purchase',
                            expires_on=datetime.date.today() + datetime.timedelta(days=POINTS_VALID_DAYS))
    DBSession.add(tx)
    account.points_balance += points
    account.lifetime_points += points
    account.tier = tier_for(account.lifetime_points)
    return tx


def redeem_points(guest, points, reason):
    account = get_or_create_account(guest)
    if points > account.points_balance:
        raise ValueError('not enough points')
    tx = LoyaltyTransaction(account_id=account.id, points=-points, source='manual',
                            reason=reason)
    DBSession.add(tx)
    account.points_balance -= points
    return tx


def expire_points(today=None):
    today = today or datetime.date.today()
    expired = DBSession.query(LoyaltyTransaction).filter(
        LoyaltyTransaction.expires_on < today,
        LoyaltyTransaction.points > 0,
        LoyaltyTransaction.reason != 'expired').all()
    n = 0
    for tx in expired:
        account = tx.account
        take = min(tx.points, account.points_balance)
        if take > 0:
            DBSession.add(LoyaltyTransaction(account_id=account.id, points=-take,
                                             source='manual', reason='expiry',
                                             source_ref=str(tx.id)))
            account.points_balance -= take
            n += 1
        tx.reason = 'expired'
    return n
