import unittest
from decimal import Decimal

from lib.rating import _zone_for_number, units_for


class UnitsTest(unittest.TestCase):

    def test_voice_minimum(self):
        self.assertEqual(units_for("voice", {"duration_sec": 5}), Decimal(1))

    def test_data_rounding(self):
        self.assertEqual(units_for("data", {"volume_kb": 150}), Decimal("0.2"))

    def test_zone(self):
        self.assertEqual(_zone_for_number("31612345678"), "NATIONAL")
        self.assertEqual(_zone_for_number("319001234"), "PREMIUM")
        self.assertEqual(_zone_for_number("4930123456"), "EU")


if __name__ == "__main__":
    unittest.main()
