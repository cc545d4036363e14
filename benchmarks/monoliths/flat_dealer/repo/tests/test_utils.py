import decimal
import datetime
import unittest

from dealer import utils


class UtilsTest(unittest.TestCase):
    def test_round_money(self):
        self.assertEqual(utils.round_money('2.345'), decimal.Decimal('2.35'))

    def test_format_money(self):
        self.assertEqual(utils.format_money(1234.5), u'\xa31,234.50')
        self.assertEqual(utils.format_money(-5), u'-\xa35.00')

    def test_parse_date(self):
        self.assertEqual(utils.parse_date('03/04/2017'), datetime.date(2017, 4, 3))
        self.assertEqual(utils.parse_date('2017-04-03'), datetime.date(2017, 4, 3))
        self.assertIsNone(utils.parse_date('nonsense'))

    def test_vin(self):
        self.assertTrue(utils.vin_is_valid('TMBJJ7NE4J0123456'))
        self.assertFalse(utils.vin_is_valid('TMBJJ7NE4J012345'))
        self.assertFalse(utils.vin_is_valid('TMBJJ7NE4J01234O6'))

    def test_postcode(self):
        self.assertEqual(utils.normalise_postcode('ha12ab'), 'HA1 2AB')


if __name__ == '__main__':
    unittest.main()
