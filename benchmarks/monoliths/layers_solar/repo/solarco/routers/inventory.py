from typing import Dict, List, Optional

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from solarco.core.database import get_db
from solarco.core.security import ROLE_OPS, CurrentUser, get_current_user, require_role
from solarco.core.utils import BusinessRuleError, NotFoundError
from solarco.models.inventory import Product
from solarco.repositories.inventory_repo import ProductRepository, StockRepository
from solarco.services.inventory_service import InventoryService, ProcurementService

router = APIRouter(prefix="/inventory", tags=["inventory"])


class ProductIn(BaseModel):
    sku: str
    category: str
    brand: str
    model: str
    watts: Optional[int] = None
    unit_cost: float
    list_price: float
    warranty_years: Optional[int] = None
    supplier_id: Optional[int] = None


class ProductOut(ProductIn):
    id: int
    discontinued: bool

    class Config:
        orm_mode = True


class AdjustIn(BaseModel):
    delta: int
    reason: str
    warehouse: Optional[str] = None


class POLineIn(BaseModel):
    product_id: int
    qty: int
    unit_cost: float


class POIn(BaseModel):
    supplier_id: int
    lines: List[POLineIn]
    warehouse: Optional[str] = None


@router.get("/products", response_model=List[ProductOut])
def list_products(category: Optional[str] = None, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(get_current_user)):
    repo = ProductRepository(db)
    return repo.by_category(category) if category else repo.list(limit=500)


@router.post("/products", response_model=ProductOut, status_code=201)
def create_product(body: ProductIn, db: Session = Depends(get_db),
                   user: CurrentUser = Depends(require_role(ROLE_OPS))):
    repo = ProductRepository(db)
    if repo.by_sku(body.sku):
        raise HTTPException(409, "sku exists")
    p = repo.add(Product(**body.dict()))
    db.commit()
    return p


@router.post("/products/{product_id}/discontinue")
def discontinue_product(product_id: int, db: Session = Depends(get_db),
                        user: CurrentUser = Depends(require_role(ROLE_OPS))):
    repo = ProductRepository(db)
    p = repo.get(product_id)
    if not p:
        raise HTTPException(404, "product not found")
    p.discontinued = True
    db.commit()
    return {"ok": True}


@router.get("/stock/{product_id}")
def stock_level(product_id: int, warehouse: Optional[str] = None, db: Session = Depends(get_db),
                user: CurrentUser = Depends(get_current_user)):
    row = StockRepository(db).for_product(product_id, warehouse)
    return {"on_hand": row.on_hand, "reserved": row.reserved, "available": row.available}


@router.post("/stock/{product_id}/adjust")
def adjust_stock(product_id: int, body: AdjustIn, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_OPS))):
    on_hand = InventoryService(db).adjust(product_id, body.delta, body.reason, body.warehouse, user.email)
    return {"on_hand": on_hand}


@router.post("/purchase-orders", status_code=201)
def create_po(body: POIn, db: Session = Depends(get_db),
              user: CurrentUser = Depends(require_role(ROLE_OPS))):
    po = ProcurementService(db).create_po(body.supplier_id, [l.dict() for l in body.lines], body.warehouse)
    return {"id": po.id, "po_number": po.po_number, "total_cost": float(po.total_cost)}


@router.post("/purchase-orders/{po_id}/send")
def send_po(po_id: int, db: Session = Depends(get_db),
            user: CurrentUser = Depends(require_role(ROLE_OPS))):
    try:
        po = ProcurementService(db).send(po_id)
    except NotFoundError as e:
        raise HTTPException(404, str(e))
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))
    return {"status": po.status}


@router.post("/purchase-orders/{po_id}/receive")
def receive_po(po_id: int, received: Dict[int, int], db: Session = Depends(get_db),
               user: CurrentUser = Depends(require_role(ROLE_OPS))):
    po = ProcurementService(db).receive(po_id, received, user.email)
    return {"status": po.status}


@router.get("/reorder-suggestions")
def reorder_suggestions(db: Session = Depends(get_db), user: CurrentUser = Depends(get_current_user)):
    return ProcurementService(db).suggest_reorders()
