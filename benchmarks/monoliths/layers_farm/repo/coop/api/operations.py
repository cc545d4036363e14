"""/api/ops -- field, agronomy and machinery screens (the 'operations' tab)."""
from datetime import datetime

from flask import Blueprint, request

from coop.api import ApiError, body, current_user
from coop.extensions import db_session
from coop.models import AdvisoryVisit, CropPlan, Equipment, Field, SoilSample
from coop.models.base import model_to_dict
from coop.repositories.equipment import EquipmentRepository, MaintenanceRepository
from coop.repositories.fields import FieldRepository, SoilSampleRepository
from coop.services import equipment as equipment_svc
from coop.services import field_ops
from coop.utils.dates import parse_date
from coop.utils.db import get_or_404
from coop.utils.decorators import json_response, require_role, transactional

bp = Blueprint("ops", __name__)


def _dt(value):
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ApiError("bad datetime %r" % (value,))


# ---------------------------------------------------------------- fields / plans

@bp.route("/members/<int:member_id>/fields", methods=["GET"])
@json_response
def member_fields(member_id):
    fields = FieldRepository().for_member(member_id, include_retired=request.args.get("all") == "1")
    return {"items": [model_to_dict(f, exclude=("boundary_geojson",)) for f in fields]}


@bp.route("/members/<int:member_id>/fields", methods=["POST"])
@json_response
@transactional
def add_field(member_id):
    f = field_ops.register_field(member_id, body())
    return model_to_dict(f), 201


@bp.route("/fields/<int:field_id>/retire", methods=["POST"])
@json_response
@transactional
def retire_field(field_id):
    return model_to_dict(field_ops.retire_field(field_id))


@bp.route("/fields/<int:field_id>/plans", methods=["POST"])
@json_response
@transactional
def add_plan(field_id):
    data = body()
    plan, warnings = field_ops.create_crop_plan(field_id, data["commodity"], data.get("variety_id"),
                                                data.get("area_ha"), data.get("crop_year"),
                                                user=current_user())
    return {"plan": model_to_dict(plan), "warnings": warnings}, 201


@bp.route("/plans/<int:plan_id>/submit", methods=["POST"])
@json_response
@transactional
def submit_plan(plan_id):
    plan = get_or_404(CropPlan, plan_id)
    plan.status = "submitted"
    return model_to_dict(plan)


@bp.route("/plans/<int:plan_id>/approve", methods=["POST"])
@json_response
@require_role("field_rep")
@transactional
def approve_plan(plan_id):
    return model_to_dict(field_ops.approve_crop_plan(plan_id, current_user()))


@bp.route("/plans/<int:plan_id>/planting", methods=["POST"])
@json_response
@transactional
def add_planting(plan_id):
    data = body()
    rec = field_ops.record_planting(plan_id, parse_date(data.get("seeded_on")), data["seeded_area_ha"],
                                    data.get("seed_lot"), data.get("seed_rate_kg_ha"))
    return model_to_dict(rec), 201


@bp.route("/production-estimate", methods=["GET"])
@json_response
def production_estimate():
    return field_ops.estimate_season_production(request.args.get("crop_year", type=int))


# ---------------------------------------------------------------- agronomy

@bp.route("/fields/<int:field_id>/soil-tests", methods=["POST"])
@json_response
@transactional
def order_soil_test(field_id):
    data = request.get_json(silent=True) or {}
    s = field_ops.order_soil_test(field_id, data.get("agronomist_id"), data.get("lab", "Farmers Edge Lab"))
    return model_to_dict(s), 201


@bp.route("/fields/<int:field_id>/soil-tests", methods=["GET"])
@json_response
def field_soil_tests(field_id):
    field = get_or_404(Field, field_id)
    out = []
    for s in sorted(field.soil_samples, key=lambda s: s.created_at, reverse=True):
        row = model_to_dict(s)
        if s.result:
            row["result"] = model_to_dict(s.result, exclude=("raw_payload",))
        row["recommendations"] = [model_to_dict(r) for r in s.recommendations]
        out.append(row)
    return {"items": out}


@bp.route("/soil-samples/<int:sample_id>/collected", methods=["POST"])
@json_response
@transactional
def mark_sample_collected(sample_id):
    s = get_or_404(SoilSample, sample_id)
    data = body()
    s.sampled_on = parse_date(data.get("sampled_on"))
    s.lab_ref = data["lab_ref"]
    s.status = "at_lab"
    return model_to_dict(s)


