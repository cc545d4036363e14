from datetime import date
from unittest import mock

import dao


def test_price_stay_falls_back_to_base_rate():
    with mock.patch("dao.db") as fake:
        fake.query.return_value = []
        fake.query_one.return_value = {"base_rate": "100", "discount_pct": "10", "min_stay": 1}
        nightly = dao.price_stay(1, 1, date(2023, 6, 1), date(2023, 6, 3))
    assert [str(p) for _, p in nightly] == ["90.00", "90.00"]


def test_cancellation_fee_non_refundable_is_total():
    with mock.patch("dao.db") as fake:
        fake.scalar.return_value = 0
        fee = dao.cancellation_fee({"id": 1, "rate_plan_id": 2, "total_amount": "300",
                                    "arrival": "2030-01-01"})
    assert str(fee) == "300.00"
