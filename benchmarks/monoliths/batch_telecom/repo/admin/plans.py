# -*- coding: utf-8 -*-
from flask import Blueprint, flash, redirect, render_template, request, url_for

from admin.auth import current_user, requires_auth
from lib import dbutil, plans

bp = Blueprint("plans", __name__)


@bp.route("/")
@requires_auth
def plan_list():
    rows = dbutil.fetchall("""
        SELECT p.*, (SELECT COUNT(*) FROM subscriptions s WHERE s.plan_id = p.id AND s.status = 'active') AS subs
          FROM plans p ORDER BY p.active DESC, p.code""")
    return render_template("plans/list.html", plans=rows)


@bp.route("/<int:plan_id>")
@requires_auth
def plan_detail(plan_id):
    plan = dbutil.get_plan(plan_id)
    return render_template("plans/detail.html", plan=plan, tariffs=plans.tariff_sheet(plan_id),
                           zones=plans.list_zones(),
                           promotions=dbutil.fetchall("SELECT * FROM promotions WHERE plan_id = %s", (plan_id,)))


@bp.route("/new", methods=["POST"])
@requires_auth
def create_plan():
    f = request.form
    try:
        plan_id = plans.create_plan(f["code"].upper(), f["name"], f["monthly_fee"], f.get("plan_type", "postpaid"),
                                    f.get("data_mb", 0, type=int), f.get("voice_min", 0, type=int),
                                    f.get("sms", 0, type=int))
        if f.get("copy_from"):
            plans.copy_tariffs(int(f["copy_from"]), plan_id, f.get("uplift_pct", 0))
        dbutil.commit()
    except plans.PlanError as e:
        flash(str(e), "error")
        return redirect(url_for("plans.plan_list"))
    return redirect(url_for("plans.plan_detail", plan_id=plan_id))


@bp.route("/<int:plan_id>/tariff", methods=["POST"])
@requires_auth
def set_tariff(plan_id):
    f = request.form
    plans.set_tariff(plan_id, f["zone"], f["service"], f["unit_price"], f.get("valid_from") or None)
    flash("Tariff saved by %s" % current_user(), "info")
    return redirect(url_for("plans.plan_detail", plan_id=plan_id))


@bp.route("/<int:plan_id>/retire", methods=["POST"])
@requires_auth
def retire_plan(plan_id):
    plans.retire_plan(plan_id)
    return redirect(url_for("plans.plan_list"))


@bp.route("/addons")
@requires_auth
def addon_list():
    return render_template("plans/addons.html",
                           addons=dbutil.fetchall("SELECT * FROM addons ORDER BY active DESC, code"))


@bp.route("/subscription/<int:subscription_id>/addon", methods=["POST"])
@requires_auth
def add_addon(subscription_id):
    sub = dbutil.fetchone("SELECT subscriber_id FROM subscriptions WHERE id = %s", (subscription_id,))
    try:
        plans.add_addon(subscription_id, request.form["addon_code"])
        dbutil.commit()
    except plans.PlanError as e:
        flash(str(e), "error")
    return redirect(url_for("customers.subscriber_detail", subscriber_id=sub["subscriber_id"]))


@bp.route("/ending")
@requires_auth
def contracts_ending():
    days = request.args.get("days", 30, type=int)
    return render_template("plans/ending.html", rows=plans.subscriptions_ending(days), days=days)
