from flask import Blueprint, jsonify, request

from hrapp.common.auth import require_role
from hrapp.common.dates import parse_date
from hrapp.common.db import get_session
from hrapp.repositories.reporting import absence_rate_by_org_unit
from hrapp.services import time_service

bp = Blueprint("admin", __name__, url_prefix="/api/admin")


@bp.get("/health")
def health():
    get_session().execute("SELECT 1")
    return jsonify({"status": "ok"})


@bp.post("/leave/accrue/<int:year>")
@require_role("admin")
def accrue_leave(year):
    return jsonify({"created": time_service.accrue_leave_for_year(get_session(), year)})


@bp.get("/reports/sickness")
@require_role("hr")
def sickness_report():
    rows = absence_rate_by_org_unit(get_session(), parse_date(request.args["start"]), parse_date(request.args["end"]))
    return jsonify([{"org_unit_id": u, "days_per_head": float(r or 0)} for u, r in rows])
