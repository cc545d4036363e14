# -*- coding: utf-8 -*-
"""Wealdshire Courier back office (circulation, ads, classified, accounts).
Run:  FLASK_APP=app.py flask run   (gunicorn -w 4 app:app on app1)"""
from __future__ import print_function, unicode_literals

import datetime
import logging
import os

from flask import (Flask, abort, flash, g, redirect, render_template, request, session,
                   url_for)
from werkzeug.utils import secure_filename

import config
import db
import helpers as h
import integrations
import queries as q
import reports
from helpers import login_required, roles_required

app = Flask(__name__)
app.secret_key = config.SECRET_KEY
app.config["MAX_CONTENT_LENGTH"] = 40 * 1024 * 1024   # ad artwork PDFs are big
log = logging.getLogger("courier")

ARTWORK_DIR = os.environ.get("COURIER_ARTWORK", "/srv/artwork")
CANCEL_REASONS = ["PRICE", "DELIVERY", "MOVED", "DECEASED", "DIGITAL", "NONPAY", "OTHER"]


@app.teardown_appcontext
def teardown(exc):
    db.close_conn(exc)


@app.context_processor
def inject_helpers():
    return dict(money=h.money, fmt_date=h.fmt_date, days_label=h.days_label,
                user=session.get("user"), roles=session.get("roles") or [])


@app.errorhandler(404)
def not_found(e):
    return render_template("404.html"), 404


@app.errorhandler(500)
def server_error(e):
    log.exception("500 on %s", request.path)
    db.rollback()
    return render_template("500.html"), 500


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        username = (request.form.get("username") or "").strip().lower()
        roles = h.ldap_authenticate(username, request.form.get("password") or "")
        if roles is None:
            flash("Wrong username or password", "error")
        elif not roles:
            flash("You're not in any back office group - ask IT", "error")
        else:
            session["user"] = username
            session["roles"] = roles
            return redirect(request.args.get("next") or url_for("index"))
    return render_template("login.html")


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.route("/")
@login_required
def index():
    return render_template("index.html", counts=q.dashboard_counts(),
                           issues=q.upcoming_issues(days=3))


@app.route("/healthz")
def healthcheck():
    try:
        db.scalar("SELECT 1")
    except Exception as e:
        return "db: %s" % e, 500
    return "ok"


# ============================================================================
# SUBSCRIBERS
# ============================================================================

@app.route("/subscribers")
@login_required
def subscribers_list():
    term = request.args.get("q", "").strip()
    limit, offset = h.paginate(request.args.get("page"))
    rows = q.search_subscribers(term, limit, offset) if term else []
    if len(rows) == 1 and request.args.get("go"):
        return redirect(url_for("subscriber_view", sid=rows[0]["id"]))
    return render_template("subscribers.html", rows=rows, term=term)


@app.route("/subscribers/new", methods=["GET", "POST"])
@login_required
@roles_required("circulation", "cs")
def subscriber_new():
    f = request.form
    if request.method == "POST":
        errors = []
        if not h.clean(f.get("last_name")):
            errors.append("Surname is required")
        if f.get("email") and not h.valid_email(f.get("email")):
            errors.append("That email address doesn't look right")
        postcode = h.clean_postcode(f.get("postcode"))
        if not postcode or not h.clean(f.get("line1")):
            errors.append("Delivery address is required")
        if not h.flash_errors(errors):
            data = dict((k, h.clean(f.get(k))) for k in ("title", "first_name", "last_name", "email",
                                                          "phone", "notes"))
            data["marketing_opt_in"] = bool(f.get("marketing_opt_in"))
            sid = q.create_subscriber(data, h.next_account_no(q.last_account_no()))
            route = q.route_for_sector(h.postcode_sector(postcode))
            q.add_address(sid, dict(line1=f["line1"], line2=f.get("line2"), town=f.get("town"),
                                    postcode=postcode, instructions=f.get("instructions")),
                          route["id"] if route else None)
            if not route:
                flash("No round covers %s - it's on the unrouted list" % postcode, "warning")
            return redirect(url_for("subscriber_view", sid=sid))
    return render_template("subscriber_form.html", s=f, titles=["Mr", "Mrs", "Miss", "Ms", "Dr", "Rev"])


@app.route("/subscribers/<int:sid>")
@login_required
def subscriber_view(sid):
    s = q.get_subscriber(sid) or abort(404)
    return render_template("subscriber.html", s=s,
                           addresses=q.addresses_for(sid),
                           subs=q.subscriptions_for(sid),
                           invoices=q.invoices_for_account("subscriber", sid)[:12],
                           mandate=q.mandate_for(sid),
                           complaints=q.complaints_for_subscriber(sid),
                           calls=q.calls_for(sid, 10))


@app.route("/subscribers/<int:sid>/edit", methods=["GET", "POST"])
@login_required
@roles_required("circulation", "cs")
def subscriber_edit(sid):
    s = q.get_subscriber(sid) or abort(404)
    if request.method == "POST":
        f = request.form
        if f.get("email") and not h.valid_email(f["email"]):
            flash("That email address doesn't look right", "error")
        else:
            data = dict((k, h.clean(f.get(k))) for k in ("title", "first_name", "last_name", "email",
                                                          "phone", "notes"))
            data["marketing_opt_in"] = bool(f.get("marketing_opt_in"))
            if f.get("status") in ("active", "closed", "deceased"):
                data["status"] = f["status"]
            q.update_subscriber(sid, data)
            flash("Saved")
            return redirect(url_for("subscriber_view", sid=sid))
    return render_template("subscriber_form.html", s=s, titles=["Mr", "Mrs", "Miss", "Ms", "Dr", "Rev"])


@app.route("/subscribers/<int:sid>/addresses", methods=["POST"])
@login_required
def address_add(sid):
    f = request.form
    postcode = h.clean_postcode(f.get("postcode"))
    if not postcode or not h.clean(f.get("line1")):
        flash("Address line 1 and postcode please", "error")
        return redirect(url_for("subscriber_view", sid=sid))
    route = q.route_for_sector(h.postcode_sector(postcode)) if f.get("kind", "delivery") == "delivery" else None
    q.add_address(sid, dict(kind=f.get("kind", "delivery"), line1=f["line1"], line2=f.get("line2"),
                            town=f.get("town"), postcode=postcode, instructions=f.get("instructions")),
                  route["id"] if route else None)
    return redirect(url_for("subscriber_view", sid=sid))


