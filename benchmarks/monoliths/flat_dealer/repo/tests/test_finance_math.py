import unittest

from dealer import utils


class PaymentTest(unittest.TestCase):
    def test_zero_rate(self):
        self.assertEqual(utils.calc_monthly_payment(12000, 0, 48), 250.0)

    def test_hp(self):
        self.assertAlmostEqual(utils.calc_monthly_payment(10000, 9.9, 48), 253.0, delta=1.0)

    def test_pcp_balloon_lowers_payment(self):
        hp = utils.calc_monthly_payment(15000, 6.9, 36)
        pcp = utils.calc_monthly_payment(15000, 6.9, 36, balloon=6000)
        self.assertLess(pcp, hp)


if __name__ == '__main__':
    unittest.main()
