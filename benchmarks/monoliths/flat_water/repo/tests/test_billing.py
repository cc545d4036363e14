import unittest
from decimal import Decimal

import billing
import utils


class BlockTariffTest(unittest.TestCase):
    blocks = [
        {'block_no': 1, 'from_kl': 0, 'to_kl': 6, 'rate': '0.00'},
        {'block_no': 2, 'from_kl': 6, 'to_kl': 15, 'rate': '18.40'},
        {'block_no': 3, 'from_kl': 15, 'to_kl': None, 'rate': '26.90'},
    ]

    def test_first_block_free(self):
        lines = billing.calc_block_charges(5, self.blocks)
        self.assertEqual(sum(l['amount'] for l in lines), Decimal('0.00'))

    def test_spans_blocks(self):
        lines = billing.calc_block_charges(20, self.blocks)
        self.assertEqual(sum(l['amount'] for l in lines), Decimal('165.60') + Decimal('134.50'))


class UtilsTest(unittest.TestCase):
    def test_rollover(self):
        self.assertEqual(utils.consumption_between(99990, 10, 5), Decimal('20'))

    def test_check_digit(self):
        self.assertEqual(len(utils.make_account_no(12)), 11)


if __name__ == '__main__':
    unittest.main()
