from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from fleetco.api.schemas import QuoteOut, QuoteRequest
from fleetco.common.auth import require_admin, require_api_key
from fleetco.common.db import get_db
from fleetco.models.accounts import RateCard
from fleetco.repositories.quote_repo import QuoteRepository
from fleetco.services import pricing

router = APIRouter(prefix="/quotes", tags=["quotes"], dependencies=[Depends(require_api_key)])


@router.post("", response_model=QuoteOut, status_code=201)
def request_quote(body: QuoteRequest, db: Session = Depends(get_db)):
    return pricing.create_quote(db, body.customer_id, body.origin_postcode,
                                body.destination_postcode, [i.dict() for i in body.items],
                                extras=body.extras)


@router.get("/{reference}")
def get_quote(reference: str, db: Session = Depends(get_db)):
    quote = QuoteRepository(db).by_reference(reference)
    if quote is None:
        raise HTTPException(404, "quote not found")
    return {
        "reference": quote.reference,
        "status": quote.status.value,
        "total": quote.total,
        "lines": [{"code": ln.code, "description": ln.description, "amount": ln.amount}
                  for ln in quote.lines],
    }


@router.post("/{reference}/accept")
def accept_quote_route(reference: str, pickup_date: date, origin_address: str,
                       destination_address: str, db: Session = Depends(get_db)):
    shipment = pricing.accept_quote(db, reference, pickup_date, origin_address,
                                    destination_address)
    return {"shipment": shipment.reference, "status": shipment.status.value}


@router.post("/rate-cards", status_code=201, dependencies=[Depends(require_admin)])
def upload_rate_card(name: str, base_fee: float, per_km: float, per_kg: float,
                     min_charge: float = 0, db: Session = Depends(get_db)):
    clash = db.execute(select(RateCard).where(RateCard.name == name)).scalar_one_or_none()
    if clash is not None:
        clash.active = False
    card = RateCard(name=name, base_fee=base_fee, per_km=per_km, per_kg=per_kg,
                    min_charge=min_charge, valid_from=date.today())
    db.add(card)
    db.flush()
    return {"id": card.id}
