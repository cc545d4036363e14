"""Monitoring + service desk API."""
from datetime import date
from typing import Dict, List, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.database import get_db
from solarco.core.security import ROLE_SERVICE, CurrentUser, get_current_user, require_role, verify_hmac_signature
from solarco.core.utils import BusinessRuleError, NotFoundError
from solarco.repositories.monitoring_repo import (AlertRepository, MonitoredSystemRepository,
                                                  ReadingRepository, TicketRepository)
from solarco.services.billing_service import MaintenanceContractService
from solarco.services.monitoring_service import MonitoringService, TicketService

router = APIRouter(prefix="/monitoring", tags=["monitoring"])


class ReadingIn(BaseModel):
    reading_date: date
    kwh: float
    peak_kw: Optional[float] = None


class TicketIn(BaseModel):
    system_id: int
    category: str
    description: str
    priority: str = "normal"
    alert_id: Optional[int] = None


class TicketScheduleIn(BaseModel):
    crew_id: int
    day: date
    hours: float = 4


class TicketResolveIn(BaseModel):
    resolution: str
    labor_hours: float
    parts: Dict[int, int] = {}


class ContractIn(BaseModel):
    system_id: int
    plan: str
    years: int = 1


@router.get("/systems")
def list_systems(vendor: Optional[str] = None, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(get_current_user)):
    return [{"id": s.id, "serial": s.inverter_serial, "vendor": s.inverter_vendor, "status": s.status,
             "kw": float(s.system_size_kw or 0), "last_reading_at": s.last_reading_at}
            for s in MonitoredSystemRepository(db).active(vendor)]


@router.get("/systems/{system_id}/performance")
def system_performance(system_id: int, days: int = 30, db: Session = Depends(get_db),
                       user: CurrentUser = Depends(get_current_user)):
    svc = MonitoringService(db)
    try:
        pr = svc.performance_ratio(system_id, days)
    except NotFoundError as e:
        raise HTTPException(404, str(e))
    readings = ReadingRepository(db).daily(system_id, days)
    return {"performance_ratio": pr,
            "daily": [{"date": r.reading_date, "kwh": float(r.kwh or 0)} for r in readings]}


@router.post("/systems/{system_id}/readings")
async def push_readings(system_id: int, request: Request, x_signature: str = Header(None),
                        db: Session = Depends(get_db)):
    """Push endpoint for vendors that support webhooks (Enphase since 2022)."""
    body = await request.body()
    if not verify_hmac_signature(settings.inverter_api_key, body, x_signature):
        raise HTTPException(401, "bad signature")
    rows = [ReadingIn(**r).dict() for r in (await request.json())]
    return {"upserted": MonitoringService(db).ingest(system_id, rows)}


@router.get("/alerts")
def list_alerts(db: Session = Depends(get_db), user: CurrentUser = Depends(get_current_user)):
    return [{"id": a.id, "system_id": a.system_id, "code": a.code, "severity": a.severity,
             "message": a.message, "opened_at": a.opened_at} for a in AlertRepository(db).open_all()]


@router.post("/alerts/{alert_id}/resolve")
def resolve_alert(alert_id: int, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    MonitoringService(db).resolve_alert(alert_id)
    return {"ok": True}


@router.get("/tickets")
def ticket_queue(priority: Optional[str] = None, db: Session = Depends(get_db),
                 user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    return [{"id": t.id, "system_id": t.system_id, "category": t.category, "priority": t.priority,
             "status": t.status, "billable": t.billable} for t in TicketRepository(db).queue(priority)]


@router.post("/tickets", status_code=201)
def open_ticket(body: TicketIn, db: Session = Depends(get_db),
                user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    t = TicketService(db).open(body.system_id, body.category, body.description, body.priority,
                               body.alert_id)
    return {"id": t.id, "billable": t.billable}


@router.post("/tickets/{ticket_id}/schedule")
def schedule_ticket(ticket_id: int, body: TicketScheduleIn, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    t = TicketService(db).schedule(ticket_id, body.crew_id, body.day, body.hours)
    return {"status": t.status}


@router.post("/tickets/{ticket_id}/resolve")
def resolve_ticket(ticket_id: int, body: TicketResolveIn, db: Session = Depends(get_db),
                   user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    try:
        t = TicketService(db).resolve(ticket_id, body.resolution, body.labor_hours, body.parts, user.email)
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))
    return {"status": t.status}


@router.post("/contracts", status_code=201)
def sell_contract(body: ContractIn, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    try:
        c = MaintenanceContractService(db).sell(body.system_id, body.plan, body.years)
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))
    return {"id": c.id, "end_date": c.end_date}


@router.post("/contracts/{contract_id}/cancel")
def cancel_contract(contract_id: int, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(require_role(ROLE_SERVICE))):
    MaintenanceContractService(db).cancel(contract_id)
    return {"ok": True}