@app.route("/api/subscribers")
@login_required
def api_subscriber_search():
    term = request.args.get("q", "")
    if len(term) < 3:
        return h.json_response([])
    return h.json_response([dict(id=r["id"], label="%s %s, %s" % (r["account_no"], r["last_name"], r["postcode"]))
                            for r in q.search_subscribers(term, 15)])


@app.route("/api/postcode/<postcode>")
@login_required
def api_postcode(postcode):
    return h.json_response(integrations.postcode_lookup(h.clean_postcode(postcode)))


@app.route("/subscribers/export/optins.csv")
@login_required
@roles_required("circulation")
def export_optins():
    rows = q.marketing_optins(h.parse_date(request.args.get("since")))
    return h.csv_response(rows, "optins.csv", ["account_no", "first_name", "last_name", "email", "titles"])


# ============================================================================
# SUBSCRIPTIONS
# ============================================================================

def _quote(plan, promo, start):
    end = h.period_end(start, plan["billing_period"])
    if promo and promo["free_weeks"]:
        start_charged = start + datetime.timedelta(weeks=promo["free_weeks"])
    else:
        start_charged = start
    return h.period_charge(plan, start_charged, end, promo=promo), end


@app.route("/subscribers/<int:sid>/subscribe", methods=["GET", "POST"])
@login_required
@roles_required("circulation", "cs")
def subscription_new(sid):
    s = q.get_subscriber(sid) or abort(404)
    addresses = [a for a in q.addresses_for(sid) if a["kind"] == "delivery"]
    plans = q.rate_plans()
    if request.method == "POST":
        f = request.form
        plan = q.get_rate_plan(h.safe_int(f.get("rate_plan_id")))
        start = h.parse_date(f.get("start_date"), h.today() + datetime.timedelta(days=2))
        promo = q.get_promo(f["promo"]) if f.get("promo") else None
        errors = []
        if not plan:
            errors.append("Pick a rate plan")
        if f.get("promo") and not h.promo_valid(promo, start):
            errors.append("Promo code %s isn't valid" % f["promo"])
        method = f.get("payment_method", "invoice")
        mandate_id = None
        if method == "dd":
            mandate = q.mandate_for(sid)
            if mandate:
                mandate_id = mandate["id"]
            elif not h.valid_sort_code(f.get("sort_code")) or len(f.get("bank_account", "")) != 8:
                errors.append("Sort code / account number needed for a new Direct Debit")
        if not h.flash_errors(errors):
            if method == "dd" and not mandate_id:
                mandate_id = q.create_mandate(sid, h.dd_reference(s["account_no"]), f.get("account_name") or s["last_name"],
                                              f["sort_code"].replace("-", ""), f["bank_account"])
            sub_id = q.create_subscription(dict(subscriber_id=sid, rate_plan_id=plan["id"],
                                                address_id=h.safe_int(f.get("address_id")), start_date=start,
                                                payment_method=method, mandate_id=mandate_id,
                                                promo_code_id=promo["id"] if promo else None), session["user"])
            if promo:
                q.use_promo(promo["id"])
            flash("Subscription set up, starts %s" % h.fmt_date(start))
            return redirect(url_for("subscription_view", sub_id=sub_id))
    return render_template("subscription_form.html", s=s, addresses=addresses, plans=plans)


@app.route("/subscriptions/<int:sub_id>")
@login_required
def subscription_view(sub_id):
    sub = q.get_subscription(sub_id) or abort(404)
    return render_template("subscription.html", sub=sub, holds=q.holds_for(sub_id),
                           events=q.events_for(sub_id), reasons=CANCEL_REASONS,
                           addresses=q.addresses_for(sub["subscriber_id"]),
                           missed=q.missed_count(sub_id))


@app.route("/subscriptions/<int:sub_id>/cancel", methods=["POST"])
@login_required
@roles_required("circulation", "cs")
def subscription_cancel(sub_id):
    sub = q.get_subscription(sub_id) or abort(404)
    reason = request.form.get("reason")
    if reason not in CANCEL_REASONS:
        flash("Pick a reason", "error")
        return redirect(url_for("subscription_view", sub_id=sub_id))
    end = h.parse_date(request.form.get("end_date"), h.today())
    min_end = sub["start_date"] + datetime.timedelta(weeks=sub["min_term_weeks"] or 0)
    if end < min_end and reason not in ("DECEASED", "MOVED") and not request.form.get("override"):
        flash("Still in minimum term until %s - tick override if the manager agreed" % h.fmt_date(min_end), "error")
        return redirect(url_for("subscription_view", sub_id=sub_id))
    q.cancel_subscription(sub_id, reason, end, session["user"])
    if sub["payment_method"] == "dd" and sub["mandate_id"] and request.form.get("cancel_mandate"):
        q.set_mandate_status(sub["mandate_id"], "cancel_pending")
    flash("Cancelled from %s" % h.fmt_date(end))
    return redirect(url_for("subscription_view", sub_id=sub_id))


@app.route("/subscriptions/<int:sub_id>/status", methods=["POST"])
@login_required
@roles_required("circulation", "accounts")
def subscription_status(sub_id):
    status = request.form.get("status")
    if status not in ("active", "suspended"):
        abort(400)
    q.set_subscription_status(sub_id, status, session["user"], request.form.get("note"))
    return redirect(url_for("subscription_view", sub_id=sub_id))


@app.route("/subscriptions/<int:sub_id>/move", methods=["POST"])
@login_required
def subscription_move(sub_id):
    address_id = h.safe_int(request.form.get("address_id"))
    if address_id:
        q.change_address(sub_id, address_id, session["user"])
        db.commit()
    return redirect(url_for("subscription_view", sub_id=sub_id))


@app.route("/subscriptions/<int:sub_id>/holds", methods=["POST"])
@login_required
def hold_add(sub_id):
    start = h.parse_date(request.form.get("start_date"))
    end = h.parse_date(request.form.get("end_date"))
    if not start or not end or end < start:
        flash("Hold dates don't make sense", "error")
    elif start <= h.today() and datetime.datetime.now().hour >= 15:
        # the draw for tomorrow is already with the plant after 3pm
        flash("Too late to stop tomorrow's paper - start the hold the day after", "error")
    else:
        q.add_hold(sub_id, start, end, bool(request.form.get("donate")), session["user"])
        db.commit()
        flash("Holiday stop added")
    return redirect(url_for("subscription_view", sub_id=sub_id))


