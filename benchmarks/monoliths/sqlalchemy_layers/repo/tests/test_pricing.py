from decimal import Decimal
from types import SimpleNamespace

import pytest

from fleetco.common.errors import ValidationError
from fleetco.services.fleet_service import calculate_fuel_surcharge
from fleetco.services.pricing import apply_discounts, compute_lane_price, lane_distance_km


def card(**kw):
    base = dict(base_fee=Decimal("40"), per_km=Decimal("1.1"), per_kg=Decimal("0.02"),
                min_charge=Decimal("95"), fuel_surcharge_pct=Decimal("0"))
    base.update(kw)
    return SimpleNamespace(**base)


def test_minimum_charge_top_up():
    lines = compute_lane_price(card(), 10, 100)
    assert sum(a for _, _, a in lines) == Decimal("95.00")


def test_unknown_extra_rejected():
    with pytest.raises(ValidationError):
        compute_lane_price(card(), 100, 100, extras=["HELICOPTER"])


def test_contract_customer_gets_no_volume_discount():
    lines = [("BASE", "Base", Decimal("100.00"))]
    customer = SimpleNamespace(rate_card_id=7)
    assert apply_discounts(lines, customer, volume_last_90d=500) == lines


def test_lane_distance_symmetric():
    assert lane_distance_km("1012AB", "3011AA") == lane_distance_km("3011AA", "1012AB")


def test_fuel_surcharge_zero_below_base_price():
    assert calculate_fuel_surcharge(Decimal("100"), diesel_price=1.30) == Decimal("0.00")
