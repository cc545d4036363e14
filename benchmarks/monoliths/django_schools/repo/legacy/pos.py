"""Cafeteria till protocol. The tills (Lunchbox 4.2) POST a form-encoded
swipe and expect a plain text reply: 'OK|<balance>' or 'ERR|<message>'."""
import logging
from decimal import Decimal

from django.db import transaction

from legacy.models import MealAccount

log = logging.getLogger("sis.pos")


class PosError(Exception):
    pass


def parse_swipe(payload):
    pin = (payload.get("pin") or payload.get("PIN") or "").strip()
    item = (payload.get("item") or "LUNCH").strip().upper()
    till = (payload.get("till") or "").strip()
    if not pin.isdigit():
        raise PosError("bad pin")
    return pin, item, till


@transaction.atomic
def charge_meal(pin, item_code, till, cashier=None):
    from meals.billing import charge

    try:
        account = MealAccount.objects.select_for_update().get(pin=pin, closed=False)
    except MealAccount.DoesNotExist:
        raise PosError("unknown pin %s" % pin)
    txn = charge(account, item_code, till=till, cashier=cashier)
    return account, txn


def reply(ok, value):
    if ok:
        return "OK|%s" % (value.quantize(Decimal("0.01")) if isinstance(value, Decimal) else value)
    return "ERR|%s" % value
