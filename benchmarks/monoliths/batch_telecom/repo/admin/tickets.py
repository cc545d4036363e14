# -*- coding: utf-8 -*-
from flask import Blueprint, flash, redirect, render_template, request, url_for

from admin.auth import csv_response, current_user, date_arg, paginate, requires_auth
from lib import reports, tickets
from lib.dates import first_of_month, today

bp = Blueprint("tickets", __name__)


@bp.route("/")
@requires_auth
def ticket_list():
    rows = tickets.search(status=request.args.get("status", "active"), team=request.args.get("team"),
                          assigned_to=request.args.get("mine") and current_user(),
                          account_id=request.args.get("account_id", type=int), limit=1000)
    rows, page, pages = paginate(rows)
    return render_template("tickets/list.html", rows=rows, page=page, pages=pages)


@bp.route("/new", methods=["GET", "POST"])
@requires_auth
def new_ticket():
    if request.method == "GET":
        return render_template("tickets/new.html", categories=tickets.categories(),
                               account_id=request.args.get("account_id", type=int))
    f = request.form
    try:
        tid = tickets.open_ticket(f["subject"], f.get("description"), f.get("account_id", type=int),
                                  f.get("msisdn"), f.get("category", "General"), f.get("priority") or None,
                                  f.get("source", "phone"), current_user())
    except tickets.TicketError as e:
        flash(str(e), "error")
        return redirect(url_for("tickets.new_ticket"))
    return redirect(url_for("tickets.ticket_detail", ticket_id=tid))


@bp.route("/<int:ticket_id>")
@requires_auth
def ticket_detail(ticket_id):
    return render_template("tickets/detail.html", t=tickets.get_ticket(ticket_id))


@bp.route("/<int:ticket_id>/comment", methods=["POST"])
@requires_auth
def comment(ticket_id):
    tickets.add_comment(ticket_id, current_user(), request.form["body"], request.form.get("internal") == "on")
    return redirect(url_for("tickets.ticket_detail", ticket_id=ticket_id))


@bp.route("/<int:ticket_id>/status", methods=["POST"])
@requires_auth
def set_status(ticket_id):
    tickets.set_status(ticket_id, request.form["status"], current_user(), request.form.get("resolution"))
    return redirect(url_for("tickets.ticket_detail", ticket_id=ticket_id))


@bp.route("/<int:ticket_id>/assign", methods=["POST"])
@requires_auth
def assign(ticket_id):
    tickets.assign(ticket_id, request.form.get("user") or current_user())
    from lib import dbutil
    dbutil.commit()
    return redirect(url_for("tickets.ticket_detail", ticket_id=ticket_id))


@bp.route("/reports/sla.csv")
@requires_auth
def sla_csv():
    month = date_arg("month", first_of_month(today()))
    header, rows = reports.ticket_sla_report(month)
    return csv_response(reports.write_csv(header, rows), "sla_%s.csv" % month.strftime("%Y%m"))
