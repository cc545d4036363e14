"""Customer accounts and their invoices/payments.

One blueprint because the finance portal and the CRM screen were built by the
same contractor in 2019.
"""
from flask import Blueprint, Response, request

from freightly.api import ApiError, current_user, get_json_or_400, pagination_args
from freightly.extensions import db_session
from freightly.models import model_to_dict
from freightly.repositories.customer_repo import ContactRepository, CustomerRepository
from freightly.repositories.invoice_repo import InvoiceRepository
from freightly.services import billing_service, customer_service
from freightly.services.notifications import send_invoice
from freightly.utils.db import paginate
from freightly.utils.decorators import json_endpoint, require_api_key
from freightly.utils.money import format_money

bp = Blueprint("accounts", __name__)


# ---------------------------------------------------------------- customers

@bp.route("/customers", methods=["GET"])
@require_api_key
@json_endpoint
def list_customers():
    term = request.args.get("q")
    if term:
        return [model_to_dict(c) for c in customer_service.search_customers(term)]
    page, per_page = pagination_args()
    result = paginate(CustomerRepository().query(), page, per_page)
    result["items"] = [model_to_dict(c) for c in result["items"]]
    return result


@bp.route("/customers", methods=["POST"])
@require_api_key
@json_endpoint
def create_customer():
    c = customer_service.create_customer(get_json_or_400())
    return model_to_dict(c), 201


@bp.route("/customers/<int:customer_id>", methods=["GET"])
@require_api_key
@json_endpoint
def get_customer(customer_id):
    return customer_service.customer_overview(customer_id)


@bp.route("/customers/<int:customer_id>", methods=["PATCH"])
@require_api_key
@json_endpoint
def update_customer(customer_id):
    return model_to_dict(customer_service.update_customer(customer_id, get_json_or_400()))


@bp.route("/customers/<int:customer_id>/contacts", methods=["GET", "POST"])
@require_api_key
@json_endpoint
def customer_contacts(customer_id):
    if request.method == "POST":
        c = customer_service.add_contact(CustomerRepository().get_or_404(customer_id),
                                         get_json_or_400())
        db_session.commit()
        return model_to_dict(c), 201
    return [model_to_dict(c) for c in ContactRepository().find_by(customer_id=customer_id)]


@bp.route("/customers/<int:customer_id>/credit-limit", methods=["PUT"])
@require_api_key
@json_endpoint
def set_credit_limit(customer_id):
    d = get_json_or_400()
    limit = customer_service.set_credit_limit(customer_id, d["amount"], d.get("currency", "EUR"),
                                              bool(d.get("insured")), approved_by=current_user())
    return model_to_dict(limit)


@bp.route("/customers/<int:customer_id>/block", methods=["POST"])
@require_api_key
@json_endpoint
def block_customer(customer_id):
    d = get_json_or_400()
    return model_to_dict(customer_service.block_customer(customer_id, d.get("reason", "")))


# ---------------------------------------------------------------- invoices

@bp.route("/customers/<int:customer_id>/statement", methods=["GET"])
@require_api_key
@json_endpoint
def customer_statement(customer_id):
    return billing_service.customer_statement(customer_id)


@bp.route("/invoices", methods=["GET"])
@require_api_key
@json_endpoint
def list_invoices():
    customer_id = request.args.get("customer_id", type=int)
    if not customer_id:
        raise ApiError("customer_id is required")
    status = request.args.getlist("status") or None
    return [billing_service.invoice_to_dict(i)
            for i in InvoiceRepository().for_customer(customer_id, status)]


@bp.route("/invoices/<int:invoice_id>", methods=["GET"])
@require_api_key
@json_endpoint
def get_invoice(invoice_id):
    return billing_service.invoice_to_dict(InvoiceRepository().get_or_404(invoice_id))


@bp.route("/invoices/from-shipment/<int:shipment_id>", methods=["POST"])
@require_api_key
@json_endpoint
def invoice_shipment(shipment_id):
    inv = billing_service.create_invoice_for_shipment(shipment_id)
    db_session.commit()
    return billing_service.invoice_to_dict(inv), 201


@bp.route("/invoices/<int:invoice_id>/issue", methods=["POST"])
@require_api_key
@json_endpoint
def issue_invoice(invoice_id):
    inv = billing_service.finalize_invoice(invoice_id)
    if (request.get_json(silent=True) or {}).get("send", True):
        send_invoice(inv)
    return billing_service.invoice_to_dict(inv)


@bp.route("/invoices/<int:invoice_id>/void", methods=["POST"])
@require_api_key
@json_endpoint
def void_invoice(invoice_id):
    d = get_json_or_400()
    return billing_service.invoice_to_dict(billing_service.void_invoice(invoice_id,
                                                                        d.get("reason")))


@bp.route("/invoices/<int:invoice_id>/credit-note", methods=["POST"])
@require_api_key
@json_endpoint
def credit_note(invoice_id):
    d = get_json_or_400()
    inv = InvoiceRepository().get_or_404(invoice_id)
    cn = billing_service.issue_credit_note(inv.customer_id, d["amount"], d.get("reason"),
                                           invoice_id=inv.id, currency=inv.currency)
    db_session.commit()
    return model_to_dict(cn), 201


@bp.route("/payments", methods=["POST"])
@require_api_key
@json_endpoint
def record_payment():
    d = get_json_or_400()
    p = billing_service.record_payment(d["customer_id"], d["amount"], d.get("received_on"),
                                       d.get("currency", "EUR"), d.get("method", "wire"),
                                       d.get("bank_reference"), d.get("payer_iban"))
    return model_to_dict(p), 201


@bp.route("/invoices/<int:invoice_id>/print", methods=["GET"])
@require_api_key
def invoice_printout(invoice_id):
    """Plain text printout. The PDF service is separate (and usually down)."""
    inv = InvoiceRepository().get_or_404(invoice_id)
    lines = ["INVOICE %s" % (inv.number or "DRAFT"), "Date: %s" % inv.issue_date, ""]
    for l in inv.lines:
        lines.append("%-6s %-50s %15s" % (l.charge_code, (l.description or "")[:50],
                                          format_money(l.amount, inv.currency)))
    lines.append("")
    lines.append("%-57s %15s" % ("Net", format_money(inv.net_amount, inv.currency)))
    lines.append("%-57s %15s" % ("VAT", format_money(inv.tax_amount, inv.currency)))
    lines.append("%-57s %15s" % ("Total", format_money(inv.total_amount, inv.currency)))
    return Response("\n".join(lines), mimetype="text/plain")