@app.route("/holds/<int:hold_id>/delete", methods=["POST"])
@login_required
def hold_delete(hold_id):
    q.delete_hold(hold_id, session["user"])
    db.commit()
    return redirect(request.referrer or url_for("index"))


@app.route("/rate-plans")
@login_required
def rate_plans_list():
    return render_template("rate_plans.html", plans=q.rate_plans(active_only=False),
                           pubs=q.publications())


@app.route("/rate-plans/edit", methods=["GET", "POST"])
@app.route("/rate-plans/<int:plan_id>/edit", methods=["GET", "POST"])
@login_required
@roles_required("circulation")
def rate_plan_edit(plan_id=None):
    plan = q.get_rate_plan(plan_id) if plan_id else {}
    if request.method == "POST":
        f = request.form
        mask = "".join(ch if f.get("day%d" % i) else "-" for i, ch in enumerate(h.WEEKDAYS))
        data = dict(publication_id=h.safe_int(f.get("publication_id")), code=f["code"].upper(), name=f["name"],
                    days_mask=mask, price_per_week_pence=h.to_pence(f.get("price_per_week")),
                    billing_period=f.get("billing_period", "monthly"), digital_included=f.get("digital_included"),
                    min_term_weeks=h.safe_int(f.get("min_term_weeks"), 0), active=bool(f.get("active")))
        if not data["price_per_week_pence"]:
            flash("Price please", "error")
        else:
            q.save_rate_plan(data, plan_id)
            return redirect(url_for("rate_plans_list"))
    return render_template("rate_plan_form.html", plan=plan, pubs=q.publications())


@app.route("/promos", methods=["GET", "POST"])
@login_required
@roles_required("circulation")
def promos():
    if request.method == "POST":
        f = request.form
        if q.get_promo(f.get("code", "")):
            flash("That code already exists", "error")
        else:
            q.create_promo(dict(code=f["code"], description=f.get("description"),
                                discount_pct=h.safe_int(f.get("discount_pct"), 0),
                                free_weeks=h.safe_int(f.get("free_weeks"), 0),
                                valid_from=h.parse_date(f.get("valid_from")), valid_to=h.parse_date(f.get("valid_to")),
                                max_uses=h.safe_int(f.get("max_uses"))))
    return render_template("promos.html", promos=q.promo_codes())


@app.route("/api/quote")
@login_required
def api_quote():
    plan = q.get_rate_plan(h.safe_int(request.args.get("plan"))) or abort(404)
    promo = q.get_promo(request.args["promo"]) if request.args.get("promo") else None
    start = h.parse_date(request.args.get("start"), h.today())
    if promo and not h.promo_valid(promo, start):
        return h.json_response({"error": "promo not valid"}, 400)
    amount, end = _quote(plan, promo, start)
    return h.json_response({"amount": amount, "display": h.money(amount), "period_end": end})


@app.route("/web/signup", methods=["POST"])
def web_signup():
    """Called by the website's subscribe page (server to server, shared secret)."""
    if request.headers.get("X-Courier-Key") != os.environ.get("COURIER_WEB_KEY"):
        abort(403)
    d = request.get_json(force=True)
    plan = q.get_rate_plan(d.get("plan_id")) or abort(400)
    postcode = h.clean_postcode(d.get("postcode"))
    route = q.route_for_sector(h.postcode_sector(postcode))
    if route is None:
        return h.json_response({"ok": False, "error": "Sorry, we don't deliver to %s yet" % postcode}, 422)
    if not h.valid_sort_code(d.get("sort_code")):
        return h.json_response({"ok": False, "error": "sort code"}, 422)
    account_no = h.next_account_no(q.last_account_no())
    sid = q.create_subscriber(dict(first_name=d.get("first_name"), last_name=d["last_name"], email=d.get("email"),
                                   phone=d.get("phone"), marketing_opt_in=d.get("opt_in")), account_no)
    aid = q.add_address(sid, dict(line1=d["line1"], line2=d.get("line2"), town=d.get("town"), postcode=postcode),
                        route["id"])
    mid = q.create_mandate(sid, h.dd_reference(account_no), d.get("account_name") or d["last_name"],
                           d["sort_code"], d["account_no"])
    promo = q.get_promo(d["promo"]) if d.get("promo") else None
    sub_id = q.create_subscription(dict(subscriber_id=sid, rate_plan_id=plan["id"], address_id=aid,
                                        start_date=h.add_working_days(h.today(), 3), payment_method="dd",
                                        mandate_id=mid, promo_code_id=promo["id"] if promo and h.promo_valid(promo) else None),
                                   "web")
    integrations.send_email(d.get("email"), "Welcome to the Wealdshire Courier",
                            render_template("email/welcome.txt", account_no=account_no, plan=plan))
    return h.json_response({"ok": True, "account_no": account_no, "subscription_id": sub_id})


# ============================================================================
# ROUTES & CARRIERS
# ============================================================================

@app.route("/routes")
@login_required
def routes_list():
    return render_template("routes.html", routes=q.list_routes(request.args.get("depot")))


@app.route("/routes/<int:route_id>")
@login_required
def route_view(route_id):
    route = q.get_route(route_id) or abort(404)
    day = h.parse_date(request.args.get("date"), h.today() + datetime.timedelta(days=1))
    return render_template("route.html", route=route, day=day, stops=q.route_stops(route_id, day),
                           carriers=q.list_carriers())


@app.route("/routes/<int:route_id>/sheet")
@login_required
def route_sheet(route_id):
    route = q.get_route(route_id) or abort(404)
    day = h.parse_date(request.args.get("date"), h.today() + datetime.timedelta(days=1))
    stops = [s for s in q.route_stops(route_id, day) if not s["on_hold"]]
    return render_template("route_sheet.html", route=route, day=day, stops=stops,
                           redeliveries=[r for r in q.redeliveries_for(h.today()) if r["route_id"] == route_id])


