from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_db, require_roles
from carehub.services import reports
from carehub.utils.csv_export import csv_response

router = APIRouter(prefix="/api/reports", tags=["reports"])
managers = require_roles("manager", "finance")


def _maybe_csv(rows, fmt, name):
    if fmt == "csv" and rows:
        return csv_response([r.values() for r in rows], list(rows[0].keys()), name)
    return rows


@router.get("/missed-visits")
def missed_visits(start: date, end: date, fmt: str = "json", db: Session = Depends(get_db),
                  user=Depends(managers)):
    return _maybe_csv(reports.missed_visits_report(db, start, end), fmt, "missed_visits.csv")


@router.get("/commissioned-hours")
def commissioned_hours(start: date, end: date, fmt: str = "json", db: Session = Depends(get_db),
                       user=Depends(managers)):
    return _maybe_csv(reports.commissioned_vs_delivered(db, start, end), fmt, "commissioned.csv")


@router.get("/aged-debt")
def aged_debt(fmt: str = "json", db: Session = Depends(get_db), user=Depends(managers)):
    return _maybe_csv(reports.invoice_aging_report(db), fmt, "aged_debt.csv")


@router.get("/payroll-variance")
def payroll_variance(week: date, db: Session = Depends(get_db), user=Depends(managers)):
    return reports.payroll_variance_report(db, week)


@router.get("/mar-exceptions")
def mar_exceptions(start: date, end: date, db: Session = Depends(get_db), user=Depends(managers)):
    return reports.mar_exceptions_report(db, start, end)


