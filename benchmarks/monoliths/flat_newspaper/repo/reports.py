# -*- coding: utf-8 -*-
"""Management reports.  Each report is a function taking start/end (dates)
and returning rows; register it in REPORTS at the bottom so it appears on
/reports with a CSV download.  Fiona looks after these."""
from __future__ import unicode_literals

import datetime

from db import query, query_one

import helpers as h


def params_from(args):
    end = h.parse_date(args.get("end"), h.today())
    start = h.parse_date(args.get("start"), end - datetime.timedelta(days=27))
    return {"start": start, "end": end}


def _between(sql, start, end):
    return query(sql, {"start": start, "end": end})


# --- circulation -------------------------------------------------------------

def circulation_by_title(start=None, end=None):
    return query("""SELECT p.code AS title, rp.code AS plan, rp.days_mask,
                           count(*) FILTER (WHERE s.status = 'active') AS active,
                           count(*) FILTER (WHERE s.status = 'suspended') AS suspended,
                           count(*) FILTER (WHERE s.payment_method = 'dd' AND s.status = 'active') AS on_dd
                      FROM subscriptions s
                      JOIN rate_plans rp ON rp.id = s.rate_plan_id
                      JOIN publications p ON p.id = rp.publication_id
                     GROUP BY p.code, rp.code, rp.days_mask ORDER BY p.code, active DESC""")


def abc_return(start, end):
    """Figures for the ABC six-monthly return: average net paid per issue.
    Subscription copies are draw minus returns; retail is from the print order
    less the wholesaler returns we key in at month end (TODO: not in here yet)."""
    return _between("""SELECT p.code AS title, extract(isodow FROM i.issue_date) AS weekday,
                              count(DISTINCT i.id) AS issues,
                              round(avg(d.subs)) AS avg_subscription_copies,
                              round(avg(po.copies_retail)) AS avg_retail_copies,
                              round(avg(d.subs + po.copies_retail)) AS avg_net_circulation
                         FROM issues i
                         JOIN publications p ON p.id = i.publication_id
                         JOIN print_orders po ON po.issue_id = i.id
                         JOIN (SELECT issue_id, sum(copies - returns) AS subs FROM daily_draw
                                GROUP BY issue_id) d ON d.issue_id = i.id
                        WHERE i.issue_date BETWEEN %(start)s AND %(end)s
                        GROUP BY p.code, extract(isodow FROM i.issue_date) ORDER BY 1, 2""", start, end)


def cancellations(start, end):
    return _between("""SELECT coalesce(s.cancel_reason, '?') AS reason, p.code AS title, count(*) AS n,
                              round(avg(s.end_date - s.start_date)) AS avg_days_subscribed
                         FROM subscriptions s
                         JOIN rate_plans rp ON rp.id = s.rate_plan_id
                         JOIN publications p ON p.id = rp.publication_id
                        WHERE s.status = 'cancelled' AND s.end_date BETWEEN %(start)s AND %(end)s
                        GROUP BY 1, 2 ORDER BY n DESC""", start, end)


def promo_performance(start, end):
    return _between("""SELECT pc.code, pc.description, count(s.id) AS signups,
                              count(s.id) FILTER (WHERE s.status = 'active') AS still_active,
                              count(s.id) FILTER (WHERE s.status = 'cancelled') AS cancelled
                         FROM promo_codes pc JOIN subscriptions s ON s.promo_code_id = pc.id
                        WHERE s.start_date BETWEEN %(start)s AND %(end)s
                        GROUP BY pc.code, pc.description ORDER BY signups DESC""", start, end)


# --- distribution ---------------------------------------------------------------