@app.route("/routes/edit", methods=["GET", "POST"])
@app.route("/routes/<int:route_id>/edit", methods=["GET", "POST"])
@login_required
@roles_required("circulation")
def route_edit(route_id=None):
    route = q.get_route(route_id) if route_id else {}
    if request.method == "POST":
        f = request.form
        sectors = ",".join(h.postcode_sector(s) for s in f.get("postcode_sectors", "").split(",") if s.strip())
        q.save_route(dict(code=f["code"], description=f.get("description"), depot=f.get("depot"),
                          postcode_sectors=sectors, carrier_id=h.safe_int(f.get("carrier_id")),
                          base_fee_pence=h.to_pence(f.get("base_fee")), per_copy_pence=h.safe_int(f.get("per_copy_pence")),
                          walk_minutes=h.safe_int(f.get("walk_minutes"))), route_id)
        return redirect(url_for("routes_list"))
    return render_template("route_form.html", route=route, carriers=q.list_carriers())


@app.route("/routes/unrouted", methods=["GET", "POST"])
@login_required
def unrouted():
    if request.method == "POST":
        for key, val in request.form.items():
            if key.startswith("route_") and val:
                q.assign_route(int(key[6:]), int(val))
        flash("Routes assigned")
    return render_template("unrouted.html", rows=q.unrouted_addresses(), routes=q.list_routes())


@app.route("/api/route-for/<postcode>")
@login_required
def api_route_for_postcode(postcode):
    r = q.route_for_sector(h.postcode_sector(postcode))
    return h.json_response({"route_id": r["id"], "code": r["code"]} if r else {})


@app.route("/carriers")
@login_required
def carriers_list():
    rows = q.list_carriers(active_only=not request.args.get("all"))
    for c in rows:
        c["problem"] = h.carrier_permit_problem(c)
    return render_template("carriers.html", carriers=rows)


@app.route("/carriers/new", methods=["GET", "POST"])
@app.route("/carriers/<int:carrier_id>", methods=["GET", "POST"])
@login_required
@roles_required("circulation")
def carrier_edit(carrier_id=None):
    carrier = q.get_carrier(carrier_id) if carrier_id else {}
    if request.method == "POST":
        f = request.form
        data = dict(name=f["name"], phone=h.clean(f.get("phone")), email=h.clean(f.get("email")),
                    date_of_birth=h.parse_date(f.get("date_of_birth")), permit_no=h.clean(f.get("permit_no")),
                    permit_expires=h.parse_date(f.get("permit_expires")), depot=f.get("depot") or "Hatherby",
                    bank_sort_code=h.clean(f.get("bank_sort_code")), bank_account=h.clean(f.get("bank_account")),
                    active=bool(f.get("active", True)))
        problem = h.carrier_permit_problem(data)
        if problem and data["active"]:
            flash("Can't take on this carrier: %s" % problem, "error")
        else:
            carrier_id = q.save_carrier(data, carrier_id)
            return redirect(url_for("carriers_list"))
    return render_template("carrier_form.html", carrier=carrier)


@app.route("/issues/<int:issue_id>/draw", methods=["GET", "POST"])
@login_required
def draw_view(issue_id):
    issue = q.get_issue(issue_id) or abort(404)
    if request.method == "POST":
        for key, val in request.form.items():
            if key.startswith("returns_"):
                q.record_returns(int(key[8:]), h.safe_int(val, 0))
        flash("Returns saved")
    rows = q.draw_for_issue(issue_id)
    return render_template("draw.html", issue=issue, rows=rows, total=sum(r["copies"] for r in rows))


@app.route("/issues/<int:issue_id>/draw/rebuild", methods=["POST"])
@login_required
@roles_required("circulation")
def draw_rebuild(issue_id):
    total = q.compute_draw(issue_id)
    flash("Draw rebuilt: %d copies" % total)
    return redirect(url_for("draw_view", issue_id=issue_id))


@app.route("/carrier-pay")
@login_required
@roles_required("circulation", "accounts")
def pay_runs_list():
    return render_template("pay_runs.html", runs=q.pay_runs())


@app.route("/carrier-pay/new", methods=["POST"])
@login_required
@roles_required("circulation")
def pay_run_new():
    start = h.parse_date(request.form.get("period_start"))
    end = h.parse_date(request.form.get("period_end"))
    if not start or not end or end < start:
        flash("Bad period", "error")
        return redirect(url_for("pay_runs_list"))
    run_id = q.create_pay_run(start, end)
    return redirect(url_for("pay_run_view", run_id=run_id))


@app.route("/carrier-pay/<int:run_id>")
@login_required
@roles_required("circulation", "accounts")
def pay_run_view(run_id):
    run = q.get_pay_run(run_id) or abort(404)
    lines = q.pay_run_lines(run_id)
    if request.args.get("format") == "csv":
        return h.csv_response(lines, "carrier_pay_%s.csv" % run["period_end"],
                              ["carrier_name", "route_code", "copies", "gross_pence", "missed_count",
                               "deductions_pence", "bank_sort_code", "bank_account"])
    return render_template("pay_run.html", run=run, lines=lines)


@app.route("/carrier-pay/<int:run_id>/approve", methods=["POST"])
@login_required
@roles_required("accounts")
def pay_run_approve(run_id):
    q.approve_pay_run(run_id, session["user"])
    return redirect(url_for("pay_run_view", run_id=run_id))


# ============================================================================
# ISSUES / PRODUCTION
# ============================================================================

@app.route("/issues")
@login_required
def issue_calendar():
    pubs = q.publications()
    pub_id = h.safe_int(request.args.get("pub"), pubs[0]["id"] if pubs else None)
    start = h.parse_date(request.args.get("from"), h.today())
    return render_template("issues.html", pubs=pubs, pub_id=pub_id,
                           issues=q.issues_between(pub_id, start, start + datetime.timedelta(days=42)))


@app.route("/issues/<int:issue_id>")
@login_required
def issue_view(issue_id):
    issue = q.get_issue(issue_id) or abort(404)
    ads = q.placements_for_issue(issue_id)
    ad_scc = sum(float(a["columns"] * a["height_cm"]) for a in ads)
    return render_template("issue.html", issue=issue, pages=q.page_plan(issue_id), ads=ads, ad_scc=ad_scc,
                           classified_count=len(q.classifieds_for_issue(issue_id)),
                           order=q.get_print_order(issue_id))


