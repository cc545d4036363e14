import datetime
from decimal import Decimal

import util


def test_fmt_money():
    assert util.fmt_money(Decimal('1234.5')) == u'\xa31,234.50'
    assert util.fmt_money(-2) == u'-\xa32.00'
    assert util.fmt_money(None) == ''


def test_parse_date_formats():
    assert util.parse_date('31/01/2012') == datetime.date(2012, 1, 31)
    assert util.parse_date('2012-01-31') == datetime.date(2012, 1, 31)


def test_round_to_pack():
    assert util.round_to_pack(13, 12) == 24
    assert util.round_to_pack(12, 12) == 12
    assert util.round_to_pack(5, 0) == 5


def test_sscc_check_digit():
    code = util.sscc(1234)
    assert len(code) == 18
    assert code.isdigit()


def test_add_business_days_skips_weekend():
    friday = datetime.date(2012, 6, 1)
    assert util.add_business_days(friday, 1) == datetime.date(2012, 6, 4)
