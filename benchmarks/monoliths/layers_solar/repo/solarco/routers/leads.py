"""Leads and quotes API (sales app + website form)."""
from datetime import date, datetime
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy.orm import Session

from solarco.core.database import get_db
from solarco.core.security import ROLE_SALES, CurrentUser, get_current_user, require_role
from solarco.core.utils import BusinessRuleError, NotFoundError, clamp_page
from solarco.repositories.lead_repo import LeadRepository, QuoteRepository, ReferralPartnerRepository
from solarco.services.sales_service import LeadService, QuoteService

router = APIRouter(prefix="/leads", tags=["sales"])
quotes_router = APIRouter(prefix="/quotes", tags=["sales"])


class LeadIn(BaseModel):
    first_name: str
    last_name: str
    email: Optional[EmailStr] = None
    phone: Optional[str] = None
    address_line1: Optional[str] = None
    city: Optional[str] = None
    state: Optional[str] = Field(None, max_length=2)
    zip_code: Optional[str] = None
    source: str = "web"
    referral_code: Optional[str] = None
    monthly_bill_usd: Optional[float] = None


class LeadOut(BaseModel):
    id: int
    first_name: str
    last_name: str
    email: Optional[str]
    phone: Optional[str]
    city: Optional[str]
    state: Optional[str]
    status: str
    assigned_rep: Optional[str]

    class Config:
        orm_mode = True


class ActivityIn(BaseModel):
    kind: str = "note"
    note: str


class QualifyIn(BaseModel):
    monthly_bill_usd: float
    utility_name: str
    rate_per_kwh: float = 0.15


class QuoteRequest(BaseModel):
    survey_id: Optional[int] = None
    offset_pct: float = 100.0
    with_battery: bool = False
    promo_code: Optional[str] = None


class QuoteLineOut(BaseModel):
    kind: str
    description: str
    qty: float
    unit_price: float
    line_total: float

    class Config:
        orm_mode = True


class QuoteOut(BaseModel):
    id: int
    number: str
    lead_id: int
    status: str
    revision: int
    system_size_kw: Optional[float]
    panel_count: Optional[int]
    estimated_annual_kwh: Optional[float]
    subtotal: float
    discount: float
    tax: float
    total: float
    valid_until: Optional[date]
    lines: List[QuoteLineOut] = []

    class Config:
        orm_mode = True


class AcceptIn(BaseModel):
    financing: str = "cash"
    loan_product_id: Optional[int] = None


def _handle(exc: Exception):
    if isinstance(exc, NotFoundError):
        raise HTTPException(404, str(exc))
    if isinstance(exc, BusinessRuleError):
        raise HTTPException(409, str(exc))
    raise exc


@router.post("", response_model=LeadOut, status_code=201)
def create_lead(body: LeadIn, db: Session = Depends(get_db)):
    # public endpoint (website form) - no auth
    return LeadService(db).create_lead(body.dict(exclude_none=True), created_by="web")


@router.get("", response_model=List[LeadOut])
def list_leads(status: Optional[str] = None, rep: Optional[str] = None, q: Optional[str] = None,
               limit: int = Query(50), db: Session = Depends(get_db),
               user: CurrentUser = Depends(require_role(ROLE_SALES))):
    repo = LeadRepository(db)
    if q:
        return repo.search(q, clamp_page(limit))
    if status:
        return repo.by_status(status, rep)
    return repo.list(limit=clamp_page(limit))


