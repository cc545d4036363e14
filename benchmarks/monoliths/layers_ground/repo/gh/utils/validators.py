import re

IATA_AIRLINE_RE = re.compile(r"^[A-Z0-9]{2}$")
IATA_AIRPORT_RE = re.compile(r"^[A-Z]{3}$")
REGISTRATION_RE = re.compile(r"^[A-Z0-9]{1,2}-?[A-Z0-9]{3,5}$")


class ValidationError(Exception):
    def __init__(self, message, field=None):
        super(ValidationError, self).__init__(message)
        self.field = field


def require_fields(data, *fields):
    missing = [f for f in fields if data.get(f) in (None, "")]
    if missing:
        raise ValidationError("missing fields: %s" % ", ".join(missing))


def validate_registration(reg):
    if reg and not REGISTRATION_RE.match(reg.upper()):
        raise ValidationError("bad aircraft registration %r" % reg, "registration")
    return reg.upper() if reg else reg


def validate_positive(value, name):
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValidationError("%s must be a number" % name, name)
    if v < 0:
        raise ValidationError("%s must be positive" % name, name)
    return v
