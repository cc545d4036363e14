from flask import Blueprint, Response, g, request

from cellar.auth import login_required, role_required
from cellar.db import get_or_404
from cellar.models.base import model_to_dict
from cellar.models.finance import Invoice
from cellar.services import billing_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response
from cellar.utils.pdf import render_pdf

bp = Blueprint("invoices", __name__, url_prefix="/api/invoices")


@bp.route("/")
@role_required("accounts", "sales")
@json_response
def list_invoices():
    q = Invoice.query
    if request.args.get("customer_id"):
        q = q.filter_by(customer_id=int(request.args["customer_id"]))
    if request.args.get("overdue"):
        return [model_to_dict(i) for i in billing_service.invoices.overdue()]
    return [model_to_dict(i) for i in q.order_by(Invoice.id.desc()).limit(200)]


@bp.route("/<int:invoice_id>.pdf")
@login_required
def invoice_pdf(invoice_id):
    inv = get_or_404(Invoice, invoice_id)
    return Response(render_pdf("invoice.html", invoice=inv), mimetype="application/pdf")


@bp.route("/<int:invoice_id>/issue", methods=["POST"])
@role_required("accounts")
@json_response
def issue(invoice_id):
    return model_to_dict(billing_service.issue_invoice(invoice_id, user_id=g.user.id))


@bp.route("/<int:invoice_id>/credit", methods=["POST"])
@role_required("accounts")
@json_response
def credit(invoice_id):
    d = request.get_json()
    cn = billing_service.issue_credit_note(invoice_id, d["amount"], d["reason"], g.user.id)
    return model_to_dict(cn), 201


@bp.route("/payments", methods=["POST"])
@role_required("accounts")
@json_response
def payment():
    d = request.get_json()
    p = billing_service.record_payment(d["customer_id"], d["amount"], d.get("method", "bacs"),
                                       d.get("reference"), d.get("invoice_id"),
                                       parse_date(d.get("received_on")))
    return model_to_dict(p), 201


@bp.route("/gocardless/webhook", methods=["POST"])
def gocardless_webhook():
    # TODO verify signature!! (Webhook-Signature header)
    for event in request.get_json().get("events", []):
        if event.get("resource_type") == "payments" and event.get("action") == "confirmed":
            meta = event.get("metadata", {})
            billing_service.record_payment(int(meta["customer_id"]), meta["amount"], "gocardless",
                                           event["links"]["payment"], meta.get("invoice_id"))
    return "", 204
