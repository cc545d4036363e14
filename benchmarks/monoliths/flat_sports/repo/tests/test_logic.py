import datetime
import unittest

import fixtures_gen
import dateutils
import pricing


class RoundRobinTest(unittest.TestCase):

    def test_every_pair_once(self):
        rounds = fixtures_gen.round_robin([1, 2, 3, 4])
        pairs = set()
        for r in rounds:
            for a, b in r:
                pairs.add(frozenset((a, b)))
        self.assertEqual(len(pairs), 6)

    def test_odd_number_gets_bye(self):
        rounds = fixtures_gen.round_robin([1, 2, 3])
        self.assertEqual(len(rounds), 3)
        self.assertTrue(all(len(r) == 1 for r in rounds))


class DateTest(unittest.TestCase):

    def test_age(self):
        self.assertEqual(dateutils.age_on(datetime.date(2010, 5, 5), datetime.date(2020, 5, 4)), 9)

    def test_add_months_end(self):
        self.assertEqual(dateutils.add_months(datetime.date(2020, 1, 31), 1), datetime.date(2020, 2, 29))

    def test_day_type(self):
        self.assertEqual(pricing.day_type(datetime.date(2019, 12, 25)), 'bankhol')


if __name__ == '__main__':
    unittest.main()