@router.get("/{lead_id}", response_model=LeadOut)
def get_lead(lead_id: int, db: Session = Depends(get_db),
             user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return LeadRepository(db).get_or_404(lead_id)
    except Exception as exc:  # noqa
        _handle(exc)


@router.post("/{lead_id}/activities", status_code=201)
def add_activity(lead_id: int, body: ActivityIn, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        act = LeadService(db).log_activity(lead_id, body.kind, body.note, user.email)
    except Exception as exc:  # noqa
        _handle(exc)
    return {"id": act.id}


@router.post("/{lead_id}/qualify", response_model=LeadOut)
def qualify_lead(lead_id: int, body: QualifyIn, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return LeadService(db).qualify(lead_id, body.monthly_bill_usd, body.utility_name,
                                       body.rate_per_kwh, user.email)
    except Exception as exc:  # noqa
        _handle(exc)


@router.post("/{lead_id}/lost", response_model=LeadOut)
def mark_lost(lead_id: int, reason: str, db: Session = Depends(get_db),
              user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return LeadService(db).change_status(lead_id, "lost", user.email, reason)
    except Exception as exc:  # noqa
        _handle(exc)


@router.post("/{lead_id}/survey")
def book_survey(lead_id: int, when: datetime, db: Session = Depends(get_db),
                user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        survey = LeadService(db).request_survey(lead_id, when, user.email)
    except Exception as exc:  # noqa
        _handle(exc)
    return {"survey_id": survey.id, "scheduled_for": survey.scheduled_for}


@router.post("/{lead_id}/quotes", response_model=QuoteOut, status_code=201)
def create_quote(lead_id: int, body: QuoteRequest, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return QuoteService(db).build_from_survey(lead_id, body.survey_id, body.offset_pct,
                                                  body.with_battery, body.promo_code)
    except Exception as exc:  # noqa
        _handle(exc)


@router.get("/{lead_id}/quotes", response_model=List[QuoteOut])
def lead_quotes(lead_id: int, db: Session = Depends(get_db),
                user: CurrentUser = Depends(require_role(ROLE_SALES))):
    return QuoteRepository(db).for_lead(lead_id)


@router.get("/partners/active")
def list_partners(db: Session = Depends(get_db), user: CurrentUser = Depends(get_current_user)):
    return [{"id": p.id, "name": p.name, "company": p.company}
            for p in ReferralPartnerRepository(db).active()]


@quotes_router.get("/{quote_id}", response_model=QuoteOut)
def get_quote(quote_id: int, db: Session = Depends(get_db),
              user: CurrentUser = Depends(get_current_user)):
    quote = QuoteRepository(db).get_with_lines(quote_id)
    if quote is None:
        raise HTTPException(404, "quote not found")
    return quote


@quotes_router.post("/{quote_id}/lines", response_model=QuoteOut)
def add_quote_line(quote_id: int, description: str, qty: float, unit_price: float,
                   db: Session = Depends(get_db), user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return QuoteService(db).add_custom_line(quote_id, description, qty, unit_price)
    except Exception as exc:  # noqa
        _handle(exc)


@quotes_router.post("/{quote_id}/send", response_model=QuoteOut)
def send_quote(quote_id: int, db: Session = Depends(get_db),
               user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return QuoteService(db).send(quote_id, user.email)
    except Exception as exc:  # noqa
        _handle(exc)


@quotes_router.post("/{quote_id}/accept")
def accept_quote(quote_id: int, body: AcceptIn, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return QuoteService(db).accept(quote_id, body.financing, body.loan_product_id, user.email)
    except Exception as exc:  # noqa
        db.rollback()
        _handle(exc)


@quotes_router.post("/{quote_id}/revise", response_model=QuoteOut)
def revise_quote(quote_id: int, promo_code: Optional[str] = None, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_SALES))):
    try:
        return QuoteService(db).revise(quote_id, promo_code)
    except Exception as exc:  # noqa
        _handle(exc)


@quotes_router.get("/{quote_id}/payback")
def quote_payback(quote_id: int, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(get_current_user)):
    return {"payback_years": QuoteService(db).payback(quote_id)}


@quotes_router.get("/{quote_id}/pdf")
def quote_pdf(quote_id: int, db: Session = Depends(get_db)):
    # TODO(2020): PDF generation moved to the proposal microservice, remove this
    raise HTTPException(410, "moved to proposals service")
