from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_db, require_roles
from carehub.crud.finance import unpaid_invoices
from carehub.models.finance import ChargeRate, Funder, Invoice
from carehub.schemas.finance import FunderIn, InvoiceOut, PaymentIn
from carehub.services import invoicing_service

router = APIRouter(prefix="/api/billing", tags=["billing"])
finance = require_roles("manager", "finance")


@router.post("/run")
def run_invoicing(period_start: date, period_end: date, kind: str = "council",
                  db: Session = Depends(get_db), user=Depends(finance)):
    if kind == "council":
        invs = invoicing_service.run_council_invoicing(db, period_start, period_end)
    else:
        invs = invoicing_service.run_private_invoicing(db, period_start, period_end)
    return [InvoiceOut.from_orm(i) for i in invs]


@router.get("/invoices")
def list_invoices(status: str = None, funder_id: int = None, db: Session = Depends(get_db),
                  user=Depends(finance)):
    if status == "unpaid":
        return [InvoiceOut.from_orm(i) for i in unpaid_invoices(db, funder_id)]
    q = db.query(Invoice)
    if status:
        q = q.filter(Invoice.status == status)
    if funder_id:
        q = q.filter(Invoice.funder_id == funder_id)
    return [InvoiceOut.from_orm(i) for i in q.order_by(Invoice.id.desc()).limit(500)]


@router.post("/invoices/{invoice_id}/issue")
def issue(invoice_id: int, db: Session = Depends(get_db), user=Depends(finance)):
    return InvoiceOut.from_orm(invoicing_service.issue_invoice(db, invoice_id))


@router.post("/invoices/{invoice_id}/payments")
def record_payment(invoice_id: int, body: PaymentIn, db: Session = Depends(get_db), user=Depends(finance)):
    inv = invoicing_service.apply_payment(db, invoice_id, body.amount_pence, body.received_on,
                                          body.method, body.reference)
    return InvoiceOut.from_orm(inv)


@router.post("/funders")
def create_funder(body: FunderIn, db: Session = Depends(get_db), user=Depends(finance)):
    f = Funder(**body.dict())
    db.add(f)
    db.commit()
    return {"id": f.id}


@router.post("/funders/{funder_id}/rates")
def add_charge_rate(funder_id: int, hourly_pence: int, effective_from: date,
                    db: Session = Depends(get_db), user=Depends(finance)):
    prev = (db.query(ChargeRate).filter(ChargeRate.funder_id == funder_id, ChargeRate.effective_to == None)  # noqa
            .first())
    if prev:
        prev.effective_to = effective_from
    r = ChargeRate(funder_id=funder_id, hourly_pence=hourly_pence, effective_from=effective_from)
    db.add(r)
    db.commit()
    return {"id": r.id}
