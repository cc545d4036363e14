"""One-off admin endpoints. Mostly used by support (Dave) - don't expose in the menu."""
import csv
import io
from datetime import date

from fastapi import APIRouter, Depends, File, UploadFile
from sqlalchemy.orm import Session

from carehub.core.deps import get_db, require_roles
from carehub.crud.client import client_crud
from carehub.services import scheduling_service
from carehub.utils.legacy import parse_caredesk_date

router = APIRouter(prefix="/api/admin", tags=["admin"])
admin_only = require_roles("admin")


@router.post("/travel/{day}")
def rebuild_travel(day: date, db: Session = Depends(get_db), user=Depends(admin_only)):
    scheduling_service.calculate_travel_legs(db, day)
    db.commit()
    return {"detail": "ok"}


@router.post("/import/caredesk-clients")
def import_caredesk_clients(file: UploadFile = File(...), db: Session = Depends(get_db),
                            user=Depends(admin_only)):
    reader = csv.DictReader(io.StringIO(file.file.read().decode("latin-1")))
    n = 0
    for row in reader:
        dob = parse_caredesk_date(row.get("DOB"))
        client_crud.create_client(db, {"first_name": row["Forename"], "last_name": row["Surname"],
                                       "date_of_birth": dob.date() if dob else None,
                                       "postcode": row.get("Postcode"), "address_line1": row.get("Addr1"),
                                       "nhs_number": row.get("NHSNo"), "status": "active"})
        n += 1
    db.commit()
    return {"imported": n}


