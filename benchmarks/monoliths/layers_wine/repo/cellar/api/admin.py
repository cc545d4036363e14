from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_login import login_user, logout_user

from cellar.auth import authenticate, login_required, role_required
from cellar.models.base import model_to_dict
from cellar.models.user import AuditLog, User
from cellar.services import user_service
from cellar.utils.decorators import json_response

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = authenticate(request.form["email"], request.form["password"])
        if user:
            login_user(user, remember=True)
            return redirect(request.args.get("next") or "/")
        return render_template("login.html", error="Invalid email or password"), 401
    return render_template("login.html")


@bp.route("/logout")
def logout():
    logout_user()
    return redirect(url_for("admin.login"))


@bp.route("/users")
@role_required("admin")
@json_response
def list_users():
    return [model_to_dict(u, exclude=("password_hash", "api_key")) for u in User.query.order_by(User.email)]


@bp.route("/users", methods=["POST"])
@role_required("admin")
@json_response
def create_user():
    d = request.get_json()
    u = user_service.create_user(d["email"], d.get("full_name"), d.get("role", "sales"), d["password"],
                                 d.get("is_sales_rep", False), d.get("territory"))
    return model_to_dict(u, exclude=("password_hash", "api_key")), 201


@bp.route("/me/password", methods=["POST"])
@login_required
@json_response
def change_password():
    d = request.get_json()
    user_service.change_password(g.user.id, d["old"], d["new"])
    return {"ok": True}


@bp.route("/audit")
@role_required("admin")
@json_response
def audit_log():
    q = AuditLog.query
    if request.args.get("entity"):
        q = q.filter_by(entity=request.args["entity"], entity_id=request.args.get("id"))
    return [model_to_dict(a) for a in q.order_by(AuditLog.at.desc()).limit(500)]
