"""Queries that didn't fit anywhere else.

Please don't add more here; put them in the proper repository.
"""
from datetime import date, datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from solarco.models.billing import Invoice
from solarco.models.lead import Lead, LeadActivity
from solarco.models.project import InstallationProject


def customer_overview(db: Session, lead_id: int) -> Dict[str, Any]:
    """Everything about one customer for the support screen ("customer 360")."""
    lead = db.get(Lead, lead_id)
    if lead is None:
        return {}
    quotes = db.execute(text(
        "SELECT id, number, status, total, system_size_kw FROM quotes "
        "WHERE lead_id = :l ORDER BY revision DESC"), {"l": lead_id}).mappings().all()
    projects = db.execute(text(
        "SELECT id, project_number, status, install_date FROM installation_projects "
        "WHERE lead_id = :l"), {"l": lead_id}).mappings().all()
    invoices = db.execute(text(
        "SELECT number, kind, status, total, amount_paid, due_date FROM invoices "
        "WHERE lead_id = :l ORDER BY issue_date"), {"l": lead_id}).mappings().all()
    systems = db.execute(text(
        "SELECT id, inverter_serial, status, last_reading_at FROM monitored_systems "
        "WHERE lead_id = :l"), {"l": lead_id}).mappings().all()
    return {
        "lead": {"id": lead.id, "name": lead.full_name, "email": lead.email,
                 "status": lead.status, "rep": lead.assigned_rep},
        "quotes": [dict(q) for q in quotes],
        "projects": [dict(p) for p in projects],
        "invoices": [dict(i) for i in invoices],
        "systems": [dict(s) for s in systems],
    }


def mark_lead_won(db: Session, lead_id: int, by: Optional[str] = None) -> None:
    db.execute(update(Lead).where(Lead.id == lead_id).values(status="won"))
    db.add(LeadActivity(lead_id=lead_id, kind="status_change", note="won", created_by=by))


def project_for_quote(db: Session, quote_id: int) -> Optional[InstallationProject]:
    return db.scalars(select(InstallationProject)
                      .where(InstallationProject.quote_id == quote_id)).first()


def open_permits_for_crew(db: Session, crew_id: int) -> List[Dict[str, Any]]:
    sql = """
        SELECT pa.id, pa.permit_type, pa.status, pa.jurisdiction, ip.project_number, ip.install_date
          FROM permit_applications pa
          JOIN installation_projects ip ON ip.id = pa.project_id
         WHERE ip.crew_id = :c AND pa.status NOT IN ('approved', 'closed')
    """
    return [dict(r) for r in db.execute(text(sql), {"c": crew_id}).mappings()]


def reserved_stock_for_project(db: Session, project_number: str) -> List[Dict[str, Any]]:
    sql = """
        SELECT m.product_id, p.sku, SUM(m.qty) AS qty
          FROM stock_movements m JOIN equipment_catalog p ON p.id = m.product_id
         WHERE m.reference = :ref AND m.kind IN ('reserve', 'release')
         GROUP BY m.product_id, p.sku
        HAVING SUM(m.qty) <> 0
    """
    return [dict(r) for r in db.execute(text(sql), {"ref": project_number}).mappings()]


def systems_without_contract(db: Session) -> List[Dict[str, Any]]:
    sql = """
        SELECT ms.id, ms.inverter_serial, ms.commissioned_on, ms.lead_id
          FROM monitored_systems ms
          LEFT JOIN maintenance_contracts mc
                 ON mc.system_id = ms.id AND mc.cancelled_at IS NULL AND mc.end_date >= current_date
         WHERE mc.id IS NULL AND ms.status = 'active'
    """
    return [dict(r) for r in db.execute(text(sql)).mappings()]


def unpaid_invoices_for_lead(db: Session, lead_id: int) -> List[Invoice]:
    return list(db.scalars(select(Invoice).where(
        Invoice.lead_id == lead_id, Invoice.status.in_(("open", "partially_paid")))))


def purge_old_survey_photos(db: Session, before: date) -> int:
    # one-off from the 2020 S3 cleanup; kept "in case"
    return db.execute(text("DELETE FROM survey_photos WHERE taken_at < :b"), {"b": before}).rowcount
