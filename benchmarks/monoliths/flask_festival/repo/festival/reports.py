# -*- coding: utf-8 -*-
"""Reports for the directors' weekly meeting and the licensing authority.

Raw SQL because the ORM versions were too slow on the 2019 dataset (and
because half of these were pasted from Metabase).
"""
import csv
import io

from flask import Blueprint, Response, render_template, request

from festival.decorators import admin_only, json_view
from festival.extensions import db
from festival.helpers import current_festival_year
from festival.utils.db_helpers import raw_rows, raw_scalar
from festival.utils.money import format_gbp

reports_bp = Blueprint("reports", __name__)


def rows_to_csv(rows):
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


# --- box office --------------------------------------------------------------

def ticket_sales_by_type(year):
    return raw_rows("""
        SELECT tt.code, tt.name, tt.tier, COUNT(t.id) AS tickets,
               SUM(tt.price_pence) AS face_value_pence
        FROM tickets t
        JOIN ticket_types tt ON tt.id = t.ticket_type_id
        JOIN ticket_orders o ON o.id = t.order_id
        WHERE o.status = 'paid' AND EXTRACT(YEAR FROM o.paid_at) <= :year
          AND t.status IN ('valid', 'transferred')
        GROUP BY tt.code, tt.name, tt.tier
        ORDER BY tt.code, tt.tier
    """, year=year)


def daily_sales_curve(year):
    return raw_rows("""
        SELECT DATE(o.paid_at) AS day, COUNT(DISTINCT o.id) AS orders,
               SUM(o.total_pence) AS revenue_pence
        FROM ticket_orders o
        WHERE o.status = 'paid' AND EXTRACT(YEAR FROM o.paid_at) BETWEEN :y0 AND :year
        GROUP BY DATE(o.paid_at) ORDER BY 1
    """, y0=year - 1, year=year)


def announcement_sales_uplift(year, window_days=3):
    """Orders in the N days after each line-up announcement vs the N days before."""
    return raw_rows("""
        SELECT a.title, a.phase, a.publish_at,
            (SELECT COUNT(*) FROM ticket_orders o WHERE o.status = 'paid'
               AND o.paid_at BETWEEN a.publish_at AND a.publish_at + (:w || ' days')::interval) AS after_n,
            (SELECT COUNT(*) FROM ticket_orders o WHERE o.status = 'paid'
               AND o.paid_at BETWEEN a.publish_at - (:w || ' days')::interval AND a.publish_at) AS before_n
        FROM lineup_announcements a
        WHERE a.published = true AND EXTRACT(YEAR FROM a.publish_at) = :year
        ORDER BY a.publish_at
    """, w=window_days, year=year)


def promo_code_performance():
    return raw_rows("""
        SELECT p.code, p.partner, p.used, COUNT(o.id) AS paid_orders,
               COALESCE(SUM(o.total_pence), 0) AS revenue_pence
        FROM promo_codes p
        LEFT JOIN ticket_orders o ON o.promo_code_id = p.id AND o.status = 'paid'
        GROUP BY p.code, p.partner, p.used ORDER BY revenue_pence DESC
    """)


def peak_attendance_by_day(year):
    """For the licence: max people on site per festival day (gate scans)."""
    return raw_rows("""
        SELECT d.label, d.date,
               SUM(CASE WHEN s.direction = 'in' THEN 1 ELSE -1 END) AS net_in
        FROM gate_scans s
        JOIN festival_days d ON DATE(s.scanned_at) = d.date
        WHERE s.accepted = true AND d.year = :year
        GROUP BY d.label, d.date ORDER BY d.date
    """, year=year)


# --- artists -----------------------------------------------------------------

def artist_spend_summary(year):
    return raw_rows("""
        SELECT a.name, a.is_headliner, b.status, b.fee_pence, b.currency,
               COALESCE((SELECT SUM(r.est_cost_pence * r.quantity) FROM rider_items r
                         WHERE r.booking_id = b.id), 0) AS rider_pence,
               COALESCE((SELECT SUM(p.amount_pence) FROM artist_payments p
                         WHERE p.booking_id = b.id AND p.paid_at IS NOT NULL), 0) AS paid_pence
        FROM artist_bookings b JOIN artists a ON a.id = b.artist_id
        WHERE b.festival_year = :year AND b.status IN ('offer', 'confirmed')
        ORDER BY b.fee_pence DESC
    """, year=year)


