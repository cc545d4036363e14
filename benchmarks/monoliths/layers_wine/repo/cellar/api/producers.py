from flask import Blueprint, g, request

from cellar.auth import login_required, role_required
from cellar.models.base import model_to_dict
from cellar.models.product import Producer
from cellar.repositories.product_repo import WineRepository
from cellar.services import producer_service
from cellar.utils.decorators import json_response

bp = Blueprint("producers", __name__, url_prefix="/api/producers")


@bp.route("/", methods=["GET"])
@login_required
@json_response
def list_producers():
    q = Producer.query.filter(Producer.deleted_at.is_(None))
    if request.args.get("country"):
        q = q.filter_by(country=request.args["country"].upper())
    return [model_to_dict(p) for p in q.order_by(Producer.name)]


@bp.route("/", methods=["POST"])
@role_required("buyer")
@json_response
def create_producer():
    p = producer_service.create_producer(request.get_json(), g.user.id)
    return model_to_dict(p), 201


@bp.route("/<int:producer_id>/wines", methods=["POST"])
@role_required("buyer")
@json_response
def add_wine(producer_id):
    wine = producer_service.create_wine(producer_id, request.get_json(), g.user.id)
    return model_to_dict(wine), 201


@bp.route("/wines/search")
@login_required
@json_response
def search_wines():
    term = request.args.get("q", "")
    return [model_to_dict(w) for w in WineRepository().search(term)]


@bp.route("/<int:producer_id>/catalog", methods=["POST"])
@role_required("buyer")
@json_response
def upload_catalog(producer_id):
    f = request.files["file"]
    created, updated = producer_service.legacy_import_catalog_csv(producer_id, f.read())
    return {"created": created, "updated": updated}
