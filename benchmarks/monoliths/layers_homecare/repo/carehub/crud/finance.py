from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from carehub.models.finance import (ChargeRate, Funder, Invoice, InvoiceLine, PayRate,
                                    Payment, Timesheet)
from carehub.models.client import FundingPackage


def get_timesheet(db: Session, staff_id, week_start):
    return (db.query(Timesheet)
            .filter(Timesheet.staff_id == staff_id, Timesheet.week_start == week_start)
            .first())


def timesheets_for_week(db: Session, week_start, status=None):
    q = db.query(Timesheet).filter(Timesheet.week_start == week_start)
    if status:
        q = q.filter(Timesheet.status == status)
    return q.all()


def pay_rate_for(db: Session, employment_type, job_title, on_date):
    stmt = (select(PayRate)
            .where(PayRate.employment_type == employment_type, PayRate.job_title == job_title,
                   PayRate.effective_from <= on_date)
            .where((PayRate.effective_to.is_(None)) | (PayRate.effective_to >= on_date))
            .order_by(PayRate.effective_from.desc()))
    return db.execute(stmt).scalars().first()


def charge_rate_for(db: Session, funder_id, on_date):
    return (db.query(ChargeRate)
            .filter(ChargeRate.funder_id == funder_id, ChargeRate.effective_from <= on_date)
            .filter((ChargeRate.effective_to == None) | (ChargeRate.effective_to >= on_date))  # noqa
            .order_by(ChargeRate.effective_from.desc())
            .first())


def active_funding(db: Session, client_id, on_date=None):
    on_date = on_date or date.today()
    return (db.query(FundingPackage)
            .filter(FundingPackage.client_id == client_id, FundingPackage.start_date <= on_date,
                    (FundingPackage.end_date == None) | (FundingPackage.end_date >= on_date))  # noqa
            .all())


def unpaid_invoices(db: Session, funder_id=None):
    q = db.query(Invoice).filter(Invoice.status.in_(["issued", "part_paid"]))
    if funder_id:
        q = q.filter(Invoice.funder_id == funder_id)
    return q.order_by(Invoice.due_on).all()


def insert_payment(db: Session, invoice_id, **kw):
    p = Payment(invoice_id=invoice_id, **kw)
    db.add(p)
    return p


