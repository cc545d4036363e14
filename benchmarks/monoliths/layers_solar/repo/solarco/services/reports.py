"""Management reports.  Raw SQL because the ORM versions were too slow on
the reporting replica (and because Priya writes better SQL than Python)."""
from datetime import date, timedelta
from typing import Any, Dict, List, Optional

from sqlalchemy import text
from sqlalchemy.orm import Session

from solarco.core.utils import round_money, timed


def _rows(db: Session, sql: str, **params: Any) -> List[Dict[str, Any]]:
    return [dict(r) for r in db.execute(text(sql), params).mappings().all()]


@timed
def sales_pipeline(db: Session, since: Optional[date] = None) -> Dict[str, Any]:
    since = since or date.today() - timedelta(days=90)
    by_status = _rows(db, """
        SELECT status, count(*) AS n FROM leads WHERE created_at >= :since GROUP BY status
    """, since=since)
    by_rep = _rows(db, """
        SELECT l.assigned_rep AS rep,
               count(DISTINCT l.id) AS leads,
               count(DISTINCT q.id) FILTER (WHERE q.status = 'sent') AS open_quotes,
               count(DISTINCT q.id) FILTER (WHERE q.status = 'accepted') AS won,
               COALESCE(SUM(q.total) FILTER (WHERE q.status = 'accepted'), 0) AS booked
          FROM leads l LEFT JOIN quotes q ON q.lead_id = l.id
         WHERE l.created_at >= :since
         GROUP BY l.assigned_rep ORDER BY booked DESC
    """, since=since)
    return {"since": since.isoformat(), "by_status": by_status, "by_rep": by_rep}


@timed
def conversion_by_source(db: Session, since: date) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT l.source,
               count(*) AS leads,
               count(*) FILTER (WHERE l.status = 'won') AS won,
               round(100.0 * count(*) FILTER (WHERE l.status = 'won') / NULLIF(count(*), 0), 1) AS pct,
               COALESCE(avg(q.system_size_kw) FILTER (WHERE q.status = 'accepted'), 0) AS avg_kw
          FROM leads l LEFT JOIN quotes q ON q.lead_id = l.id AND q.status = 'accepted'
         WHERE l.created_at >= :since
         GROUP BY l.source ORDER BY leads DESC
    """, since=since)


def referral_commissions(db: Session, month_start: date, month_end: date) -> List[Dict[str, Any]]:
    """Commission owed to partners for deposits received this month."""
    return _rows(db, """
        SELECT rp.id, rp.name, rp.email, count(DISTINCT q.id) AS deals,
               SUM(q.subtotal * rp.commission_pct / 100) AS commission
          FROM referral_partners rp
          JOIN leads l ON l.referral_partner_id = rp.id
          JOIN quotes q ON q.lead_id = l.id AND q.status = 'accepted'
          JOIN installation_projects ip ON ip.quote_id = q.id
          JOIN invoices i ON i.project_id = ip.id AND i.kind = 'deposit'
          JOIN payments p ON p.invoice_id = i.id
         WHERE p.received_at BETWEEN :s AND :e
         GROUP BY rp.id, rp.name, rp.email
    """, s=month_start, e=month_end)


@timed
def install_backlog(db: Session) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT ip.project_number, ip.status, ip.system_size_kw, ip.install_date, c.name AS crew,
               (SELECT string_agg(pa.permit_type || ':' || pa.status, ', ')
                  FROM permit_applications pa WHERE pa.project_id = ip.id) AS permits,
               current_date - ip.created_at::date AS age_days
          FROM installation_projects ip
          LEFT JOIN crews c ON c.id = ip.crew_id
         WHERE ip.status IN ('pending', 'permitting', 'scheduled', 'on_hold')
         ORDER BY ip.created_at
    """)


