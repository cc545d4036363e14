
from flask import Blueprint, request

from gh.api.auth import roles_required
from gh.services import reports
from gh.services.ops_board import build_ops_board
from gh.utils.dates import parse_iso
from gh.utils.decorators import json_endpoint, timed
from gh.utils.export import csv_response

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _period():
    return parse_iso(request.args["from"]), parse_iso(request.args["to"])


@bp.route("/ops-board")
@roles_required("ops_controller")
@json_endpoint
def ops_board():
    return build_ops_board(int(request.args.get("hours", 3)))


@bp.route("/punctuality")
@roles_required("ops_controller", "management")
@json_endpoint
@timed
def punctuality():
    return reports.turnaround_punctuality_report(*_period())


@bp.route("/revenue/<int:year>")
@roles_required("finance", "management")
@json_endpoint
def revenue(year):
    return reports.revenue_by_airline(year)


@bp.route("/overtime.csv")
@roles_required("rostering", "management")
def overtime_csv():
    rows = reports.overtime_report(*_period())
    return csv_response(rows, ["employee_no", "last_name", "team", "overtime"], "overtime.csv")


@bp.route("/gse-utilisation")
@roles_required("workshop", "management")
@json_endpoint
def gse_utilisation():
    return reports.equipment_utilisation_report(*_period())


@bp.route("/mishandled-bags")
@roles_required("baggage_agent", "management")
@json_endpoint
def mishandled_bags():
    return reports.mishandled_bag_rate(*_period())


@bp.route("/fuel-uplift")
@roles_required("fueller", "management", "finance")
@json_endpoint
def fuel_uplift():
    return reports.fuel_uplift_by_airline(*_period())
