# Busco back office - Flask app. Run with: gunicorn web:app
import datetime
import logging
import secrets

from flask import Flask, render_template, request, redirect, url_for, flash, session, abort, jsonify, g

import settings
import db
import sql
import helpers
from helpers import login_required, role_required, parse_date, parse_time, to_pence
import integrations
import reports

app = Flask(__name__)
app.config.from_object(settings.Config)
log = logging.getLogger("busco.web")


@app.before_request
def load_user():
    g.user = helpers.current_user()


@app.teardown_appcontext
def teardown_db(exc):
    db.close_conn(exc)


@app.template_filter("money")
def money_filter(pence):
    return helpers.format_money(pence)


@app.template_filter("ukdate")
def ukdate_filter(d):
    return helpers.fmt_date(d)


@app.errorhandler(403)
def forbidden(e):
    return render_template("error.html", message="You do not have access to that page."), 403


@app.errorhandler(500)
def server_error(e):
    log.exception("500")
    return render_template("error.html", message="Something went wrong - IT have been told."), 500


@app.route("/")
@login_required
def index():
    today = datetime.date.today()
    stats = {
        "uncovered": len(sql.uncovered_duties(today)),
        "vor": db.query_scalar("SELECT count(*) FROM vehicles WHERE status = 'vor'"),
        "open_complaints": db.query_scalar("SELECT count(*) FROM complaints WHERE status <> 'closed'"),
        "hires_today": len(sql.bookings_between(today, today)),
        "claims_waiting": len(sql.list_expense_claims("submitted")),
    }
    return render_template("index.html", stats=stats, today=today)


# ---------------------------------------------------------------- login

@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        email = request.form.get("email", "")
        if sql.recent_failed_logins(email) >= 5:
            flash("Too many attempts, try again in 15 minutes", "error")
            return render_template("login.html"), 429
        user = sql.get_user_by_email(email)
        ok = bool(user and user["active"] and helpers.check_password(user["password_hash"], request.form.get("password", "")))
        sql.record_login(user["id"] if user else None, email, request.remote_addr, ok)
        if ok:
            if not user["password_hash"].startswith("pbkdf2$"):
                sql.set_password(user["id"], helpers.hash_password(request.form["password"]))
            session.clear()
            session["user_id"] = user["id"]
            session["role"] = user["role"]
            return redirect(request.args.get("next") or url_for("index"))
        flash("Email or password not recognised", "error")
    return render_template("login.html")


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.route("/forgot", methods=["GET", "POST"])
def forgot_password():
    if request.method == "POST":
        user = sql.get_user_by_email(request.form["email"])
        if user:
            token = secrets.token_urlsafe(32)
            sql.create_password_reset(user["id"], token)
            helpers.send_email(user["email"], "Password reset",
                               "Reset your password: %s" % url_for("reset_password", token=token, _external=True))
        flash("If that address is registered you will get an email shortly")
        return redirect(url_for("login"))
    return render_template("forgot.html")


@app.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    if request.method == "POST":
        user_id = sql.use_password_reset(token)
        if not user_id:
            flash("That link has expired", "error")
            return redirect(url_for("forgot_password"))
        sql.set_password(user_id, helpers.hash_password(request.form["password"]))
        flash("Password changed, please log in")
        return redirect(url_for("login"))
    return render_template("reset.html", token=token)


@app.route("/admin/users", methods=["GET", "POST"])
@role_required("admin")
def admin_users():
    if request.method == "POST":
        temp = secrets.token_urlsafe(8)
        sql.create_user(request.form["email"], request.form["full_name"], helpers.hash_password(temp),
                        request.form["role"], request.form.get("depot_id") or None)
        helpers.send_email(request.form["email"], "Your Busco login", "Temporary password: " + temp)
        return redirect(url_for("admin_users"))
    return render_template("users.html", users=sql.list_users(), depots=sql.get_depots())


@app.route("/admin/users/<int:user_id>/disable", methods=["POST"])
@role_required("admin")
def disable_user(user_id):
    db.execute("UPDATE users SET active = FALSE WHERE id = %s", (user_id,))
    return redirect(url_for("admin_users"))


# ---------------------------------------------------------------- network: routes, stops, timetables

@app.route("/routes")
@login_required
def route_list():
    return render_template("routes.html", routes=sql.get_routes(active_only=not request.args.get("all")))


@app.route("/routes/new", methods=["GET", "POST"])
@app.route("/routes/<int:route_id>/edit", methods=["GET", "POST"])
@role_required("scheduler")
def route_edit(route_id=None):
    if request.method == "POST":
        route_id = sql.save_route(request.form.to_dict(), route_id)
        return redirect(url_for("route_detail", route_id=route_id))
    return render_template("route_edit.html", route=sql.get_route(route_id) if route_id else None,
                           depots=sql.get_depots())


@app.route("/routes/<int:route_id>")
@login_required
def route_detail(route_id):
    route = sql.get_route(route_id) or abort(404)
    return render_template("route.html", route=route, stops=sql.get_route_stops(route_id),
                           timetables=sql.get_timetables(route_id), registrations=sql.get_registrations(route_id))


