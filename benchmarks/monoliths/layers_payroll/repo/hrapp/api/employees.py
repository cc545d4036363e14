from flask import Blueprint, jsonify, request

from hrapp.api.serializers import employee_to_dict
from hrapp.common.auth import current_user, login_required, require_role
from hrapp.common.dates import parse_date
from hrapp.common.db import get_session
from hrapp.common.formatting import paginate_args
from hrapp.repositories.employee_repo import EmployeeRepository
from hrapp.services import employee_service

bp = Blueprint("employees", __name__, url_prefix="/api/employees")


@bp.get("")
@login_required
def list_employees():
    limit, offset = paginate_args(request.args)
    repo = EmployeeRepository(get_session())
    found = repo.list(limit=limit, offset=offset)
    return jsonify([employee_to_dict(e) for e in found])


@bp.get("/<int:employee_id>")
@login_required
def get_employee(employee_id):
    employee = EmployeeRepository(get_session()).get_or_404(employee_id)
    sensitive = current_user().has_role("hr") or current_user().employee_id == employee.id
    return jsonify(employee_to_dict(employee, include_sensitive=sensitive))


@bp.post("")
@require_role("hr")
def create_employee():
    body = request.get_json()
    employee = employee_service.hire_employee(
        get_session(),
        first_name=body["first_name"], last_name=body["last_name"], work_email=body["work_email"],
        hire_date=parse_date(body["hire_date"]), position_id=body["position_id"],
        monthly_salary=body["monthly_salary"], manager_id=body.get("manager_id"),
    )
    return jsonify(employee_to_dict(employee)), 201


@bp.post("/<int:employee_id>/terminate")
@require_role("hr")
def terminate(employee_id):
    body = request.get_json()
    employee = employee_service.terminate_employee(get_session(), employee_id, parse_date(body["date"]),
                                                   body.get("reason"))
    return jsonify(employee_to_dict(employee))
