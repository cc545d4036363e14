"""Employees, licences, shifts, timesheets and crews."""
import datetime as dt
import logging

from sqlalchemy import func

from wastecorp.extensions import db
from wastecorp.models.staff import (Employee, Shift, Timesheet, CrewAssignment,
                                    Absence, JOB_ROLES)
from wastecorp.models.fleet import DriverLicence
from wastecorp.repositories import common_repo
from wastecorp.utils.dates import today, now, daterange
from wastecorp.utils.misc import send_email

log = logging.getLogger(__name__)

# licence category needed per vehicle class
REQUIRED_CATEGORY = {"RCV26": "C", "RCV32": "C", "HOOK": "C+E", "SKIP": "C",
                     "VAN": "B", "CAGE": "C1"}


class StaffError(Exception):
    pass


def hire_employee(data):
    if data.get("job_role") not in JOB_ROLES:
        raise StaffError("bad role %s" % data.get("job_role"))
    emp = Employee(payroll_no=data["payroll_no"], first_name=data.get("first_name"),
                   last_name=data.get("last_name"), job_role=data["job_role"],
                   depot=data.get("depot"), start_date=data.get("start_date") or today(),
                   hourly_rate=data.get("hourly_rate"), agency=bool(data.get("agency")),
                   phone=data.get("phone"))
    db.session.add(emp)
    db.session.commit()
    return emp


def terminate_employee(employee_id, end_date=None):
    emp = common_repo.get_employee(employee_id)
    emp.end_date = end_date or today()
    (db.session.query(CrewAssignment)
     .filter(CrewAssignment.employee_id == emp.id)
     .filter(CrewAssignment.work_date > emp.end_date)
     .delete(synchronize_session=False))
    db.session.commit()
    return emp


def record_licence(employee_id, licence_no, categories, licence_expiry,
                   cpc_expiry=None, points=0):
    lic = (db.session.query(DriverLicence)
           .filter_by(employee_id=employee_id, licence_no=licence_no).first())
    if lic is None:
        lic = DriverLicence(employee_id=employee_id, licence_no=licence_no)
        db.session.add(lic)
    lic.categories = categories
    lic.licence_expiry = licence_expiry
    lic.cpc_expiry = cpc_expiry
    lic.points = points
    lic.last_checked = today()
    db.session.commit()
    return lic


def licences_expiring(within_days=60):
    cutoff = today() + dt.timedelta(days=within_days)
    return (db.session.query(DriverLicence, Employee)
            .join(Employee, Employee.id == DriverLicence.employee_id)
            .filter(Employee.end_date == None)  # noqa: E711
            .filter((DriverLicence.licence_expiry <= cutoff) |
                    (DriverLicence.cpc_expiry <= cutoff))
            .all())


def notify_expiring_licences(to="transport@wastecorp.example"):
    rows = licences_expiring()
    if not rows:
        return 0
    body = "\n".join("%s %s: licence %s, CPC %s" % (e.payroll_no, e.full_name,
                                                     l.licence_expiry, l.cpc_expiry)
                     for l, e in rows)
    send_email(to, "Driver licences / CPC expiring", body)
    return len(rows)


def is_driver_eligible(employee_id, vehicle_id, on_date=None):
    on_date = on_date or today()
    vehicle = common_repo.get_vehicle(vehicle_id)
    need = REQUIRED_CATEGORY.get(vehicle.vehicle_class, "C")
    for lic in db.session.query(DriverLicence).filter_by(employee_id=employee_id):
        cats = [c.strip() for c in (lic.categories or "").split(",")]
        if need in cats and (lic.licence_expiry is None or lic.licence_expiry >= on_date) \
                and (need == "B" or (lic.cpc_expiry and lic.cpc_expiry >= on_date)):
            return True
    return False


def plan_shift(employee_id, shift_date, start_hour=6, hours=9, depot=None):
    start = dt.datetime.combine(shift_date, dt.time(start_hour))
    sh = Shift(employee_id=employee_id, shift_date=shift_date, planned_start=start,
               planned_end=start + dt.timedelta(hours=hours), depot=depot)
    db.session.add(sh)
    db.session.commit()
    return sh


def plan_week(depot, week_start):
    created = 0
    for emp in db.session.query(Employee).filter(Employee.depot == depot,
                                                 Employee.end_date == None):  # noqa: E711
        for day in daterange(week_start, week_start + dt.timedelta(days=4)):
            if is_absent(emp.id, day):
                continue
            plan_shift(emp.id, day, depot=depot)
            created += 1
    return created


