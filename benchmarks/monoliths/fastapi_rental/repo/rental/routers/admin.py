"""Back-office endpoints. Everything that didn't fit elsewhere ended up here."""
import datetime as dt
from decimal import Decimal

from fastapi import APIRouter, Body, Depends
from sqlalchemy.orm import Session

from rental import reporting
from rental.models import MessageTemplate, PromoCode, RatePlan, SeasonRule
from rental.services import fleet_service, notification_service
from rental.utils import get_db, require_role

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_role("admin"))])


@router.post("/rate-plans", status_code=201)
def create_rate_plan(payload: dict = Body(...), db: Session = Depends(get_db)):
    plan = RatePlan(category_id=payload["category_id"], branch_id=payload.get("branch_id"),
                    daily_rate=Decimal(str(payload["daily_rate"])), weekly_rate=payload.get("weekly_rate"),
                    km_included_per_day=payload.get("km_included_per_day", 250),
                    valid_from=dt.date.fromisoformat(payload["valid_from"]))
    for s in payload.get("seasons", []):
        plan.seasons.append(SeasonRule(name=s["name"], starts_on=dt.date.fromisoformat(s["starts_on"]),
                                       ends_on=dt.date.fromisoformat(s["ends_on"]), multiplier=s["multiplier"]))
    db.add(plan)
    db.flush()
    return {"id": plan.id}


@router.post("/promo-codes", status_code=201)
def create_promo(code: str = Body(...), percent_off: Decimal | None = Body(None),
                 amount_off: Decimal | None = Body(None), valid_until: dt.date | None = Body(None),
                 max_uses: int | None = Body(None), db: Session = Depends(get_db)):
    promo = PromoCode(code=code.upper(), percent_off=percent_off, amount_off=amount_off, valid_until=valid_until,
                      max_uses=max_uses)
    db.add(promo)
    return {"code": promo.code}


@router.put("/templates/{key}")
def upsert_template(key: str, body: str = Body(...), subject: str | None = Body(None), language: str = Body("en"),
                    db: Session = Depends(get_db)):
    tpl = db.query(MessageTemplate).filter_by(key=key, language=language).first()
    if tpl is None:
        tpl = MessageTemplate(key=key, language=language, body=body)
        db.add(tpl)
    tpl.body, tpl.subject = body, subject
    return {"key": key, "preview": notification_service.render_template(db, key, language, {"reference": "R123"})}


@router.post("/vehicles/{vehicle_id}/transfer")
def transfer(vehicle_id: int, to_branch_id: int = Body(..., embed=True), db: Session = Depends(get_db)):
    v = fleet_service.transfer_vehicle(db, vehicle_id, to_branch_id)
    return {"id": v.id, "status": v.status.value}


@router.get("/reports/utilisation")
def utilisation_report(start: dt.date, end: dt.date, db: Session = Depends(get_db)):
    return reporting.fleet_utilisation(db, start, end)


@router.get("/reports/revenue")
def revenue_report(year: int, db: Session = Depends(get_db)):
    return reporting.revenue_by_branch(db, year)


@router.get("/reports/damage")
def damage_report(year: int, db: Session = Depends(get_db)):
    return reporting.damage_cost_by_category(db, year)
