import datetime

import pytest
from django.utils import timezone

from members.bookings import booking_conflicts


@pytest.mark.django_db
def test_end_before_start(room):
    now = timezone.now()
    assert booking_conflicts(room, now, now - datetime.timedelta(hours=1)) == ["End must be after start"]
