from flask import Blueprint, request

from wastecorp.api import page_args, error_response, json_body
from wastecorp.extensions import db
from wastecorp.models import model_to_dict
from wastecorp.repositories.customer_repo import (CustomerRepository, ContractRepository,
                                                  find_customers_by_postcode)
from wastecorp.repositories.base_repo import NotFound
from wastecorp.services import customer_service
from wastecorp.services.customer_service import CustomerServiceError
from wastecorp.utils.decorators import json_response, login_required, roles_required
from wastecorp.utils.dates import parse_date

bp = Blueprint("customers", __name__)

customers = CustomerRepository()
contracts = ContractRepository()


def _serialise_customer(c, full=False):
    d = model_to_dict(c, exclude=("deleted_at",))
    if full:
        d["addresses"] = [model_to_dict(a) for a in c.addresses]
        d["contacts"] = [model_to_dict(x) for x in c.contacts]
        d["notes"] = [{"at": n.created_at.isoformat(), "by": n.author, "body": n.body}
                      for n in c.notes[:20]]
    return d


def _serialise_contract(k):
    d = model_to_dict(k)
    d["services"] = [model_to_dict(s) for s in k.services]
    return d


@bp.route("/", methods=["GET"])
@login_required
@json_response
def list_customers():
    page, per_page = page_args()
    q = customers.search(request.args.get("q", ""))
    return customers.paginate(q, page, per_page).as_dict(_serialise_customer)


@bp.route("/by-postcode/<prefix>", methods=["GET"])
@login_required
@json_response
def customers_by_postcode(prefix):
    return {"items": find_customers_by_postcode(db.session, prefix)}


@bp.route("/<int:customer_id>", methods=["GET"])
@login_required
@json_response
def get_customer(customer_id):
    try:
        return _serialise_customer(customers.get_or_404(customer_id), full=True)
    except NotFound:
        return {"error": "not found"}, 404


@bp.route("/", methods=["POST"])
@roles_required("sales", "customer_services")
def create_customer_view():
    try:
        cust = customer_service.create_customer(json_body(), user=request.headers.get("X-User"))
    except CustomerServiceError as exc:
        return error_response(str(exc))
    return {"id": cust.id, "account_no": cust.account_no}, 201


@bp.route("/<int:customer_id>", methods=["PATCH"])
@roles_required("sales", "customer_services", "credit_control")
@json_response
def update_customer_view(customer_id):
    cust = customer_service.update_customer(customer_id, json_body(),
                                            user=request.headers.get("X-User"))
    return _serialise_customer(cust)


@bp.route("/<int:customer_id>/addresses", methods=["POST"])
@roles_required("sales", "customer_services")
def add_address_view(customer_id):
    try:
        addr = customer_service.add_service_address(customer_id, json_body())
    except CustomerServiceError as exc:
        return error_response(str(exc))
    return {"id": addr.id}, 201


@bp.route("/<int:customer_id>/contracts", methods=["GET"])
@login_required
@json_response
def list_contracts(customer_id):
    q = contracts.query().filter_by(customer_id=customer_id)
    return {"items": [_serialise_contract(k) for k in q]}


@bp.route("/<int:customer_id>/contracts", methods=["POST"])
@roles_required("sales")
def create_contract_view(customer_id):
    data = json_body()
    data["start_date"] = parse_date(data.get("start_date"))
    data["end_date"] = parse_date(data.get("end_date"))
    try:
        k = customer_service.create_contract(customer_id, data,
                                             user=request.headers.get("X-User"))
    except CustomerServiceError as exc:
        return error_response(str(exc))
    return {"id": k.id, "contract_no": k.contract_no}, 201


@bp.route("/contracts/<int:contract_id>/activate", methods=["POST"])
@roles_required("sales")
@json_response
def activate_contract_view(contract_id):
    k = customer_service.activate_contract(contract_id, user=request.headers.get("X-User"))
    return _serialise_contract(k)


@bp.route("/contracts/<int:contract_id>/terminate", methods=["POST"])
@roles_required("sales", "customer_services")
@json_response
def terminate_contract_view(contract_id):
    reason = json_body().get("reason", "customer request")
    k = customer_service.terminate_contract(contract_id, reason,
                                            user=request.headers.get("X-User"))
    return _serialise_contract(k)


@bp.route("/<int:customer_id>/statement", methods=["GET"])
@login_required
@json_response
def customer_statement_view(customer_id):
    # lives here because the call-centre screen hangs off /customers
    from wastecorp.services import billing_service
    stmt = billing_service.customer_statement(customer_id)
    for line in stmt["lines"]:
        line["date"] = line["date"] and line["date"].isoformat()
    return stmt


@bp.route("/contracts/expiring", methods=["GET"])
@roles_required("sales")
@json_response
def expiring_contracts_view():
    days = int(request.args.get("days", 90))
    return {"items": [_serialise_contract(k)
                      for k in customer_service.contracts_expiring(days)]}