@app.route("/routes/<int:route_id>/stops", methods=["POST"])
@role_required("scheduler")
def route_stops_save(route_id):
    stops = []
    for stop_id, stage, tp in zip(request.form.getlist("stop_id"), request.form.getlist("fare_stage"),
                                  request.form.getlist("timing_point")):
        stops.append({"stop_id": int(stop_id), "fare_stage": int(stage) if stage else None, "timing_point": tp == "1"})
    sql.set_route_stops(route_id, stops)
    flash("Stopping pattern saved")
    return redirect(url_for("route_detail", route_id=route_id))


@app.route("/stops")
@login_required
def stop_search():
    term = request.args.get("q", "")
    results = sql.search_stops(term) if term else []
    if request.args.get("format") == "json":
        return jsonify([dict(r) for r in results])
    return render_template("stops.html", stops=results, q=term)


@app.route("/stops/new", methods=["GET", "POST"])
@app.route("/stops/<int:stop_id>", methods=["GET", "POST"])
@role_required("scheduler")
def stop_edit(stop_id=None):
    if request.method == "POST":
        sql.save_stop(request.form.to_dict(), stop_id)
        return redirect(url_for("stop_search", q=request.form["name"]))
    stop = db.query_one("SELECT * FROM stops WHERE id = %s", (stop_id,)) if stop_id else None
    return render_template("stop_edit.html", stop=stop)


@app.route("/routes/<int:route_id>/timetables/new", methods=["POST"])
@role_required("scheduler")
def timetable_new(route_id):
    tt_id = sql.create_timetable(route_id, parse_date(request.form["valid_from"]), request.form["day_type"],
                                 copy_from=request.form.get("copy_from") or None)
    return redirect(url_for("timetable_edit", timetable_id=tt_id))


@app.route("/timetables/<int:timetable_id>", methods=["GET", "POST"])
@login_required
def timetable_edit(timetable_id):
    tt = sql.get_timetable(timetable_id) or abort(404)
    if request.method == "POST":
        if tt["status"] != "draft":
            flash("Published timetables can't be edited - create a new version", "error")
        else:
            data = request.form.to_dict()
            data["departs"] = parse_time(data["departs"])
            data["arrives"] = parse_time(data["arrives"])
            sql.save_trip(timetable_id, data, request.form.get("trip_id") or None)
        return redirect(url_for("timetable_edit", timetable_id=timetable_id))
    return render_template("timetable.html", tt=tt, trips=sql.get_trips(timetable_id))


@app.route("/timetables/<int:timetable_id>/trips/<int:trip_id>/delete", methods=["POST"])
@role_required("scheduler")
def trip_delete(timetable_id, trip_id):
    sql.delete_trip(trip_id)
    return redirect(url_for("timetable_edit", timetable_id=timetable_id))


@app.route("/timetables/<int:timetable_id>/publish", methods=["POST"])
@role_required("scheduler")
def timetable_publish(timetable_id):
    tt = sql.publish_timetable(timetable_id, session["user_id"])
    affected = sql.duties_for_timetable(timetable_id)
    if affected:
        flash("%d duties use trips from this timetable - tell the depot to recut them" % len(affected), "warning")
    try:
        integrations.bods_publish_route(tt["route_id"])
    except Exception:
        log.exception("BODS upload failed")
        flash("Published, but the open data upload failed - it will retry tonight", "warning")
    return redirect(url_for("route_detail", route_id=tt["route_id"]))


@app.route("/calendar", methods=["GET", "POST"])
@role_required("scheduler")
def calendar_exceptions():
    if request.method == "POST":
        sql.add_calendar_exception(parse_date(request.form["exc_date"]), request.form["description"],
                                   request.form["runs_as"], request.form.get("pay_enhancement") or 1.5)
    year = int(request.args.get("year", datetime.date.today().year))
    return render_template("calendar.html", exceptions=sql.get_calendar_exceptions(year), year=year)


@app.route("/registrations", methods=["GET", "POST"])
@role_required("scheduler")
def registrations():
    if request.method == "POST":
        sql.save_registration(int(request.form["route_id"]), request.form["reg_no"], request.form["authority"],
                              parse_date(request.form["submitted_on"]), parse_date(request.form["effective_from"]))
        return redirect(url_for("registrations"))
    return render_template("registrations.html", registrations=sql.get_registrations(), routes=sql.get_routes())


# ---------------------------------------------------------------- fares & tickets

@app.route("/fares/<int:route_id>", methods=["GET", "POST"])
@role_required("commercial")
def fares(route_id):
    if request.method == "POST":
        sql.save_fare(route_id, int(request.form["ticket_type_id"]), request.form.get("from_stage") or None,
                      request.form.get("to_stage") or None, to_pence(request.form["price"]),
                      parse_date(request.form["valid_from"]))
        flash("Fare saved")
    on = parse_date(request.args.get("on")) or datetime.date.today()
    return render_template("fares.html", route=sql.get_route(route_id), fares=sql.get_fares(route_id, on),
                           stops=sql.get_route_stops(route_id), ticket_types=sql.get_ticket_types(), on=on)


