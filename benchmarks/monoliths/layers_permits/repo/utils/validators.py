import re

from errors import ValidationFailed

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
APN_RE = re.compile("^\d{3}-\d{3}-\d{3}$")
LICENSE_RE = re.compile(r"^(GEN-A|GEN-B|ELEC|PLMB|MECH|ROOF|DEMO)-\d{5}$")


def require_fields(data, *names):
    missing = [n for n in names if data.get(n) in (None, "")]
    if missing:
        raise ValidationFailed("missing fields", {"fields": missing})


def is_valid_email(value):
    return bool(value and EMAIL_RE.match(value))


def normalize_phone(value):
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValidationFailed("invalid phone number", {"phone": value})
    return "(%s) %s-%s" % (digits[:3], digits[3:6], digits[6:])


def valid_apn(value):
    return bool(value and APN_RE.match(value.strip()))


def valid_license_number(value):
    return bool(value and LICENSE_RE.match(value.strip().upper()))
