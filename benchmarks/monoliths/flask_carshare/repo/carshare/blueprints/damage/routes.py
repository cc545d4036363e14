from flask import abort, flash, redirect, render_template, request, url_for

from carshare import auth, services
from carshare.blueprints.damage import bp
from carshare.blueprints.members.routes import store_upload
from carshare.db import fetch_all, fetch_one
from carshare.errors import CarshareError
from carshare.lib.dates import parse_datetime, utcnow
from carshare.lib.decorators import admin_required, json_view, login_required
from carshare.lib.money import to_pence

LOCATIONS = ["front_bumper", "rear_bumper", "bonnet", "roof", "windscreen", "driver_door",
             "passenger_door", "rear_left", "rear_right", "wheel", "interior", "other"]


def _upload_photos(prefix):
    keys = []
    for f in request.files.getlist("photos")[:8]:
        if f and f.filename:
            keys.append(store_upload(f, prefix))
    return keys


@bp.route("/report", methods=["GET", "POST"])
@login_required
def report():
    member_id = auth.current_member_id()
    trip = services.active_trip_for_member(member_id)
    if request.method == "POST":
        f = request.form
        vehicle_id = int(f.get("vehicle_id") or (trip and trip["vehicle_id"]) or 0)
        if not vehicle_id:
            abort(400)
        try:
            rid = services.report_damage(vehicle_id, member_id, f.get("location"), f.get("severity", "minor"),
                                         f.get("description"), trip_id=trip["id"] if trip else None,
                                         photos=_upload_photos("damage/%s" % vehicle_id))
        except CarshareError as e:
            flash(e.message, "error")
            return redirect(url_for("damage.report"))
        flash("Thanks for letting us know (ref D%s)" % rid)
        return redirect(url_for("trips.history"))
    return render_template("damage/report.html", trip=trip, locations=LOCATIONS)


@bp.route("/api/report", methods=["POST"])
@login_required
@json_view
def api_report():
    """Pre-trip walkaround from the app."""
    data = request.form or request.get_json(force=True)
    try:
        rid = services.report_damage(int(data["vehicle_id"]), auth.current_member_id(), data.get("location"),
                                     data.get("severity", "cosmetic"), data.get("description"),
                                     photos=_upload_photos("damage/%s" % data["vehicle_id"]))
    except CarshareError as e:
        return e.to_dict(), e.status_code
    return {"id": rid}, 201


@bp.route("/api/vehicle/<int:vehicle_id>")
@login_required
@json_view
def api_known_damage(vehicle_id):
    rows = fetch_all("""SELECT id, location_on_vehicle, severity, reported_at FROM damage_reports
                         WHERE vehicle_id = %s AND status NOT IN ('repaired', 'rejected')""", (vehicle_id,))
    return {"damage": rows}


# --- ops ------------------------------------------------------------------

@bp.route("/admin")
@admin_required
def queue():
    rows = fetch_all("""
        SELECT d.*, v.plate, m.email AS reporter
          FROM damage_reports d
          JOIN vehicles v ON v.id = d.vehicle_id
     LEFT JOIN members m ON m.id = d.reported_by
         WHERE d.status IN ('new', 'assessed')
         ORDER BY CASE d.severity WHEN 'write_off' THEN 0 WHEN 'major' THEN 1 ELSE 2 END, d.reported_at""")
    return render_template("damage/queue.html", rows=rows)


@bp.route("/admin/<int:report_id>", methods=["GET", "POST"])
@admin_required
def assess(report_id):
    rep = services.get_damage_report(report_id)
    if request.method == "POST":
        f = request.form
        if f.get("action") == "reject":
            services.execute("UPDATE damage_reports SET status = 'rejected' WHERE id = %s", (report_id,))
        else:
            liable = f.get("liable_member_id", type=int) if f.get("liable") else None
            services.assess_damage(report_id, to_pence(f.get("cost") or 0), liable,
                                   schedule_repair=bool(f.get("schedule_repair")), garage=f.get("garage"))
        return redirect(url_for("damage.queue"))
    suggested = services.find_liable_member_for_damage(report_id)
    return render_template("damage/assess.html", rep=rep, suggested_member_id=suggested)


@bp.route("/admin/incidents", methods=["GET", "POST"])
@admin_required
def incidents():
    if request.method == "POST":
        f = request.form
        vehicle = services.get_vehicle_by_plate(f["plate"])
        if vehicle is None:
            flash("Unknown plate", "error")
        else:
            iid = services.open_incident(vehicle["id"], f["incident_type"],
                                         parse_datetime(f.get("occurred_at")) or utcnow(),
                                         police_ref=f.get("police_ref"), description=f.get("description"))
            return redirect(url_for("damage.incident", incident_id=iid))
    rows = fetch_all("""SELECT i.*, v.plate FROM incidents i JOIN vehicles v ON v.id = i.vehicle_id
                         WHERE i.status <> 'closed' ORDER BY i.occurred_at DESC""")
    return render_template("damage/incidents.html", rows=rows)


@bp.route("/admin/incidents/<int:incident_id>", methods=["GET", "POST"])
@admin_required
def incident(incident_id):
    if request.method == "POST":
        f = request.form
        if f.get("action") == "close":
            services.close_incident(incident_id)
        elif f.get("action") == "claim":
            services.file_insurance_claim(incident_id, f["insurer"], to_pence(f["amount"]),
                                          to_pence(f.get("excess") or 0), f.get("claim_ref"))
        elif f.get("action") == "settle":
            services.settle_claim(int(f["claim_id"]), to_pence(f["settled"]))
        return redirect(url_for("damage.incident", incident_id=incident_id))
    inc = fetch_one("SELECT * FROM incidents WHERE id = %s", (incident_id,))
    claims = fetch_all("SELECT * FROM insurance_claims WHERE incident_id = %s", (incident_id,))
    return render_template("damage/incident.html", inc=inc, claims=claims)


@bp.route("/admin/fines", methods=["GET", "POST"])
@admin_required
def fines():
    if request.method == "POST":
        f = request.form
        try:
            fid = services.record_traffic_fine(f["plate"], f["authority"], f["reference"], f.get("offence"),
                                               parse_datetime(f["issued_at"]), to_pence(f["amount"]))
            if fid and f.get("assign_now"):
                services.assign_fine_to_driver(fid)
        except CarshareError as e:
            flash(e.message, "error")
        return redirect(url_for("damage.fines"))
    rows = fetch_all("""SELECT f.*, v.plate, m.email FROM traffic_fines f
                          JOIN vehicles v ON v.id = f.vehicle_id
                     LEFT JOIN members m ON m.id = f.member_id
                         ORDER BY f.received_at DESC LIMIT 200""")
    return render_template("damage/fines.html", rows=rows)


@bp.route("/admin/fines/<int:fine_id>/dispute", methods=["POST"])
@admin_required
def dispute_fine(fine_id):
    services.execute("UPDATE traffic_fines SET status = 'disputed' WHERE id = %s", (fine_id,))
    return redirect(url_for("damage.fines"))
