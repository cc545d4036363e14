import datetime as dt

from fastapi import APIRouter, Body, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from rental.repositories.customer_repo import CustomerRepository
from rental.repositories.reservation_repo import ReservationRepository
from rental.services import inspection_service, pricing_service, reservation_service
from rental.utils import format_money, get_db, get_current_user, paginate

router = APIRouter(prefix="/reservations", tags=["reservations"])


class ReservationIn(BaseModel):
    customer_id: int
    category_id: int
    branch_id: int
    return_branch_id: int | None = None
    pickup_at: dt.datetime
    return_at: dt.datetime
    extras: list[str] = []
    promo_code: str | None = None


class HandoverIn(BaseModel):
    km: int
    fuel_eighths: int = 8
    damage_diagram: dict = {}


def reservation_to_dict(r):
    return {"id": r.id, "reference": r.reference, "status": r.status.value, "customer_id": r.customer_id,
            "pickup_at": r.pickup_at, "return_at": r.return_at, "vehicle_id": r.vehicle_id,
            "total": format_money(r.quoted_total, r.currency), "extras": [e.product_id for e in r.extras]}


@router.post("/quote")
def quote(body: ReservationIn, db: Session = Depends(get_db)):
    customer = CustomerRepository(db).get(body.customer_id) if body.customer_id else None
    q = pricing_service.quote(db, body.category_id, body.branch_id, body.pickup_at, body.return_at,
                              extras=body.extras, promo_code=body.promo_code, customer=customer,
                              return_branch_id=body.return_branch_id)
    q["total_display"] = format_money(q["total"])
    return q


@router.post("", status_code=201)
def create(body: ReservationIn, db: Session = Depends(get_db)):
    return reservation_to_dict(reservation_service.create_reservation(db, body.dict()))


@router.get("")
def list_for_customer(customer_id: int, page: int = 1, db: Session = Depends(get_db)):
    result = paginate(ReservationRepository(db).for_customer(customer_id), page)
    result["items"] = [reservation_to_dict(r) for r in result["items"]]
    return result


@router.get("/{reference}")
def get_by_reference(reference: str, db: Session = Depends(get_db)):
    r = ReservationRepository(db).by_reference(reference)
    if r is None:
        raise HTTPException(status_code=404, detail="Reservation not found")
    return reservation_to_dict(r)


@router.post("/{reservation_id}/confirm")
def confirm(reservation_id: int, token: str | None = Body(None, embed=True), db: Session = Depends(get_db)):
    return reservation_to_dict(reservation_service.confirm_reservation(db, reservation_id, token))


@router.post("/{reservation_id}/cancel")
def cancel(reservation_id: int, db: Session = Depends(get_db)):
    return reservation_to_dict(reservation_service.cancel_reservation(db, reservation_id))


@router.post("/{reservation_id}/extend")
def extend(reservation_id: int, new_return_at: dt.datetime = Body(..., embed=True), db: Session = Depends(get_db)):
    return reservation_to_dict(reservation_service.extend_reservation(db, reservation_id, new_return_at))


@router.post("/{reservation_id}/check-out")
def check_out(reservation_id: int, body: HandoverIn, db: Session = Depends(get_db), user=Depends(get_current_user)):
    agreement = inspection_service.check_out_vehicle(db, reservation_id, body.km, body.fuel_eighths,
                                                     body.damage_diagram, user.username)
    return {"agreement": agreement.number, "vehicle_id": agreement.vehicle_id}


@router.post("/{reservation_id}/check-in")
def check_in(reservation_id: int, body: HandoverIn, db: Session = Depends(get_db), user=Depends(get_current_user)):
    return inspection_service.check_in_vehicle(db, reservation_id, body.km, body.fuel_eighths,
                                               body.damage_diagram, user.username)
