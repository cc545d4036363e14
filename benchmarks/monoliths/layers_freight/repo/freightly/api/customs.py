"""Customs endpoints."""
from flask import Blueprint, request

from freightly.api import ApiError, current_user, get_json_or_400
from freightly.extensions import db_session
from freightly.models import CustomsDeclaration, HsCode, model_to_dict
from freightly.services.customs_service import CustomsService, mark_duty_paid
from freightly.utils.decorators import json_endpoint, require_api_key

bp = Blueprint("customs", __name__)


def _decl_dict(decl):
    data = model_to_dict(decl)
    data["lines"] = [model_to_dict(l) for l in decl.lines]
    return data


@bp.route("/declarations", methods=["POST"])
@require_api_key
@json_endpoint
def create_declaration():
    d = get_json_or_400()
    if not d.get("shipment_id"):
        raise ApiError("shipment_id is required")
    decl = CustomsService().create_declaration(d["shipment_id"], d.get("direction", "import"),
                                               d.get("broker_id"), d.get("lines"))
    return _decl_dict(decl), 201


@bp.route("/declarations/<int:decl_id>", methods=["GET"])
@require_api_key
@json_endpoint
def get_declaration(decl_id):
    decl = db_session.query(CustomsDeclaration).get(decl_id)
    if decl is None:
        raise ApiError("not found", 404)
    return _decl_dict(decl)


@bp.route("/declarations/<int:decl_id>/lines", methods=["POST"])
@require_api_key
@json_endpoint
def add_declaration_line(decl_id):
    svc = CustomsService()
    decl = db_session.query(CustomsDeclaration).get(decl_id)
    line = svc.add_line(decl, get_json_or_400())
    db_session.commit()
    return model_to_dict(line), 201


@bp.route("/declarations/<int:decl_id>/duties", methods=["POST"])
@require_api_key
@json_endpoint
def compute_duties(decl_id):
    svc = CustomsService()
    decl = db_session.query(CustomsDeclaration).get(decl_id)
    return model_to_dict(svc.compute_duties(decl))


@bp.route("/declarations/<int:decl_id>/submit", methods=["POST"])
@require_api_key
@json_endpoint
def submit_declaration(decl_id):
    return _decl_dict(CustomsService().submit(decl_id))


@bp.route("/declarations/<int:decl_id>/release", methods=["POST"])
@require_api_key
@json_endpoint
def release_declaration(decl_id):
    return _decl_dict(CustomsService().release(decl_id, user=current_user()))


@bp.route("/duties/<int:assessment_id>/paid", methods=["POST"])
@require_api_key
@json_endpoint
def duty_paid(assessment_id):
    d = request.get_json(silent=True) or {}
    return model_to_dict(mark_duty_paid(assessment_id, d.get("deferred_account")))


@bp.route("/hs-codes", methods=["GET"])
@require_api_key
@json_endpoint
def search_hs_codes():
    term = request.args.get("q", "")
    q = db_session.query(HsCode)
    if term.isdigit():
        q = q.filter(HsCode.code.like(term + "%"))
    else:
        q = q.filter(HsCode.description.ilike("%%%s%%" % term))
    return [model_to_dict(h) for h in q.limit(50)]


@bp.route("/classify", methods=["GET"])
@require_api_key
@json_endpoint
def classify():
    return model_to_dict(CustomsService().classify(request.args.get("code", "")))
