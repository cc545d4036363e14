from decimal import Decimal

from insure.services import rating


class F(object):
    def __init__(self, name, mult, value=None, low=None, high=None, cov=None):
        self.factor_name, self.multiplier, self.band_value = name, Decimal(mult), value
        self.band_low, self.band_high, self.coverage_code = low, high, cov


def test_postcode_zone():
    assert rating.postcode_zone("1012 AB") == "A"
    assert rating.postcode_zone(None) == "C"


def test_factor_multiplier_bands():
    factors = [F("driver_age", "1.8", low=Decimal(18), high=Decimal(25)), F("driver_age", "1.0", low=Decimal(25))]
    assert rating.factor_multiplier(factors, "driver_age", 21) == Decimal("1.8")
    assert rating.factor_multiplier(factors, "driver_age", 40) == Decimal("1.0")
