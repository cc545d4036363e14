"""Odds and ends for the ops team. Not in the public API docs."""
from datetime import date

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from fleetco import __version__
from fleetco.common.auth import require_admin
from fleetco.common.db import get_db
from fleetco.models.orders import Quote, QuoteStatus
from fleetco.repositories.shipment_repo import find_late_shipments
from fleetco.services import reports, tracking, warehouse_service
from fleetco.services.pricing import reprice_quote

router = APIRouter(prefix="/admin", tags=["admin"])


@router.get("/health")
def healthcheck(db: Session = Depends(get_db)):
    db.execute(text("SELECT 1"))
    return {"ok": True, "version": __version__}


@router.post("/quotes/reprice", dependencies=[Depends(require_admin)])
def reprice_open_quotes(db: Session = Depends(get_db)):
    open_quotes = db.query(Quote).filter(Quote.status == QuoteStatus.SENT).all()
    for quote in open_quotes:
        reprice_quote(db, quote.id)
    return {"repriced": len(open_quotes)}


@router.post("/stock/rebuild", dependencies=[Depends(require_admin)])
def rebuild_stock(db: Session = Depends(get_db)):
    return {"updated": warehouse_service.rebuild_stock_levels(db)}


@router.post("/tracking/purge", dependencies=[Depends(require_admin)])
def purge_tracking_events(keep_days: int = 400, db: Session = Depends(get_db)):
    return {"deleted": tracking.purge_old_events(db, keep_days)}


@router.get("/reports/kpis", dependencies=[Depends(require_admin)])
def kpis(db: Session = Depends(get_db)):
    # revenue and utilisation moved to Metabase in 2023, see reports.py
    return {
        "on_time_pct": reports.on_time_rate(db),
        "late_shipments": len(find_late_shipments(db, date.today())),
    }
