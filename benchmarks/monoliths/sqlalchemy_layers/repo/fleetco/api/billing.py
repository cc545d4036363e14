from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from fleetco.api.schemas import PaymentIn
from fleetco.common.auth import require_admin, require_api_key
from fleetco.common.db import get_db
from fleetco.common.utils import format_money
from fleetco.models.billing import Invoice
from fleetco.repositories.invoice_repo import InvoiceRepository
from fleetco.services import invoicing

router = APIRouter(prefix="/invoices", tags=["billing"], dependencies=[Depends(require_api_key)])


def _invoice_dict(invoice):
    return {
        "number": invoice.number,
        "status": invoice.status.value,
        "issued_on": invoice.issued_on,
        "due_on": invoice.due_on,
        "gross": format_money(invoice.gross_total, invoice.currency),
        "balance": invoice.balance(),
    }


@router.get("")
def list_invoices(customer_id: int = None, status: str = None, db: Session = Depends(get_db)):
    stmt = select(Invoice).order_by(Invoice.issued_on.desc()).limit(200)
    if customer_id:
        stmt = stmt.where(Invoice.customer_id == customer_id)
    if status:
        stmt = stmt.where(Invoice.status == status)
    return [_invoice_dict(i) for i in db.execute(stmt).scalars()]


@router.get("/{number:path}")
def get_invoice(number: str, db: Session = Depends(get_db)):
    invoice = InvoiceRepository(db).by_number(number)
    if invoice is None:
        raise HTTPException(404, "invoice not found")
    data = _invoice_dict(invoice)
    data["lines"] = [
        {"description": ln.description, "quantity": ln.quantity, "unit_price": ln.unit_price}
        for ln in invoice.lines
    ]
    return data


@router.post("/{number:path}/payments", status_code=201)
def pay_invoice(number: str, body: PaymentIn, db: Session = Depends(get_db)):
    payment = invoicing.record_payment(db, number, body.amount, body.method, body.bank_ref)
    if payment is None:
        return {"duplicate": True}
    return {"payment_id": payment.id}


@router.post("/dunning", dependencies=[Depends(require_admin)])
def run_dunning_route(db: Session = Depends(get_db)):
    return {"overdue": invoicing.dunning_run(db)}


@router.get("/reports/aged", dependencies=[Depends(require_admin)])
def aged_route(db: Session = Depends(get_db)):
    return invoicing.aged_receivables(db)
