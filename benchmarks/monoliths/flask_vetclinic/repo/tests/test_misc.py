import datetime
from decimal import Decimal

import misc


def test_parse_date_formats():
    assert misc.parse_date("2023-01-31") == datetime.date(2023, 1, 31)
    assert misc.parse_date("31/01/2023") == datetime.date(2023, 1, 31)
    assert misc.parse_date("31/01/23") == datetime.date(2023, 1, 31)
    assert misc.parse_date("rubbish", "x") == "x"
    assert misc.parse_date("") is None


def test_money_rounding():
    assert misc.money("10.005") == Decimal("10.01")
    assert misc.money(None) == Decimal("0.00")
    assert misc.fmt_money(1234.5) == u"\u00a31,234.50"


def test_add_vat():
    net, vat, gross = misc.add_vat(Decimal("100"), 20)
    assert (net, vat, gross) == (Decimal("100.00"), Decimal("20.00"), Decimal("120.00"))
    assert misc.add_vat(10, 0)[1] == Decimal("0.00")


def test_phone_cleaning():
    assert misc.clean_phone("+44 7700 900123") == "07700900123"
    assert misc.to_e164("07700 900123") == "+447700900123"
    assert misc.clean_phone("") is None


def test_proper_name():
    assert misc.proper_name("  ann ", "mcdonald") == ("Ann", "McDonald")


def test_pet_age():
    on = datetime.date(2023, 6, 1)
    assert misc.pet_age("2023-05-10", on) == "3 weeks"
    assert misc.pet_age("2022-06-01", on) == "12 months"
    assert misc.pet_age("2015-01-01", on) == "8 years"
    assert misc.pet_age(None) == "age unknown"


def test_booster_due():
    assert misc.booster_due("2023-01-01", 365) == datetime.date(2024, 1, 1)
    assert misc.booster_due("2023-01-01", 365, primary_dose_no=1) == datetime.date(2023, 1, 22)


def test_day_slots_and_overlap():
    slots = misc.day_slots(datetime.date(2023, 3, 1), "09:00", "10:00", 15)
    assert len(slots) == 4
    a = datetime.datetime(2023, 3, 1, 9, 0)
    b = datetime.datetime(2023, 3, 1, 9, 15)
    c = datetime.datetime(2023, 3, 1, 9, 30)
    assert misc.overlaps(a, c, b, c)
    assert not misc.overlaps(a, b, b, c)


def test_shift_hours_break():
    assert misc.shift_hours("2023-03-01 08:00", "2023-03-01 12:00") == 4.0
    assert misc.shift_hours("2023-03-01 08:00", "2023-03-01 18:00") == 9.5


def test_fill_template_missing_keys():
    assert misc.fill_template("Hi {first_name}, {pet_name} is due", first_name="Ann") == "Hi Ann,  is due"


def test_dose_for_weight():
    assert misc.dose_for_weight(2, "12.5") == "25.0 mg"
    assert misc.dose_for_weight(2, 10, 10) == "2.00 x 10mg tablet(s)"
