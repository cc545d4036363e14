from flask import Blueprint, request

from wastecorp.api import error_response, json_body
from wastecorp.models import model_to_dict
from wastecorp.repositories.container_repo import ContainerRepository
from wastecorp.services import container_service
from wastecorp.services.container_service import ContainerError
from wastecorp.utils.decorators import json_response, login_required, roles_required
from wastecorp.utils.dates import parse_date

bp = Blueprint("containers", __name__)
repo = ContainerRepository()


def _container_json(c):
    d = model_to_dict(c)
    d["type"] = c.container_type.code if c.container_type else None
    d["tag"] = c.tag.tag_uid if c.tag and c.tag.active else None
    return d


@bp.route("/<serial_no>", methods=["GET"])
@login_required
@json_response
def get_container(serial_no):
    c = repo.by_serial(serial_no)
    if c is None:
        return {"error": "not found"}, 404
    return _container_json(c)


@bp.route("/at-address/<int:address_id>", methods=["GET"])
@login_required
@json_response
def containers_at_address_view(address_id):
    return {"items": [_container_json(c)
                      for c in container_service.containers_at_address(address_id)]}


@bp.route("/deliveries", methods=["POST"])
@roles_required("customer_services", "depot")
def request_delivery_view():
    data = json_body()
    try:
        mv = container_service.request_delivery(
            data["service_address_id"], data["container_type_id"],
            contract_service_id=data.get("contract_service_id"),
            wanted_on=parse_date(data.get("wanted_on")), notes=data.get("notes"))
    except ContainerError as exc:
        return error_response(str(exc))
    from wastecorp.extensions import db
    db.session.commit()
    return {"movement_id": mv.id}, 201


@bp.route("/movements/<int:movement_id>/complete", methods=["POST"])
@roles_required("depot")
@json_response
def complete_movement_view(movement_id):
    data = json_body()
    mv = container_service.complete_movement(movement_id, data.get("vehicle_id"),
                                             data.get("scanned_serial"))
    return model_to_dict(mv)


@bp.route("/<int:container_id>/remove", methods=["POST"])
@roles_required("customer_services", "depot")
@json_response
def remove_container_view(container_id):
    from wastecorp.extensions import db
    mv = container_service.schedule_container_removal(
        container_id, parse_date(json_body().get("wanted_on")), json_body().get("reason"))
    db.session.commit()
    return model_to_dict(mv)


@bp.route("/<int:container_id>/damaged", methods=["POST"])
@roles_required("customer_services", "depot")
@json_response
def report_damage_view(container_id):
    c = container_service.mark_container_damaged(container_id, json_body().get("notes"))
    return _container_json(c)


@bp.route("/rfid/<tag_uid>", methods=["GET"])
@login_required
@json_response
def rfid_lookup_view(tag_uid):
    c = container_service.lookup_by_rfid(tag_uid)
    return _container_json(c) if c else ({"error": "unknown tag"}, 404)


@bp.route("/<int:container_id>/rfid", methods=["PUT"])
@roles_required("depot")
@json_response
def register_tag_view(container_id):
    tag = container_service.register_rfid_tag(container_id, json_body()["tag_uid"])
    return model_to_dict(tag)


@bp.route("/stock/<depot>", methods=["GET"])
@login_required
@json_response
def stock_levels_view(depot):
    return {"depot": depot, "levels": container_service.container_stock_levels(depot)}