@app.route("/issues/<int:issue_id>/pages", methods=["POST"])
@login_required
@roles_required("production", "adsales")
def issue_pages(issue_id):
    f = request.form
    if f.get("page_count"):
        q.set_page_count(issue_id, h.round_pages(h.safe_int(f["page_count"], 0)))
    for key in f:
        if key.startswith("section_"):
            n = int(key[8:])
            q.save_page(issue_id, n, f[key], bool(f.get("colour_%d" % n)), h.safe_int(f.get("adcm_%d" % n), 0),
                        f.get("note_%d" % n))
    for key in f:
        if key.startswith("adpage_") and f[key]:
            q.set_placement_page(int(key[7:]), h.safe_int(f[key]))
    return redirect(url_for("issue_view", issue_id=issue_id))


@app.route("/issues/<int:issue_id>/close", methods=["POST"])
@login_required
@roles_required("production")
def issue_close(issue_id):
    q.set_issue_status(issue_id, "closed")
    return redirect(url_for("issue_view", issue_id=issue_id))


@app.route("/issues/<int:issue_id>/print-order", methods=["GET", "POST"])
@login_required
@roles_required("production", "circulation")
def print_order(issue_id):
    issue = q.get_issue(issue_id) or abort(404)
    if request.method == "POST":
        f = request.form
        q.save_print_order(issue_id, h.safe_int(f.get("copies_subs"), 0), h.safe_int(f.get("copies_retail"), 0),
                           h.safe_int(f.get("copies_spare"), 0))
        if f.get("send"):
            name = integrations.send_print_order(issue, q.get_print_order(issue_id), q.page_plan(issue_id))
            q.mark_print_order_sent(issue_id, name)
            flash("Sent to Southern Print as %s" % name)
        return redirect(url_for("issue_view", issue_id=issue_id))
    subs = sum(r["copies"] for r in q.draw_for_issue(issue_id))
    order = q.get_print_order(issue_id) or dict(
        copies_subs=subs, copies_retail=q.last_retail_sale(issue["publication_id"], issue["issue_date"].weekday()),
        copies_spare=0)
    return render_template("print_order.html", issue=issue, order=order, draw_total=subs)


# ============================================================================
# DISPLAY ADVERTISING
# ============================================================================

@app.route("/advertisers")
@login_required
def advertisers_list():
    rep = q.rep_for_user(session["user"]) if request.args.get("mine") else None
    return render_template("advertisers.html",
                           rows=q.advertisers(request.args.get("q"), rep["id"] if rep else None))


@app.route("/advertisers/<int:adv_id>")
@login_required
def advertiser_view(adv_id):
    adv = q.get_advertiser(adv_id) or abort(404)
    return render_template("advertiser.html", adv=adv, ios=q.ios_for_advertiser(adv_id),
                           invoices=q.invoices_for_account("advertiser", adv_id),
                           exposure=q.advertiser_exposure(adv_id))


@app.route("/advertisers/new", methods=["GET", "POST"])
@app.route("/advertisers/<int:adv_id>/edit", methods=["GET", "POST"])
@login_required
@roles_required("adsales", "accounts")
def advertiser_edit(adv_id=None):
    adv = q.get_advertiser(adv_id) if adv_id else {}
    if request.method == "POST":
        f = request.form
        data = dict(name=f["name"], agency_id=h.safe_int(f.get("agency_id")), rep_id=h.safe_int(f.get("rep_id")),
                    category=f.get("category"), contact_name=h.clean(f.get("contact_name")),
                    email=h.clean(f.get("email")), phone=h.clean(f.get("phone")), address=f.get("address"),
                    credit_limit_pence=adv.get("credit_limit_pence", 0), credit_status=adv.get("credit_status", "ok"))
        if "accounts" in session.get("roles", []) or "admin" in session.get("roles", []):
            # only accounts may change credit terms
            data["credit_limit_pence"] = h.to_pence(f.get("credit_limit")) or 0
            data["credit_status"] = f.get("credit_status", "ok")
        adv_id = q.save_advertiser(data, adv_id)
        return redirect(url_for("advertiser_view", adv_id=adv_id))
    return render_template("advertiser_form.html", adv=adv, agencies=q.agencies(), reps=q.sales_reps())


@app.route("/agencies")
@login_required
def agencies_list():
    return render_template("agencies.html", agencies=q.agencies())


@app.route("/advertisers/<int:adv_id>/io/new", methods=["POST"])
@login_required
@roles_required("adsales")
def io_new(adv_id):
    adv = q.get_advertiser(adv_id) or abort(404)
    rep = q.rep_for_user(session["user"])
    io_id = q.create_io(adv, h.next_io_number(q.last_io_number()), rep["id"] if rep else adv["rep_id"],
                        h.clean(request.form.get("po_reference")), request.form.get("notes"))
    return redirect(url_for("io_view", io_id=io_id))


@app.route("/io/<int:io_id>")
@login_required
def io_view(io_id):
    io = q.get_io(io_id) or abort(404)
    return render_template("io.html", io=io, placements=q.io_placements(io_id),
                           issues=q.upcoming_issues(days=90), positions=["ROP", "front", "back", "early_right"])


def _placement_price(io, issue, columns, height_cm, position, colour):
    rate = q.current_rate(issue["publication_id"], position, colour, issue["issue_date"])
    if rate is None:
        return None
    gross, commission = h.ad_price(rate["rate_scc_pence"], columns, height_cm, io.get("agency_pct"))
    return gross - commission


@app.route("/io/<int:io_id>/placements", methods=["POST"])
@login_required
@roles_required("adsales")
def placement_add(io_id):
    io = q.get_io(io_id) or abort(404)
    f = request.form
    issue = q.get_issue(h.safe_int(f.get("issue_id"))) or abort(400)
    if issue["status"] != "planned":
        flash("That issue is closed", "error")
        return redirect(url_for("io_view", io_id=io_id))
    columns, height = h.safe_int(f.get("columns"), 1), float(f.get("height_cm") or 0)
    if columns > issue["trim_columns"] or height <= 0 or height > 38:
        flash("Size doesn't fit the page (%d cols x 38cm max)" % issue["trim_columns"], "error")
        return redirect(url_for("io_view", io_id=io_id))
    price = h.to_pence(f.get("price_override")) or _placement_price(io, issue, columns, height,
                                                                     f.get("position", "ROP"), bool(f.get("colour")))
    if price is None:
        flash("No rate on the rate card for that position", "error")
    else:
        q.add_placement(io_id, issue["id"], columns, height, f.get("position", "ROP"), bool(f.get("colour")), price)
    return redirect(url_for("io_view", io_id=io_id))