def carrier_league(start, end):
    """Misses per 1,000 copies by round - the depot managers' favourite."""
    return _between("""SELECT r.code AS route, c.name AS carrier, sum(d.copies) AS copies,
                              (SELECT count(*) FROM missed_deliveries m WHERE m.route_id = r.id
                                  AND m.issue_date BETWEEN %(start)s AND %(end)s) AS misses,
                              round(1000.0 * (SELECT count(*) FROM missed_deliveries m WHERE m.route_id = r.id
                                  AND m.issue_date BETWEEN %(start)s AND %(end)s) / nullif(sum(d.copies), 0), 2)
                                  AS per_thousand
                         FROM delivery_routes r
                         LEFT JOIN carriers c ON c.id = r.carrier_id
                         JOIN daily_draw d ON d.route_id = r.id
                         JOIN issues i ON i.id = d.issue_id AND i.issue_date BETWEEN %(start)s AND %(end)s
                        GROUP BY r.id, r.code, c.name ORDER BY per_thousand DESC NULLS LAST""", start, end)


def returns_by_route(start, end):
    return _between("""SELECT r.code AS route, r.depot, sum(d.copies) AS copies, sum(d.returns) AS returns,
                              round(100.0 * sum(d.returns) / nullif(sum(d.copies), 0), 1) AS pct
                         FROM daily_draw d JOIN delivery_routes r ON r.id = d.route_id
                         JOIN issues i ON i.id = d.issue_id
                        WHERE i.issue_date BETWEEN %(start)s AND %(end)s
                        GROUP BY r.code, r.depot HAVING sum(d.returns) > 0 ORDER BY pct DESC""", start, end)


# --- production --------------------------------------------------------------

def pagination_ratio(start, end):
    """Ad share of each issue; editorial wants it under 45%."""
    return _between("""SELECT p.code AS title, i.issue_date, i.page_count,
                              v.scc AS ad_scc,
                              round(100.0 * v.scc / nullif(i.page_count * p.trim_columns * 38, 0), 1) AS ad_pct
                         FROM issues i JOIN publications p ON p.id = i.publication_id
                         JOIN v_ad_revenue_by_issue v ON v.issue_id = i.id
                        WHERE i.issue_date BETWEEN %(start)s AND %(end)s ORDER BY i.issue_date""", start, end)


# --- advertising ---------------------------------------------------------------

def ad_revenue(start, end):
    return _between("""SELECT publication, issue_date, ads, scc, revenue_pence
                         FROM v_ad_revenue_by_issue
                        WHERE issue_date BETWEEN %(start)s AND %(end)s ORDER BY issue_date, publication""",
                    start, end)


def rep_commission(start, end):
    return _between("""SELECT r.name AS rep, count(DISTINCT io.id) AS orders, sum(pl.price_pence) AS sold_pence,
                              round(sum(pl.price_pence) * r.commission_pct / 100) AS commission_pence
                         FROM insertion_orders io
                         JOIN sales_reps r ON r.id = io.rep_id
                         JOIN ad_placements pl ON pl.io_id = io.id
                         JOIN issues i ON i.id = pl.issue_id
                        WHERE io.status IN ('booked', 'invoiced')
                          AND i.issue_date BETWEEN %(start)s AND %(end)s
                        GROUP BY r.name, r.commission_pct ORDER BY sold_pence DESC""", start, end)


def top_advertisers(start, end):
    return _between("""SELECT a.name, a.category, sum(io.total_pence) AS booked_pence,
                              (SELECT coalesce(sum(outstanding_pence), 0) FROM v_aged_debt d
                                WHERE d.account_type = 'advertiser' AND d.account_id = a.id) AS owed_pence
                         FROM advertisers a JOIN insertion_orders io ON io.advertiser_id = a.id
                        WHERE io.created_at::date BETWEEN %(start)s AND %(end)s AND io.status <> 'cancelled'
                        GROUP BY a.id, a.name, a.category ORDER BY booked_pence DESC LIMIT 50""", start, end)


# --- classified --------------------------------------------------------------

def classified_revenue(start, end):
    return _between("""SELECT coalesce(p.name, c.name) AS section, c.name AS category, count(*) AS ads,
                              sum(a.price_pence) AS revenue_pence, sum(a.word_count) AS words
                         FROM classified_ads a JOIN classified_categories c ON c.id = a.category_id
                         LEFT JOIN classified_categories p ON p.id = c.parent_id
                        WHERE a.created_at::date BETWEEN %(start)s AND %(end)s
                          AND a.status IN ('approved', 'paid', 'expired')
                        GROUP BY 1, 2 ORDER BY 1, 2""", start, end)


