"""Raw SQL used by the management dashboards. Kept out of the ORM on purpose."""
from sqlalchemy import text


def payroll_cost_by_cost_center(session, run_id):
    return session.execute(
        text(
            "SELECT o.cost_center, SUM(p.gross), SUM(p.net) FROM payslips p "
            "JOIN employees e ON e.id = p.employee_id "
            "JOIN org_units o ON o.id = e.org_unit_id "
            "WHERE p.run_id = :run GROUP BY o.cost_center"
        ),
        {"run": run_id},
    ).all()


def absence_rate_by_org_unit(session, start, end):
    return session.execute(
        text(
            "SELECT e.org_unit_id, SUM(a.days) / NULLIF(COUNT(DISTINCT e.id), 0) FROM absences a "
            "JOIN employees e ON e.id = a.employee_id "
            "WHERE a.kind = 'sick' AND a.start_date <= :end AND a.end_date >= :start "
            "GROUP BY e.org_unit_id"
        ),
        {"start": start, "end": end},
    ).all()
