import datetime

import helpers as h


def test_money():
    assert h.money(1250) == "\u00a312.50"
    assert h.money(-5) == "-\u00a30.05"


def test_to_pence():
    assert h.to_pence("12.50") == 1250
    assert h.to_pence("\u00a31,200") == 120000
    assert h.to_pence("abc") is None


def test_delivery_days_mon_sat():
    # w/c 6 March 2023
    assert h.delivery_days_between("MTWTFS-", datetime.date(2023, 3, 6), datetime.date(2023, 3, 12)) == 6


def test_period_charge_with_hold():
    plan = {"days_mask": "MTWTFS-", "price_per_week_pence": 1200}
    hold = {"start_date": datetime.date(2023, 3, 6), "end_date": datetime.date(2023, 3, 8)}
    assert h.period_charge(plan, datetime.date(2023, 3, 6), datetime.date(2023, 3, 12), [hold]) == 600


def test_count_words_phone_is_one_word():
    assert h.count_words("Sofa, good cond. 01580 555 210") == 4


def test_ad_price_agency():
    assert h.ad_price(1000, 2, 10, 15) == (20000, 3000)


def test_round_pages():
    assert h.round_pages(30) == 32
    assert h.round_pages(32) == 32
