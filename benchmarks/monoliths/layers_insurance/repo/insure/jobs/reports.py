"""Monthly files for the reinsurer and finance. Raw SQL on purpose (finance checks the queries)."""
import csv
import io

from insure.db import fetch_all

BORDEREAU_SQL = """
SELECT p.number, pr.code AS product, p.start_date, p.end_date, p.annual_premium, p.tax, p.status
FROM policies p JOIN products pr ON pr.id = p.product_id
WHERE p.start_date < :to_date AND p.end_date >= :from_date
ORDER BY p.number
"""

CLAIMS_BDX_SQL = """
SELECT c.number, p.number AS policy, c.loss_date, c.cause, c.status,
       (SELECT amount FROM claim_reserves r WHERE r.claim_id = c.id ORDER BY r.id DESC LIMIT 1) AS reserve,
       (SELECT COALESCE(SUM(amount), 0) FROM claim_payments cp WHERE cp.claim_id = c.id AND cp.status = 'paid') AS paid
FROM claims c JOIN policies p ON p.id = c.policy_id
WHERE c.reported_date BETWEEN :from_date AND :to_date
"""


def to_csv(rows):
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()), delimiter=";")
        w.writeheader()
        w.writerows(rows)
    return buf.getvalue()


def premium_bordereau(from_date, to_date):
    return to_csv(fetch_all(BORDEREAU_SQL, from_date=from_date, to_date=to_date))


def claims_bordereau(from_date, to_date):
    return to_csv(fetch_all(CLAIMS_BDX_SQL, from_date=from_date, to_date=to_date))


def commission_accrual(period):
    return to_csv(fetch_all(
        "SELECT ag.name AS agency, SUM(e.amount) AS accrued FROM commission_entries e "
        "JOIN agents a ON a.id = e.agent_id JOIN agencies ag ON ag.id = a.agency_id "
        "WHERE e.statement_id IS NULL AND to_char(e.created_at, 'YYYY-MM') <= :period GROUP BY ag.name",
        period=period))