# --- accounts ----------------------------------------------------------------

AGED_DEBT_SQL = """
    SELECT d.*, CASE d.account_type
                  WHEN 'subscriber' THEN (SELECT account_no || ' ' || last_name FROM subscribers WHERE id = d.account_id)
                  WHEN 'advertiser' THEN (SELECT name FROM advertisers WHERE id = d.account_id)
                  WHEN 'agency' THEN (SELECT name FROM ad_agencies WHERE id = d.account_id)
                  ELSE (SELECT customer_name FROM classified_ads WHERE id = d.account_id) END AS account_name
      FROM v_aged_debt d WHERE d.outstanding_pence > 0
"""


def aged_debt(start=None, end=None):
    return query(AGED_DEBT_SQL + " ORDER BY d.due_date")


def aged_debt_totals():
    return query_one("""SELECT sum(outstanding_pence) FILTER (WHERE bucket = 'current') AS current,
                               sum(outstanding_pence) FILTER (WHERE bucket = '1-30') AS d30,
                               sum(outstanding_pence) FILTER (WHERE bucket = '31-60') AS d60,
                               sum(outstanding_pence) FILTER (WHERE bucket = '61-90') AS d90,
                               sum(outstanding_pence) FILTER (WHERE bucket = '90+') AS d90plus
                          FROM v_aged_debt WHERE outstanding_pence > 0""")


def vat_summary(start, end):
    return _between("""SELECT l.vat_rate, i.account_type, sum(round(l.qty * l.unit_pence)) AS net_pence,
                              sum(round(l.qty * l.unit_pence * l.vat_rate)) AS vat_pence
                         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                        WHERE i.issue_date BETWEEN %(start)s AND %(end)s AND i.status <> 'void'
                        GROUP BY l.vat_rate, i.account_type ORDER BY 1, 2""", start, end)


def dd_failures(start, end):
    return _between("""SELECT c.failure_code, count(*) AS n, sum(c.amount_pence) AS amount_pence
                         FROM dd_collections c
                        WHERE c.status = 'failed' AND c.collection_date BETWEEN %(start)s AND %(end)s
                        GROUP BY c.failure_code ORDER BY n DESC""", start, end)


# --- customer service ----------------------------------------------------------

def complaints_by_type(start, end):
    return _between("""SELECT t.label, count(*) AS n,
                              count(*) FILTER (WHERE c.resolved_at > c.opened_at + (t.sla_hours || ' hours')::interval
                                                  OR (c.resolved_at IS NULL AND now() > c.opened_at
                                                      + (t.sla_hours || ' hours')::interval)) AS sla_breached,
                              round(avg(extract(epoch FROM c.resolved_at - c.opened_at) / 3600)) AS avg_hours
                         FROM complaints c JOIN complaint_types t ON t.id = c.type_id
                        WHERE c.opened_at::date BETWEEN %(start)s AND %(end)s
                        GROUP BY t.label ORDER BY n DESC""", start, end)


REPORTS = {
    "circulation": ("Active subscriptions by title & plan", circulation_by_title, "circulation"),
    "abc": ("ABC return - average net circulation", abc_return, "circulation"),
    "cancellations": ("Cancellations by reason", cancellations, "circulation"),
    "promos": ("Promo code performance", promo_performance, "circulation"),
    "carrier-league": ("Missed deliveries per 1,000 by round", carrier_league, None),
    "returns": ("Returns by round", returns_by_route, "circulation"),
    "pagination": ("Ad ratio per issue", pagination_ratio, None),
    "ad-revenue": ("Display revenue by issue", ad_revenue, "adsales"),
    "rep-commission": ("Rep commission", rep_commission, "accounts"),
    "top-advertisers": ("Top advertisers", top_advertisers, "adsales"),
    "classified-revenue": ("Classified revenue by category", classified_revenue, "classified"),
    "aged-debt-csv": ("Aged debt (all)", aged_debt, "accounts"),
    "vat": ("VAT summary", vat_summary, "accounts"),
    "dd-failures": ("Direct Debit failures", dd_failures, "accounts"),
    "complaints": ("Complaints by type / SLA", complaints_by_type, "cs"),
}
