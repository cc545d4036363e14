from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from carehub.core.business_rules import pay_uplift, payable_minutes
from carehub.core.config import settings
from carehub.core.exceptions import CareHubError
from carehub.crud.finance import get_timesheet, pay_rate_for
from carehub.crud.visit import travel_legs_between, visits_for_carer
from carehub.models.finance import MileageClaim, Timesheet, TimesheetEntry
from carehub.models.staff import Staff
from carehub.utils.geo import km_to_miles
from carehub.utils.money import prorate


def build_timesheet(db: Session, staff_id, monday, rebuild=False):
    ts = get_timesheet(db, staff_id, monday)
    if ts and ts.status not in ("open",) and not rebuild:
        return ts
    if ts is None:
        ts = Timesheet(staff_id=staff_id, week_start=monday)
        db.add(ts)
        db.flush()
    else:
        ts.entries.clear()
    staff = db.get(Staff, staff_id)
    rate = pay_rate_for(db, staff.employment_type, staff.job_title, monday)
    start = datetime.combine(monday, datetime.min.time())
    total = 0
    for v in visits_for_carer(db, staff_id, start, start + timedelta(days=7)):
        if v.status not in ("completed", "cancelled_chargeable"):
            continue
        mins = payable_minutes(v) if v.status == "completed" else v.planned_minutes
        uplift = Decimal(str(pay_uplift(v.planned_start)))
        amount = int(prorate(rate.hourly_pence, mins) * uplift)
        entry = TimesheetEntry(entry_date=v.planned_start.date(), kind="visit", minutes=mins,
                               rate_pence=rate.hourly_pence, uplift=uplift, amount_pence=amount,
                               description="Visit %s" % v.id)
        ts.entries.append(entry)
        db.flush()
        v.timesheet_entry_id = entry.id
        total += mins
    travel = 0
    for leg in travel_legs_between(db, staff_id, monday, monday + timedelta(days=6)):
        travel += leg.minutes or 0
    if travel:
        ts.entries.append(TimesheetEntry(entry_date=monday, kind="travel", minutes=travel,
                                         rate_pence=rate.travel_hourly_pence or rate.hourly_pence,
                                         amount_pence=prorate(rate.travel_hourly_pence or rate.hourly_pence, travel),
                                         description="Travel time"))
    ts.total_minutes = total
    ts.travel_minutes = travel
    ts.gross_pence = sum(e.amount_pence for e in ts.entries)
    db.commit()
    return ts


def approve_timesheet(db: Session, timesheet_id, user):
    ts = db.get(Timesheet, timesheet_id)
    if ts.status not in ("open", "submitted"):
        raise CareHubError("Cannot approve timesheet in status %s" % ts.status)
    ts.status = "approved"
    ts.approved_by_id = user.id
    ts.approved_at = datetime.utcnow()
    db.commit()
    return ts


def mileage_from_travel(db: Session, staff_id, monday):
    staff = db.get(Staff, staff_id)
    if not staff.drives:
        return None
    legs = travel_legs_between(db, staff_id, monday, monday + timedelta(days=6))
    miles = round(sum(km_to_miles(l.distance_km or 0) for l in legs), 1)
    if not miles:
        return None
    claim = MileageClaim(staff_id=staff_id, claim_date=monday + timedelta(days=6), miles=miles,
                         amount_pence=int(miles * settings.MILEAGE_RATE_PENCE), source="auto")
    db.add(claim)
    db.commit()
    return claim
