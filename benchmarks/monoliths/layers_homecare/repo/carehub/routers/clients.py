from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from carehub.core.deps import get_current_user, get_db, pagination, require_roles
from carehub.crud import client as client_repo
from carehub.models.client import ClientNote, FundingPackage
from carehub.schemas.client import ClientCreate, ClientOut, ClientUpdate
from carehub.services import assessment_service

router = APIRouter(prefix="/api/clients", tags=["clients"])


@router.get("")
def list_clients(q: str = None, status: str = None, area: str = None, page=Depends(pagination),
                 db: Session = Depends(get_db), user=Depends(get_current_user)):
    total, items = client_repo.client_crud.search(db, q, status, area, page["offset"], page["limit"])
    return {"total": total, "items": [ClientOut.from_orm(c) for c in items]}


@router.post("", response_model=ClientOut)
def create_client(body: ClientCreate, db: Session = Depends(get_db),
                  user=Depends(require_roles("manager", "coordinator"))):
    c = client_repo.client_crud.create_client(db, body.dict())
    db.commit()
    return c


@router.get("/{client_id}", response_model=ClientOut)
def get_client(client_id: int, db: Session = Depends(get_db), user=Depends(get_current_user)):
    return client_repo.client_crud.get_or_404(db, client_id)


@router.patch("/{client_id}", response_model=ClientOut)
def update_client(client_id: int, body: ClientUpdate, db: Session = Depends(get_db),
                  user=Depends(require_roles("manager", "coordinator"))):
    c = client_repo.client_crud.get_or_404(db, client_id)
    client_repo.client_crud.update(db, c, body.dict(exclude_unset=True))
    db.commit()
    return c


@router.post("/{client_id}/admit")
def admit(client_id: int, start_date: date, db: Session = Depends(get_db),
          user=Depends(require_roles("manager", "coordinator"))):
    return ClientOut.from_orm(assessment_service.admit_client(db, client_id, start_date, user))


@router.post("/{client_id}/discharge")
def discharge(client_id: int, end_date: date, reason: str, db: Session = Depends(get_db),
              user=Depends(require_roles("manager"))):
    assessment_service.discharge_client(db, client_id, end_date, reason, user)
    return {"detail": "discharged"}


@router.post("/{client_id}/hospital")
def hospital_admission(client_id: int, admitted_on: date, db: Session = Depends(get_db),
                       user=Depends(get_current_user)):
    assessment_service.mark_in_hospital(db, client_id, admitted_on, user)
    return {"detail": "ok"}


# finance asked for this on the client screen (2022-06)
@router.post("/{client_id}/funding")
def add_funding_package(client_id: int, funder_id: int, start_date: date, commissioned_hours: float,
                        po_number: str = None, db: Session = Depends(get_db),
                        user=Depends(require_roles("manager", "finance"))):
    pkg = FundingPackage(client_id=client_id, funder_id=funder_id, start_date=start_date,
                         commissioned_hours=commissioned_hours, po_number=po_number)
    db.add(pkg)
    db.commit()
    return {"id": pkg.id}