@app.route("/placements/<int:pl_id>/delete", methods=["POST"])
@login_required
@roles_required("adsales")
def placement_remove(pl_id):
    q.remove_placement(pl_id)
    return redirect(request.referrer or url_for("index"))


@app.route("/io/<int:io_id>/book", methods=["POST"])
@login_required
@roles_required("adsales")
def io_book(io_id):
    io = q.get_io(io_id) or abort(404)
    if io["credit_status"] == "stop":
        flash("%s is on stop - talk to Accounts" % io["advertiser_name"], "error")
    elif io["credit_status"] == "prepay" and not request.form.get("prepaid"):
        flash("Prepay customer: take payment first", "error")
    elif io["credit_limit_pence"] and q.advertiser_exposure(io["advertiser_id"]) + io["total_pence"] > io["credit_limit_pence"]:
        flash("Over credit limit (%s)" % h.money(io["credit_limit_pence"]), "error")
    else:
        q.set_io_status(io_id, "booked")
        flash("Booked")
    return redirect(url_for("io_view", io_id=io_id))


@app.route("/io/<int:io_id>/cancel", methods=["POST"])
@login_required
@roles_required("adsales")
def io_cancel(io_id):
    io = q.get_io(io_id) or abort(404)
    if io["status"] == "invoiced":
        flash("Already invoiced - raise a credit note instead", "error")
    else:
        q.set_io_status(io_id, "cancelled")
    return redirect(url_for("io_view", io_id=io_id))


@app.route("/placements/<int:pl_id>/artwork", methods=["POST"])
@login_required
def artwork_upload(pl_id):
    f = request.files.get("artwork")
    if request.form.get("approve"):
        q.set_artwork(pl_id, "approved")
    elif f and f.filename.lower().endswith((".pdf", ".jpg", ".tif", ".eps")):
        name = "%d_%s" % (pl_id, secure_filename(f.filename))
        f.save(os.path.join(ARTWORK_DIR, name))
        q.set_artwork(pl_id, "received", name)
    else:
        flash("PDF, JPG, TIF or EPS please", "error")
    return redirect(request.referrer or url_for("index"))


@app.route("/rate-card/<int:pub_id>")
@login_required
def rate_card_view(pub_id):
    return render_template("rate_card.html", pub=q.get_publication(pub_id), rates=q.rate_card(pub_id))


@app.route("/api/ad-quote")
@login_required
def api_ad_quote():
    issue = q.get_issue(h.safe_int(request.args.get("issue"))) or abort(404)
    rate = q.current_rate(issue["publication_id"], request.args.get("position", "ROP"),
                          request.args.get("colour") == "1", issue["issue_date"])
    if not rate:
        return h.json_response({"error": "no rate"}, 404)
    agency = q.get_agency(h.safe_int(request.args.get("agency"))) if request.args.get("agency") else None
    gross, comm = h.ad_price(rate["rate_scc_pence"], h.safe_int(request.args.get("columns"), 1),
                             request.args.get("height", "1"), agency["commission_pct"] if agency else 0)
    return h.json_response({"gross": gross, "commission": comm, "net": gross - comm})


@app.route("/io/import", methods=["GET", "POST"])
@login_required
@roles_required("adsales")
def eorder_import():
    if request.method == "POST" and request.files.get("eorder"):
        order = integrations.parse_agency_eorder(request.files["eorder"].read())
        matches = q.advertisers(order["advertiser"])
        if len(matches) != 1:
            flash("Couldn't match advertiser '%s' (%d found) - set them up first" % (order["advertiser"], len(matches)), "error")
            return redirect(url_for("eorder_import"))
        adv = q.get_advertiser(matches[0]["id"])
        io_id = q.create_io(adv, h.next_io_number(q.last_io_number()), adv["rep_id"], order["po_reference"],
                            "e-order %s" % order["agency_ref"])
        io = q.get_io(io_id)
        pubs = dict((p["code"], p) for p in q.publications())
        for ins in order["insertions"]:
            pub = pubs.get(ins["title"])
            issue = q.issue_for(pub["id"], ins["date"]) if pub else None
            if not issue:
                flash("No %s issue on %s - skipped" % (ins["title"], ins["date"]), "warning")
                continue
            issue = q.get_issue(issue["id"])
            price = _placement_price(io, issue, ins["columns"], ins["height_cm"], ins["position"], ins["colour"])
            q.add_placement(io_id, issue["id"], ins["columns"], ins["height_cm"], ins["position"], ins["colour"], price or 0)
        return redirect(url_for("io_view", io_id=io_id))
    return render_template("eorder_import.html")


# ============================================================================
# CLASSIFIED
# ============================================================================

@app.route("/classified")
@login_required
def classified_queue_view():
    status = request.args.get("status", "pending")
    return render_template("classified_queue.html", rows=q.classified_queue(status), status=status)


@app.route("/classified/new", methods=["GET", "POST"])
@login_required
@roles_required("classified")
def classified_new():
    cats = q.classified_categories()
    if request.method == "POST":
        f = request.form
        cat = q.get_category(h.safe_int(f.get("category_id"))) or abort(400)
        issue_ids = [int(i) for i in f.getlist("issue_id")]
        words = h.count_words(f.get("body"))
        price = h.classified_price(cat, words, bool(f.get("box_number")), bool(f.get("photo")), len(issue_ids))
        data = dict(category_id=cat["id"], customer_name=f["customer_name"], customer_email=h.clean(f.get("customer_email")),
                    customer_phone=h.clean(f.get("customer_phone")), body=f["body"].strip(), word_count=words,
                    box_number=f.get("box_number"), photo=f.get("photo"),
                    status="pending" if h.needs_moderation(f["body"]) or cat["is_notice"] else "approved")
        cl_id = q.create_classified(data, q.next_classified_ref(), price, session["user"])
        q.schedule_classified(cl_id, issue_ids)
        return redirect(url_for("classified_view", cl_id=cl_id))
    return render_template("classified_form.html", cats=cats, issues=q.upcoming_issues(days=21))


@app.route("/classified/<int:cl_id>")
@login_required
def classified_view(cl_id):
    ad = q.get_classified(cl_id) or abort(404)
    return render_template("classified.html", ad=ad, insertions=q.classified_insertions(cl_id))


