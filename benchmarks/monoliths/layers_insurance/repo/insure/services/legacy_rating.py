# Rating engine v1 (2018). Replaced by services/rating.py, kept because the
# actuaries want to compare renewals. Nothing calls it from the app anymore.
from insure.util import round_money

V1_RATES = {"HOME": 1.85, "MOTOR": 22.0, "TRAVEL": 0.9}


def rate_v1(line, sum_insured, zone="C", claims=0):
    rate = V1_RATES.get(line.upper(), 2.0)
    if zone in ("A", "B"):
        rate *= 0.92
    rate *= 1 + 0.15 * min(claims, 4)
    return round_money(sum_insured / 1000.0 * rate)
