import unittest
from decimal import Decimal

import money


class MoneyTest(unittest.TestCase):
    def test_round(self):
        self.assertEqual(money.round_money('1.005'), Decimal('1.01'))

    def test_fmt(self):
        self.assertEqual(money.fmt_money(Decimal('-1234.5')), '-$1,234.50')

    def test_split(self):
        self.assertEqual(sum(money.split_evenly('10.00', 3)), Decimal('10.00'))


if __name__ == '__main__':
    unittest.main()