def cost_per_minute_by_stage(year):
    """Fee per minute of stage time. Booking team's favourite number."""
    return raw_rows("""
        SELECT st.name AS stage, SUM(b.fee_pence) AS fees_pence,
               SUM(EXTRACT(EPOCH FROM (ps.end_time - ps.start_time)) / 60) AS minutes
        FROM performance_slots ps
        JOIN artist_bookings b ON b.id = ps.booking_id
        JOIN stages st ON st.id = ps.stage_id
        WHERE b.festival_year = :year AND ps.status IN ('confirmed', 'published')
        GROUP BY st.name ORDER BY fees_pence DESC
    """, year=year)


# --- line-up -----------------------------------------------------------------

def stage_utilisation(year):
    return raw_rows("""
        SELECT st.name, d.label, COUNT(ps.id) AS sets,
               MIN(ps.start_time) AS first_on, MAX(ps.end_time) AS last_off
        FROM performance_slots ps
        JOIN stages st ON st.id = ps.stage_id
        JOIN festival_days d ON d.id = ps.day_id
        WHERE d.year = :year AND ps.status <> 'pulled'
        GROUP BY st.name, d.label, d.date ORDER BY d.date, st.name
    """, year=year)


# --- traders -----------------------------------------------------------------

def vendor_takings_by_day(year):
    return raw_rows("""
        SELECT v.name, v.category, d.label AS day, SUM(t.gross_pence) AS gross_pence,
               SUM(t.commission_pence) AS commission_pence
        FROM vendor_takings t
        JOIN vendors v ON v.id = t.vendor_id
        LEFT JOIN festival_days d ON d.id = t.day_id
        WHERE d.year = :year OR d.id IS NULL
        GROUP BY v.name, v.category, d.label, d.date ORDER BY d.date, gross_pence DESC
    """, year=year)


def trader_income_summary(year):
    fees = raw_scalar("""
        SELECT COALESCE(SUM(fee_quoted_pence), 0) FROM vendor_applications
        WHERE year = :year AND status = 'accepted'
    """, year=year)
    commission = raw_scalar("""
        SELECT COALESCE(SUM(t.commission_pence), 0) FROM vendor_takings t
        JOIN festival_days d ON d.id = t.day_id WHERE d.year = :year
    """, year=year)
    return {"pitch_fees_pence": int(fees or 0), "commission_pence": int(commission or 0)}


# --- crew --------------------------------------------------------------------

def stage_steward_coverage(year):
    """Licensing condition: every published set needs >= 2 stewards checked in."""
    return raw_rows("""
        SELECT st.name AS stage, ps.start_time, ps.end_time,
               COUNT(DISTINCT su.id) FILTER (WHERE su.checked_in_at IS NOT NULL) AS stewards
        FROM performance_slots ps
        JOIN stages st ON st.id = ps.stage_id
        JOIN festival_days d ON d.id = ps.day_id
        LEFT JOIN shift_slots sh ON sh.stage_id = ps.stage_id
             AND sh.starts_at <= ps.start_time AND sh.ends_at >= ps.end_time
        LEFT JOIN shift_signups su ON su.slot_id = sh.id AND su.cancelled = false
        WHERE d.year = :year AND ps.status = 'published'
        GROUP BY st.name, ps.start_time, ps.end_time ORDER BY ps.start_time
    """, year=year)


def volunteer_hours_summary(year):
    return raw_rows("""
        SELECT vt.name AS team, COUNT(DISTINCT v.id) AS volunteers,
               SUM(EXTRACT(EPOCH FROM (sl.ends_at - sl.starts_at)) / 3600)
                   FILTER (WHERE su.checked_in_at IS NOT NULL) AS hours_worked,
               COUNT(su.id) FILTER (WHERE su.no_show) AS no_shows
        FROM volunteers v
        JOIN volunteer_teams vt ON vt.id = v.team_id
        LEFT JOIN shift_signups su ON su.volunteer_id = v.id AND su.cancelled = false
        LEFT JOIN shift_slots sl ON sl.id = su.slot_id
        WHERE v.year = :year GROUP BY vt.name ORDER BY vt.name
    """, year=year)


# --- camping -----------------------------------------------------------------

