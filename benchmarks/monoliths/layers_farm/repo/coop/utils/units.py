"""Unit conversions.  Bushel weights per CGC tables."""
import math

from coop.config import get_config
from coop.utils.money import D

BUSHEL_KG = {
    "wheat": 27.2155,
    "barley": 21.7724,
    "oats": 15.4221,
    "canola": 22.6796,
    "peas": 27.2155,
    "flax": 25.4012,
}

ACRE_IN_HA = 0.404686


def kg_to_tonnes(kg):
    return round(float(kg or 0) / 1000.0, 3)


def tonnes_to_kg(t):
    return int(round(float(t or 0) * 1000))


def bushels_to_tonnes(bushels, commodity):
    per = BUSHEL_KG.get((commodity or "").lower(), 27.2155)
    return round(float(bushels) * per / 1000.0, 3)


def tonnes_to_bushels(tonnes, commodity):
    per = BUSHEL_KG.get((commodity or "").lower(), 27.2155)
    return round(float(tonnes) * 1000.0 / per, 1)


def acres_to_hectares(acres):
    return round(float(acres or 0) * ACRE_IN_HA, 2)


def moisture_shrink(net_kg, moisture_pct, commodity):
    """Weight after drying to base moisture plus handling shrink.

    Moved here from grading.py in 2018 because the bin module needed it too.
    Formula: shrink% = (M - Mb) / (100 - Mb) * 100 + handling
    """
    cfg = get_config()
    base = cfg.BASE_MOISTURE.get((commodity or "").lower(), 14.5)
    moisture = float(moisture_pct or 0)
    if moisture <= base:
        return int(net_kg)
    shrink_pct = (moisture - base) / (100.0 - base) * 100.0 + cfg.SHRINK_HANDLING_PCT
    return int(round(net_kg * (1 - shrink_pct / 100.0)))


def test_weight_to_kg_hl(lb_per_bu):
    # 1 lb/bu = 1.2872 kg/hl
    return round(float(lb_per_bu) * 1.2872, 1)


def bin_capacity_tonnes(diameter_m, eave_height_m, bulk_density_kg_m3=770, peak_deg=25):
    """Rough capacity of a round hopper bin incl. the peaked cone."""
    r = float(diameter_m) / 2.0
    cyl = math.pi * r * r * float(eave_height_m)
    cone_h = r * math.tan(math.radians(peak_deg))
    cone = math.pi * r * r * cone_h / 3.0
    return round((cyl + cone) * bulk_density_kg_m3 / 1000.0, 1)


def to_decimal_tonnes(kg):
    return (D(kg) / D(1000)).quantize(D("0.001"))
