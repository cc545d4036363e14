"""input validators.  return True/False, never raise (except when they do)."""
import re

EMAIL_RE = re.compile(r'^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$')
ZIP_RE = re.compile(r'^\d{5}(-\d{4})?$')
DEA_RE = re.compile(r'^[A-Za-z]{2}\d{7}$')


def validate_email(s):
    return bool(s) and bool(EMAIL_RE.match(s))


def validate_phone(s):
    if not s:
        return False
    return len(re.sub(r'\D', '', s)) in (10, 11)


def validate_zip(s):
    return bool(s) and bool(ZIP_RE.match(s.strip()))


def validate_npi(npi):
    """Luhn with the 80840 prefix, per CMS."""
    if not npi or not re.match(r'^\d{10}$', npi):
        return False
    digits = '80840' + npi[:-1]
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    check = (10 - total % 10) % 10
    return check == int(npi[-1])


def validate_dea_number(dea, last_name=None):
    if not dea or not DEA_RE.match(dea):
        return False
    d = [int(c) for c in dea[2:]]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    if check != d[6]:
        return False
    if last_name and dea[1].upper() != last_name[0].upper() and dea[1] != '9':
        return False
    return True


def validate_ndc(ndc):
    """we store NDCs as 11 digits, no dashes (5-4-2)."""
    if not ndc:
        return False
    digits = re.sub(r'\D', '', ndc)
    return len(digits) == 11


def validate_bin(bin_):
    return bool(bin_) and bool(re.match(r'^\d{6}$', bin_))