@app.route("/fares/increase", methods=["POST"])
@role_required("admin")
def fares_increase():
    sql.fare_increase(float(request.form["percent"]), parse_date(request.form["valid_from"]),
                      request.form.get("category") or None)
    flash("Fares increase applied from %s" % request.form["valid_from"])
    return redirect(url_for("ticket_types"))


@app.route("/ticket-types", methods=["GET", "POST"])
@role_required("commercial")
def ticket_types():
    if request.method == "POST":
        db.execute("INSERT INTO ticket_types (code, name, category, valid_days) VALUES (%s, %s, %s, %s)",
                   (request.form["code"].upper(), request.form["name"], request.form["category"],
                    int(request.form.get("valid_days") or 1)))
    return render_template("ticket_types.html", types=sql.get_ticket_types(active_only=False))


@app.route("/sales")
@login_required
def sales_day():
    d = parse_date(request.args.get("date")) or datetime.date.today() - datetime.timedelta(days=1)
    rows = sql.sales_for_day(d, request.args.get("depot_id"))
    if request.args.get("csv"):
        return helpers.csv_response("sales-%s.csv" % d, ["time", "service", "ticket", "pence", "method"],
                                    [(r["sold_at"], r["service_no"], r["ticket_code"], r["price_pence"],
                                      r["payment_method"]) for r in rows])
    return render_template("sales.html", rows=rows, d=d, total=sum(r["price_pence"] for r in rows))


@app.route("/etm/uploads")
@login_required
def etm_uploads():
    rows = db.query_all("SELECT * FROM etm_uploads ORDER BY uploaded_at DESC LIMIT 100")
    return render_template("etm_uploads.html", uploads=rows)


@app.route("/etm/upload", methods=["POST"])
@role_required("commercial", "office")
def etm_manual_upload():
    f = request.files["file"]
    path = "%s/%s" % (settings.ETM_IMPORT_DIR, f.filename)
    f.save(path)
    n = integrations.import_etm_file(path)
    flash("%d records imported" % n)
    return redirect(url_for("etm_uploads"))


@app.route("/passes", methods=["GET", "POST"])
@login_required
def season_passes():
    if request.method == "POST":
        pass_no = sql.issue_season_pass(request.form["holder_name"], request.form.get("holder_email"),
                                        int(request.form["ticket_type_id"]), parse_date(request.form["valid_from"]),
                                        parse_date(request.form["valid_to"]), to_pence(request.form["price"]))
        flash("Pass %s issued" % pass_no)
        return redirect(url_for("season_pass_detail", pass_no=pass_no))
    return render_template("passes.html", ticket_types=sql.get_ticket_types())


@app.route("/passes/<pass_no>")
@login_required
def season_pass_detail(pass_no):
    p = sql.get_season_pass(pass_no) or abort(404)
    return render_template("pass.html", p=p)


