"""Pre-2021 zone tariff. Kept for the Jansen contract, which ended in 2022.

Nothing calls this any more but finance asked us not to delete it.
"""
from fleetco.common.utils import round_money

ZONE_TARIFF = {1: 45.0, 2: 62.5, 3: 80.0, 4: 110.0}
WEIGHT_BANDS = [(100, 1.0), (500, 1.4), (1000, 1.9), (5000, 3.2), (24000, 6.0)]


def legacy_weight_band(weight_kg):
    for limit, factor in WEIGHT_BANDS:
        if weight_kg <= limit:
            return factor
    return WEIGHT_BANDS[-1][1]


def legacy_zone_price(zone, weight_kg, tail_lift=False):
    base = ZONE_TARIFF.get(zone)
    if base is None:
        return None
    price = base * legacy_weight_band(weight_kg)
    if tail_lift:
        price += 30
    return round_money(price)
