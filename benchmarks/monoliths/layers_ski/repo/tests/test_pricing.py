import datetime
import unittest
from decimal import Decimal


class AgeCategoryTests(unittest.TestCase):

    def _call(self, birth, day):
        from resort.services.pricing import age_category
        return age_category(birth, day)

    def test_child(self):
        self.assertEqual(self._call(datetime.date(2015, 1, 1), datetime.date(2022, 1, 10)), 'child')

    def test_no_birthdate_is_adult(self):
        self.assertEqual(self._call(None, datetime.date(2022, 1, 10)), 'adult')


class MoneyTests(unittest.TestCase):

    def test_round(self):
        from resort.lib.money import round_money
        self.assertEqual(round_money('1.005'), Decimal('1.01'))


class DinTests(unittest.TestCase):

    def test_light_child(self):
        from resort.services.rental import din_setting
        self.assertLess(din_setting(25, 120, 8, 1, 240), 3)
