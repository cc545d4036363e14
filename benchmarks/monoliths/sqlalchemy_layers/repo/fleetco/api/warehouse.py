from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from fleetco.api.schemas import ReceiptIn
from fleetco.common.auth import ApiUser, require_api_key
from fleetco.common.db import get_db
from fleetco.repositories.stock_repo import StockRepository
from fleetco.services import warehouse_service

router = APIRouter(prefix="/warehouse", tags=["warehouse"])


@router.post("/receipts", status_code=201)
def receive(body: ReceiptIn, db: Session = Depends(get_db),
            user: ApiUser = Depends(require_api_key)):
    item = warehouse_service.receive_goods(db, user=user.key, **body.dict())
    return {"stock_item_id": item.id, "quantity": item.quantity}


@router.post("/stock/{stock_item_id}/putaway")
def putaway_route(stock_item_id: int, location: str, db: Session = Depends(get_db),
                  user: ApiUser = Depends(require_api_key)):
    item = warehouse_service.putaway(db, stock_item_id, location, user=user.key)
    return {"location": item.location}


@router.get("/stock/{customer_id}", dependencies=[Depends(require_api_key)])
def stock_route(customer_id: int, db: Session = Depends(get_db)):
    return [
        {"warehouse": w, "sku": sku, "quantity": qty}
        for w, sku, qty in StockRepository(db).levels_by_customer(customer_id)
    ]


@router.post("/{warehouse_code}/pick/{shipment_reference}")
def pick_route(warehouse_code: str, shipment_reference: str, db: Session = Depends(get_db),
               user: ApiUser = Depends(require_api_key)):
    picked = warehouse_service.pick_for_shipment(db, warehouse_code, shipment_reference, user.key)
    return {"picked": [{"sku": s, "quantity": q, "location": loc} for s, q, loc in picked]}
