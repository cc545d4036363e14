import json
from datetime import date
from typing import List, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.database import get_db
from solarco.core.security import ROLE_FINANCE, CurrentUser, get_current_user, require_role, verify_hmac_signature
from solarco.core.utils import BusinessRuleError, NotFoundError
from solarco.repositories.billing_repo import FinanceRepository, InvoiceRepository
from solarco.repositories.lead_repo import QuoteRepository
from solarco.services.billing_service import FinanceService, InvoiceService

router = APIRouter(prefix="/billing", tags=["billing"])


class InvoiceOut(BaseModel):
    id: int
    number: str
    kind: str
    status: str
    issue_date: Optional[date]
    due_date: Optional[date]
    total: float
    amount_paid: float

    class Config:
        orm_mode = True


class PaymentIn(BaseModel):
    amount: float
    method: str
    reference: Optional[str] = None


@router.get("/invoices", response_model=List[InvoiceOut])
def list_invoices(lead_id: Optional[int] = None, project_id: Optional[int] = None,
                  overdue: bool = False, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(require_role(ROLE_FINANCE))):
    repo = InvoiceRepository(db)
    if overdue:
        return repo.overdue(date.today())
    if project_id:
        return repo.for_project(project_id)
    if lead_id:
        return repo.for_lead(lead_id)
    return repo.list(limit=200)


@router.get("/invoices/{invoice_id}", response_model=InvoiceOut)
def get_invoice(invoice_id: int, db: Session = Depends(get_db),
                user: CurrentUser = Depends(get_current_user)):
    inv = InvoiceRepository(db).get(invoice_id)
    if inv is None:
        raise HTTPException(404, "invoice not found")
    return inv


@router.post("/invoices/{invoice_id}/payments", status_code=201)
def record_payment(invoice_id: int, body: PaymentIn, db: Session = Depends(get_db),
                   user: CurrentUser = Depends(require_role(ROLE_FINANCE))):
    try:
        p = InvoiceService(db).record_payment(invoice_id, body.amount, body.method, body.reference,
                                              user.email)
    except NotFoundError as e:
        raise HTTPException(404, str(e))
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))
    return {"id": p.id}


@router.post("/invoices/{invoice_id}/void", response_model=InvoiceOut)
def void_invoice(invoice_id: int, reason: str, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_FINANCE))):
    try:
        return InvoiceService(db).void(invoice_id, reason)
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))


@router.post("/invoices/{invoice_id}/resend")
def resend_invoice(invoice_id: int, db: Session = Depends(get_db),
                   user: CurrentUser = Depends(require_role(ROLE_FINANCE))):
    svc = InvoiceService(db)
    inv = svc.invoices.get_or_404(invoice_id)
    svc.send(inv)
    return {"ok": True}


@router.get("/loan-products")
def loan_products(db: Session = Depends(get_db), user: CurrentUser = Depends(get_current_user)):
    return [{"id": p.id, "lender": p.lender, "name": p.name, "apr": float(p.apr),
             "term_months": p.term_months} for p in FinanceRepository(db).loan_products()]


@router.get("/quotes/{quote_id}/financing-options")
def financing_options(quote_id: int, db: Session = Depends(get_db),
                      user: CurrentUser = Depends(get_current_user)):
    quote = QuoteRepository(db).get(quote_id)
    if quote is None:
        raise HTTPException(404, "quote not found")
    return FinanceService(db).quote_monthly(quote)


@router.post("/finance/webhook")
async def finance_webhook(request: Request, x_signature: str = Header(None),
                          db: Session = Depends(get_db)):
    body = await request.body()
    if not verify_hmac_signature(settings.finance_webhook_secret, body, x_signature):
        raise HTTPException(401, "bad signature")
    app = FinanceService(db).handle_webhook(json.loads(body))
    return {"ok": True, "application": app.id if app else None}
