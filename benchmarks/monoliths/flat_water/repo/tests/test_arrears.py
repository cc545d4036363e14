import unittest
from decimal import Decimal
import datetime

import arrears


class PlanScheduleTest(unittest.TestCase):
    def test_schedule_sums(self):
        sched = arrears.plan_schedule(Decimal('1000'), 6, 20, datetime.date(2022, 1, 15))
        self.assertEqual(sum(a for _, a in sched), Decimal('1000'))
        self.assertEqual(len(sched), 6)


if __name__ == '__main__':
    unittest.main()