@bp.route("/soil-samples/outstanding", methods=["GET"])
@json_response
def outstanding_samples():
    return {"items": [model_to_dict(s) for s in SoilSampleRepository().outstanding()]}


@bp.route("/visits", methods=["POST"])
@json_response
@transactional
def add_visit():
    data = body()
    v = field_ops.schedule_advisory_visit(data["member_id"], data.get("purpose", "general"),
                                          parse_date(data["date"]), data.get("field_id"),
                                          data.get("agronomist_id"))
    return model_to_dict(v), 201


@bp.route("/visits/<int:visit_id>/close", methods=["POST"])
@json_response
@transactional
def close_visit(visit_id):
    return model_to_dict(field_ops.close_advisory_visit(visit_id, body().get("findings")))


@bp.route("/agronomists/<int:agronomist_id>/visits", methods=["GET"])
@json_response
def agronomist_visits(agronomist_id):
    visits = (db_session.query(AdvisoryVisit).filter_by(agronomist_id=agronomist_id)
              .order_by(AdvisoryVisit.scheduled_for.desc()).limit(100).all())
    return {"items": [model_to_dict(v) for v in visits]}


# ---------------------------------------------------------------- machinery

@bp.route("/equipment", methods=["GET"])
@json_response
def list_equipment():
    items = EquipmentRepository().rentable(request.args.get("class"))
    return {"items": [model_to_dict(e) for e in items]}


@bp.route("/equipment/<code>/quote", methods=["GET"])
@json_response
def quote_equipment(code):
    eq = EquipmentRepository().by_code(code) or get_or_404(Equipment, -1)
    card = equipment_svc.RateCard(eq)
    est = card.estimate(_dt(request.args["start"]), _dt(request.args["end"]),
                        request.args.get("hours", type=float))
    return {"equipment": eq.code, "estimate": str(est)}


@bp.route("/bookings", methods=["POST"])
@json_response
@transactional
def add_booking():
    data = body()
    if data.get("field_id"):
        b = field_ops.book_tractor_for_field(data["field_id"], data["equipment"], _dt(data["start"]),
                                             _dt(data["end"]), user=current_user())
    else:
        b = equipment_svc.create_booking(data["member_id"], data["equipment"], _dt(data["start"]),
                                         _dt(data["end"]), user=current_user())
    return model_to_dict(b), 201


@bp.route("/bookings/<int:booking_id>/cancel", methods=["POST"])
@json_response
@transactional
def cancel_booking(booking_id):
    data = request.get_json(silent=True) or {}
    return model_to_dict(equipment_svc.cancel_booking(booking_id, current_user(), data.get("reason")))


@bp.route("/bookings/<int:booking_id>/checkout", methods=["POST"])
@json_response
@require_role("yard")
@transactional
def checkout(booking_id):
    return model_to_dict(equipment_svc.check_out(booking_id, body()["hour_meter"], current_user()))


@bp.route("/bookings/<int:booking_id>/checkin", methods=["POST"])
@json_response
@require_role("yard")
@transactional
def checkin(booking_id):
    data = body()
    b = equipment_svc.check_in(booking_id, data["hour_meter"], data.get("fuel_full", True),
                               data.get("damage"), current_user())
    return model_to_dict(b)


@bp.route("/equipment/<int:equipment_id>/maintenance", methods=["GET"])
@json_response
def equipment_maintenance(equipment_id):
    return {"open": [model_to_dict(j) for j in MaintenanceRepository().open_jobs(equipment_id)],
            "utilisation": equipment_svc.utilisation(equipment_id)}


@bp.route("/maintenance/<int:job_id>/complete", methods=["POST"])
@json_response
@require_role("yard")
@transactional
def complete_job(job_id):
    data = body()
    job = equipment_svc.complete_maintenance(job_id, data.get("parts", 0), data.get("labour", 0),
                                             data.get("vendor"))
    return model_to_dict(job)


@bp.route("/members/<int:member_id>/certifications", methods=["POST"])
@json_response
@require_role("yard")
@transactional
def add_cert(member_id):
    data = body()
    c = equipment_svc.certify_operator(member_id, data["class"], data.get("operator_name"),
                                       by=current_user())
    return model_to_dict(c), 201