def clock_in(employee_id, when=None):
    when = when or now()
    sh = (db.session.query(Shift).filter_by(employee_id=employee_id,
                                            shift_date=when.date()).first())
    ts = Timesheet(employee_id=employee_id, shift_id=sh.id if sh else None, clock_in=when)
    db.session.add(ts)
    db.session.commit()
    return ts


def clock_out(employee_id, when=None, break_minutes=30):
    when = when or now()
    ts = (db.session.query(Timesheet)
          .filter(Timesheet.employee_id == employee_id, Timesheet.clock_out == None)  # noqa: E711
          .order_by(Timesheet.clock_in.desc()).first())
    if ts is None:
        raise StaffError("employee %s is not clocked in" % employee_id)
    ts.clock_out = when
    ts.break_minutes = break_minutes
    worked = (when - ts.clock_in).total_seconds() / 60 - break_minutes
    if ts.shift_id:
        sh = db.session.query(Shift).get(ts.shift_id)
        planned = (sh.planned_end - sh.planned_start).total_seconds() / 60
        ts.overtime_minutes = max(0, int(worked - planned))
    db.session.commit()
    return ts


def assign_crew(route_id, work_date, driver_id, loader_ids=(), vehicle_id=None):
    if vehicle_id and not is_driver_eligible(driver_id, vehicle_id, work_date):
        raise StaffError("driver %s cannot drive vehicle %s" % (driver_id, vehicle_id))
    (db.session.query(CrewAssignment)
     .filter_by(route_id=route_id, work_date=work_date)
     .delete(synchronize_session=False))
    rows = [CrewAssignment(employee_id=driver_id, route_id=route_id, vehicle_id=vehicle_id,
                           work_date=work_date, crew_role="DRIVER")]
    for lid in loader_ids:
        rows.append(CrewAssignment(employee_id=lid, route_id=route_id, vehicle_id=vehicle_id,
                                   work_date=work_date, crew_role="LOADER"))
    db.session.add_all(rows)
    db.session.commit()
    return rows


def crew_for_route_day(route_id, work_date):
    return (db.session.query(Employee, CrewAssignment.crew_role)
            .join(CrewAssignment, CrewAssignment.employee_id == Employee.id)
            .filter(CrewAssignment.route_id == route_id,
                    CrewAssignment.work_date == work_date).all())


def record_absence(employee_id, absence_type, start_date, end_date=None, notes=None):
    ab = Absence(employee_id=employee_id, absence_type=absence_type,
                 start_date=start_date, end_date=end_date, notes=notes)
    db.session.add(ab)
    db.session.commit()
    return ab


def is_absent(employee_id, day):
    return db.session.query(Absence).filter(
        Absence.employee_id == employee_id, Absence.start_date <= day,
        (Absence.end_date == None) | (Absence.end_date >= day)).first() is not None  # noqa: E711


def hours_for_period(employee_id, start, end):
    rows = (db.session.query(Timesheet)
            .filter(Timesheet.employee_id == employee_id)
            .filter(Timesheet.clock_in >= start)
            .filter(Timesheet.clock_in < end + dt.timedelta(days=1))
            .filter(Timesheet.clock_out != None).all())  # noqa: E711
    basic = overtime = 0.0
    for ts in rows:
        mins = (ts.clock_out - ts.clock_in).total_seconds() / 60 - (ts.break_minutes or 0)
        overtime += (ts.overtime_minutes or 0) / 60.0
        basic += mins / 60.0 - (ts.overtime_minutes or 0) / 60.0
    return {"basic": round(basic, 2), "overtime": round(overtime, 2)}


def export_timesheets_for_payroll(start, end):
    out = []
    q = (db.session.query(Timesheet.employee_id, func.count(Timesheet.id))
         .filter(Timesheet.exported == False)  # noqa: E712
         .filter(Timesheet.clock_in >= start, Timesheet.clock_in < end + dt.timedelta(days=1))
         .group_by(Timesheet.employee_id))
    for emp_id, _n in q:
        emp = common_repo.get_employee(emp_id)
        hrs = hours_for_period(emp_id, start, end)
        out.append({"payroll_no": emp.payroll_no, "basic": hrs["basic"],
                    "overtime": hrs["overtime"]})
    (db.session.query(Timesheet)
     .filter(Timesheet.exported == False)  # noqa: E712
     .filter(Timesheet.clock_in >= start, Timesheet.clock_in < end + dt.timedelta(days=1))
     .update({"exported": True}, synchronize_session=False))
    db.session.commit()
    return out
