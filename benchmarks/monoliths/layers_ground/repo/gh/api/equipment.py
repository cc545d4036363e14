from flask import Blueprint, request
from flask_login import current_user

from gh.api.auth import roles_required, token_auth
from gh.models.equipment import Equipment, MaintenanceOrder
from gh.repositories.assets import EquipmentRepository, open_maintenance_orders
from gh.services import equipment_service
from gh.utils.decorators import json_endpoint
from gh.utils.pagination import paginate_query

bp = Blueprint("equipment", __name__, url_prefix="/api/equipment")


def equipment_to_dict(e):
    return {"id": e.id, "fleet_no": e.fleet_no, "type": e.type.code, "status": e.status,
            "engine_hours": e.engine_hours, "hours_since_service": e.hours_since_service()}


@bp.route("")
@roles_required("workshop", "ops_controller", "ramp_supervisor")
@json_endpoint
def list_equipment():
    q = Equipment.query.order_by(Equipment.fleet_no)
    if request.args.get("status"):
        q = q.filter_by(status=request.args["status"])
    return paginate_query(q, equipment_to_dict)


@bp.route("/<int:equipment_id>/defects", methods=["POST"])
@json_endpoint
def report_defect(equipment_id):
    data = request.get_json()
    d = equipment_service.report_defect(equipment_id, current_user.staff_id, data["description"],
                                        data.get("severity", "LOW"))
    return {"id": d.id}, 201


@bp.route("/maintenance")
@roles_required("workshop")
@json_endpoint
def maintenance_list():
    return [{"id": m.id, "equipment_id": m.equipment_id, "kind": m.kind, "status": m.status,
             "opened": m.opened_at.isoformat()} for m in open_maintenance_orders()]


@bp.route("/maintenance/<int:order_id>/close", methods=["POST"])
@roles_required("workshop")
@json_endpoint
def close_maintenance(order_id):
    data = request.get_json()
    mo = equipment_service.close_maintenance_order(order_id, current_user.staff_id, float(data.get("labour_hours", 0)))
    return {"id": mo.id, "status": mo.status}


@bp.route("/telematics", methods=["POST"])
@token_auth
@json_endpoint
def telematics():
    n = 0
    for row in request.get_json() or []:
        if equipment_service.update_engine_hours(row["fleet_no"], float(row["hours"])):
            n += 1
    return {"updated": n}
