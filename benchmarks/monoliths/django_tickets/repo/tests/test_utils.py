import datetime

from common.utils import chunked, month_range, percent_of, to_pence


def test_to_pence_handles_symbols_and_commas():
    assert to_pence("\u00a31,250.50") == 125050
    assert to_pence("") == 0


def test_percent_of_rounds_half_up():
    assert percent_of(1005, 10) == 101


def test_month_range_end_of_february():
    assert month_range(datetime.date(2024, 2, 14)) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))


def test_chunked_keeps_remainder():
    assert list(chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]
