"""Monthly management KPI pack (CSV emailed to the lab manager).

Reads across the whole database on purpose; it is a report.
"""
import csv
import io
import logging

from sqlalchemy import text

from lab.lib.config import get_setting, LabDetails
from lab.lib.dates import previous_month_range, working_days_between
from lab.lib.formatting import format_percent, format_money
from lab.lib.misc import send_mail
from lab.tasks import bootstrap, run_job

log = logging.getLogger(__name__)


def turnaround_stats(conn, start, end):
    rows = conn.execute(text(
        """
        SELECT o.id, o.tat_class, o.received_at, o.due_date, MIN(c.issued_at) AS issued
        FROM test_orders o
        JOIN certificates c ON c.order_id = o.id
        WHERE c.issued_at >= :start AND c.issued_at < :end AND c.version = 1
        GROUP BY o.id, o.tat_class, o.received_at, o.due_date
        """), start=start, end=end).fetchall()
    by_class = {}
    for r in rows:
        d = by_class.setdefault(r.tat_class, {"n": 0, "late": 0, "days": 0})
        d["n"] += 1
        d["days"] += working_days_between(r.received_at, r.issued) or 0
        if r.issued.date() > r.due_date:
            d["late"] += 1
    for d in by_class.values():
        d["mean_days"] = round(d["days"] / float(d["n"]), 1) if d["n"] else None
        d["on_time"] = format_percent(100.0 * (d["n"] - d["late"]) / d["n"]) if d["n"] else "-"
    return by_class


def qc_failure_rate(conn, start, end):
    rows = conn.execute(text(
        """
        SELECT a.department, COUNT(*) AS batches,
               SUM(CASE WHEN b.qc_status = 'failed' THEN 1 ELSE 0 END) AS failed
        FROM analytical_batches b JOIN analyses a ON a.id = b.analysis_id
        WHERE b.created_at >= :start AND b.created_at < :end
        GROUP BY a.department
        """), start=start, end=end).fetchall()
    return {r.department: (r.batches, r.failed, format_percent(100.0 * r.failed / r.batches) if r.batches else "-")
            for r in rows}


def revenue_by_client(conn, start, end, top=20):
    return conn.execute(text(
        """
        SELECT c.code, c.name, SUM(i.net_total) AS net, COUNT(i.id) AS invoices
        FROM invoices i JOIN clients c ON c.id = i.client_id
        WHERE i.issued_on >= :start AND i.issued_on <= :end AND i.status <> 'void'
        GROUP BY c.code, c.name ORDER BY net DESC LIMIT :top
        """), start=start, end=end, top=top).fetchall()


def sample_volumes(conn, start, end):
    return conn.execute(text(
        "SELECT matrix, COUNT(*) AS n FROM samples WHERE received_at >= :start AND received_at < :end "
        "GROUP BY matrix ORDER BY n DESC"), start=start, end=end).fetchall()


def build_monthly_kpis(conn, start=None, end=None):
    if start is None:
        start, end = previous_month_range()
    return {
        "period": (start, end),
        "turnaround": turnaround_stats(conn, start, end),
        "qc": qc_failure_rate(conn, start, end),
        "revenue": revenue_by_client(conn, start, end),
        "volumes": sample_volumes(conn, start, end),
    }


def write_kpi_csv(kpis):
    buf = io.StringIO()
    w = csv.writer(buf)
    start, end = kpis["period"]
    w.writerow(["KPI pack", LabDetails().name, start, end])
    w.writerow([])
    w.writerow(["TAT class", "Reports", "Late", "Mean working days", "On time"])
    for cls, d in sorted(kpis["turnaround"].items()):
        w.writerow([cls, d["n"], d["late"], d["mean_days"], d["on_time"]])
    w.writerow([])
    w.writerow(["Department", "Batches", "Failed QC", "Failure rate"])
    for dep, (n, failed, rate) in sorted(kpis["qc"].items()):
        w.writerow([dep, n, failed, rate])
    w.writerow([])
    w.writerow(["Client", "Name", "Net revenue", "Invoices"])
    for r in kpis["revenue"]:
        w.writerow([r.code, r.name, format_money(r.net), r.invoices])
    w.writerow([])
    w.writerow(["Matrix", "Samples"])
    for r in kpis["volumes"]:
        w.writerow([r.matrix or "(none)", r.n])
    return buf.getvalue()


def email_kpi_pack(conn):
    kpis = build_monthly_kpis(conn)
    body = write_kpi_csv(kpis)
    start, _ = kpis["period"]
    send_mail(get_setting("kpi.recipients", "manager@example.invalid").split(","),
              "KPI pack %s" % start.strftime("%B %Y"), "KPI pack attached.",
              attachments=[("kpi_%s.csv" % start.strftime("%Y_%m"), body.encode("utf-8"))])
    return len(body)


def main(argv=None):
    bootstrap(argv)
    ok, _ = run_job("kpi_pack", email_kpi_pack)
    return 0 if ok else 1
