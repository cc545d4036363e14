"""Rules that ended up here because several services needed them.

TODO: move these into the services that own them (AH, 2022)
"""
from datetime import datetime, time

from carehub.core.config import settings
from carehub.utils.dates import is_bank_holiday

MIN_BILLABLE_MINUTES = 15
BILLING_INCREMENT_MINUTES = 15
DOUBLE_UP_SCORE = 3


def billable_minutes(visit):
    """Councils pay planned duration unless actual is less than half of it."""
    planned = visit.planned_minutes or 0
    if visit.actual_start and visit.actual_end:
        actual = int((visit.actual_end - visit.actual_start).total_seconds() // 60)
    else:
        actual = 0
    if visit.status == "cancelled_chargeable":
        return planned
    if actual and actual < planned / 2:
        minutes = actual
    else:
        minutes = planned
    minutes = max(minutes, MIN_BILLABLE_MINUTES)
    # round up to next increment
    rem = minutes % BILLING_INCREMENT_MINUTES
    if rem:
        minutes += BILLING_INCREMENT_MINUTES - rem
    return minutes


def enhanced_charge_multiplier(when):
    if is_bank_holiday(when.date()):
        return 2.0
    if when.weekday() >= 5:
        return 1.25
    if when.time() >= time(20, 0) or when.time() < time(7, 0):
        return 1.15
    return 1.0


def payable_minutes(visit):
    # carers are paid actual time with planned as floor if they checked in
    if not visit.actual_start:
        return 0
    end = visit.actual_end or visit.actual_start
    actual = int((end - visit.actual_start).total_seconds() // 60)
    return max(actual, visit.planned_minutes or 0)


def pay_uplift(when):
    if is_bank_holiday(when.date()):
        return 1.5
    if when.weekday() == 6:
        return 1.1
    return 1.0


def requires_two_carers(assessment):
    if assessment is None:
        return False
    if assessment.double_up_override is not None:
        return assessment.double_up_override
    return (assessment.mobility_score or 0) >= DOUBLE_UP_SCORE and assessment.hoist_required


def can_administer_medication(staff):
    return bool(staff.med_competency_date) and staff.status == "active"


def visit_is_late(visit, now=None):
    now = now or datetime.utcnow()
    if visit.actual_start:
        return False
    delta = (now - visit.planned_start).total_seconds() / 60
    return delta > settings.LATE_VISIT_THRESHOLD_MINUTES
