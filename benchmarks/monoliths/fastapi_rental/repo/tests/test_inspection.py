from decimal import Decimal

from rental.services.inspection_service import diff_damage_diagram, refuel_charge


def test_refuel_charge_full_tank_returned():
    assert refuel_charge(50, 8, 8) == Decimal("0")


def test_refuel_charge_half_tank_missing():
    assert refuel_charge(50, 8, 4) == Decimal("72.50")


def test_new_damage_only():
    before = {"front_left": "scratch"}
    after = {"front_left": "scratch", "rear": "dent_large"}
    assert diff_damage_diagram(before, after) == {"rear": "dent_large"}