def camping_uptake(year):
    """How many camping tickets actually booked a pitch/unit."""
    return raw_rows("""
        SELECT c.name AS campsite, c.kind, c.capacity,
               COUNT(cb.id) FILTER (WHERE cb.status IN ('paid', 'checked_in')) AS booked,
               COUNT(cb.id) FILTER (WHERE cb.status = 'checked_in') AS arrived,
               (SELECT COUNT(*) FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id
                WHERE tt.includes_camping = true AND t.status = 'valid') AS camping_tickets
        FROM campsites c
        LEFT JOIN camping_bookings cb ON cb.campsite_id = c.id
             AND EXTRACT(YEAR FROM cb.created_at) = :year
        GROUP BY c.name, c.kind, c.capacity ORDER BY c.name
    """, year=year)


# --- security ----------------------------------------------------------------

def incidents_by_stage_and_act(year):
    """Which sets generate the most incidents (for the licensing review)."""
    return raw_rows("""
        SELECT st.name AS stage, a.name AS act, i.category, COUNT(i.id) AS incidents
        FROM incidents i
        JOIN stages st ON st.id = i.stage_id
        LEFT JOIN performance_slots ps ON ps.stage_id = i.stage_id
             AND i.occurred_at BETWEEN ps.start_time AND ps.end_time
        LEFT JOIN artist_bookings b ON b.id = ps.booking_id
        LEFT JOIN artists a ON a.id = b.artist_id
        WHERE EXTRACT(YEAR FROM i.occurred_at) = :year
        GROUP BY st.name, a.name, i.category ORDER BY incidents DESC
    """, year=year)


def ejections_summary(year):
    return raw_rows("""
        SELECT e.reason, COUNT(*) AS n, SUM(CASE WHEN e.police_involved THEN 1 ELSE 0 END) AS police
        FROM ejections e WHERE EXTRACT(YEAR FROM e.ejected_at) = :year
        GROUP BY e.reason ORDER BY n DESC
    """, year=year)


# --- sponsorship -------------------------------------------------------------

def sponsor_exposure(year):
    """Approx. footfall past each sponsored stage = scans in during its sets.
    Very rough; the partnerships team put it in the renewal decks anyway."""
    return raw_rows("""
        SELECT sp.name AS sponsor, st.name AS stage, COUNT(DISTINCT ps.id) AS sets,
               COALESCE(SUM(st.capacity), 0) AS capacity_hours
        FROM sponsorship_deals d
        JOIN sponsors sp ON sp.id = d.sponsor_id
        JOIN stages st ON st.id = d.naming_rights_stage_id
        LEFT JOIN performance_slots ps ON ps.stage_id = st.id AND ps.status = 'published'
        WHERE d.year = :year AND d.status IN ('signed', 'live', 'completed')
        GROUP BY sp.name, st.name
    """, year=year)


def sponsorship_income(year):
    return raw_rows("""
        SELECT sp.name, sp.tier, d.cash_value_pence, d.in_kind_value_pence,
               COALESCE(SUM(i.amount_pence) FILTER (WHERE i.paid_at IS NOT NULL), 0) AS received_pence
        FROM sponsorship_deals d
        JOIN sponsors sp ON sp.id = d.sponsor_id
        LEFT JOIN sponsor_invoices i ON i.deal_id = d.id
        WHERE d.year = :year
        GROUP BY sp.name, sp.tier, d.cash_value_pence, d.in_kind_value_pence
    """, year=year)


# --- views -------------------------------------------------------------------

REPORTS = {
    "ticket-sales": ticket_sales_by_type,
    "daily-sales": daily_sales_curve,
    "announcement-uplift": announcement_sales_uplift,
    "artist-spend": artist_spend_summary,
    "cost-per-minute": cost_per_minute_by_stage,
    "stage-utilisation": stage_utilisation,
    "vendor-takings": vendor_takings_by_day,
    "steward-coverage": stage_steward_coverage,
    "volunteer-hours": volunteer_hours_summary,
    "camping-uptake": camping_uptake,
    "incidents-by-act": incidents_by_stage_and_act,
    "ejections": ejections_summary,
    "sponsor-exposure": sponsor_exposure,
    "sponsorship-income": sponsorship_income,
    "peak-attendance": peak_attendance_by_day,
}


@reports_bp.route("/")
@admin_only
def report_index():
    return render_template("reports/index.html", reports=sorted(REPORTS))


@reports_bp.route("/<name>")
@admin_only
def run_report(name):
    fn = REPORTS.get(name)
    if fn is None:
        return "unknown report", 404
    year = int(request.args.get("year", current_festival_year()))
    rows = fn(year)
    if request.args.get("format") == "csv":
        return Response(rows_to_csv(rows), mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=%s-%d.csv" % (name, year)})
    return render_template("reports/table.html", name=name, rows=rows, year=year, gbp=format_gbp)
