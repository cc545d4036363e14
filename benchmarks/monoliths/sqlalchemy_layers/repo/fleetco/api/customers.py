from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from fleetco.api.schemas import AddressIn, CustomerIn, CustomerOut
from fleetco.common.auth import require_api_key
from fleetco.common.db import get_db
from fleetco.common.utils import paginate
from fleetco.models.accounts import Customer
from fleetco.repositories.customer_repo import CustomerRepository, get_outstanding_balance
from fleetco.services import customer_service

router = APIRouter(prefix="/customers", tags=["customers"], dependencies=[Depends(require_api_key)])


@router.get("")
def list_customers(q: str = None, page: int = 1, db: Session = Depends(get_db)):
    if q:
        return [CustomerOut.from_orm(c) for c in CustomerRepository(db).search(q)]
    query = db.query(Customer).filter(Customer.is_deleted.is_(False)).order_by(Customer.name)
    result = paginate(query, page)
    result["items"] = [CustomerOut.from_orm(c) for c in result["items"]]
    return result


@router.get("/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: int, db: Session = Depends(get_db)):
    return CustomerRepository(db).get(customer_id)


@router.post("", response_model=CustomerOut, status_code=201)
def create_customer(body: CustomerIn, db: Session = Depends(get_db)):
    return customer_service.register_customer(db, **body.dict())


@router.post("/{customer_id}/addresses", status_code=201)
def add_customer_address(customer_id: int, body: AddressIn, db: Session = Depends(get_db)):
    address = customer_service.add_address(db, customer_id, **body.dict())
    return {"id": address.id, "address": address.one_line()}


@router.get("/{customer_id}/credit")
def customer_credit(customer_id: int, db: Session = Depends(get_db)):
    customer = CustomerRepository(db).get(customer_id)
    balance = get_outstanding_balance(db, customer_id)
    return {
        "credit_limit": customer.credit_limit,
        "outstanding": balance,
        "available": (customer.credit_limit or 0) - balance,
        "on_hold": customer.on_hold,
    }
