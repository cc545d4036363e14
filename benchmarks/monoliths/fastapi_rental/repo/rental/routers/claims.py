from decimal import Decimal

from fastapi import APIRouter, Body, Depends
from sqlalchemy.orm import Session

from rental.repositories.claim_repo import ClaimRepository
from rental.services import claims_service
from rental.utils import get_db, require_role

router = APIRouter(prefix="/claims", tags=["damage"])


def claim_to_dict(c):
    return {"id": c.id, "status": c.status.value, "damage_id": c.damage_report_id, "claimed": c.claimed_amount,
            "settled": c.settled_amount, "customer_liability": c.customer_liability,
            "policy": c.policy.policy_number if c.policy else None}


@router.post("/damages", status_code=201)
def report(vehicle_id: int = Body(...), zone: str = Body(...), description: str = Body(...),
           severity: int = Body(1), photos: list[str] = Body([]), db: Session = Depends(get_db)):
    r = claims_service.report_damage(db, vehicle_id, zone, description, severity, photos=photos)
    return {"id": r.id, "agreement_id": r.agreement_id, "estimated_cost": r.estimated_cost}


@router.post("/damages/{report_id}/assess")
def assess(report_id: int, estimated_cost: Decimal = Body(...), severity: int | None = Body(None),
           db: Session = Depends(get_db), user=Depends(require_role("claims"))):
    r = claims_service.assess_damage(db, report_id, estimated_cost, severity)
    return {"id": r.id, "estimated_cost": r.estimated_cost}


@router.get("")
def open_claims(db: Session = Depends(get_db)):
    return [claim_to_dict(c) for c in ClaimRepository(db).open_claims()]


@router.post("/{claim_id}/submit")
def submit(claim_id: int, db: Session = Depends(get_db), user=Depends(require_role("claims"))):
    return claim_to_dict(claims_service.submit_claim(db, claim_id))


@router.post("/{claim_id}/settle")
def settle(claim_id: int, amount: Decimal = Body(...), insurer_reference: str | None = Body(None),
           db: Session = Depends(get_db), user=Depends(require_role("claims"))):
    return claim_to_dict(claims_service.settle_claim(db, claim_id, amount, insurer_reference))
