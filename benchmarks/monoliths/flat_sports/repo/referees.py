"""
Referee fee claims for the council leagues.  Refs are paid monthly through
the payroll "casual workers" upload (CSV), not through invoices.
"""
import csv
import io

from db import query_all
import dateutils


def fees_for_month(year, month):
    d1 = dateutils.parse_date('%04d-%02d-01' % (year, month))
    d2 = dateutils.add_months(d1, 1)
    return query_all(
        """SELECT r.id, r.name, count(*) AS matches, sum(o.fee_pence) AS fee_pence
           FROM fixture_officials o JOIN referees r ON r.id = o.referee_id
           JOIN fixtures f ON f.id = o.fixture_id
           WHERE f.status = 'played' AND f.kickoff >= %s AND f.kickoff < %s
           GROUP BY r.id, r.name ORDER BY r.name""", (d1, d2))


def payroll_csv(year, month):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(['REF_ID', 'NAME', 'MATCHES', 'AMOUNT', 'COST_CODE'])
    for r in fees_for_month(year, month):
        w.writerow([r['id'], r['name'], r['matches'], '%.2f' % (r['fee_pence'] / 100.0), 'LS410'])
    return buf.getvalue()


def available_referees(kickoff, sport='football'):
    """Referees not already appointed within 2 hours of kickoff."""
    return query_all(
        """SELECT * FROM referees r WHERE r.sport = %s AND NOT EXISTS (
             SELECT 1 FROM fixture_officials o JOIN fixtures f ON f.id = o.fixture_id
             WHERE o.referee_id = r.id AND f.kickoff BETWEEN %s - interval '2 hours' AND %s + interval '2 hours')
           ORDER BY r.grade, r.name""", (sport, kickoff, kickoff))
