from datetime import date

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from carehub.core.deps import get_db, require_roles
from carehub.crud.finance import timesheets_for_week
from carehub.schemas.finance import TimesheetOut
from carehub.services import payroll_service, timesheet_service
from carehub.utils.dates import week_start

router = APIRouter(prefix="/api/payroll", tags=["payroll"])
finance = require_roles("manager", "finance")


@router.get("/timesheets")
def week_timesheets(week: date, status: str = None, db: Session = Depends(get_db), user=Depends(finance)):
    return [TimesheetOut.from_orm(t) for t in timesheets_for_week(db, week_start(week), status)]


@router.post("/timesheets/build")
def build_timesheet(staff_id: int, week: date, rebuild: bool = False, db: Session = Depends(get_db),
                    user=Depends(finance)):
    return TimesheetOut.from_orm(timesheet_service.build_timesheet(db, staff_id, week_start(week), rebuild))


@router.post("/timesheets/{timesheet_id}/approve")
def approve(timesheet_id: int, db: Session = Depends(get_db), user=Depends(finance)):
    return TimesheetOut.from_orm(timesheet_service.approve_timesheet(db, timesheet_id, user))


@router.post("/runs")
def create_run(period_start: date, period_end: date, db: Session = Depends(get_db), user=Depends(finance)):
    run = payroll_service.create_pay_run(db, period_start, period_end, user)
    return {"id": run.id, "total_gross_pence": run.total_gross_pence}


@router.post("/runs/{run_id}/lock")
def lock_run(run_id: int, db: Session = Depends(get_db), user=Depends(finance)):
    payroll_service.lock_pay_run(db, run_id)
    return {"detail": "locked"}


@router.get("/runs/{run_id}/export")
def export_run(run_id: int, db: Session = Depends(get_db), user=Depends(finance)):
    path = payroll_service.export_sage_csv(db, run_id)
    payroll_service.generate_payslip_pdfs(db, run_id)
    return FileResponse(path, filename=path.rsplit("/", 1)[-1])
