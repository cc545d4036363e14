import datetime
import lib


def test_fiscal_year():
    assert lib.fiscal_year(datetime.date(2022, 3, 31)) == 2021
    assert lib.fiscal_year(datetime.date(2022, 4, 1)) == 2022


def test_legacy_fine():
    assert lib.legacy_calc_fine(100) == 6
