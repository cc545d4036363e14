import datetime as dt

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, EmailStr
from sqlalchemy.orm import Session

from rental.repositories.customer_repo import CustomerRepository
from rental.repositories.payment_repo import InvoiceRepository
from rental.services import customer_service
from rental.utils import format_money, get_db, paginate, require_role

router = APIRouter(prefix="/customers", tags=["customers"])


class CustomerIn(BaseModel):
    first_name: str
    last_name: str
    email: EmailStr
    phone: str | None = None
    birth_date: dt.date | None = None
    vat_number: str | None = None
    marketing_opt_in: bool = False


def customer_to_dict(c):
    return {"id": c.id, "name": f"{c.first_name} {c.last_name}", "email": c.email, "phone": c.phone,
            "status": c.status.value, "account": c.account.company_name if c.account else None}


@router.post("", status_code=201)
def create_customer(body: CustomerIn, db: Session = Depends(get_db)):
    return customer_to_dict(customer_service.register_customer(db, body.dict()))


@router.get("")
def search_customers(q: str = "", page: int = 1, db: Session = Depends(get_db)):
    result = paginate(CustomerRepository(db).search(q), page)
    result["items"] = [customer_to_dict(c) for c in result["items"]]
    return result


@router.post("/{customer_id}/licences", status_code=201)
def add_licence(customer_id: int, payload: dict = Body(...), db: Session = Depends(get_db)):
    lic = customer_service.add_licence(db, customer_id, payload["number"], payload["country"],
                                       dt.date.fromisoformat(payload["issued_on"]),
                                       dt.date.fromisoformat(payload["expires_on"]))
    return {"number": lic.number, "expires_on": lic.expires_on}


@router.post("/{customer_id}/block")
def block(customer_id: int, reason: str = Body(..., embed=True), db: Session = Depends(get_db),
          user=Depends(require_role("manager"))):
    return customer_to_dict(customer_service.block_customer(db, customer_id, reason))


@router.get("/{customer_id}/risk")
def risk(customer_id: int, db: Session = Depends(get_db)):
    return {"customer_id": customer_id, "score": customer_service.customer_risk_score(db, customer_id)}


@router.post("/merge")
def merge(keep_id: int = Body(...), drop_id: int = Body(...), db: Session = Depends(get_db),
          user=Depends(require_role("manager"))):
    return customer_to_dict(customer_service.merge_duplicate_customers(db, keep_id, drop_id))


@router.get("/{customer_id}/invoices")
def customer_invoices(customer_id: int, db: Session = Depends(get_db)):
    invoices = InvoiceRepository(db).list(customer_id=customer_id)
    return [{"number": i.number, "issued_on": i.issued_on, "total": format_money(i.net_total + i.vat_total),
             "paid": i.paid} for i in invoices]
