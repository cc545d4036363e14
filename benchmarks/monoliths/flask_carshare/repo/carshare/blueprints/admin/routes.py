"""Ops back-office + reports. Everything an ops person needs on one page,
which is why this file reads half the database."""
import csv
import io

from flask import Response, flash, redirect, render_template, request, session, url_for

from carshare import queries as Q
from carshare import services, telematics
from carshare.blueprints.admin import bp
from carshare.db import fetch_all, fetch_one, fetch_scalar
from carshare.lib.dates import add_days, parse_date, start_of_month, today, utcnow
from carshare.lib.decorators import admin_required
from carshare.lib.money import format_money


def csv_response(rows, filename, columns=None):
    buf = io.StringIO()
    if rows:
        columns = columns or list(rows[0].keys())
        w = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow(r)
    return Response(buf.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s" % filename})


def _period():
    start = parse_date(request.args.get("from")) or start_of_month()
    end = parse_date(request.args.get("to")) or today()
    return start, add_days(end, 1)


@bp.route("/")
@admin_required
def index():
    return render_template(
        "admin/index.html",
        fleet=services.fleet_status_summary(),
        active_trips=fetch_scalar("SELECT count(*) FROM trips WHERE status = 'active'", default=0),
        pending_verification=len(services.list_pending_verification()),
        overdue=fetch_scalar("SELECT count(*) FROM invoices WHERE status = 'overdue'", default=0),
        open_damage=fetch_scalar("SELECT count(*) FROM damage_reports WHERE status = 'new'", default=0),
        open_tickets=fetch_scalar("SELECT count(*) FROM support_tickets WHERE status = 'open'", default=0),
    )


# --- members --------------------------------------------------------------

@bp.route("/verification")
@admin_required
def verification_queue():
    return render_template("admin/verification.html", rows=services.list_pending_verification())


@bp.route("/verification/<int:licence_id>", methods=["POST"])
@admin_required
def verification_decision(licence_id):
    if request.form.get("decision") == "approve":
        services.approve_licence_manually(licence_id, session["member_id"],
                                          points=request.form.get("points", type=int))
    else:
        services.reject_licence(licence_id, request.form.get("reason") or "documents unclear")
    return redirect(url_for("admin.verification_queue"))


@bp.route("/members/<int:member_id>")
@admin_required
def member(member_id):
    m = services.get_member(member_id)
    return render_template(
        "admin/member.html", m=m,
        licence=services.get_latest_licence(member_id),
        documents=fetch_all(Q.MEMBER_DOCUMENTS, (member_id,)),
        reservations=services.member_reservations(member_id)[:20],
        trips=services.member_trips(member_id)[:20],
        invoices=services.member_invoices(member_id)[:20],
        can_drive=services.member_can_drive(member_id),
    )


@bp.route("/members/<int:member_id>/suspend", methods=["POST"])
@admin_required
def suspend(member_id):
    services.suspend_member(member_id, request.form.get("reason") or "suspended by ops")
    flash("Suspended")
    return redirect(url_for("admin.member", member_id=member_id))


@bp.route("/members/<int:member_id>/reinstate", methods=["POST"])
@admin_required
def reinstate(member_id):
    services.reinstate_member(member_id)
    return redirect(url_for("admin.member", member_id=member_id))


@bp.route("/members/search")
@admin_required
def member_search():
    q = "%%%s%%" % request.args.get("q", "").strip()
    rows = fetch_all("""SELECT m.id, m.email, m.first_name, m.last_name, m.status
                          FROM members m
                         WHERE m.email ILIKE %s OR m.last_name ILIKE %s OR m.phone ILIKE %s
                         ORDER BY m.id DESC LIMIT 50""", (q, q, q))
    return render_template("admin/member_search.html", rows=rows)


@bp.route("/trips/<int:trip_id>")
@admin_required
def trip(trip_id):
    t = services.get_trip(trip_id)
    return render_template("admin/trip.html", trip=t, events=services.trip_events(trip_id),
                           route=telematics.trip_route(trip_id),
                           mismatch=telematics.odometer_gps_mismatch(t) if t["status"] != "active" else None)


# --- reports --------------------------------------------------------------

@bp.route("/reports/revenue")
@admin_required
def revenue_report():
    start, end = _period()
    rows = fetch_all(Q.revenue_report_sql(request.args.get("period", "day")), (start, end))
    if request.args.get("format") == "csv":
        return csv_response(rows, "revenue.csv")
    total = sum(r["gross_pence"] or 0 for r in rows)
    return render_template("admin/revenue.html", rows=rows, total=format_money(total))


@bp.route("/reports/utilisation")
@admin_required
def utilisation_report():
    start, end = _period()
    group_by = request.args.get("by", "vehicle")
    rows = fetch_all(Q.fleet_utilisation_sql(group_by), (start, end, start, end))
    hours = max((end - start).days, 1) * 24
    for r in rows:
        r["utilisation_pct"] = round(100.0 * float(r["hours_driven"] or 0) / hours, 1)
    if request.args.get("format") == "csv":
        return csv_response(rows, "utilisation.csv")
    return render_template("admin/utilisation.html", rows=rows, group_by=group_by)


@bp.route("/reports/signup-funnel")
@admin_required
def signup_funnel():
    start, end = _period()
    row = fetch_one("""
        SELECT count(*) AS registered,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM driving_licences l WHERE l.member_id = m.id)) AS licence_submitted,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM driving_licences l WHERE l.member_id = m.id AND l.status = 'verified')) AS verified,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reservations r WHERE r.member_id = m.id)) AS booked,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM trips t WHERE t.member_id = m.id)) AS drove
          FROM members m
         WHERE m.created_at >= %s AND m.created_at < %s""", (start, end))
    return render_template("admin/funnel.html", row=row)


@bp.route("/reports/damage-costs")
@admin_required
def damage_costs():
    start, end = _period()
    rows = fetch_all("""
        SELECT v.plate, vm.make, vm.model,
               count(d.id) AS reports,
               coalesce(sum(d.assessed_cost_pence), 0) AS assessed_pence,
               coalesce(sum(j.cost_pence), 0) AS repair_pence,
               count(d.id) FILTER (WHERE d.liable_member_id IS NOT NULL) AS recharged
          FROM damage_reports d
          JOIN vehicles v ON v.id = d.vehicle_id
          JOIN vehicle_models vm ON vm.id = v.model_id
     LEFT JOIN maintenance_jobs j ON j.damage_report_id = d.id
         WHERE d.reported_at >= %s AND d.reported_at < %s
      GROUP BY v.plate, vm.make, vm.model
      ORDER BY repair_pence DESC""", (start, end))
    if request.args.get("format") == "csv":
        return csv_response(rows, "damage_costs.csv")
    return render_template("admin/damage_costs.html", rows=rows)


@bp.route("/reports/zones")
@admin_required
def zone_report():
    start, end = _period()
    rows = fetch_all("""
        SELECT z.id, z.name, z.capacity,
               avg(s.vehicles_present)::numeric(6,1) AS avg_present,
               max(s.vehicles_present) AS max_present,
               min(s.vehicles_present) AS min_present
          FROM parking_zones z
     LEFT JOIN zone_capacity_snapshots s ON s.zone_id = z.id AND s.taken_at >= %s AND s.taken_at < %s
         GROUP BY z.id, z.name, z.capacity ORDER BY z.name""", (start, end))
    return render_template("admin/zones.html", rows=rows)


@bp.route("/reports/unmet-demand")
@admin_required
def unmet_demand():
    """Waitlist entries that never turned into a booking, by zone."""
    start, end = _period()
    rows = fetch_all("""
        SELECT w.zone_id, z.name, count(*) AS waiting, count(*) FILTER (WHERE w.status = 'lapsed') AS lapsed
          FROM waitlist_entries w JOIN parking_zones z ON z.id = w.zone_id
         WHERE w.created_at >= %s AND w.created_at < %s
      GROUP BY w.zone_id, z.name ORDER BY lapsed DESC""", (start, end))
    return render_template("admin/unmet_demand.html", rows=rows)


@bp.route("/reports/support-sla")
@admin_required
def support_sla_report():
    start, end = _period()
    rows = fetch_all("""
        SELECT a.name,
               count(t.id) AS tickets,
               avg(extract(epoch FROM (t.first_response_at - t.opened_at)) / 3600)::numeric(6,1) AS avg_first_response_h,
               count(b.id) AS breaches
          FROM support_agents a
     LEFT JOIN support_tickets t ON t.agent_id = a.id AND t.opened_at >= %s AND t.opened_at < %s
     LEFT JOIN ticket_sla_breaches b ON b.ticket_id = t.id
      GROUP BY a.name ORDER BY breaches DESC""", (start, end))
    return render_template("admin/support_sla.html", rows=rows)
