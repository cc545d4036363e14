from flask import Blueprint, g, request

from cellar.auth import login_required, role_required
from cellar.db import paginate
from cellar.models.base import model_to_dict
from cellar.models.customer import Customer
from cellar.repositories.customer_repo import CustomerRepository
from cellar.services import crm_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response

bp = Blueprint("customers", __name__, url_prefix="/api/customers")


@bp.route("/")
@login_required
@json_response
def list_customers():
    if request.args.get("q"):
        return [model_to_dict(c) for c in CustomerRepository().search(request.args["q"])]
    q = Customer.query.filter(Customer.deleted_at.is_(None))
    if request.args.get("mine"):
        q = q.filter(Customer.rep_id == g.user.id)
    page = paginate(q.order_by(Customer.name), request.args.get("page"))
    page["items"] = [model_to_dict(c) for c in page["items"]]
    return page


@bp.route("/", methods=["POST"])
@role_required("sales")
@json_response
def create_customer():
    c = crm_service.create_customer(request.get_json(), g.user.id)
    return model_to_dict(c), 201


@bp.route("/<int:customer_id>")
@login_required
@json_response
def customer_detail(customer_id):
    s = crm_service.customer_summary(customer_id)
    return {"customer": model_to_dict(s["customer"]), "balance": str(s["balance"]),
            "orders": [o.number for o in s["recent_orders"]],
            "notes": [n.body for n in s["notes"]]}


@bp.route("/<int:customer_id>", methods=["PATCH"])
@role_required("sales", "accounts")
@json_response
def update_customer(customer_id):
    data = request.get_json()
    if "credit_limit" in data:
        crm_service.set_credit_limit(customer_id, data.pop("credit_limit"), g.user.id)
    return model_to_dict(crm_service.update_customer(customer_id, data, g.user.id))


@bp.route("/<int:customer_id>/notes", methods=["POST"])
@login_required
@json_response
def add_note(customer_id):
    d = request.get_json()
    note = crm_service.log_note(customer_id, g.user.id, d["body"], parse_date(d.get("follow_up_on")))
    return model_to_dict(note), 201


@bp.route("/<int:customer_id>/visits", methods=["POST"])
@role_required("sales")
@json_response
def plan_visit(customer_id):
    d = request.get_json()
    v = crm_service.schedule_visit(customer_id, d.get("rep_id", g.user.id), d["when"],
                                   d.get("purpose", "listing review"))
    return model_to_dict(v), 201
