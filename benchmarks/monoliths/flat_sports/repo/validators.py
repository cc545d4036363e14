"""Input validation helpers."""
import re

from errors import ValidationError

EMAIL_RE = re.compile(r'^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$')
POSTCODE_RE = re.compile(r'^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$')
PHONE_RE = re.compile(r'^(\+44|0)[0-9 ]{9,13}$')


def valid_email(s):
    return bool(s and EMAIL_RE.match(s.strip()))


def valid_postcode(s):
    return bool(s and POSTCODE_RE.match(s.strip().upper()))


def valid_phone(s):
    return bool(s and PHONE_RE.match(s.strip()))


def normalise_postcode(s):
    s = (s or '').replace(' ', '').upper()
    if len(s) < 5:
        return s
    return s[:-3] + ' ' + s[-3:]


def require(data, *fields):
    missing = [f for f in fields if not (data.get(f) or '').strip()]
    if missing:
        raise ValidationError('Please fill in: %s' % ', '.join(missing), field=missing[0])


def check_length(value, field, maxlen):
    if value and len(value) > maxlen:
        raise ValidationError('%s is too long (max %d)' % (field, maxlen), field=field)
    return value


def check_range(value, field, lo=None, hi=None):
    if value is None:
        raise ValidationError('%s is required' % field, field=field)
    if lo is not None and value < lo:
        raise ValidationError('%s must be at least %s' % (field, lo), field=field)
    if hi is not None and value > hi:
        raise ValidationError('%s must be at most %s' % (field, hi), field=field)
    return value
