import logging
import os
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from carehub.core.config import settings
from carehub.core.exceptions import CareHubError
from carehub.models.finance import MileageClaim, PayRun, Payslip, Timesheet
from carehub.models.staff import Staff
from carehub.utils.csv_export import rows_to_csv
from carehub.utils.pdf import render_pdf

log = logging.getLogger(__name__)

HOLIDAY_ACCRUAL_RATE = 0.1207  # 5.6 weeks / 46.4 weeks


def holiday_accrual_minutes(worked_minutes):
    return int(round(worked_minutes * HOLIDAY_ACCRUAL_RATE))


def legacy_holiday_pay(gross_pence, weeks=12):
    # pre-2021 method (12 week average). HMRC changed rules -> holiday_accrual_minutes
    return int(gross_pence / weeks)


def create_pay_run(db: Session, period_start, period_end, user):
    run = PayRun(period_start=period_start, period_end=period_end, created_by_id=user.id)
    db.add(run)
    db.flush()
    sheets = db.execute(select(Timesheet).where(Timesheet.status == "approved",
                                                Timesheet.week_start >= period_start,
                                                Timesheet.week_start <= period_end)).scalars().all()
    by_staff = {}
    for ts in sheets:
        by_staff.setdefault(ts.staff_id, []).append(ts)
        ts.pay_run_id = run.id
    total = 0
    for staff_id, items in by_staff.items():
        gross = sum(t.gross_pence or 0 for t in items)
        worked = sum(t.total_minutes or 0 for t in items)
        mileage = _mileage_for(db, staff_id, period_start, period_end)
        db.add(Payslip(pay_run_id=run.id, staff_id=staff_id, gross_pence=gross,
                       holiday_accrued_minutes=holiday_accrual_minutes(worked), mileage_pence=mileage))
        total += gross
    run.total_gross_pence = total
    db.commit()
    return run


def _mileage_for(db, staff_id, start, end):
    claims = (db.query(MileageClaim)
              .filter(MileageClaim.staff_id == staff_id, MileageClaim.status.in_(["pending", "approved"]),
                      MileageClaim.claim_date >= start, MileageClaim.claim_date <= end + timedelta(days=6))
              .all())
    for c in claims:
        c.status = "paid"
    return sum(c.amount_pence or 0 for c in claims)


def lock_pay_run(db: Session, run_id):
    run = db.get(PayRun, run_id)
    if run.status != "draft":
        raise CareHubError("already locked")
    run.status = "locked"
    for ts in db.query(Timesheet).filter(Timesheet.pay_run_id == run.id):
        ts.status = "paid"
    db.commit()
    return run


def export_sage_csv(db: Session, run_id):
    run = db.get(PayRun, run_id)
    rows = []
    for slip in db.query(Payslip).filter(Payslip.pay_run_id == run_id):
        staff = db.get(Staff, slip.staff_id)
        rows.append((staff.payroll_number, staff.last_name, staff.first_name,
                     "%.2f" % (slip.gross_pence / 100.0), "%.2f" % (slip.mileage_pence / 100.0),
                     "%.2f" % (slip.holiday_accrued_minutes / 60.0)))
    data = rows_to_csv(rows, ["EmpRef", "Surname", "Forename", "BasicPay", "Mileage", "HolidayHrs"])
    fname = os.path.join(settings.PAYROLL_EXPORT_DIR, "payrun_%s_%s.csv" % (run.id, run.period_end))
    with open(fname, "w") as fh:
        fh.write(data)
    run.status = "exported"
    run.exported_at = datetime.utcnow()
    run.export_file = fname
    db.commit()
    return fname


def generate_payslip_pdfs(db: Session, run_id):
    out = []
    for slip in db.query(Payslip).filter(Payslip.pay_run_id == run_id):
        staff = db.get(Staff, slip.staff_id)
        pdf = render_pdf("payslip.html", slip=slip, staff=staff)
        path = os.path.join(settings.PAYROLL_EXPORT_DIR, "slips", "%s_%s.pdf" % (run_id, staff.payroll_number))
        with open(path, "wb") as fh:
            fh.write(pdf)
        slip.pdf_path = path
        out.append(path)
    db.commit()
    return out
