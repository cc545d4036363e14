import unittest
from decimal import Decimal

from lib.money import allocate_evenly, format_money, round_money, split_vat


class MoneyTest(unittest.TestCase):

    def test_round_half_up(self):
        self.assertEqual(round_money("0.125"), Decimal("0.13"))

    def test_format(self):
        self.assertEqual(format_money(1234567.5, with_symbol=False), "1.234.567,50")

    def test_split_vat(self):
        self.assertEqual(split_vat("12.10", "0.21"), (Decimal("10.00"), Decimal("2.10")))

    def test_allocate(self):
        parts = allocate_evenly("10.00", 3)
        self.assertEqual(sum(parts), Decimal("10.00"))


if __name__ == "__main__":
    unittest.main()
