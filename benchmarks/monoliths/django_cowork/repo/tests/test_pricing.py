import datetime
from decimal import Decimal

from common.pricing import prorate_amount


def test_prorate_half_month():
    assert prorate_amount(Decimal("300"), datetime.date(2021, 6, 16)) == Decimal("150.00")


def test_prorate_full_month():
    assert prorate_amount(Decimal("300"), datetime.date(2021, 6, 1)) == Decimal("300.00")
