"""Management reports. Raw SQL on purpose (the ORM versions were too slow).

Most of these are exported to Excel by the controllers every Monday.
"""
import csv
import io
import logging

from sqlalchemy import text

from freightly.extensions import db_session
from freightly.utils.dates import month_bounds, today
from freightly.utils.money import D, round_money

log = logging.getLogger("freightly.reports")


def _rows(sql, params=None, session=None):
    session = session or db_session
    result = session.execute(text(sql), params or {})
    keys = list(result.keys())
    return [dict(zip(keys, r)) for r in result.fetchall()]


def to_csv(rows, columns=None):
    if not rows:
        return ""
    columns = columns or list(rows[0].keys())
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", delimiter=";")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


SHIPMENT_MARGIN_SQL = """
SELECT s.reference, s.origin, s.destination, s.mode, c.account_no, c.name AS customer,
       ca.name AS carrier, s.buy_amount, s.buy_currency,
       COALESCE(SUM(il.amount), 0) AS invoiced_net, i.currency AS invoice_currency,
       rl.base_rate AS lane_base_rate
FROM shipments s
JOIN customers c ON c.id = s.customer_id
LEFT JOIN carriers ca ON ca.id = s.carrier_id
LEFT JOIN rate_lanes rl ON rl.id = s.rate_lane_id
LEFT JOIN invoices i ON i.shipment_id = s.id AND i.status <> 'void'
LEFT JOIN invoice_lines il ON il.invoice_id = i.id AND il.charge_code NOT IN ('DUTY', 'EUST')
WHERE s.delivered_at BETWEEN :start AND :end
GROUP BY s.reference, s.origin, s.destination, s.mode, c.account_no, c.name, ca.name,
         s.buy_amount, s.buy_currency, i.currency, rl.base_rate
ORDER BY s.reference
"""


def shipment_margin_report(year, month, session=None):
    start, end = month_bounds(year, month)
    rows = _rows(SHIPMENT_MARGIN_SQL, {"start": start, "end": end}, session)
    for r in rows:
        # FIXME: ignores currency differences between buy and sell
        r["margin"] = round_money(D(r["invoiced_net"]) - D(r["buy_amount"]))
        r["margin_pct"] = (round_money(D(r["margin"]) * 100 / D(r["invoiced_net"]))
                           if r["invoiced_net"] else None)
    return rows


def ar_aging_report(as_of=None, session=None):
    as_of = as_of or today()
    return _rows("""
        SELECT c.account_no, c.name, i.currency,
          SUM(CASE WHEN :d - i.due_date <= 0 THEN i.total_amount - i.paid_amount ELSE 0 END) AS current,
          SUM(CASE WHEN :d - i.due_date BETWEEN 1 AND 30 THEN i.total_amount - i.paid_amount ELSE 0 END) AS d1_30,
          SUM(CASE WHEN :d - i.due_date BETWEEN 31 AND 60 THEN i.total_amount - i.paid_amount ELSE 0 END) AS d31_60,
          SUM(CASE WHEN :d - i.due_date BETWEEN 61 AND 90 THEN i.total_amount - i.paid_amount ELSE 0 END) AS d61_90,
          SUM(CASE WHEN :d - i.due_date > 90 THEN i.total_amount - i.paid_amount ELSE 0 END) AS d90_plus,
          cl.limit_amount AS credit_limit
        FROM invoices i
        JOIN customers c ON c.id = i.customer_id
        LEFT JOIN credit_limits cl ON cl.customer_id = c.id
        WHERE i.status IN ('issued', 'partial', 'overdue')
        GROUP BY c.account_no, c.name, i.currency, cl.limit_amount
        ORDER BY d90_plus DESC, d61_90 DESC
    """, {"d": as_of}, session)


def customer_profitability(year, session=None):
    """Revenue minus carrier cost minus claims paid, per customer."""
    return _rows("""
        SELECT c.account_no, c.name, am.name AS account_manager,
               COUNT(DISTINCT s.id) AS shipments,
               COALESCE(SUM(DISTINCT i.net_amount), 0) AS revenue,
               COALESCE(SUM(s.buy_amount), 0) AS cost,
               COALESCE((SELECT SUM(cs.amount) FROM claim_settlements cs
                         JOIN claims cl ON cl.id = cs.claim_id
                         WHERE cl.customer_id = c.id
                           AND EXTRACT(YEAR FROM cs.settled_on) = :y), 0) AS claims_paid
        FROM customers c
        LEFT JOIN account_managers am ON am.id = c.account_manager_id
        LEFT JOIN shipments s ON s.customer_id = c.id AND EXTRACT(YEAR FROM s.created_at) = :y
        LEFT JOIN invoices i ON i.shipment_id = s.id AND i.status <> 'void'
        GROUP BY c.id, c.account_no, c.name, am.name
        ORDER BY revenue DESC
    """, {"y": year}, session)


