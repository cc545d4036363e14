"""Grab-bag of helpers.  TODO: split this up (said everyone since 2017)."""
import random
import re
import string
from datetime import datetime

_slug_re = re.compile(r"[^a-z0-9]+")


def slugify(value):
    return _slug_re.sub("-", (value or "").lower()).strip("-")


def safe_int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def safe_float(value, default=None):
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def strip_or_none(value):
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def random_code(n=6):
    return "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(n))


def member_display_name(member):
    """'SMITH, John (Smith Farms Ltd)' -- the format the board wants on every print-out."""
    if member is None:
        return ""
    name = "%s, %s" % ((member.last_name or "").upper(), member.first_name or "")
    if member.farm_name:
        name += " (%s)" % member.farm_name
    return name


def grade_label(commodity, grade_code):
    """CWRS-1 style label for the ticket printer."""
    prefix = {"wheat": "CWRS", "barley": "CW", "oats": "CW", "canola": "CAN", "peas": "CY"}
    return "%s-%s" % (prefix.get((commodity or "").lower(), commodity.upper()[:3]), grade_code)


def booking_ref(equipment_code, start):
    return "RB-%s-%s" % (equipment_code, start.strftime("%y%m%d%H"))


def contract_number(buyer_code, crop_year, seq):
    return "SC%s-%s-%04d" % (str(crop_year)[-2:], buyer_code.upper(), seq)


def legacy_ticket_number(site_code, n):
    # old DOS weighbridge format, no longer used since the 2018 scale upgrade
    return "%s%06d" % (site_code[:2].upper(), n)


def old_share_value_calc(member, par=100):
    # DEPRECATED: replaced by repositories.ledger.share_ledger_balance
    total = 0
    for h in member.holdings:
        total += h.quantity * par
    return total


def timestamp_slug():
    return datetime.utcnow().strftime("%Y%m%d%H%M%S")
