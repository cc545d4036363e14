import unittest

import loyalty_calc


class PointsTest(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(loyalty_calc.points_for_purchase(10.99), 100)

    def test_gold(self):
        self.assertEqual(loyalty_calc.points_for_purchase(10, 'GOLD'), 150)

    def test_tiers(self):
        self.assertEqual(loyalty_calc.tier_for_points(0), 'BASIC')
        self.assertEqual(loyalty_calc.tier_for_points(5000), 'GOLD')

    def test_rule(self):
        r = loyalty_calc.PointsRule(2, 20)
        self.assertEqual(r.apply(100, 25), 200)
        self.assertEqual(r.apply(100, 5), 100)


if __name__ == '__main__':
    unittest.main()
