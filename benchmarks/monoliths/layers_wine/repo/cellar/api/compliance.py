from flask import Blueprint, g, request

from cellar.auth import role_required
from cellar.models.base import model_to_dict
from cellar.models.compliance import Licence
from cellar.services import compliance_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response

bp = Blueprint("compliance", __name__, url_prefix="/api/compliance")


@bp.route("/licences")
@role_required("accounts", "sales")
@json_response
def list_licences():
    q = Licence.query
    if request.args.get("customer_id"):
        q = q.filter_by(customer_id=int(request.args["customer_id"]))
    return [model_to_dict(l) for l in q]


@bp.route("/licences", methods=["POST"])
@role_required("accounts", "sales")
@json_response
def add_licence():
    d = request.get_json()
    lic = compliance_service.add_licence(d.get("customer_id"), d["kind"], d["number"],
                                         parse_date(d.get("valid_from")), parse_date(d.get("valid_to")),
                                         d.get("authority"), g.user.id)
    return model_to_dict(lic), 201


@bp.route("/customers/<int:customer_id>/awrs", methods=["POST"])
@role_required("accounts")
@json_response
def check_awrs(customer_id):
    return {"ok": compliance_service.verify_awrs(customer_id, g.user.id)}


@bp.route("/excise/returns", methods=["POST"])
@role_required("accounts")
@json_response
def build_return():
    d = request.get_json()
    ret = compliance_service.build_excise_return(int(d["year"]), int(d["month"]))
    return model_to_dict(ret), 201


@bp.route("/excise/returns/<int:return_id>/submit", methods=["POST"])
@role_required("accounts")
@json_response
def submit_return(return_id):
    return model_to_dict(compliance_service.submit_excise_return(return_id, g.user.id))
