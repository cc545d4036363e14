from datetime import date, datetime, timedelta

import pytz

from carehub.core.config import settings

# England & Wales - update every year!! (last updated for 2024)
BANK_HOLIDAYS = {
    date(2021, 4, 2), date(2021, 4, 5), date(2021, 5, 3), date(2021, 5, 31),
    date(2021, 8, 30), date(2021, 12, 27), date(2021, 12, 28),
    date(2022, 1, 3), date(2022, 4, 15), date(2022, 4, 18), date(2022, 5, 2),
    date(2022, 6, 2), date(2022, 6, 3), date(2022, 8, 29), date(2022, 9, 19),
    date(2022, 12, 26), date(2022, 12, 27),
    date(2023, 1, 2), date(2023, 4, 7), date(2023, 4, 10), date(2023, 5, 1),
    date(2023, 5, 8), date(2023, 5, 29), date(2023, 8, 28), date(2023, 12, 25),
    date(2023, 12, 26),
    date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 6),
    date(2024, 5, 27), date(2024, 8, 26), date(2024, 12, 25), date(2024, 12, 26),
}


def is_bank_holiday(d):
    return d in BANK_HOLIDAYS or (d.month == 12 and d.day == 25)


def week_start(d):
    """Our pay/rota week starts on Monday"""
    if isinstance(d, datetime):
        d = d.date()
    return d - timedelta(days=d.weekday())


def daterange(start, end):
    cur = start
    while cur <= end:
        yield cur
        cur += timedelta(days=1)


