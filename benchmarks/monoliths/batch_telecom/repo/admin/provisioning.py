# -*- coding: utf-8 -*-
"""Provisioning + network inventory screens (NOC and back office share
this menu)."""
import csv
import io

from flask import Blueprint, flash, redirect, render_template, request, url_for

from admin.auth import csv_response, current_user, requires_auth
from lib import dbutil, network, porting, provisioning, reports, tickets
from lib.dates import first_of_month, parse_date, today

bp = Blueprint("provisioning", __name__)


@bp.route("/orders")
@requires_auth
def orders():
    status = request.args.get("status", "failed")
    rows = dbutil.fetchall("""
        SELECT o.*, s.msisdn FROM prov_orders o JOIN subscribers s ON s.id = o.subscriber_id
         WHERE o.status = %s ORDER BY o.created_at DESC LIMIT 500""", (status,))
    return render_template("prov/orders.html", rows=rows, status=status)


@bp.route("/orders/<int:order_id>/retry", methods=["POST"])
@requires_auth
def retry_order(order_id):
    dbutil.execute("UPDATE prov_orders SET status = 'retry', attempts = 0 WHERE id = %s AND status = 'failed'",
                   (order_id,), commit_now=True)
    flash("Order %s requeued by %s" % (order_id, current_user()), "info")
    return redirect(url_for("provisioning.orders"))


@bp.route("/sims")
@requires_auth
def sim_stock():
    return render_template("prov/sims.html", levels=provisioning.sim_stock_levels())


@bp.route("/sims/import", methods=["POST"])
@requires_auth
def import_sims():
    f = request.files["file"]
    reader = csv.reader(io.StringIO(f.read().decode("ascii")), delimiter=";")
    rows = [tuple(r[:5]) for r in reader if r and not r[0].startswith("#")]
    try:
        n = provisioning.import_sim_batch(rows, request.form["batch_no"], request.form["warehouse"])
        flash("%d SIMs imported" % n, "info")
    except provisioning.ProvisioningError as e:
        flash(str(e), "error")
    return redirect(url_for("provisioning.sim_stock"))


@bp.route("/subscriber/<int:subscriber_id>/swap", methods=["POST"])
@requires_auth
def swap_sim(subscriber_id):
    try:
        provisioning.swap_sim(subscriber_id, request.form["iccid"].strip(), current_user())
    except provisioning.ProvisioningError as e:
        flash(str(e), "error")
    return redirect(url_for("customers.subscriber_detail", subscriber_id=subscriber_id))


@bp.route("/porting")
@requires_auth
def porting_list():
    return render_template("prov/porting.html", rows=porting.open_requests(request.args.get("direction")))


@bp.route("/porting/in", methods=["POST"])
@requires_auth
def port_in():
    f = request.form
    try:
        porting.request_port_in(int(f["account_id"]), f["msisdn"], f["donor"], f["plan_code"],
                                parse_date(f.get("port_date")), current_user())
    except porting.PortingError as e:
        flash(str(e), "error")
    return redirect(url_for("provisioning.porting_list"))


@bp.route("/reports/stock.csv")
@requires_auth
def stock_csv():
    header, rows = reports.sim_stock_report()
    return csv_response(reports.write_csv(header, rows), "stock_%s.csv" % today().strftime("%Y%m%d"))


@bp.route("/reports/porting.csv")
@requires_auth
def porting_csv():
    month = first_of_month(parse_date(request.args.get("month")) or today())
    header, rows = reports.porting_report(month)
    return csv_response(reports.write_csv(header, rows), "porting_%s.csv" % month.strftime("%Y%m"))


# -- network inventory ------------------------------------------------------------------

@bp.route("/network")
@requires_auth
def elements():
    return render_template("network/elements.html",
                           elements=dbutil.list_elements(request.args.get("type"), request.args.get("status")),
                           alarms=network.active_alarms("major"))


@bp.route("/network/site/<site_code>")
@requires_auth
def site_detail(site_code):
    site = network.site_with_elements(site_code)
    return render_template("network/site.html", site=site)


@bp.route("/network/element/<int:element_id>")
@requires_auth
def element_detail(element_id):
    return render_template("network/element.html", el=dbutil.get_element(element_id),
                           tickets=tickets.tickets_for_element(element_id))


@bp.route("/network/maintenance", methods=["POST"])
@requires_auth
def schedule_maintenance():
    f = request.form
    try:
        network.schedule_maintenance(int(f["element_id"]), f["starts_at"], f["ends_at"], f.get("description"),
                                     f.get("notify") == "on")
        dbutil.commit()
    except network.InventoryError as e:
        flash(str(e), "error")
    return redirect(url_for("provisioning.elements"))


@bp.route("/network/cells/import", methods=["POST"])
@requires_auth
def import_cells():
    path = "/tmp/cells_upload.csv"
    request.files["file"].save(path)
    n = network.import_cells_csv(path)
    flash("%d cells imported" % n, "info")
    return redirect(url_for("provisioning.elements"))


@bp.route("/network/availability.csv")
@requires_auth
def availability_csv():
    month = first_of_month(parse_date(request.args.get("month")) or today())
    header, rows = reports.network_availability_report(month)
    return csv_response(reports.write_csv(header, rows), "availability_%s.csv" % month.strftime("%Y%m"))