def customs_clearance_times(year, month, session=None):
    start, end = month_bounds(year, month)
    return _rows("""
        SELECT cd.office_code, b.name AS broker, COUNT(*) AS declarations,
               AVG(EXTRACT(EPOCH FROM (cd.released_at - cd.submitted_at)) / 3600) AS avg_hours,
               SUM(CASE WHEN cd.status = 'hold' THEN 1 ELSE 0 END) AS on_hold,
               SUM(da.duty_amount) AS duty_total
        FROM customs_declarations cd
        LEFT JOIN customs_brokers b ON b.id = cd.broker_id
        LEFT JOIN duty_assessments da ON da.declaration_id = cd.id
        WHERE cd.submitted_at BETWEEN :start AND :end
        GROUP BY cd.office_code, b.name
        ORDER BY avg_hours DESC
    """, {"start": start, "end": end}, session)


def on_time_performance(year, month, session=None):
    """Planned vs actual arrival by carrier, from milestones."""
    start, end = month_bounds(year, month)
    return _rows("""
        SELECT ca.name AS carrier, s.mode, COUNT(*) AS shipments,
               SUM(CASE WHEN m.actual_at <= m.planned_at + INTERVAL '1 day' THEN 1 ELSE 0 END) AS on_time,
               AVG(EXTRACT(EPOCH FROM (m.actual_at - m.planned_at)) / 86400) AS avg_delay_days,
               (SELECT COUNT(*) FROM tracking_events te
                 WHERE te.is_exception AND te.event_time BETWEEN :start AND :end
                   AND te.shipment_id IN (SELECT id FROM shipments WHERE carrier_id = ca.id)) AS exceptions
        FROM milestones m
        JOIN shipments s ON s.id = m.shipment_id
        JOIN carriers ca ON ca.id = s.carrier_id
        WHERE m.code = 'ARR' AND m.actual_at BETWEEN :start AND :end
        GROUP BY ca.id, ca.name, s.mode
        ORDER BY ca.name
    """, {"start": start, "end": end}, session)


def warehouse_occupancy_report(session=None):
    return _rows("""
        SELECT w.code, w.name, w.capacity_pallets,
               COALESCE(SUM(si.pallets), 0) AS used_pallets,
               COUNT(DISTINCT si.customer_id) AS customers,
               (SELECT COUNT(*) FROM outbound_orders o
                 WHERE o.warehouse_id = w.id AND o.status = 'open') AS open_orders
        FROM warehouses w
        LEFT JOIN stock_items si ON si.warehouse_id = w.id AND si.quantity > 0
        GROUP BY w.id, w.code, w.name, w.capacity_pallets
        ORDER BY w.code
    """, session=session)


def claims_ratio_by_carrier(year, session=None):
    return _rows("""
        SELECT ca.name AS carrier,
               COUNT(DISTINCT s.id) AS shipments,
               COUNT(DISTINCT cl.id) AS claims,
               COALESCE(SUM(cs.amount), 0) AS settled,
               COALESCE(SUM(cl.recovered_from_carrier), 0) AS recovered
        FROM carriers ca
        JOIN shipments s ON s.carrier_id = ca.id AND EXTRACT(YEAR FROM s.created_at) = :y
        LEFT JOIN claims cl ON cl.shipment_id = s.id
        LEFT JOIN claim_settlements cs ON cs.claim_id = cl.id
        GROUP BY ca.name
        ORDER BY claims DESC
    """, {"y": year}, session)


def carrier_volume_report(year, session=None):
    return _rows("""
        SELECT ca.scac, ca.name, ct.contract_no, ct.min_quantity_teu,
               COUNT(DISTINCT co.id) AS containers,
               SUM(CASE WHEN co.equipment LIKE '40%%' THEN 2 ELSE 1 END) AS teu
        FROM carriers ca
        LEFT JOIN carrier_contracts ct ON ct.carrier_id = ca.id
        LEFT JOIN shipments s ON s.carrier_id = ca.id AND EXTRACT(YEAR FROM s.etd) = :y
        LEFT JOIN containers co ON co.shipment_id = s.id
        GROUP BY ca.scac, ca.name, ct.contract_no, ct.min_quantity_teu
        ORDER BY teu DESC NULLS LAST
    """, {"y": year}, session)


def monthly_kpis(year, month, session=None):
    # TODO: the dashboard calls this once per tile, cache it
    start, end = month_bounds(year, month)
    row = _rows("""
        SELECT
          (SELECT COUNT(*) FROM shipments WHERE created_at BETWEEN :s AND :e) AS new_shipments,
          (SELECT COUNT(*) FROM booking_requests WHERE created_at BETWEEN :s AND :e) AS booking_requests,
          (SELECT COUNT(*) FROM shipments WHERE delivered_at BETWEEN :s AND :e) AS delivered,
          (SELECT COUNT(*) FROM shipments WHERE status = 'customs_hold') AS on_customs_hold
    """, {"s": start, "e": end}, session)
    return row[0] if row else {}
