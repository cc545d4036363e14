from datetime import datetime
from types import SimpleNamespace

from carehub.core.business_rules import billable_minutes


def test_billable_rounds_up():
    v = SimpleNamespace(planned_minutes=20, actual_start=None, actual_end=None, status="completed")
    assert billable_minutes(v) == 30


def test_short_visit_billed_actual():
    v = SimpleNamespace(planned_minutes=60, actual_start=datetime(2022, 1, 1, 9, 0),
                        actual_end=datetime(2022, 1, 1, 9, 20), status="completed")
    assert billable_minutes(v) == 30
