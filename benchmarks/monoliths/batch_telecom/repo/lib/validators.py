# -*- coding: utf-8 -*-
"""Input normalisation / validation that is used all over the place."""
import re

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")
COUNTRY_CODE = "31"


def normalize_msisdn(value, country_code=COUNTRY_CODE):
    """'06-12345678', '+31 6 1234 5678', '0031612345678' -> '31612345678'."""
    if value is None:
        return None
    digits = re.sub(r"[^\d+]", "", str(value))
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = country_code + digits[1:]
    return digits


def is_valid_msisdn(value):
    v = normalize_msisdn(value)
    return bool(v) and v.isdigit() and 10 <= len(v) <= 15


def is_valid_email(value):
    return bool(value) and EMAIL_RE.match(value) is not None


def luhn_ok(number):
    digits = [int(c) for c in str(number) if c.isdigit()]
    if not digits:
        return False
    checksum = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        checksum += d
    return checksum % 10 == 0


def iban_ok(iban):
    iban = (iban or "").replace(" ", "").upper()
    if len(iban) < 15 or not iban[:2].isalpha():
        return False
    rearranged = iban[4:] + iban[:4]
    num = "".join(str(int(c, 36)) for c in rearranged)
    return int(num) % 97 == 1


def clean_str(value, maxlen=None):
    if value is None:
        return None
    v = " ".join(str(value).split())
    if maxlen:
        v = v[:maxlen]
    return v or None
