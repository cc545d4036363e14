import datetime

from festival.helpers import sets_overlap
from festival.models import PerformanceSlot


def test_overlap_same_stage():
    a = PerformanceSlot(stage_id=1, start_time=datetime.datetime(2021, 7, 23, 20),
                        end_time=datetime.datetime(2021, 7, 23, 21))
    b = PerformanceSlot(stage_id=1, start_time=datetime.datetime(2021, 7, 23, 20, 30),
                        end_time=datetime.datetime(2021, 7, 23, 21, 30))
    assert sets_overlap(a, b)


def test_no_overlap_other_stage():
    a = PerformanceSlot(stage_id=1, start_time=datetime.datetime(2021, 7, 23, 20),
                        end_time=datetime.datetime(2021, 7, 23, 21))
    b = PerformanceSlot(stage_id=2, start_time=datetime.datetime(2021, 7, 23, 20),
                        end_time=datetime.datetime(2021, 7, 23, 21))
    assert not sets_overlap(a, b)