@app.route("/classified/<int:cl_id>/moderate", methods=["POST"])
@login_required
@roles_required("classified")
def classified_moderate(cl_id):
    ad = q.get_classified(cl_id) or abort(404)
    if request.form.get("action") == "approve":
        q.set_classified_status(cl_id, "approved")
    else:
        q.set_classified_status(cl_id, "rejected")
        integrations.send_email(ad["customer_email"], "Your advert %s" % ad["ref"],
                                "Sorry, we can't run your advert as worded.\n\n%s" % request.form.get("reason", ""))
    return redirect(url_for("classified_queue_view"))


@app.route("/classified/<int:cl_id>/pay", methods=["POST"])
@login_required
@roles_required("classified")
def classified_take_payment(cl_id):
    ad = q.get_classified(cl_id) or abort(404)
    try:
        txn = integrations.card_gateway().charge(ad["price_pence"], request.form["card_token"],
                                                 "Classified %s" % ad["ref"], ad["ref"])
    except integrations.IntegrationError as e:
        flash(str(e), "error")
        return redirect(url_for("classified_view", cl_id=cl_id))
    q.set_classified_status(cl_id, "paid", txn)
    q.record_payment(None, ad["price_pence"], "card", txn, session["user"])
    flash("Paid %s" % h.money(ad["price_pence"]))
    return redirect(url_for("classified_view", cl_id=cl_id))


@app.route("/web/classified", methods=["POST"])
def web_classified_submit():
    """Website 'place an ad' form.  Payment already taken on the website."""
    if request.headers.get("X-Courier-Key") != os.environ.get("COURIER_WEB_KEY"):
        abort(403)
    d = request.get_json(force=True)
    cat = q.get_category(d.get("category_id")) or abort(400)
    words = h.count_words(d.get("body"))
    issues = [i["id"] for i in q.upcoming_issues(days=14) if i["issue_date"].isoformat() in d.get("dates", [])]
    price = h.classified_price(cat, words, d.get("box_number"), d.get("photo"), len(issues))
    if price != d.get("paid_pence"):
        log.warning("web classified price mismatch %s vs %s", price, d.get("paid_pence"))
    cl_id = q.create_classified(dict(category_id=cat["id"], customer_name=d["name"], customer_email=d.get("email"),
                                     customer_phone=d.get("phone"), body=d["body"], word_count=words,
                                     box_number=d.get("box_number"), photo=d.get("photo"), status="pending"),
                                q.next_classified_ref(), d.get("paid_pence", price), "web")
    q.schedule_classified(cl_id, issues)
    if d.get("card_ref"):
        q.set_classified_status(cl_id, "pending", d["card_ref"])
    return h.json_response({"ok": True, "id": cl_id})


@app.route("/classified/<int:cl_id>/replies", methods=["POST"])
@login_required
def box_reply_new(cl_id):
    f = request.form
    q.add_box_reply(cl_id, f.get("sender_name"), f.get("sender_contact"), f.get("message"))
    flash("Reply logged - goes out with tonight's forwarding run")
    return redirect(url_for("classified_view", cl_id=cl_id))


@app.route("/issues/<int:issue_id>/classified.txt")
@login_required
def classified_copy(issue_id):
    """Plain text for the typesetters, grouped by category."""
    out, last = [], None
    for r in q.classifieds_for_issue(issue_id):
        if r["category"] != last:
            out.append("\n@CAT:%s" % r["category"].upper())
            last = r["category"]
        out.append(r["body"] + (" Box No. %s" % r["ref"] if r["box_number"] else ""))
    return "\n".join(out), 200, {"Content-Type": "text/plain; charset=utf-8"}


# ============================================================================
# ACCOUNTS (invoices, payments, direct debit)
# ============================================================================

@app.route("/invoices")
@login_required
@roles_required("accounts")
def invoices_list():
    limit, offset = h.paginate(request.args.get("page"))
    return render_template("invoices.html", rows=q.invoices(request.args.get("status"),
                                                              request.args.get("type"), limit, offset))


@app.route("/invoices/<int:inv_id>")
@login_required
def invoice_view(inv_id):
    inv = q.get_invoice(inv_id) or abort(404)
    return render_template("invoice.html", inv=inv, lines=q.invoice_lines(inv_id),
                           payments=q.payments_for(inv_id), account=q.invoice_account(inv))


@app.route("/invoices/<int:inv_id>/send", methods=["POST"])
@login_required
@roles_required("accounts")
def invoice_send(inv_id):
    inv = q.get_invoice(inv_id) or abort(404)
    account = q.invoice_account(inv)
    if inv["status"] == "draft":
        q.issue_invoice(inv_id)
    body = render_template("email/invoice.txt", inv=inv, lines=q.invoice_lines(inv_id), account=account)
    if integrations.send_email(account and account["email"], "Invoice %s" % inv["invoice_no"], body,
                               reply_to=config.ACCOUNTS_EMAIL):
        db.execute("UPDATE invoices SET sent_at = now() WHERE id = %s", (inv_id,))
        flash("Sent to %s" % account["email"])
    else:
        flash("Couldn't email - no address? Print and post it.", "error")
    return redirect(url_for("invoice_view", inv_id=inv_id))


@app.route("/invoices/<int:inv_id>/void", methods=["POST"])
@login_required
@roles_required("accounts")
def invoice_void(inv_id):
    q.void_invoice(inv_id)
    return redirect(url_for("invoice_view", inv_id=inv_id))


@app.route("/invoices/<int:inv_id>/payments", methods=["POST"])
@login_required
@roles_required("accounts", "cs")
def payment_new(inv_id):
    f = request.form
    amount = h.to_pence(f.get("amount"))
    if not amount or f.get("method") not in ("cheque", "cash", "bacs", "card"):
        flash("Amount and method please", "error")
    elif f["method"] == "card" and f.get("card_token"):
        inv = q.get_invoice(inv_id)
        try:
            txn = integrations.card_gateway().charge(amount, f["card_token"], "Invoice %s" % inv["invoice_no"],
                                                     inv["invoice_no"])
        except integrations.IntegrationError as e:
            flash(str(e), "error")
            return redirect(url_for("invoice_view", inv_id=inv_id))
        q.record_payment(inv_id, amount, "card", txn, session["user"])
    else:
        q.record_payment(inv_id, amount, f["method"], h.clean(f.get("reference")), session["user"])
    return redirect(url_for("invoice_view", inv_id=inv_id))


