from flask import Blueprint, request, send_file

from wastecorp.api import error_response, json_body, page_args
from wastecorp.models import model_to_dict
from wastecorp.repositories.invoice_repo import InvoiceRepository, aged_debt_rows
from wastecorp.extensions import db
from wastecorp.services import billing_service
from wastecorp.services.billing_service import BillingError
from wastecorp.utils.dates import parse_date, today, previous_month, month_bounds
from wastecorp.utils.decorators import json_response, login_required, roles_required
from wastecorp.utils.money import format_money

bp = Blueprint("billing", __name__)
invoices = InvoiceRepository()


def _invoice_json(inv, lines=False):
    d = model_to_dict(inv)
    d["outstanding"] = format_money(inv.outstanding)
    if lines:
        d["lines"] = [model_to_dict(l) for l in inv.lines]
    return d


@bp.route("/invoices", methods=["GET"])
@login_required
@json_response
def list_invoices():
    page, per_page = page_args()
    q = invoices.query()
    if request.args.get("customer_id"):
        q = q.filter_by(customer_id=int(request.args["customer_id"]))
    if request.args.get("status"):
        q = q.filter_by(status=request.args["status"])
    return invoices.paginate(q.order_by(invoices.model.id.desc()), page, per_page) \
        .as_dict(_invoice_json)


@bp.route("/invoices/<invoice_no>", methods=["GET"])
@login_required
@json_response
def invoice_detail(invoice_no):
    inv = invoices.by_number(invoice_no)
    if inv is None:
        return {"error": "not found"}, 404
    return _invoice_json(inv, lines=True)


@bp.route("/runs", methods=["POST"])
@roles_required("finance")
def run_billing_view():
    data = json_body()
    if data.get("period_start"):
        start, end = parse_date(data["period_start"]), parse_date(data["period_end"])
    else:
        start, end = month_bounds(*previous_month())
    try:
        run = billing_service.start_billing_run(start, end, request.headers.get("X-User"))
        run, errors = billing_service.generate_invoices_for_run(run)
    except BillingError as exc:
        return error_response(str(exc), 409)
    return {"run_id": run.id, "invoices": run.invoice_count,
            "errors": [{"contract": c, "error": e} for c, e in errors]}, 201


@bp.route("/runs/<int:run_id>/post", methods=["POST"])
@roles_required("finance")
@json_response
def post_run_view(run_id):
    return {"posted": billing_service.post_all_drafts(run_id, request.headers.get("X-User"))}


@bp.route("/invoices/<int:invoice_id>/void", methods=["POST"])
@roles_required("finance")
def void_invoice_view(invoice_id):
    try:
        inv = billing_service.void_invoice(invoice_id, json_body().get("reason"),
                                           request.headers.get("X-User"))
    except BillingError as exc:
        return error_response(str(exc))
    return _invoice_json(inv)


@bp.route("/payments", methods=["POST"])
@roles_required("finance", "credit_control")
def post_payment_view():
    d = json_body()
    try:
        pay = billing_service.apply_payment(d["customer_id"], d["amount"], d["reference"],
                                            d.get("method", "BACS"), d.get("invoice_no"),
                                            parse_date(d.get("received_on")))
    except BillingError as exc:
        return error_response(str(exc))
    return model_to_dict(pay), 201


@bp.route("/payments/bank-statement", methods=["POST"])
@roles_required("finance")
@json_response
def bank_statement_view():
    text = request.files["file"].read().decode("utf-8-sig")
    imported, skipped = billing_service.import_bank_statement(text)
    return {"imported": imported, "skipped": skipped}


@bp.route("/invoices/<int:invoice_id>/credit", methods=["POST"])
@roles_required("finance", "credit_control")
@json_response
def credit_note_view(invoice_id):
    d = json_body()
    cn = billing_service.issue_credit_note(invoice_id, d["net_amount"], d.get("reason"))
    return model_to_dict(cn)


@bp.route("/aged-debt", methods=["GET"])
@roles_required("finance", "credit_control")
@json_response
def aged_debt_view():
    as_of = parse_date(request.args.get("as_of")) or today()
    rows = aged_debt_rows(db.session, as_of)
    for r in rows:
        r["due_date"] = r["due_date"].isoformat()
        r["outstanding"] = str(r["outstanding"])
    return {"as_of": as_of.isoformat(), "items": rows}


@bp.route("/dunning", methods=["POST"])
@roles_required("credit_control")
@json_response
def dunning_view():
    return {"sent": billing_service.send_dunning_notices()}


@bp.route("/export/sage", methods=["POST"])
@roles_required("finance")
def export_sage_view():
    path, n = billing_service.export_to_sage()
    if not n:
        return {"exported": 0}
    return send_file(path, as_attachment=True)
