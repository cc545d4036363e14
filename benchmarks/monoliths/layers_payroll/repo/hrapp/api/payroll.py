from flask import Blueprint, jsonify, request

from hrapp.api.serializers import payslip_to_dict
from hrapp.common.auth import current_user, login_required, require_role
from hrapp.common.db import get_session
from hrapp.repositories.payroll_repo import PayrollRunRepository, PayslipRepository
from hrapp.repositories.reporting import payroll_cost_by_cost_center
from hrapp.services import payroll_service

bp = Blueprint("payroll", __name__, url_prefix="/api/payroll")


def _run_to_dict(run):
    return {"id": run.id, "period": f"{run.period_start:%Y-%m}", "status": run.status.value,
            "gross": str(run.total_gross), "net": str(run.total_net), "off_cycle": run.is_off_cycle}


@bp.post("/runs")
@require_role("payroll")
def create_run():
    body = request.get_json()
    run = payroll_service.create_run(get_session(), body["year"], body["month"])
    return jsonify(_run_to_dict(run)), 201


@bp.post("/runs/<int:run_id>/calculate")
@require_role("payroll")
def calculate(run_id):
    return jsonify(_run_to_dict(payroll_service.calculate_run(get_session(), run_id)))


@bp.post("/runs/<int:run_id>/approve")
@require_role("payroll_admin")
def approve(run_id):
    return jsonify(_run_to_dict(payroll_service.approve_run(get_session(), run_id, current_user().employee_id)))


@bp.get("/runs/<int:run_id>/cost-centers")
@require_role("payroll", "finance")
def cost_centers(run_id):
    PayrollRunRepository(get_session()).get_or_404(run_id)
    rows = payroll_cost_by_cost_center(get_session(), run_id)
    return jsonify([{"cost_center": c, "gross": str(g), "net": str(n)} for c, g, n in rows])


@bp.get("/me/payslips")
@login_required
def my_payslips():
    slips = PayslipRepository(get_session()).for_employee(current_user().employee_id)
    return jsonify([payslip_to_dict(s) for s in slips])
