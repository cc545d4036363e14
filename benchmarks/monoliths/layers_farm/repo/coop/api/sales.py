"""/api/sales -- marketing desk."""
from flask import Blueprint, request

from coop.api import body, current_user
from coop.extensions import db_session
from coop.models import Buyer, BuyerInvoice, Pool, SalesContract
from coop.models.base import model_to_dict
from coop.repositories.contracts import BuyerRepository, ContractRepository
from coop.services import marketing
from coop.utils.db import get_or_404, paginate
from coop.utils.decorators import json_response, require_role, transactional
from coop.utils.money import D

bp = Blueprint("sales", __name__)


@bp.route("/buyers", methods=["GET"])
@json_response
def buyers():
    rows = db_session.query(Buyer).order_by(Buyer.name).all()
    repo = BuyerRepository()
    return {"items": [model_to_dict(b, extra={"exposure": str(repo.exposure(b.id))}) for b in rows]}


@bp.route("/buyers", methods=["POST"])
@json_response
@require_role("marketing")
@transactional
def add_buyer():
    data = body()
    b = Buyer(code=data["code"].upper(), name=data["name"], buyer_type=data.get("type"),
              contact_name=data.get("contact"), email=data.get("email"), phone=data.get("phone"),
              credit_limit=D(data.get("credit_limit", 0)), created_by=current_user())
    db_session.add(b)
    return model_to_dict(b), 201


@bp.route("/contracts", methods=["GET"])
@json_response
def contracts():
    q = db_session.query(SalesContract)
    if request.args.get("status"):
        q = q.filter(SalesContract.status == request.args["status"])
    if request.args.get("commodity"):
        q = q.filter(SalesContract.commodity == request.args["commodity"])
    page = paginate(q.order_by(SalesContract.delivery_to), request.args.get("page", 1))
    page["items"] = [model_to_dict(c) for c in page["items"]]
    return page


@bp.route("/contracts", methods=["POST"])
@json_response
@require_role("marketing")
@transactional
def new_contract():
    d = body()
    c = marketing.create_contract(d["buyer"], d["commodity"], d["quantity_t"], d.get("price_t"),
                                  d.get("grade_code"), d.get("delivery_from"), d.get("delivery_to"),
                                  d.get("price_basis", "flat"), d.get("futures_month"), d.get("basis_t"),
                                  user=current_user())
    return model_to_dict(c), 201


@bp.route("/contracts/<int:contract_id>/price", methods=["POST"])
@json_response
@require_role("marketing")
@transactional
def price_contract(contract_id):
    return model_to_dict(marketing.price_basis_contract(contract_id, body()["futures_price_t"]))


@bp.route("/contracts/<int:contract_id>/deliveries", methods=["POST"])
@json_response
@require_role("marketing", "site_manager")
@transactional
def add_delivery(contract_id):
    d = body()
    dlv = marketing.record_delivery(contract_id, d["bin_id"], int(d["net_kg"]), d.get("carrier_ref"),
                                    d.get("shipped_on"))
    return model_to_dict(dlv), 201


@bp.route("/deliveries/<int:delivery_id>/outturn", methods=["POST"])
@json_response
@transactional
def outturn(delivery_id):
    d = body()
    return model_to_dict(marketing.record_destination_outturn(delivery_id, d["dest_weight_kg"],
                                                              d.get("dest_grade_code")))


@bp.route("/contracts/<int:contract_id>/invoice", methods=["POST"])
@json_response
@require_role("finance", "marketing")
@transactional
def invoice(contract_id):
    inv = marketing.invoice_buyer(contract_id, current_user())
    if inv is None:
        return {"message": "nothing to invoice"}
    return model_to_dict(inv), 201


@bp.route("/invoices/<int:invoice_id>/paid", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def invoice_paid(invoice_id):
    get_or_404(BuyerInvoice, invoice_id)
    return model_to_dict(marketing.mark_invoice_paid(invoice_id, (request.get_json(silent=True) or {}).get("paid_on")))


@bp.route("/quotes", methods=["POST"])
@json_response
@transactional
def add_quote():
    d = body()
    q = marketing.capture_quote(d["commodity"], d["price_t"], d.get("grade_code"), d.get("buyer"),
                                d.get("delivery_month"), d.get("basis_t"), d.get("source", "phone"))
    return model_to_dict(q), 201


@bp.route("/position", methods=["GET"])
@json_response
def position():
    return {"items": marketing.uncommitted_stock_by_grade(request.args.get("commodity"))}


@bp.route("/contracts/<contract_no>", methods=["GET"])
@json_response
def contract_detail(contract_no):
    repo = ContractRepository()
    c = repo.by_number(contract_no) or get_or_404(SalesContract, -1)
    d = model_to_dict(c)
    d["delivered_kg"] = repo.delivered_kg(c.id)
    d["deliveries"] = [model_to_dict(x) for x in c.deliveries]
    return d


@bp.route("/pools", methods=["GET"])
@json_response
def pools():
    # finance reads this too; TODO move to /finance
    q = db_session.query(Pool)
    if request.args.get("crop_year"):
        q = q.filter(Pool.crop_year == int(request.args["crop_year"]))
    return {"items": [model_to_dict(p) for p in q.all()]}


@bp.route("/pools/refresh", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def refresh_pools():
    updated = marketing.refresh_pool_prices(int(body()["crop_year"]))
    return {"updated": [p.id for p in updated]}
