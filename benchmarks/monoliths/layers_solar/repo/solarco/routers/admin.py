"""Back-office endpoints: reports and maintenance actions."""
from datetime import date, timedelta
from typing import Optional

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from solarco.core.database import get_db
from solarco.core.security import ROLE_ADMIN, ROLE_FINANCE, CurrentUser, require_role
from solarco.repositories import misc
from solarco.services import reports
from solarco.services.inventory_service import InventoryService

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/reports/pipeline")
def pipeline_report(since: Optional[date] = None, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.sales_pipeline(db, since)


@router.get("/reports/conversion")
def conversion_report(since: date, db: Session = Depends(get_db),
                      user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.conversion_by_source(db, since)


@router.get("/reports/backlog")
def backlog_report(db: Session = Depends(get_db), user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.install_backlog(db)


@router.get("/reports/crew-utilization")
def crew_utilization_report(start: date, end: date, db: Session = Depends(get_db),
                            user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.crew_utilization(db, start, end)


@router.get("/reports/aging")
def aging_report(as_of: Optional[date] = None, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_FINANCE))):
    return reports.receivables_aging(db, as_of)


@router.get("/reports/inventory-valuation")
def inventory_valuation_report(db: Session = Depends(get_db),
                               user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.inventory_valuation(db)


@router.get("/reports/permits")
def permit_report(days: int = 180, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.permit_turnaround(db, date.today() - timedelta(days=days))


@router.get("/reports/fleet")
def fleet_report(days: int = 30, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return reports.fleet_performance(db, days)


@router.get("/customers/{lead_id}")
def customer_360(lead_id: int, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    data = misc.customer_overview(db, lead_id)
    if not data:
        raise HTTPException(404, "customer not found")
    return data


@router.get("/systems/uncontracted")
def uncontracted_systems(db: Session = Depends(get_db),
                         user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return misc.systems_without_contract(db)


@router.post("/inventory/rebuild")
def rebuild_stock_levels(db: Session = Depends(get_db),
                         user: CurrentUser = Depends(require_role(ROLE_ADMIN))):
    return {"rows": InventoryService(db).rebuild_levels()}
