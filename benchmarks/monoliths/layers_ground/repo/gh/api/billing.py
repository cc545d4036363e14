from flask import Blueprint, request

from gh.api.auth import roles_required
from gh.models.billing import Invoice, Contract, ContractRate
from gh.repositories.commercial import AirlineRepository
from gh.services import billing_service
from gh.utils.db_helpers import get_or_404
from gh.utils.decorators import json_endpoint
from gh.utils.export import csv_response
from gh.utils.money import format_money

bp = Blueprint("billing", __name__, url_prefix="/api/billing")


def invoice_to_dict(inv):
    return {"id": inv.id, "number": inv.number, "airline": inv.airline.iata_code, "status": inv.status,
            "period": [str(inv.period_start), str(inv.period_end)],
            "net": str(inv.net_total), "vat": str(inv.vat_total),
            "gross": format_money(inv.gross_total, inv.airline.currency)}


@bp.route("/invoices")
@roles_required("finance")
@json_endpoint
def list_invoices():
    q = Invoice.query.order_by(Invoice.id.desc())
    if request.args.get("status"):
        q = q.filter_by(status=request.args["status"])
    return [invoice_to_dict(i) for i in q.limit(200).all()]


@bp.route("/invoices/generate", methods=["POST"])
@roles_required("finance")
@json_endpoint
def generate():
    d = request.get_json()
    airline = AirlineRepository().by_iata(d["airline"])
    inv = billing_service.generate_invoice(airline.id, int(d["year"]), int(d["month"]))
    if inv is None:
        return {"error": "already invoiced or no contract"}, 409
    return invoice_to_dict(inv), 201


@bp.route("/invoices/<int:invoice_id>/issue", methods=["POST"])
@roles_required("finance")
@json_endpoint
def issue(invoice_id):
    return invoice_to_dict(billing_service.issue_invoice(invoice_id))


@bp.route("/invoices/<int:invoice_id>/payments", methods=["POST"])
@roles_required("finance")
@json_endpoint
def add_payment(invoice_id):
    d = request.get_json()
    inv = billing_service.register_payment(invoice_id, d["amount"], None, d.get("bank_ref"))
    return invoice_to_dict(inv)


@bp.route("/invoices/<int:invoice_id>/lines.csv")
@roles_required("finance")
def invoice_lines_csv(invoice_id):
    inv = get_or_404(Invoice, invoice_id)
    return csv_response(inv.lines.all(), ["service_code", "description", "quantity", "unit_price", "amount"],
                        "%s.csv" % (inv.number or inv.id))


@bp.route("/contracts/<int:contract_id>/rates", methods=["PUT"])
@roles_required("finance")
@json_endpoint
def set_rates(contract_id):
    from gh.extensions import db
    contract = get_or_404(Contract, contract_id)
    for code, price in (request.get_json() or {}).items():
        r = ContractRate.query.filter_by(contract_id=contract.id, service_code=code).first()
        if r is None:
            r = ContractRate(contract_id=contract.id, service_code=code)
            db.session.add(r)
        r.price = price
    db.session.commit()
    return {"ok": True}