@app.route("/invoices/<int:inv_id>/credit", methods=["POST"])
@login_required
@roles_required("accounts")
def credit_note_new(inv_id):
    inv = q.get_invoice(inv_id) or abort(404)
    amount = h.to_pence(request.form.get("amount"))
    if not amount or amount > (inv["outstanding_pence"] or inv["total_pence"]):
        flash("Credit must be more than zero and no more than what's owed", "error")
    else:
        q.create_credit_note(inv["account_type"], inv["account_id"], amount, request.form.get("reason"),
                             session["user"], inv_id)
    return redirect(url_for("invoice_view", inv_id=inv_id))


@app.route("/direct-debit")
@login_required
@roles_required("accounts")
def mandates_list():
    return render_template("mandates.html", rows=q.mandates(request.args.get("status")), runs=q.collection_runs())


@app.route("/direct-debit/<int:mandate_id>/cancel", methods=["POST"])
@login_required
@roles_required("accounts", "cs")
def mandate_cancel(mandate_id):
    q.set_mandate_status(mandate_id, "cancel_pending")
    flash("Mandate will be cancelled (0C) in tonight's BACS file")
    return redirect(request.referrer or url_for("mandates_list"))


@app.route("/hooks/gateway", methods=["POST"])
def gateway_webhook():
    gw = integrations.card_gateway()
    if not gw.verify_webhook(request.get_data(), request.headers.get("X-Signature")):
        abort(400)
    ev = request.get_json(force=True)
    if ev.get("type") == "payment.refunded":
        db.execute("INSERT INTO payments (invoice_id, amount_pence, method, reference, recorded_by) "
                   "SELECT invoice_id, -%s, 'card', %s, 'gateway' FROM payments WHERE reference = %s LIMIT 1",
                   (ev["amount"], ev["id"] + "-R", ev["payment_id"]))
    return "", 204


# ============================================================================
# CUSTOMER SERVICE
# ============================================================================

@app.route("/complaints")
@login_required
def complaints_list():
    mine = session["user"] if request.args.get("mine") else None
    rows = q.open_complaints(mine)
    for c in rows:
        c["due"] = h.sla_due(c["opened_at"], c["sla_hours"])
    return render_template("complaints.html", rows=rows)


@app.route("/subscribers/<int:sid>/complaints/new", methods=["GET", "POST"])
@login_required
@roles_required("cs", "circulation")
def complaint_new(sid):
    s = q.get_subscriber(sid) or abort(404)
    subs = q.subscriptions_for(sid)
    if request.method == "POST":
        f = request.form
        ctype = q.get_complaint_type(f.get("type")) or abort(400)
        sub = q.get_subscription(h.safe_int(f.get("subscription_id"))) if f.get("subscription_id") else None
        issue_date = h.parse_date(f.get("issue_date"), h.today())
        cid = q.create_complaint(dict(subscriber_id=sid, subscription_id=sub["id"] if sub else None,
                                      type_id=ctype["id"], issue_date=issue_date, channel=f.get("channel", "phone"),
                                      description=f.get("description")), session["user"])
        if ctype["code"] in ("MISSED", "WET", "DAMAGED") and sub:
            route = q.get_route(sub["route_id"]) if sub["route_id"] else None
            redeliver = bool(f.get("redeliver")) and issue_date == h.today() and h.redelivery_possible(route)
            q.log_missed_delivery(cid, sub["id"], sub["route_id"], issue_date, redeliver)
            if q.missed_count(sub["id"]) >= 3:
                flash("Third miss in 4 weeks - flagged for the depot manager", "warning")
                q.escalate_complaint(cid, "depot")
        return redirect(url_for("complaint_view", cid=cid))
    return render_template("complaint_form.html", s=s, subs=subs, types=q.complaint_types())


@app.route("/complaints/<int:cid>")
@login_required
def complaint_view(cid):
    c = q.get_complaint(cid) or abort(404)
    return render_template("complaint.html", c=c, due=h.sla_due(c["opened_at"], c["sla_hours"]))


@app.route("/complaints/<int:cid>/resolve", methods=["POST"])
@login_required
@roles_required("cs", "circulation")
def complaint_resolve(cid):
    c = q.get_complaint(cid) or abort(404)
    credit_id = None
    credit = h.to_pence(request.form.get("credit"))
    if credit:
        if credit > 2000 and "accounts" not in session.get("roles", []):
            flash("Goodwill over \u00a320 needs Accounts", "error")
            return redirect(url_for("complaint_view", cid=cid))
        credit_id = q.create_credit_note("subscriber", c["subscriber_id"], credit,
                                         "Goodwill: complaint %d (%s)" % (cid, c["type_code"]), session["user"])
    q.resolve_complaint(cid, request.form.get("resolution"), credit_id)
    return redirect(url_for("complaints_list"))


@app.route("/redeliveries")
@login_required
def redelivery_list():
    day = h.parse_date(request.args.get("date"), h.today())
    return render_template("redeliveries.html", rows=q.redeliveries_for(day), day=day)


@app.route("/redeliveries/<int:missed_id>/done", methods=["POST"])
@login_required
def redelivery_done(missed_id):
    q.mark_redelivered(missed_id)
    return redirect(url_for("redelivery_list"))


@app.route("/subscribers/<int:sid>/calls", methods=["POST"])
@login_required
def call_log_add(sid):
    f = request.form
    q.log_call(sid, session["user"], f.get("direction", "in"), (f.get("summary") or "")[:400],
               h.safe_int(f.get("duration_secs")))
    return redirect(url_for("subscriber_view", sid=sid))


# ============================================================================
# Reports
# ============================================================================

@app.route("/reports")
@login_required
def reports_index():
    return render_template("reports.html", reports=sorted(reports.REPORTS.items()))


@app.route("/reports/<name>")
@login_required
def report_run(name):
    if name not in reports.REPORTS:
        abort(404)
    title, fn, role = reports.REPORTS[name]
    if role and role not in session.get("roles", []) and "admin" not in session.get("roles", []):
        abort(403)
    rows = fn(**reports.params_from(request.args))
    if request.args.get("format") == "csv":
        return h.csv_response(rows, "%s_%s.csv" % (name, h.today().isoformat()))
    return render_template("report.html", title=title, rows=rows, name=name)


@app.route("/reports/aged-debt")
@login_required
@roles_required("accounts")
def aged_debt_view():
    return render_template("aged_debt.html", rows=reports.aged_debt(), totals=reports.aged_debt_totals())


if __name__ == "__main__":
    app.run(debug=config.DEBUG, port=5050)
