import logging
from datetime import date, timedelta

from sqlalchemy import select

from fleetco.common.errors import ConflictError, ValidationError
from fleetco.common.notifications import render_template, send_email, send_sms
from fleetco.common.utils import utcnow
from fleetco.models.accounts import Driver, DriverLicense
from fleetco.models.billing import DriverShift
from fleetco.repositories.fleet_repo import DriverRepository

log = logging.getLogger(__name__)

# EU 561/2006, simplified: 9h daily (10h twice a week, ignored), 56h weekly
MAX_DAILY_HOURS = 9
MAX_WEEKLY_HOURS = 56
REQUIRED_CATEGORY = {"van": "B", "rigid": "C", "tractor": "CE", "trailer": "CE"}


def hire_driver(session, employee_no, first_name, last_name, phone=None, depot=None):
    repo = DriverRepository(session)
    existing = session.execute(
        select(Driver).where(Driver.employee_no == employee_no)
    ).scalar_one_or_none()
    if existing:
        raise ConflictError(f"employee {employee_no} exists")
    driver = Driver(employee_no=employee_no, first_name=first_name.strip(),
                    last_name=last_name.strip(), phone=phone, home_depot=depot)
    return repo.add(driver)


def add_license(session, driver_id, category, expires_on, number=None, issued_on=None):
    if expires_on <= date.today():
        raise ValidationError("licence already expired")
    licence = DriverLicense(driver_id=driver_id, category=category.upper(), number=number,
                            issued_on=issued_on, expires_on=expires_on)
    session.add(licence)
    return licence


def can_drive(driver, vehicle_kind, on_day=None):
    needed = REQUIRED_CATEGORY.get(vehicle_kind, "C")
    on_day = on_day or date.today()
    valid = {lic.category for lic in driver.licenses if lic.expires_on >= on_day}
    if needed == "C" and "CE" in valid:
        return True
    return needed in valid


def start_shift(session, driver_id, vehicle_id=None):
    repo = DriverRepository(session)
    if repo.open_shift(driver_id):
        raise ConflictError("driver already has an open shift")
    if hours_remaining_this_week(session, driver_id) <= 0:
        raise ConflictError("weekly driving limit reached")
    shift = DriverShift(driver_id=driver_id, vehicle_id=vehicle_id, started_at=utcnow())
    session.add(shift)
    return shift


def end_shift(session, driver_id, break_minutes=45):
    shift = DriverRepository(session).open_shift(driver_id)
    if shift is None:
        raise ConflictError("no open shift")
    shift.ended_at = utcnow()
    shift.break_minutes = break_minutes
    if shift.hours() > MAX_DAILY_HOURS:
        log.warning("driver %s exceeded daily hours: %.1f", driver_id, shift.hours())
    return shift


def hours_remaining_this_week(session, driver_id):
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    shifts = (
        session.query(DriverShift)
        .filter(DriverShift.driver_id == driver_id, DriverShift.started_at >= monday)
        .all()
    )
    driver = DriverRepository(session).get(driver_id)
    limit = min(driver.max_weekly_hours or MAX_WEEKLY_HOURS, MAX_WEEKLY_HOURS)
    return round(limit - sum(s.hours() for s in shifts), 2)


def available_drivers(session, vehicle_kind, depot=None):
    return [
        d for d in DriverRepository(session).active(depot)
        if can_drive(d, vehicle_kind) and hours_remaining_this_week(session, d.id) > 4
    ]


def license_expiry_reminders(session, within_days=30):
    count = 0
    for lic in DriverRepository(session).licenses_expiring(within_days):
        driver = lic.driver
        msg = render_template("license_expiry", name=driver.full_name, category=lic.category,
                              expires_on=lic.expires_on)
        send_sms(driver.phone, msg)
        send_email(driver.email, "Licence expiry", msg)
        count += 1
    return count
