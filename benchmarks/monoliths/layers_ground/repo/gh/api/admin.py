"""Admin screens. Everything that didn't fit anywhere else."""
from flask import Blueprint, request

from gh.api.auth import roles_required
from gh.extensions import db
from gh.models.billing import Airline
from gh.models.flights import Stand
from gh.models.users import User
from gh.services import auth_service
from gh.services.audit import recent_activity
from gh.utils.decorators import json_endpoint
from gh.utils.validators import require_fields

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET"])
@roles_required("admin")
@json_endpoint
def list_users():
    return [{"id": u.id, "username": u.username, "roles": [r.name for r in u.roles], "active": u.active}
            for u in User.query.order_by(User.username).all()]


@bp.route("/users", methods=["POST"])
@roles_required("admin")
@json_endpoint
def create_user():
    d = request.get_json()
    require_fields(d, "username", "password")
    u = auth_service.create_user(d["username"], d["password"], d.get("email"), d.get("roles", []), d.get("staff_id"))
    return {"id": u.id}, 201


@bp.route("/users/<int:user_id>/tokens", methods=["POST"])
@roles_required("admin")
@json_endpoint
def create_token(user_id):
    tok = auth_service.issue_api_token(User.query.get(user_id), request.get_json().get("label", "api"))
    return {"token": tok.token, "expires_at": tok.expires_at.isoformat()}, 201


@bp.route("/audit")
@roles_required("admin")
@json_endpoint
def audit():
    return [{"at": a.created_at.isoformat(), "user": a.user_id, "action": a.action, "entity": a.entity,
             "entity_id": a.entity_id} for a in recent_activity(request.args.get("entity"))]


@bp.route("/airlines", methods=["POST"])
@roles_required("admin", "finance")
@json_endpoint
def create_airline():
    d = request.get_json()
    require_fields(d, "iata_code", "name")
    a = Airline(iata_code=d["iata_code"].upper(), icao_code=d.get("icao_code"), name=d["name"],
                billing_email=d.get("billing_email"), currency=d.get("currency", "EUR"))
    db.session.add(a)
    db.session.commit()
    return {"id": a.id}, 201


@bp.route("/stands", methods=["POST"])
@roles_required("admin")
@json_endpoint
def create_stand():
    d = request.get_json()
    s = Stand(code=d["code"], terminal=d.get("terminal"), is_remote=bool(d.get("remote")))
    db.session.add(s)
    db.session.commit()
    return {"id": s.id}, 201
