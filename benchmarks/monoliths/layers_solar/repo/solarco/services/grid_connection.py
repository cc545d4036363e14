"""Utility interconnection applications and Permission To Operate (PTO)."""
import logging
from datetime import date, datetime
from typing import Dict, List, Optional

import requests
from sqlalchemy.orm import Session

from solarco.core.config import settings
from solarco.core.notifications import OutgoingEmail, render_template, send_email
from solarco.core.utils import BusinessRuleError, NotFoundError, parse_date, retry
from solarco.models.lead import Lead
from solarco.models.permit import UtilityInterconnection
from solarco.models.project import InstallationProject
from solarco.repositories.permits import InterconnectionRepository, PermitRepository

log = logging.getLogger(__name__)

# kW AC caps for net metering per state (2021 tariffs)
NEM_CAPS_KW = {"CA": 1000, "AZ": 125, "NV": 25, "TX": 20, "FL": 2000, "NM": 80, "CO": 120}
INVERTER_EFFICIENCY = 0.965

PORTAL_STATUS_MAP = {
    "RECEIVED": "submitted",
    "IN_REVIEW": "submitted",
    "APPROVED_TO_INSTALL": "approved",
    "METER_SWAP_PENDING": "meter_swap",
    "PTO_ISSUED": "pto",
    "DENIED": "rejected",
}


def net_metering_eligible(state: Optional[str], kw_ac: float) -> bool:
    cap = NEM_CAPS_KW.get((state or "").upper())
    return cap is None or kw_ac <= cap


def required_documents(state: Optional[str], has_battery: bool) -> List[str]:
    docs = ["single_line", "site_plan", "spec_sheet"]
    if (state or "").upper() in ("CA", "NV"):
        docs.append("nem_agreement")
    if has_battery:
        docs.append("battery_spec_sheet")
    return docs


class UtilityPortalClient:
    def __init__(self, base_url: Optional[str] = None, token: Optional[str] = None):
        self.base_url = (base_url or settings.utility_portal_url).rstrip("/")
        self.token = token or settings.utility_portal_token

    def _headers(self) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}

    @retry(times=3, delay=5.0, exceptions=(requests.RequestException,))
    def submit(self, payload: dict) -> str:
        resp = requests.post(f"{self.base_url}/applications", json=payload,
                             headers=self._headers(), timeout=30)
        resp.raise_for_status()
        return resp.json()["application_id"]

    @retry(times=2, delay=2.0, exceptions=(requests.RequestException,))
    def status(self, application_ref: str) -> dict:
        resp = requests.get(f"{self.base_url}/applications/{application_ref}",
                            headers=self._headers(), timeout=15)
        resp.raise_for_status()
        return resp.json()


class InterconnectionService:
    def __init__(self, db: Session, client: Optional[UtilityPortalClient] = None):
        self.db = db
        self.repo = InterconnectionRepository(db)
        self.permits = PermitRepository(db)
        self.client = client or UtilityPortalClient()

    def submit(self, project_id: int, by: Optional[str] = None) -> UtilityInterconnection:
        project = self.db.get(InstallationProject, project_id)
        if project is None:
            raise NotFoundError("InstallationProject", project_id)
        existing = self.repo.for_project(project_id)
        if existing and existing.status not in ("draft", "rejected"):
            return existing
        lead = self.db.get(Lead, project.lead_id)
        kw_ac = round(float(project.system_size_kw or 0) * INVERTER_EFFICIENCY, 2)
        payload = {
            "customer": {"name": lead.full_name, "email": lead.email, "address": project.address},
            "utility_account": lead.utility_name,
            "system_kw_dc": float(project.system_size_kw or 0),
            "system_kw_ac": kw_ac,
            "battery": bool(project.has_battery),
            "installer_ref": project.project_number,
            "documents": required_documents(project.state, project.has_battery),
        }
        ref = self.client.submit(payload)
        ic = existing or self.repo.create(project_id=project_id)
        ic.utility_name = lead.utility_name
        ic.application_ref = ref
        ic.status = "submitted"
        ic.system_size_kw_ac = kw_ac
        ic.net_metering = net_metering_eligible(project.state, kw_ac)
        ic.submitted_at = datetime.utcnow()
        self.db.commit()
        return ic

    def refresh_status(self, ic: UtilityInterconnection) -> UtilityInterconnection:
        data = self.client.status(ic.application_ref)
        new_status = PORTAL_STATUS_MAP.get(data.get("status", ""), ic.status)
        if new_status != ic.status:
            log.info("interconnection %s: %s -> %s", ic.application_ref, ic.status, new_status)
            if new_status == "approved":
                ic.approved_at = datetime.utcnow()
            if new_status == "pto":
                self.grant_pto(ic, parse_date(data.get("pto_date")) or date.today(), commit=False)
            ic.status = new_status
        self.db.commit()
        return ic

    def grant_pto(self, ic: UtilityInterconnection, pto_date: date, commit: bool = True) -> None:
        ic.status = "pto"
        ic.pto_date = pto_date
        project = self.db.get(InstallationProject, ic.project_id)
        lead = self.db.get(Lead, project.lead_id) if project else None
        if lead and lead.email:
            send_email(OutgoingEmail(to=[lead.email], subject="Your solar system is live!",
                                     body=render_template("pto_granted", first_name=lead.first_name)))
        if commit:
            self.db.commit()

    def poll_all(self) -> int:
        n = 0
        for ic in self.repo.awaiting_utility():
            try:
                self.refresh_status(ic)
                n += 1
            except Exception:  # noqa
                log.exception("could not refresh %s", ic.application_ref)
                self.db.rollback()
        return n

    def turnaround_days(self, ic: UtilityInterconnection) -> Optional[int]:
        if not ic.submitted_at or not ic.pto_date:
            return None
        return (ic.pto_date - ic.submitted_at.date()).days