@app.route("/passes/<int:pass_id>/cancel", methods=["POST"])
@login_required
def season_pass_cancel(pass_id):
    p = db.query_one("SELECT * FROM season_passes WHERE id = %s", (pass_id,))
    sql.cancel_season_pass(pass_id)
    if request.form.get("refund"):
        # pro-rata refund of unused whole weeks
        weeks_left = max(0, (p["valid_to"] - datetime.date.today()).days // 7)
        weeks_total = max(1, (p["valid_to"] - p["valid_from"]).days // 7)
        sql.create_refund(p["price_pence"] * weeks_left // weeks_total, "Pass cancelled", season_pass_id=pass_id)
    return redirect(url_for("season_pass_detail", pass_no=p["pass_no"]))


@app.route("/refunds", methods=["GET", "POST"])
@role_required("commercial", "care")
def refunds():
    if request.method == "POST":
        sql.process_refund(int(request.form["refund_id"]), session["user_id"])
    return render_template("refunds.html", refunds=sql.pending_refunds())


@app.route("/concessions")
@role_required("commercial")
def concessions():
    start = parse_date(request.args.get("start")) or helpers.week_start() - datetime.timedelta(days=28)
    end = parse_date(request.args.get("end")) or datetime.date.today()
    councils = db.query_all("SELECT DISTINCT council_code FROM concession_journeys ORDER BY 1")
    totals = [(c["council_code"], sql.concession_totals(c["council_code"], start, end)) for c in councils]
    return render_template("concessions.html", totals=totals, start=start, end=end)


# ---------------------------------------------------------------- drivers & roster

@app.route("/drivers")
@login_required
def driver_list():
    return render_template("drivers.html", drivers=sql.get_drivers(request.args.get("depot_id")), depots=sql.get_depots())


@app.route("/drivers/new", methods=["GET", "POST"])
@app.route("/drivers/<int:driver_id>", methods=["GET", "POST"])
@role_required("scheduler", "payroll")
def driver_edit(driver_id=None):
    if request.method == "POST":
        data = request.form.to_dict()
        for k in ("licence_expiry", "cpc_expiry", "start_date"):
            data[k] = parse_date(data.get(k))
        data["hourly_rate_pence"] = to_pence(data.get("hourly_rate"))
        driver_id = sql.save_driver(data, driver_id)
        return redirect(url_for("driver_edit", driver_id=driver_id))
    driver = sql.get_driver(driver_id) if driver_id else None
    checks = db.query_all("SELECT * FROM licence_checks WHERE driver_id = %s ORDER BY checked_on DESC",
                          (driver_id,)) if driver_id else []
    return render_template("driver.html", driver=driver, checks=checks, depots=sql.get_depots())


@app.route("/drivers/<int:driver_id>/leaver", methods=["POST"])
@role_required("admin", "payroll")
def driver_leaver(driver_id):
    sql.driver_leaves(driver_id, parse_date(request.form["leave_date"]))
    flash("Driver marked as leaver and removed from future rosters")
    return redirect(url_for("driver_list"))


@app.route("/duties")
@login_required
def duty_list():
    depot_id = request.args.get("depot_id") or (g.user and g.user["depot_id"])
    return render_template("duties.html", duties=sql.get_duties(depot_id, request.args.get("day_type")),
                           depots=sql.get_depots())


@app.route("/duties/new", methods=["GET", "POST"])
@app.route("/duties/<int:duty_id>", methods=["GET", "POST"])
@role_required("scheduler")
def duty_edit(duty_id=None):
    if request.method == "POST":
        data = request.form.to_dict()
        data["sign_on"] = parse_time(data["sign_on"])
        data["sign_off"] = parse_time(data["sign_off"])
        duty_id = sql.save_duty(data, duty_id)
        trip_ids = [int(t) for t in request.form.getlist("trip_id") if t]
        if trip_ids:
            sql.set_duty_trips(duty_id, trip_ids)
        return redirect(url_for("duty_edit", duty_id=duty_id))
    duty = sql.get_duty(duty_id) if duty_id else None
    trips = sql.trips_operating_on(datetime.date.today()) if duty else []
    return render_template("duty.html", duty=duty, trips=trips, depots=sql.get_depots())


@app.route("/roster")
@login_required
def roster_week():
    start = parse_date(request.args.get("start")) or helpers.week_start()
    depot_id = request.args.get("depot_id") or (g.user and g.user["depot_id"]) or 1
    return render_template("roster.html", rows=sql.roster_for_week(depot_id, start), start=start,
                           drivers=sql.get_drivers(depot_id), depot_id=depot_id)


@app.route("/roster/assign", methods=["POST"])
@role_required("scheduler")
def roster_assign():
    duty = sql.get_duty(int(request.form["duty_id"]))
    work_date = parse_date(request.form["work_date"])
    driver_id = int(request.form["driver_id"])
    week_mins = sql.driver_week_minutes(driver_id, helpers.week_start(work_date))
    if not helpers.working_time_ok(week_mins, duty["paid_minutes"] or 0):
        flash("That would put the driver over the weekly drivers' hours limit", "error")
        return redirect(url_for("roster_week", start=helpers.week_start(work_date), depot_id=duty["depot_id"]))
    vehicle_id = request.form.get("vehicle_id") or None
    if vehicle_id:
        v = sql.get_vehicle(int(vehicle_id))
        if v["status"] != "active":
            flash("%s is off the road (%s)" % (v["fleet_no"], v["vor_reason"]), "error")
            vehicle_id = None
    sql.assign_duty(duty["id"], work_date, driver_id, vehicle_id)
    return redirect(url_for("roster_week", start=helpers.week_start(work_date), depot_id=duty["depot_id"]))


@app.route("/roster/<int:assignment_id>/sick", methods=["POST"])
@role_required("scheduler")
def roster_sick(assignment_id):
    sql.unassign_duty(assignment_id, "sick")
    return redirect(request.referrer or url_for("roster_week"))


@app.route("/roster/uncovered")
@login_required
def roster_uncovered():
    d = parse_date(request.args.get("date")) or datetime.date.today()
    duties = sql.uncovered_duties(d)
    spare = {}
    for duty in duties:
        spare.setdefault(duty["depot_id"], sql.drivers_available(duty["depot_id"], d))
    return render_template("uncovered.html", duties=duties, spare=spare, d=d)


@app.route("/leave", methods=["GET", "POST"])
@login_required
def leave_requests():
    if request.method == "POST":
        sql.request_leave(int(request.form["driver_id"]), parse_date(request.form["start_date"]),
                          parse_date(request.form["end_date"]), request.form.get("leave_type", "annual"))
        flash("Leave request logged")
    return render_template("leave.html", requests=sql.get_leave_requests("pending", request.args.get("depot_id")),
                           drivers=sql.get_drivers())


@app.route("/leave/<int:leave_id>/decide", methods=["POST"])
@role_required("scheduler")
def leave_decide(leave_id):
    lr = sql.decide_leave(leave_id, request.form["decision"] == "approve", session["user_id"])
    driver = sql.get_driver(lr["driver_id"])
    if driver and driver["phone"]:
        integrations.send_sms(driver["phone"], "Your leave %s - %s has been %s" % (
            helpers.fmt_date(lr["start_date"]), helpers.fmt_date(lr["end_date"]),
            "approved" if request.form["decision"] == "approve" else "refused"))
    return redirect(url_for("leave_requests"))


@app.route("/licence-checks", methods=["GET", "POST"])
@role_required("scheduler", "admin")
def licence_checks():
    if request.method == "POST":
        sql.record_licence_check(int(request.form["driver_id"]), int(request.form.get("points") or 0),
                                 request.form.get("categories"), request.form.get("check_code"),
                                 request.form["result"], session["user_id"])
    return render_template("licence_checks.html", due=sql.licences_due_check())


# ---------------------------------------------------------------- engineering: vehicles, defects, fuel

@app.route("/vehicles")
@login_required
def vehicle_list():
    return render_template("vehicles.html", vehicles=sql.get_vehicles(request.args.get("depot_id"),
                                                                      bool(request.args.get("sold"))))


@app.route("/vehicles/new", methods=["GET", "POST"])
@app.route("/vehicles/<int:vehicle_id>/edit", methods=["GET", "POST"])
@role_required("engineer")
def vehicle_edit(vehicle_id=None):
    if request.method == "POST":
        data = request.form.to_dict()
        data["first_reg_date"] = parse_date(data.get("first_reg_date"))
        vehicle_id = sql.save_vehicle(data, vehicle_id)
        return redirect(url_for("vehicle_detail", vehicle_id=vehicle_id))
    return render_template("vehicle_edit.html", vehicle=sql.get_vehicle(vehicle_id) if vehicle_id else None,
                           depots=sql.get_depots())


@app.route("/vehicles/<int:vehicle_id>")
@login_required
def vehicle_detail(vehicle_id):
    v = sql.get_vehicle(vehicle_id) or abort(404)
    return render_template("vehicle.html", v=v, defects=sql.get_defects(vehicle_id, open_only=False),
                           jobs=sql.jobs_for_vehicle(vehicle_id), economy=sql.vehicle_fuel_economy(vehicle_id),
                           inspections=db.query_all("SELECT * FROM inspections WHERE vehicle_id = %s "
                                                    "ORDER BY due_date DESC", (vehicle_id,)))


@app.route("/vehicles/<int:vehicle_id>/status", methods=["POST"])
@role_required("engineer")
def vehicle_status(vehicle_id):
    sql.set_vehicle_status(vehicle_id, request.form["status"], request.form.get("reason"))
    if request.form["status"] == "vor":
        # pull it off any roster allocations from today on
        db.execute("UPDATE roster_assignments SET vehicle_id = NULL WHERE vehicle_id = %s AND work_date >= current_date",
                   (vehicle_id,))
    return redirect(url_for("vehicle_detail", vehicle_id=vehicle_id))


@app.route("/vehicles/<int:vehicle_id>/mot-history")
@role_required("engineer")
def vehicle_mot_history(vehicle_id):
    v = sql.get_vehicle(vehicle_id)
    return jsonify(integrations.dvsa_mot_history(v["registration"]))


@app.route("/defects", methods=["GET", "POST"])
@login_required
def defects():
    if request.method == "POST":
        sql.report_defect(int(request.form["vehicle_id"]), request.form["description"], request.form["severity"],
                          user_id=session["user_id"])
        flash("Defect reported")
    return render_template("defects.html", defects=sql.get_defects(), vehicles=sql.get_vehicles())


@app.route("/api/driver/defect", methods=["POST"])
def api_driver_defect():
    # called by the driver walkround app (no session - shared key)
    if request.headers.get("X-Api-Key") != settings.SECRET_KEY:
        abort(403)
    payload = request.get_json(force=True)
    v = sql.find_vehicle_by_reg(payload["registration"])
    if not v:
        return jsonify({"error": "unknown vehicle"}), 400
    defect_id = sql.report_defect(v["id"], payload["description"], payload.get("severity", "minor"),
                                  driver_id=payload.get("driver_id"))
    if payload.get("severity") == "dangerous":
        helpers.send_email(settings.ENGINEERING_EMAIL, "DANGEROUS defect on %s" % v["fleet_no"], payload["description"])
    return jsonify({"id": defect_id})


@app.route("/jobs", methods=["GET", "POST"])
@role_required("engineer")
def maintenance_jobs():
    if request.method == "POST":
        job_id = sql.open_job(int(request.form["vehicle_id"]), request.form["job_type"], request.form.get("notes"))
        for defect_id in request.form.getlist("defect_id"):
            db.execute("UPDATE defects SET job_id = %s WHERE id = %s", (job_id, int(defect_id)))
        return redirect(url_for("maintenance_jobs"))
    return render_template("jobs.html", jobs=sql.open_jobs(request.args.get("depot_id")))


@app.route("/jobs/<int:job_id>/complete", methods=["POST"])
@role_required("engineer")
def job_complete(job_id):
    sql.complete_job(job_id, request.form["mechanic"], float(request.form.get("labour_hours") or 0),
                     to_pence(request.form.get("parts_cost")) or 0, request.form.get("notes"))
    return redirect(url_for("maintenance_jobs"))


@app.route("/inspections", methods=["GET", "POST"])
@role_required("engineer")
def inspections():
    if request.method == "POST":
        sql.record_inspection(int(request.form["inspection_id"]), parse_date(request.form["done_date"]),
                              request.form["result"], request.form.get("certificate_no"),
                              request.form.get("odometer") or None)
    return render_template("inspections.html", due=sql.inspections_due(int(request.args.get("days", 28))))


@app.route("/fuel", methods=["GET", "POST"])
@role_required("engineer")
def fuel():
    if request.method == "POST":
        if request.form["kind"] == "delivery":
            sql.record_fuel_delivery(int(request.form["tank_id"]), request.form["supplier"],
                                     parse_date(request.form["date"]), float(request.form["litres"]),
                                     float(request.form["ppl"]), request.form.get("invoice_ref"))
        else:
            v = sql.find_vehicle_by_reg(request.form["registration"])
            sql.record_fuel_issue(v["id"], float(request.form["litres"]), int(request.form.get("odometer") or 0),
                                  int(request.form["tank_id"]), g.user["full_name"])
        return redirect(url_for("fuel"))
    return render_template("fuel.html", tanks=sql.get_tanks(request.args.get("depot_id")))


# ---------------------------------------------------------------- private hire & school contracts

@app.route("/hire/customers", methods=["GET", "POST"])
@role_required("hire_desk")
def hire_customers():
    if request.method == "POST":
        sql.save_hire_customer(request.form.to_dict(), request.form.get("id") or None)
        return redirect(url_for("hire_customers"))
    return render_template("hire_customers.html", customers=sql.get_hire_customers(request.args.get("type")))


@app.route("/hire/quotes", methods=["GET", "POST"])
@role_required("hire_desk")
def hire_quotes():
    if request.method == "POST":
        qid = sql.create_quote(int(request.form["customer_id"]), parse_date(request.form["journey_date"]),
                               request.form["pickup"], request.form["destination"], int(request.form["passengers"]),
                               int(request.form["miles"]), float(request.form["hours"]), request.form["vehicle_type"],
                               session["user_id"])
        q = sql.get_quote(qid)
        if q["customer_email"]:
            helpers.send_email(q["customer_email"], "Your coach hire quotation",
                               render_template("email/quote.txt", q=q))
        return redirect(url_for("hire_quote_detail", quote_id=qid))
    return render_template("quotes.html", quotes=sql.list_quotes(request.args.get("status")),
                           customers=sql.get_hire_customers())


@app.route("/hire/quotes/<int:quote_id>", methods=["GET", "POST"])
@role_required("hire_desk")
def hire_quote_detail(quote_id):
    q = sql.get_quote(quote_id) or abort(404)
    if request.method == "POST":
        booking_id = sql.accept_quote(quote_id, parse_time(request.form["depart_time"]),
                                      parse_time(request.form["return_time"]))
        return redirect(url_for("hire_booking", booking_id=booking_id))
    return render_template("quote.html", q=q)


@app.route("/hire/bookings")
@role_required("hire_desk", "scheduler")
def hire_bookings():
    start = parse_date(request.args.get("start")) or datetime.date.today()
    end = parse_date(request.args.get("end")) or start + datetime.timedelta(days=14)
    return render_template("bookings.html", bookings=sql.bookings_between(start, end), start=start, end=end)


@app.route("/hire/bookings/<int:booking_id>", methods=["GET", "POST"])
@role_required("hire_desk", "scheduler")
def hire_booking(booking_id):
    b = sql.get_booking(booking_id) or abort(404)
    if request.method == "POST":
        vehicle_id, driver_id = int(request.form["vehicle_id"]), int(request.form["driver_id"])
        sql.allocate_booking(booking_id, vehicle_id, driver_id)
        flash("Allocated")
        return redirect(url_for("hire_booking", booking_id=booking_id))
    q = sql.get_quote(b["quote_id"]) if b["quote_id"] else None
    depot_id = g.user["depot_id"] if g.user else None
    vehicles = sql.available_vehicles(depot_id, q["vehicle_type"] if q else None, b["journey_date"])
    drivers = sql.drivers_available(depot_id, b["journey_date"]) if depot_id else []
    return render_template("booking.html", b=b, vehicles=vehicles, drivers=drivers)


@app.route("/hire/bookings/<int:booking_id>/cancel", methods=["POST"])
@role_required("hire_desk")
def hire_booking_cancel(booking_id):
    sql.cancel_booking(booking_id, request.form.get("reason", "cancelled by customer"))
    return redirect(url_for("hire_bookings"))


@app.route("/hire/bookings/<int:booking_id>/invoice", methods=["POST"])
@role_required("hire_desk")
def hire_booking_invoice(booking_id):
    b = sql.get_booking(booking_id)
    inv_id = sql.create_hire_invoice(b["customer_id"], b["price_pence"], booking_id=booking_id)
    integrations.xero_push_invoice(inv_id)
    flash("Invoice raised")
    return redirect(url_for("hire_invoices"))


@app.route("/contracts", methods=["GET", "POST"])
@role_required("hire_desk")
def school_contracts():
    if request.method == "POST":
        data = request.form.to_dict()
        for k in ("start_date", "end_date"):
            data[k] = parse_date(data.get(k))
        for k in ("am_time", "pm_time"):
            data[k] = parse_time(data.get(k))
        data["daily_rate_pence"] = to_pence(data.get("daily_rate"))
        sql.save_school_contract(data, data.get("id") or None)
        return redirect(url_for("school_contracts"))
    return render_template("contracts.html", contracts=sql.get_school_contracts(not request.args.get("all")),
                           customers=sql.get_hire_customers("school"))


@app.route("/contracts/<int:contract_id>/passes", methods=["POST"])
@role_required("hire_desk")
def school_contract_passes(contract_id):
    # issue a term pass for each pupil on the list (council-paid so price 0)
    c = sql.get_school_contract(contract_id)
    tt = db.query_one("SELECT id FROM ticket_types WHERE code = 'SCHOOL'")
    n = 0
    for name in request.form["pupils"].splitlines():
        if name.strip():
            sql.issue_season_pass(name.strip(), None, tt["id"], c["start_date"], c["end_date"], 0,
                                  school_contract_id=contract_id)
            n += 1
    flash("%d school passes issued" % n)
    return redirect(url_for("school_contracts"))


@app.route("/hire/invoices", methods=["GET", "POST"])
@role_required("hire_desk", "admin")
def hire_invoices():
    if request.method == "POST":
        sql.mark_invoice_paid(int(request.form["invoice_id"]), parse_date(request.form["paid_on"]))
    return render_template("invoices.html", invoices=sql.unpaid_invoices())


# ---------------------------------------------------------------- customer care

@app.route("/complaints")
@role_required("care")
def complaint_list():
    limit, offset = helpers.paginate(request.args.get("page"))
    return render_template("complaints.html", complaints=sql.list_complaints(request.args.get("status"),
                                                                             request.args.get("category"), limit, offset))


@app.route("/complaints/new", methods=["GET", "POST"])
@login_required
def complaint_new():
    if request.method == "POST":
        data = request.form.to_dict()
        data["incident_at"] = parse_date(data.get("incident_date"))
        if data.get("registration"):
            v = sql.find_vehicle_by_reg(data["registration"])
            data["vehicle_id"] = v["id"] if v else None
        cid = sql.create_complaint(data)
        return redirect(url_for("complaint_detail", complaint_id=cid))
    return render_template("complaint_new.html", routes=sql.get_routes(), drivers=sql.get_drivers())


@app.route("/complaints/<int:complaint_id>", methods=["GET", "POST"])
@role_required("care")
def complaint_detail(complaint_id):
    c = sql.get_complaint(complaint_id) or abort(404)
    if request.method == "POST":
        action = request.form["action"]
        if action == "note":
            send = bool(request.form.get("send"))
            sql.add_complaint_note(complaint_id, session["user_id"], request.form["note"], send)
            if send and c["customer_email"]:
                helpers.send_email(c["customer_email"], "Your complaint %s" % c["ref"], request.form["note"],
                                   reply_to=settings.CUSTOMER_CARE_EMAIL)
        elif action == "assign":
            sql.assign_complaint(complaint_id, int(request.form["user_id"]))
        elif action == "refund":
            sql.create_refund(to_pence(request.form["amount"]), "Complaint %s" % c["ref"], complaint_id=complaint_id)
            sql.add_complaint_note(complaint_id, session["user_id"], "Goodwill refund requested: %s" % request.form["amount"])
        elif action == "close":
            sql.close_complaint(complaint_id, request.form["outcome"])
        return redirect(url_for("complaint_detail", complaint_id=complaint_id))
    roster = None
    if c["driver_id"] is None and c["trip_id"] and c["incident_at"]:
        # try to work out who was driving from the roster
        roster = db.query_all("""SELECT ra.driver_id, dr.first_name, dr.last_name FROM duty_trips dt
                                   JOIN roster_assignments ra ON ra.duty_id = dt.duty_id
                                   JOIN drivers dr ON dr.id = ra.driver_id
                                  WHERE dt.trip_id = %s AND ra.work_date = %s""",
                              (c["trip_id"], c["incident_at"].date()))
    return render_template("complaint.html", c=c, roster=roster, users=sql.list_users())


@app.route("/lost-property", methods=["GET", "POST"])
@login_required
def lost_property():
    if request.method == "POST":
        data = request.form.to_dict()
        data["found_at"] = parse_date(data["found_date"]) or datetime.datetime.now()
        data["value_estimate_pence"] = to_pence(data.get("value"))
        if data.get("fleet_no"):
            data["vehicle_id"] = db.query_scalar("SELECT id FROM vehicles WHERE fleet_no = %s", (data["fleet_no"],))
        ref = sql.log_lost_property(data)
        flash("Logged as %s" % ref)
        return redirect(url_for("lost_property"))
    return render_template("lost_property.html", items=sql.search_lost_property(request.args.get("q"),
                                                                                request.args.get("status", "held")))


@app.route("/lost-property/<int:item_id>/claim", methods=["POST"])
@login_required
def lost_property_claim(item_id):
    fee = 0 if request.form.get("waive_fee") else settings.LOST_PROPERTY_FEE_PENCE
    sql.claim_lost_property(item_id, request.form["claimant_name"], request.form.get("phone"), request.form.get("email"),
                            request.form.get("description"), fee, session["user_id"])
    flash("Item returned to owner")
    return redirect(url_for("lost_property"))


# ---------------------------------------------------------------- driver expenses

@app.route("/expenses")
@role_required("payroll", "scheduler")
def expense_claims():
    return render_template("expenses.html", claims=sql.list_expense_claims(request.args.get("status", "submitted")))


@app.route("/expenses/new", methods=["GET", "POST"])
@login_required
def expense_claim_new():
    if request.method == "POST":
        month = parse_date(request.form["claim_month"]).replace(day=1)
        claim_id = sql.create_expense_claim(int(request.form["driver_id"]), month)
        return redirect(url_for("expense_claim_detail", claim_id=claim_id))
    return render_template("expense_new.html", drivers=sql.get_drivers())


@app.route("/expenses/<int:claim_id>", methods=["GET", "POST"])
@login_required
def expense_claim_detail(claim_id):
    claim = sql.get_expense_claim(claim_id) or abort(404)
    if request.method == "POST":
        category = request.form["category"]
        line_date = parse_date(request.form["line_date"])
        duty_id = request.form.get("duty_id") or None
        miles = None
        if category == "mileage":
            miles = float(request.form["miles"])
            amount = helpers.mileage_amount(miles, sql.current_mileage_rate(line_date))
        else:
            amount = to_pence(request.form["amount"])
        if category == "meal" and sql.meal_allowance_claimed(claim["driver_id"], line_date):
            flash("A meal allowance has already been claimed for that day", "error")
            return redirect(url_for("expense_claim_detail", claim_id=claim_id))
        if category == "meal" and duty_id:
            # meal allowance only for spread-over duties > 10h
            duty = sql.get_duty(int(duty_id))
            if helpers.minutes_between(duty["sign_on"], duty["sign_off"]) < 600:
                flash("Duty %s is not long enough for a meal allowance" % duty["duty_no"], "error")
                return redirect(url_for("expense_claim_detail", claim_id=claim_id))
        sql.add_expense_line(claim_id, line_date, category, request.form.get("description"), amount, duty_id, miles,
                             request.form.get("receipt_ref"))
        return redirect(url_for("expense_claim_detail", claim_id=claim_id))
    return render_template("expense.html", claim=claim)


@app.route("/expenses/<int:claim_id>/decide", methods=["POST"])
@role_required("payroll")
def expense_claim_decide(claim_id):
    if request.form["decision"] == "approve":
        sql.approve_expense_claim(claim_id, session["user_id"])
    else:
        sql.reject_expense_claim(claim_id, session["user_id"], request.form.get("reason"))
    return redirect(url_for("expense_claims"))


@app.route("/payroll/export", methods=["GET", "POST"])
@role_required("payroll")
def payroll_export():
    if request.method == "POST":
        start, end = parse_date(request.form["period_start"]), parse_date(request.form["period_end"])
        export_id = integrations.sage_export_expenses(start, end, session["user_id"])
        flash("Export %s created" % export_id)
    exports = db.query_all("SELECT * FROM payroll_exports ORDER BY created_at DESC LIMIT 24")
    return render_template("payroll.html", exports=exports)


@app.route("/mileage-rates", methods=["GET", "POST"])
@role_required("payroll")
def mileage_rates():
    if request.method == "POST":
        d = parse_date(request.form["valid_from"])
        db.execute("UPDATE mileage_rates SET valid_to = %s - 1 WHERE valid_to IS NULL", (d,))
        db.execute("INSERT INTO mileage_rates (description, pence_per_mile, valid_from) VALUES (%s, %s, %s)",
                   (request.form["description"], float(request.form["pence_per_mile"]), d))
    return render_template("mileage_rates.html", rates=db.query_all("SELECT * FROM mileage_rates ORDER BY valid_from DESC"))


# ---------------------------------------------------------------- reports

@app.route("/reports/revenue")
@role_required("commercial", "admin")
def report_revenue():
    start = parse_date(request.args.get("start")) or datetime.date.today().replace(day=1)
    end = parse_date(request.args.get("end")) or datetime.date.today()
    return render_template("report.html", title="Revenue by route", report=reports.revenue_by_route(start, end))


@app.route("/reports/fleet-costs")
@role_required("engineer", "admin")
def report_fleet_costs():
    months = int(request.args.get("months", 3))
    return render_template("report.html", title="Cost per km", report=reports.vehicle_cost_per_km(months))


@app.route("/reports/driver-hours")
@role_required("scheduler", "payroll")
def report_driver_hours():
    start = parse_date(request.args.get("start")) or helpers.week_start()
    return render_template("report.html", title="Driver hours", report=reports.driver_hours(start))


@app.route("/reports/complaints")
@role_required("care", "admin")
def report_complaints():
    return render_template("report.html", title="Complaints by route",
                           report=reports.complaints_by_route(int(request.args.get("days", 90))))


@app.route("/reports/management")
@role_required("admin")
def report_management():
    return render_template("management.html", pack=reports.management_pack(parse_date(request.args.get("month"))))
