import datetime
from decimal import Decimal

from insure import util


def test_split_evenly_puts_rest_first():
    parts = util.split_evenly(Decimal("100.00"), 3)
    assert sum(parts) == Decimal("100.00")
    assert parts[0] == Decimal("33.34")


def test_add_months_end_of_month():
    assert util.add_months(datetime.date(2021, 1, 31), 1) == datetime.date(2021, 2, 28)


def test_pro_rata_unearned_half_term():
    start, end = datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)
    assert util.pro_rata_unearned(Decimal("364"), start, end, datetime.date(2021, 7, 2)) == Decimal("182.00")
