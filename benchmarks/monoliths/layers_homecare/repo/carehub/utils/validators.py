import re

NI_RE = re.compile(r"^[A-CEGHJ-PR-TW-Z]{2}\d{6}[A-D]$")


def valid_nhs_number(value):
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 10:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def valid_ni_number(value):
    return bool(NI_RE.match((value or "").replace(" ", "").upper()))


def clean_phone(value):
    if not value:
        return None
    v = re.sub(r"[^\d+]", "", value)
    if v.startswith("0"):
        v = "+44" + v[1:]
    return v
