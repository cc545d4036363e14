from flask import Blueprint, jsonify, request
from sqlalchemy import text

from models.base import get_session
from repositories import reports
from utils.auth import roles_required
from utils.dates import month_bounds

bp = Blueprint("admin", __name__)


@bp.route("/health")
def health():
    get_session().execute(text("SELECT 1"))
    return jsonify({"status": "ok"})


def _month():
    return month_bounds(int(request.args["year"]), int(request.args["month"]))


@bp.route("/reports/permit-activity")
@roles_required("supervisor")
def permit_activity():
    return jsonify(reports.monthly_permit_activity(get_session(), *_month()))


@bp.route("/reports/revenue")
@roles_required("supervisor", "cashier")
def revenue():
    return jsonify(reports.revenue_by_fee_code(get_session(), *_month()))


@bp.route("/reports/inspector-workload")
@roles_required("supervisor")
def inspector_workload():
    return jsonify(reports.inspector_workload(get_session(), *_month()))


@bp.route("/reports/open-cases")
@roles_required("supervisor")
def open_cases():
    return jsonify(reports.open_cases_by_district(get_session()))
