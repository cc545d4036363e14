# Helpers carried over from the 2016 codebase. Some of these are still used.
import re
from xml.sax.saxutils import escape


def smart_str_old(s, encoding="utf-8"):
    if isinstance(s, bytes):
        return s.decode(encoding, "replace")
    return str(s)


def old_format_date(d):
    # dd/mm/yyyy - what the DVLA and the letters printer expect
    return d.strftime("%d/%m/%Y") if d else ""


def xml_escape(value):
    return escape(smart_str_old(value), {'"': "&quot;"})


def compute_pcn_check_digit(ref):
    """Mod-11 check character printed on PCNs (the TEC rejects refs without it)."""
    weights = [8, 7, 6, 5, 4, 3, 2, 9, 8, 7]
    digits = re.sub(r"[^0-9A-Z]", "", ref.upper())
    total = 0
    for i, ch in enumerate(digits[:10]):
        value = int(ch) if ch.isdigit() else (ord(ch) - 55) % 10
        total += value * weights[i % len(weights)]
    check = 11 - (total % 11)
    return "X" if check == 10 else ("0" if check == 11 else str(check))


def old_tariff_lookup(zone_code, minutes):
    # hard-coded prices from before the Tariff table existed. DEAD - kept for the
    # 2017 audit queries. Do not use.
    table = {"A": [(60, 120), (120, 220), (240, 400)], "B": [(60, 80), (180, 200)]}
    for up_to, price in table.get(zone_code[:1], []):
        if minutes <= up_to:
            return price
    return None
