from decimal import Decimal

from fastapi import APIRouter, Body, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session

from rental.repositories.payment_repo import PaymentRepository
from rental.repositories.reservation_repo import ReservationRepository
from rental.services import notification_service, payment_service
from rental.utils import get_db, require_role

router = APIRouter(prefix="/payments", tags=["payments"])


@router.post("/reservations/{reservation_id}/pay")
def pay(reservation_id: int, token: str = Body(..., embed=True), amount: Decimal | None = Body(None, embed=True),
        db: Session = Depends(get_db)):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    p = payment_service.take_payment(db, reservation, amount or reservation.quoted_total, token)
    return {"payment_id": p.id, "status": p.status.value}


@router.get("/reservations/{reservation_id}")
def payments_for_reservation(reservation_id: int, db: Session = Depends(get_db)):
    repo = PaymentRepository(db)
    hold = repo.hold_for(reservation_id)
    return {"payments": [{"id": p.id, "amount": p.amount, "status": p.status.value, "purpose": p.purpose}
                         for p in repo.for_reservation(reservation_id)],
            "deposit": {"amount": hold.amount, "expires_at": hold.expires_at} if hold else None}


@router.post("/reservations/{reservation_id}/refund")
def refund(reservation_id: int, amount: Decimal = Body(..., embed=True), reason: str = Body("", embed=True),
           db: Session = Depends(get_db), user=Depends(require_role("manager"))):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    p = payment_service.refund(db, reservation, amount, reason)
    return {"payment_id": p.id, "amount": p.amount}


@router.get("/invoices/{invoice_id}/pdf")
def invoice_pdf(invoice_id: int, db: Session = Depends(get_db)):
    data = notification_service.render_invoice_pdf(db, invoice_id)
    return Response(content=data, media_type="application/pdf")
