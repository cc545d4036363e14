import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from rental.models import ReservationStatus
from rental.services.pricing_service import base_rate, cancellation_fee


def test_weekly_rate_kicks_in_after_seven_days():
    plan = SimpleNamespace(daily_rate=Decimal("40"), weekly_rate=Decimal("210"))
    assert base_rate(plan, 6) == Decimal("240.00")
    assert base_rate(plan, 8) == Decimal("250.00")


def test_free_cancellation_two_days_ahead():
    now = dt.datetime(2023, 7, 1, 12, tzinfo=dt.timezone.utc)
    r = SimpleNamespace(status=ReservationStatus.CONFIRMED, quoted_total=Decimal("200"),
                        pickup_at=now + dt.timedelta(days=3))
    assert cancellation_fee(r, now) == Decimal("0")
    r.pickup_at = now + dt.timedelta(hours=10)
    assert cancellation_fee(r, now) == Decimal("100.00")
