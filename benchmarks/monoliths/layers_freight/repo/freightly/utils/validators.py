"""Input validation helpers."""
import re

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")
LOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
CONTAINER_RE = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")
HS_RE = re.compile(r"^\d{6}(\d{2}(\d{2})?)?$")
IBAN_RE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


class ValidationError(ValueError):
    def __init__(self, field, message):
        ValueError.__init__(self, "%s: %s" % (field, message))
        self.field = field
        self.message = message


def require_fields(data, *fields):
    missing = [f for f in fields if data.get(f) in (None, "")]
    if missing:
        raise ValidationError(missing[0], "is required")
    return True


def validate_email(value):
    if not value or not EMAIL_RE.match(value):
        raise ValidationError("email", "invalid email address")
    return value.lower()


def validate_port_code(value):
    """UN/LOCODE, e.g. DEHAM, NLRTM, CNSHA."""
    code = (value or "").strip().upper().replace(" ", "")
    if not LOCODE_RE.match(code):
        raise ValidationError("port", "invalid UN/LOCODE %r" % value)
    return code


def validate_positive(value, field="value"):
    try:
        num = float(value)
    except (TypeError, ValueError):
        raise ValidationError(field, "must be a number")
    if num <= 0:
        raise ValidationError(field, "must be positive")
    return value


def validate_container_number(value):
    """ISO 6346 container number incl. check digit."""
    number = (value or "").strip().upper()
    if not CONTAINER_RE.match(number):
        raise ValidationError("container_no", "bad format")
    values = {}
    n = 10
    for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if n % 11 == 0:
            n += 1
        values[ch] = n
        n += 1
    total = 0
    for i, ch in enumerate(number[:10]):
        v = values[ch] if ch.isalpha() else int(ch)
        total += v * (2 ** i)
    check = total % 11 % 10
    if check != int(number[10]):
        raise ValidationError("container_no", "check digit mismatch")
    return number


def validate_hs_code(value):
    code = (value or "").replace(".", "").replace(" ", "")
    if not HS_RE.match(code):
        raise ValidationError("hs_code", "HS code must have 6, 8 or 10 digits")
    return code


def validate_iban(value):
    iban = (value or "").replace(" ", "").upper()
    if not IBAN_RE.match(iban):
        raise ValidationError("iban", "bad format")
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    if int(digits) % 97 != 1:
        raise ValidationError("iban", "checksum failed")
    return iban


def validate_vat_number(value, country=None):
    vat = (value or "").replace(" ", "").upper()
    if len(vat) < 8 or not vat[:2].isalpha():
        raise ValidationError("vat_number", "invalid VAT number")
    if country and vat[:2] != country.upper() and not (country == "GR" and vat[:2] == "EL"):
        raise ValidationError("vat_number", "country prefix does not match")
    return vat
