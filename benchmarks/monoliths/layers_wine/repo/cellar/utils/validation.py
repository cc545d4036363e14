import re

from cellar.utils.errors import ValidationError

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
UK_VAT_RE = re.compile(r"^GB\d{9}(\d{3})?$")
POSTCODE_RE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.I)


def require_fields(data, *fields):
    missing = [f for f in fields if data.get(f) in (None, "")]
    if missing:
        raise ValidationError("missing fields: %s" % ", ".join(missing))


def validate_email(value):
    if not value or not EMAIL_RE.match(value.strip()):
        raise ValidationError("invalid email %r" % value)
    return value.strip().lower()


def validate_vat_number(value):
    if value is None:
        return None
    v = value.replace(" ", "").upper()
    if v.startswith("GB") and not UK_VAT_RE.match(v):
        raise ValidationError("bad UK VAT number")
    return v


def normalise_postcode(value):
    if not value:
        return value
    v = value.replace(" ", "").upper()
    if not POSTCODE_RE.match(v):
        return value.upper()  # foreign address probably
    return v[:-3] + " " + v[-3:]
