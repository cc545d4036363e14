"""Lunch accounts: balances, sales, deposits and free/reduced eligibility."""
import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F

from common.dates import school_year_bounds, today
from common.exceptions import SISError
from legacy.models import MealAccount, MealTransaction
from legacy.utils import make_pin
from meals.models import MenuItem

log = logging.getLogger(__name__)

# income eligibility guidelines, annual, by household size (updated every July)
REDUCED_LIMITS = {1: 26973, 2: 36482, 3: 45991, 4: 55500, 5: 65009, 6: 74518, 7: 84027, 8: 93536}
FREE_LIMITS = {1: 18954, 2: 25636, 3: 32318, 4: 39000, 5: 45682, 6: 52364, 7: 59046, 8: 65728}


class InsufficientFunds(SISError):
    pass


def get_or_create_account(student):
    account = MealAccount.objects.filter(student=student).first()
    if account:
        return account
    pin = make_pin()
    while MealAccount.objects.filter(pin=pin).exists():
        pin = make_pin()
    return MealAccount.objects.create(student=student, pin=pin)


def balance_for(student):
    account = MealAccount.objects.filter(student=student).only("balance").first()
    return account.balance if account else None


def price_for(account, item):
    if isinstance(item, str):
        item = MenuItem.objects.get(code=item)
    if account.eligibility == "free" and item.is_reimbursable:
        return Decimal("0.00")
    if account.eligibility == "reduced" and item.is_reimbursable:
        return item.price_reduced
    return item.price_paid


def _post(account, kind, amount, **extra):
    MealAccount.objects.filter(pk=account.pk).update(balance=F("balance") + amount)
    account.refresh_from_db(fields=["balance"])
    return MealTransaction.objects.create(account=account, kind=kind, amount=amount,
                                          balance_after=account.balance, **extra)


@transaction.atomic
def charge(account, item_code, till="", cashier=None):
    item = MenuItem.objects.get(code=item_code, active=True)
    price = price_for(account, item)
    limit = Decimal(settings.NEGATIVE_BALANCE_LIMIT)
    if account.balance - price < (limit if account.allow_negative else 0):
        # federal rule: a reimbursable lunch is never refused, only a la carte
        if not item.is_reimbursable:
            raise InsufficientFunds("Balance too low for %s" % item.name)
    return _post(account, "sale", -price, item_code=item.code, till=till, cashier=cashier)


@transaction.atomic
def deposit(account, amount, reference="", cashier=None):
    amount = Decimal(amount)
    if amount <= 0:
        raise SISError("Deposit must be positive")
    txn = _post(account, "deposit", amount, reference=reference, cashier=cashier)
    if account.balance >= Decimal(settings.LOW_BALANCE_THRESHOLD):
        MealAccount.objects.filter(pk=account.pk).update(low_balance_notified=None)
    return txn


def low_balance_accounts(threshold=None):
    threshold = Decimal(threshold or settings.LOW_BALANCE_THRESHOLD)
    return (MealAccount.objects.filter(closed=False, balance__lt=threshold)
            .exclude(eligibility="free").select_related("student"))


def income_eligibility(household_size, income):
    size = min(household_size or 1, 8)
    if income is None:
        return None
    if income <= FREE_LIMITS[size]:
        return "free"
    if income <= REDUCED_LIMITS[size]:
        return "reduced"
    return "paid"


@transaction.atomic
def apply_eligibility(application, by=None):
    if application.source == "direct" or application.case_number:
        result = "free"
    else:
        result = income_eligibility(application.household_size, application.annual_income) or "paid"
    application.result = result
    application.status = "approved" if result != "paid" else "denied"
    application.decided_on = today()
    application.decided_by = by
    application.save()
    account = get_or_create_account(application.student)
    account.eligibility = result
    _, year_end = school_year_bounds(application.school_year)
    # eligibility carries over 30 school days into the next year
    account.eligibility_expires = year_end + datetime.timedelta(days=45)
    account.save(update_fields=["eligibility", "eligibility_expires"])
    return result


def close_account(student):
    account = MealAccount.objects.filter(student=student).first()
    if account is None:
        return None
    account.closed = True
    account.save(update_fields=["closed"])
    if account.balance > 0:
        log.info("account %s closed with balance %s, refund due", account.pin, account.balance)
    return account
