"""Nightly batch.  Each job commits on its own so one failure doesn't kill the rest.

crontab (worker-01):
    15 2 * * *   python -m solarco.workers.nightly
    */30 * * * * python -m solarco.workers.monitoring_poller
"""
import csv
import logging
import os
import sys
from datetime import date, datetime, timedelta
from typing import Callable, Dict, List

from sqlalchemy import select, text

from solarco.core.config import LEGACY_CRM_EXPORT_DIR, settings
from solarco.core.database import session_scope
from solarco.core.notifications import OutgoingEmail, send_email
from solarco.core.utils import normalize_email, normalize_phone, parse_date
from solarco.models.lead import Lead
from solarco.repositories.lead_repo import LeadRepository
from solarco.services.billing_service import InvoiceService, MaintenanceContractService
from solarco.services.grid_connection import InterconnectionService
from solarco.services.inventory_service import ProcurementService
from solarco.services.monitoring_service import MonitoringService
from solarco.services.sales_service import QuoteService

log = logging.getLogger("solarco.nightly")

JOBS: List[Callable] = []


def job(fn: Callable) -> Callable:
    JOBS.append(fn)
    return fn


@job
def expire_quotes() -> str:
    with session_scope() as db:
        n = QuoteService(db).expire_old()
    return f"{n} quotes expired"


@job
def nudge_stale_leads() -> str:
    with session_scope() as db:
        stale = LeadRepository(db).stale(days=14)
        by_rep: Dict[str, List[Lead]] = {}
        for lead in stale:
            by_rep.setdefault(lead.assigned_rep or "sales@solarco.example", []).append(lead)
        for rep, leads in by_rep.items():
            body = "\n".join(f"- {l.full_name} ({l.status}) since {l.created_at:%Y-%m-%d}" for l in leads)
            send_email(OutgoingEmail(to=[rep], subject=f"{len(leads)} leads need a follow-up", body=body))
    return f"{len(stale)} stale leads"


@job
def payment_reminders() -> str:
    with session_scope() as db:
        n = InvoiceService(db).send_reminders()
    return f"{n} reminders sent"


@job
def late_fees() -> str:
    # disabled in CA until legal signs off - see OPS-691
    if os.environ.get("SOLARCO_LATE_FEES_ENABLED") != "1":
        return "skipped"
    with session_scope() as db:
        created = InvoiceService(db).apply_late_fees()
    return f"{len(created)} late fee invoices"


@job
def auto_reorder() -> str:
    with session_scope() as db:
        pos = ProcurementService(db).auto_reorder()
    return f"POs: {', '.join(pos) or 'none'}"


@job
def poll_interconnections() -> str:
    with session_scope() as db:
        n = InterconnectionService(db).poll_all()
    return f"{n} interconnections refreshed"


@job
def expiring_permits_warning() -> str:
    with session_scope() as db:
        rows = db.execute(text("""
            SELECT pa.permit_number, pa.expires_on, ip.project_number
              FROM permit_applications pa JOIN installation_projects ip ON ip.id = pa.project_id
             WHERE pa.status = 'approved' AND pa.expires_on < current_date + 21
               AND ip.status IN ('pending', 'permitting', 'scheduled', 'on_hold')
        """)).mappings().all()
        if rows:
            body = "\n".join(f"{r['project_number']}: permit {r['permit_number']} expires {r['expires_on']}"
                             for r in rows)
            send_email(OutgoingEmail(to=["permits@solarco.example"], subject="Permits expiring soon",
                                     body=body))
    return f"{len(rows)} permits expiring"


@job
def renew_contracts() -> str:
    with session_scope() as db:
        n = MaintenanceContractService(db).renew_expiring()
    return f"{n} contracts renewed"


@job
def detect_problems() -> str:
    with session_scope() as db:
        svc = MonitoringService(db)
        off = svc.detect_offline()
        under = svc.detect_underperformance()
    return f"{off} offline, {under} underperforming"


def sync_crew_calendar() -> str:
    """Push crew assignments to Google Calendar.
    TODO: never finished - Google API creds expired in 2021. Not registered."""
    with session_scope() as db:
        rows = db.execute(text(
            "SELECT crew_id, work_date, project_id FROM crew_assignments WHERE work_date >= current_date"
        )).all()
    return f"{len(rows)} assignments (not synced)"


def import_legacy_crm_csv(path: str) -> int:
    """One-off import of the 2019 Zoho CRM export.  Kept for reference."""
    n = 0
    with open(path, newline="", encoding="utf-8-sig") as fh, session_scope() as db:
        repo = LeadRepository(db)
        for row in csv.DictReader(fh):
            email = normalize_email(row.get("Email"))
            if email and repo.find_by_email(email):
                continue
            db.add(Lead(first_name=row.get("First Name") or "?", last_name=row.get("Last Name") or "?",
                        email=email, phone=normalize_phone(row.get("Phone")),
                        address_line1=row.get("Street"), city=row.get("City"), state=row.get("State"),
                        zip_code=row.get("Zip"), source="legacy_crm", status="new",
                        legacy_crm_id=row.get("Record Id")))
            n += 1
    return n


def run_nightly(jobs: List[Callable] = None) -> Dict[str, str]:
    results = {}
    for fn in jobs or JOBS:
        started = datetime.utcnow()
        try:
            results[fn.__name__] = fn()
        except Exception as exc:  # noqa
            log.exception("job %s failed", fn.__name__)
            results[fn.__name__] = f"FAILED: {exc}"
        log.info("%s: %s (%.1fs)", fn.__name__, results[fn.__name__],
                 (datetime.utcnow() - started).total_seconds())
    return results


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    if len(sys.argv) > 2 and sys.argv[1] == "import-crm":
        print(import_legacy_crm_csv(os.path.join(LEGACY_CRM_EXPORT_DIR, sys.argv[2])))
    else:
        out = run_nightly()
        for k, v in out.items():
            print(f"{k:30s} {v}")