def crew_utilization(db: Session, start: date, end: date) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT c.id, c.name, c.region,
               COALESCE(SUM(a.hours), 0) AS hours,
               COALESCE(SUM(a.hours) FILTER (WHERE a.kind = 'install'), 0) AS install_hours,
               COALESCE(SUM(a.hours) FILTER (WHERE a.kind = 'service'), 0) AS service_hours,
               count(DISTINCT a.work_date) AS days_worked
          FROM crews c LEFT JOIN crew_assignments a
            ON a.crew_id = c.id AND a.work_date BETWEEN :s AND :e
         WHERE c.active
         GROUP BY c.id, c.name, c.region ORDER BY c.name
    """, s=start, e=end)


@timed
def receivables_aging(db: Session, as_of: Optional[date] = None) -> Dict[str, Any]:
    as_of = as_of or date.today()
    rows = _rows(db, """
        SELECT i.number, i.kind, i.due_date, i.total - i.amount_paid AS balance,
               l.first_name || ' ' || l.last_name AS customer,
               CASE WHEN i.due_date >= :d THEN 'current'
                    WHEN :d - i.due_date <= 30 THEN '1-30'
                    WHEN :d - i.due_date <= 60 THEN '31-60'
                    WHEN :d - i.due_date <= 90 THEN '61-90'
                    ELSE '90+' END AS bucket
          FROM invoices i JOIN leads l ON l.id = i.lead_id
         WHERE i.status IN ('open', 'partially_paid')
         ORDER BY i.due_date
    """, d=as_of)
    buckets: Dict[str, Any] = {}
    for r in rows:
        buckets[r["bucket"]] = round_money(buckets.get(r["bucket"], 0) + (r["balance"] or 0))
    return {"as_of": as_of.isoformat(), "buckets": buckets, "invoices": rows}


def cash_collected(db: Session, start: date, end: date) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT date_trunc('week', p.received_at)::date AS week, p.method, SUM(p.amount) AS amount
          FROM payments p
         WHERE p.received_at BETWEEN :s AND :e
         GROUP BY 1, 2 ORDER BY 1, 2
    """, s=start, e=end)


@timed
def inventory_valuation(db: Session) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT p.category, p.sku, p.brand, p.model, s.warehouse, s.on_hand, s.reserved,
               s.on_hand * p.unit_cost AS value
          FROM warehouse_stock s JOIN equipment_catalog p ON p.id = s.product_id
         WHERE s.on_hand <> 0
         ORDER BY p.category, p.sku
    """)


def permit_turnaround(db: Session, since: date) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT pa.jurisdiction, pa.permit_type, count(*) AS permits,
               avg(EXTRACT(EPOCH FROM (pa.approved_at - pa.submitted_at)) / 86400.0) AS avg_days,
               count(*) FILTER (WHERE pa.corrections_note IS NOT NULL) AS with_corrections,
               avg(ui.pto_date - ui.submitted_at::date) AS avg_pto_days
          FROM permit_applications pa
          LEFT JOIN utility_interconnections ui ON ui.project_id = pa.project_id
         WHERE pa.submitted_at >= :since
         GROUP BY pa.jurisdiction, pa.permit_type
         ORDER BY avg_days DESC NULLS LAST
    """, since=since)


@timed
def fleet_performance(db: Session, days: int = 30) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT ms.id, ms.inverter_serial, ms.inverter_vendor, ms.system_size_kw, ip.project_number,
               COALESCE(SUM(pr.kwh), 0) AS kwh,
               ms.expected_annual_kwh * :days / 365.0 AS expected_kwh,
               (SELECT count(*) FROM system_alerts a
                 WHERE a.system_id = ms.id AND a.resolved_at IS NULL) AS open_alerts
          FROM monitored_systems ms
          LEFT JOIN installation_projects ip ON ip.id = ms.project_id
          LEFT JOIN production_readings pr
                 ON pr.system_id = ms.id AND pr.reading_date >= current_date - :days
         WHERE ms.status <> 'decommissioned'
         GROUP BY ms.id, ip.project_number
         ORDER BY kwh / NULLIF(ms.expected_annual_kwh * :days / 365.0, 0) NULLS FIRST
    """, days=days)


def service_ticket_stats(db: Session, since: date) -> List[Dict[str, Any]]:
    return _rows(db, """
        SELECT t.category, count(*) AS tickets,
               avg(EXTRACT(EPOCH FROM (t.resolved_at - t.created_at)) / 3600.0) AS avg_hours_to_resolve,
               count(*) FILTER (WHERE t.billable) AS billable
          FROM service_tickets t
         WHERE t.created_at >= :since
         GROUP BY t.category ORDER BY tickets DESC
    """, since=since)
