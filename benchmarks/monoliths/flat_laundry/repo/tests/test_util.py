import datetime
import decimal
import unittest

import util
import dates


class UtilTests(unittest.TestCase):
    def test_round_money(self):
        self.assertEqual(util.round_money('1.005'), decimal.Decimal('1.01'))

    def test_fmt_money_negative(self):
        self.assertEqual(util.fmt_money(-3), u'-\xa33.00')

    def test_clean_postcode(self):
        self.assertEqual(util.clean_postcode('ls11un'), 'LS1 1UN')

    def test_route_code(self):
        self.assertEqual(util.route_code('MAIN', 0, 3), 'MA-MON-03')


class DatesTests(unittest.TestCase):
    def test_week_start(self):
        self.assertEqual(dates.week_start(datetime.date(2013, 5, 9)), datetime.date(2013, 5, 6))

    def test_working_days(self):
        self.assertEqual(dates.working_days_between(datetime.date(2013, 5, 6), datetime.date(2013, 5, 13)), 4)


if __name__ == '__main__':
    unittest.main()
