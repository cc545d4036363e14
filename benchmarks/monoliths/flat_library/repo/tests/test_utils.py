import datetime
import utils


def test_round_money():
    assert str(utils.round_money("1.005")) == "1.01"


def test_isbn():
    assert utils.normalise_isbn("978-0-14-044913-6") == "9780140449136"
    assert utils.normalise_isbn("abc") is None


def test_parse_date():
    assert utils.parse_date("01/02/2021") == datetime.date(2021, 2, 1)
