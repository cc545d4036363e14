# -*- coding: utf-8 -*-
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from admin.auth import csv_response, current_user, date_arg, paginate, requires_auth
from lib import customer, dbutil, plans, provisioning, rating, reports
from lib.dates import first_of_month, today
from lib.validators import normalize_msisdn

bp = Blueprint("customers", __name__)


@bp.route("/")
@requires_auth
def search():
    q = request.args.get("q", "")
    rows = customer.search_accounts(q, limit=500) if q else []
    if len(rows) == 1:
        return redirect(url_for("customers.account_detail", account_id=rows[0]["id"]))
    rows, page, pages = paginate(rows)
    return render_template("customers/search.html", rows=rows, q=q, page=page, pages=pages)


@bp.route("/new", methods=["GET", "POST"])
@requires_auth
def new_account():
    if request.method == "GET":
        cycles = dbutil.fetchall("SELECT id, name FROM bill_cycles WHERE active ORDER BY cycle_day")
        return render_template("customers/new.html", cycles=cycles)
    f = request.form
    address = None
    if f.get("line1"):
        address = {"line1": f["line1"], "line2": f.get("line2"), "city": f["city"], "postcode": f["postcode"]}
    try:
        account_id = customer.create_account(
            f["name"], f.get("account_type", "consumer"), f.get("bill_cycle_id", type=int),
            email=f.get("email"), phone=f.get("phone"), address=address, vat_number=f.get("vat_number"))
    except customer.AccountError as e:
        flash(str(e), "error")
        return redirect(url_for("customers.new_account"))
    customer.add_note(account_id, "Account created", current_user())
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/<int:account_id>")
@requires_auth
def account_detail(account_id):
    summary = customer.account_summary(account_id)
    return render_template("customers/account.html", **summary)


@bp.route("/<int:account_id>/edit", methods=["POST"])
@requires_auth
def edit_account(account_id):
    fields = {k: v for k, v in request.form.items()
              if k in ("name", "credit_limit", "paper_invoice", "vat_number") and v != ""}
    if "paper_invoice" in fields:
        fields["paper_invoice"] = fields["paper_invoice"] == "on"
    customer.update_account(account_id, **fields)
    customer.add_note(account_id, "Account edited: %s" % ", ".join(fields), current_user())
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/<int:account_id>/note", methods=["POST"])
@requires_auth
def add_note(account_id):
    note = request.form.get("note", "").strip()
    if note:
        customer.add_note(account_id, note, current_user())
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/<int:account_id>/close", methods=["POST"])
@requires_auth
def close_account(account_id):
    customer.close_account(account_id, current_user(), request.form.get("reason") or "customer request")
    dbutil.commit()
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/subscriber/<int:subscriber_id>")
@requires_auth
def subscriber_detail(subscriber_id):
    sub = dbutil.get_subscriber(subscriber_id)
    if sub is None:
        abort(404)
    d_from = date_arg("from", first_of_month(today()))
    d_to = date_arg("to", today())
    return render_template(
        "customers/subscriber.html", sub=sub,
        subscription=dbutil.get_active_subscription(subscriber_id),
        bundles=rating.bundle_status(subscriber_id),
        usage=rating.usage_details(subscriber_id, d_from, d_to),
        orders=provisioning.order_history(subscriber_id),
        history=customer.status_history(subscriber_id),
        plans=dbutil.list_active_plans(), d_from=d_from, d_to=d_to)


@bp.route("/subscriber/<int:subscriber_id>/status", methods=["POST"])
@requires_auth
def change_subscriber_status(subscriber_id):
    action = request.form["action"]
    reason = request.form.get("reason") or "front office"
    try:
        if action == "bar":
            customer.bar_subscriber(subscriber_id, reason, current_user())
        elif action == "unbar":
            customer.unbar_subscriber(subscriber_id, current_user())
        elif action == "terminate":
            customer.terminate_subscriber(subscriber_id, reason, current_user())
        else:
            abort(400)
        dbutil.commit()
    except customer.StatusTransitionError as e:
        dbutil.rollback()
        flash(str(e), "error")
    return redirect(url_for("customers.subscriber_detail", subscriber_id=subscriber_id))


@bp.route("/subscriber/<int:subscriber_id>/plan", methods=["POST"])
@requires_auth
def change_plan(subscriber_id):
    try:
        plans.change_plan(subscriber_id, request.form["plan_code"],
                          date_arg("effective", today()), current_user())
        dbutil.commit()
        flash("Plan changed", "info")
    except plans.PlanError as e:
        dbutil.rollback()
        flash(str(e), "error")
    return redirect(url_for("customers.subscriber_detail", subscriber_id=subscriber_id))


@bp.route("/<int:account_id>/new-line", methods=["POST"])
@requires_auth
def new_line(account_id):
    f = request.form
    try:
        sub_id, order_id = provisioning.activate_new_line(
            account_id, f["plan_code"], normalize_msisdn(f.get("msisdn")) or None,
            f.get("iccid") or None, current_user())
    except (provisioning.ProvisioningError, plans.PlanError, customer.AccountError) as e:
        flash(str(e), "error")
        return redirect(url_for("customers.account_detail", account_id=account_id))
    flash("Line created, provisioning order %s queued" % order_id, "info")
    return redirect(url_for("customers.subscriber_detail", subscriber_id=sub_id))


@bp.route("/reports/churn.csv")
@requires_auth
def churn_csv():
    month = date_arg("month", first_of_month(today()))
    header, rows = reports.churn_report(month)
    return csv_response(reports.write_csv(header, rows), "churn_%s.csv" % month.strftime("%Y%m"))


@bp.route("/reports/base.csv")
@requires_auth
def active_base_csv():
    header, rows = reports.active_base_report()
    return csv_response(reports.write_csv(header, rows), "active_base_%s.csv" % today().strftime("%Y%m%d"))
