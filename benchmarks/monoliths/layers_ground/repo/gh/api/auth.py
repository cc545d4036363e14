import functools

from flask import Blueprint, request, jsonify, abort, g
from flask_login import login_user, logout_user, current_user, login_required

from gh.repositories.misc import user_by_token
from gh.services import auth_service

bp = Blueprint("auth", __name__, url_prefix="/auth")


def roles_required(*roles):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            user = getattr(g, "api_user", None) or current_user
            if not user or not user.is_authenticated:
                abort(401)
            if not user.has_role(*roles):
                abort(403)
            return fn(*args, **kwargs)
        return wrapper
    return deco


def token_auth(fn):
    """For machine clients (AODB feed, airline portal)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            user = user_by_token(header[7:])
            if user is None:
                abort(401)
            g.api_user = user
        elif not current_user.is_authenticated:
            abort(401)
        return fn(*args, **kwargs)
    return wrapper


@bp.route("/login", methods=["POST"])
def login():
    data = request.get_json() or request.form
    user = auth_service.authenticate(data.get("username"), data.get("password"))
    if not user:
        return jsonify({"error": "invalid credentials"}), 401
    login_user(user, remember=bool(data.get("remember")))
    return jsonify({"id": user.id, "username": user.username, "roles": [r.name for r in user.roles]})


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    return jsonify({"ok": True})


@bp.route("/me")
@login_required
def me():
    return jsonify({"id": current_user.id, "username": current_user.username,
                    "roles": [r.name for r in current_user.roles]})
