# -*- coding: utf-8 -*-
"""Management reports. Each returns (header, rows). Most of these were
written straight from requests by Finance/Marketing, hence the SQL."""
import csv
import io
import os

from lib import config, dbutil
from lib.dates import month_bounds, add_months, today
from lib.money import D, round_money


def write_csv(header, rows, path=None, delimiter=";"):
    """Returns the CSV text; also writes it to path if given."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([("%.2f" % v) if isinstance(v, type(D(0))) else v for v in r])
    data = buf.getvalue()
    if path:
        d = os.path.dirname(path)
        if d and not os.path.isdir(d):
            os.makedirs(d)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(data)
    return data


def report_path(name, period=None):
    period = period or today()
    return os.path.join(config.path("reports") or "/tmp", period.strftime("%Y/%m"),
                        "%s_%s.csv" % (name, period.strftime("%Y%m%d")))


# -- finance -----------------------------------------------------------------

def revenue_by_plan(month):
    start, end = month_bounds(month)
    rows = dbutil.fetchall("""
        SELECT COALESCE(p.code, '-') AS plan, il.line_type,
               COUNT(DISTINCT il.subscriber_id) AS subs, SUM(il.amount) AS net
          FROM invoice_lines il
          JOIN invoices i ON i.id = il.invoice_id
          LEFT JOIN subscriptions s ON s.subscriber_id = il.subscriber_id
                AND s.start_date <= i.period_end AND (s.end_date IS NULL OR s.end_date >= i.period_end)
          LEFT JOIN plans p ON p.id = s.plan_id
         WHERE i.issue_date BETWEEN %s AND %s AND i.status NOT IN ('cancelled', 'draft')
         GROUP BY 1, 2 ORDER BY 1, 2""", (start, end))
    return (["plan", "line_type", "subscribers", "net"],
            [(r["plan"], r["line_type"], r["subs"], D(r["net"])) for r in rows])


def arpu_report(month):
    start, end = month_bounds(month)
    rows = dbutil.fetchall("""
        SELECT a.account_type,
               COUNT(DISTINCT s.id) AS subs,
               SUM(il.amount) AS revenue
          FROM invoice_lines il
          JOIN invoices i ON i.id = il.invoice_id
          JOIN accounts a ON a.id = i.account_id
          LEFT JOIN subscribers s ON s.id = il.subscriber_id
         WHERE i.issue_date BETWEEN %s AND %s AND i.status NOT IN ('cancelled', 'draft')
         GROUP BY a.account_type""", (start, end))
    out = []
    for r in rows:
        arpu = round_money(D(r["revenue"]) / r["subs"]) if r["subs"] else D(0)
        out.append((r["account_type"], r["subs"], D(r["revenue"]), arpu))
    return ["segment", "subscribers", "revenue", "arpu"], out


def billing_run_summary(run_id):
    rows = dbutil.fetchall("""
        SELECT i.invoice_no, a.account_no, i.net_amount, i.vat_amount, i.total_amount,
               (SELECT COUNT(*) FROM invoice_lines l WHERE l.invoice_id = i.id) AS lines
          FROM invoices i JOIN accounts a ON a.id = i.account_id
         WHERE i.run_id = %s ORDER BY i.invoice_no""", (run_id,))
    return (["invoice", "account", "net", "vat", "total", "lines"],
            [(r["invoice_no"], r["account_no"], D(r["net_amount"]), D(r["vat_amount"]),
              D(r["total_amount"]), r["lines"]) for r in rows])


# -- collections -----------------------------------------------------------------

def aged_debt_report(as_of=None):
    as_of = as_of or today()
    rows = dbutil.fetchall("""
        SELECT a.account_no, a.name, a.account_type,
               SUM(CASE WHEN %s - i.due_date <= 0 THEN o.open ELSE 0 END) AS not_due,
               SUM(CASE WHEN %s - i.due_date BETWEEN 1 AND 30 THEN o.open ELSE 0 END) AS d30,
               SUM(CASE WHEN %s - i.due_date BETWEEN 31 AND 60 THEN o.open ELSE 0 END) AS d60,
               SUM(CASE WHEN %s - i.due_date BETWEEN 61 AND 90 THEN o.open ELSE 0 END) AS d90,
               SUM(CASE WHEN %s - i.due_date > 90 THEN o.open ELSE 0 END) AS d90plus,
               MAX(dc.status) AS dunning
          FROM invoices i
          JOIN accounts a ON a.id = i.account_id
          JOIN LATERAL (SELECT i.total_amount
                             - COALESCE((SELECT SUM(amount) FROM payment_allocations pa WHERE pa.invoice_id = i.id), 0)
                             - COALESCE((SELECT SUM(amount) FROM credit_notes cn WHERE cn.invoice_id = i.id), 0)
                             AS open) o ON true
          LEFT JOIN dunning_cases dc ON dc.account_id = a.id AND dc.status = 'open'
         WHERE i.status IN ('issued', 'partially_paid') AND o.open > 0
         GROUP BY a.account_no, a.name, a.account_type
         ORDER BY d90plus DESC, d90 DESC""", (as_of,) * 5)
    return (["account", "name", "type", "not_due", "1-30", "31-60", "61-90", ">90", "dunning"],
            [(r["account_no"], r["name"], r["account_type"], D(r["not_due"]), D(r["d30"]),
              D(r["d60"]), D(r["d90"]), D(r["d90plus"]), r["dunning"] or "") for r in rows])


def dunning_effectiveness(month):
    start, end = month_bounds(month)
    rows = dbutil.fetchall("""
        SELECT da.action, COUNT(*) AS actions,
               COUNT(*) FILTER (WHERE dc.status = 'paid') AS paid_after
          FROM dunning_actions da JOIN dunning_cases dc ON dc.id = da.case_id
         WHERE da.executed_at::date BETWEEN %s AND %s
         GROUP BY da.action ORDER BY MIN(da.step)""", (start, end))
    return (["action", "count", "paid_after"], [(r["action"], r["actions"], r["paid_after"]) for r in rows])


# -- customers -------------------------------------------------------------------

def churn_report(month):
    start, end = month_bounds(month)
    base = dbutil.scalar("""
        SELECT COUNT(*) FROM subscribers
         WHERE activated_at < %s AND (terminated_at IS NULL OR terminated_at >= %s)""", (start, start))
    rows = dbutil.fetchall("""
        SELECT COALESCE(l.reason, 'unknown') AS reason, COUNT(*) AS n
          FROM subscriber_status_log l
         WHERE l.new_status = 'terminated' AND l.changed_at::date BETWEEN %s AND %s
         GROUP BY 1 ORDER BY 2 DESC""", (start, end))
    ported = dbutil.scalar("""
        SELECT COUNT(*) FROM port_requests WHERE direction = 'out' AND status = 'completed'
           AND port_date BETWEEN %s AND %s""", (start, end))
    out = [(r["reason"], r["n"], "%.2f%%" % (100.0 * r["n"] / base if base else 0)) for r in rows]
    out.append(("of which ported out", ported, ""))
    return ["reason", "lines", "churn_pct"], out


def active_base_report():
    rows = dbutil.fetchall("""
        SELECT COALESCE(plan_code, '-') AS plan, status, COUNT(*) AS n
          FROM v_subscriber_overview
         WHERE status <> 'terminated'
         GROUP BY 1, 2 ORDER BY 1, 2""")
    return ["plan", "status", "lines"], [(r["plan"], r["status"], r["n"]) for r in rows]


# -- usage ------------------------------------------------------------------------

def usage_by_zone(month):
    start, end = month_bounds(month)
    rows = dbutil.fetchall("""
        SELECT zone_code, service, COUNT(*) AS events, SUM(units) AS units,
               SUM(free_units) AS free_units, SUM(amount) AS amount
          FROM rated_usage WHERE usage_date BETWEEN %s AND %s
         GROUP BY 1, 2 ORDER BY 1, 2""", (start, end))
    return (["zone", "service", "events", "units", "free_units", "amount"],
            [(r["zone_code"], r["service"], r["events"], D(r["units"]), D(r["free_units"]),
              D(r["amount"])) for r in rows])


def rejected_cdrs_summary(days=7):
    rows = dbutil.fetchall("""
        SELECT rr.reason, f.source, COUNT(*) AS n
          FROM rating_rejects rr
          JOIN raw_cdrs rc ON rc.id = rr.raw_cdr_id
          JOIN cdr_files f ON f.id = rc.file_id
         WHERE rr.created_at > now() - (%s || ' days')::interval AND NOT rr.reprocessed
         GROUP BY 1, 2 ORDER BY 3 DESC""", (days,))
    return ["reason", "source", "count"], [(r["reason"], r["source"], r["n"]) for r in rows]


# -- provisioning ---------------------------------------------------------------------

def sim_stock_report():
    from lib.provisioning import sim_stock_levels
    numbers = dbutil.fetchall("SELECT number_type, status, COUNT(*) AS n FROM msisdn_pool GROUP BY 1, 2 ORDER BY 1, 2")
    out = [("SIM", r["warehouse"], "stock", r["in_stock"]) for r in sim_stock_levels()]
    out += [("MSISDN", r["number_type"], r["status"], r["n"]) for r in numbers]
    return ["kind", "group", "status", "count"], out


def porting_report(month):
    start, end = month_bounds(month)
    rows = dbutil.fetchall("""
        SELECT pr.direction, o.name AS operator, pr.status, COUNT(*) AS n
          FROM port_requests pr
          LEFT JOIN operators o ON o.id = CASE WHEN pr.direction = 'in' THEN pr.donor_operator_id
                                               ELSE pr.recipient_operator_id END
         WHERE pr.requested_date BETWEEN %s AND %s
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""", (start, end))
    return ["direction", "operator", "status", "count"], [(r["direction"], r["operator"], r["status"], r["n"]) for r in rows]


# -- support / network -------------------------------------------------------------------

def ticket_sla_report(month):
    start, end = month_bounds(month)
    rows = dbutil.fetchall("""
        SELECT s.priority, COUNT(*) AS tickets,
               COUNT(*) FILTER (WHERE s.response_breached) AS response_breaches,
               COUNT(*) FILTER (WHERE s.resolve_breached) AS resolve_breaches
          FROM v_ticket_sla s
         WHERE s.opened_at::date BETWEEN %s AND %s
         GROUP BY s.priority ORDER BY s.priority""", (start, end))
    return (["priority", "tickets", "response_breaches", "resolve_breaches"],
            [(r["priority"], r["tickets"], r["response_breaches"], r["resolve_breaches"]) for r in rows])


def network_availability_report(month):
    import datetime
    from lib.network import availability
    start, _ = month_bounds(add_months(month, 0))
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=datetime.timezone.utc)
    out = []
    for el in dbutil.list_elements():
        if el["element_type"] in ("bts", "nodeb", "enodeb"):
            continue
        out.append((el["name"], el["element_type"], el["site_code"], "%.3f" % availability(el["id"], since)))
    return ["element", "type", "site", "availability_pct"], out
