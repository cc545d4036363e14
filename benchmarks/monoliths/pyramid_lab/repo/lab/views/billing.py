from pyramid.view import view_config
from pyramid.httpexceptions import HTTPFound
from sqlalchemy import text

from lab.db import paginate
from lab.lib.dates import today
from lab.lib.decorators import json_errors, require_permission
from lab.lib.formatting import format_money
from lab.repositories import billing as billing_repo
from lab.repositories import clients as client_repo
from lab.schemas import load_or_raise
from lab.schemas.orders import InvoiceFilterSchema, PaymentSchema, CreditNoteSchema
from lab.services import invoice_service, service_for
from lab.services.invoice_service import CreditNoteService
from lab.views.base import json_body, csv_response


@view_config(route_name="invoices", renderer="lab:templates/billing/invoices.jinja2", permission="finance")
def invoice_list(request):
    f = load_or_raise(InvoiceFilterSchema(), dict(request.params))
    q = billing_repo.list_invoices(request.db, f.get("client_id"), f.get("status"), f.get("date_from"),
                                   f.get("date_to"))
    rows, total = paginate(request.db, q, f["page"], 100)
    return {"invoices": rows, "total": total, "filters": f}


@view_config(route_name="invoice_detail", renderer="lab:templates/billing/invoice.jinja2", permission="finance")
def invoice_detail(request):
    inv = billing_repo.get_invoice(request.db, int(request.matchdict["invoice_id"]))
    return {
        "invoice": inv,
        "client": client_repo.ClientRepository(request.db).get(inv.client_id),
        "lines": billing_repo.invoice_lines_for(request.db, inv.id),
        "payments": billing_repo.payments_for_invoice(request.db, inv.id),
        "credits": billing_repo.credits_for_invoice(request.db, inv.id),
        "paid": format_money(billing_repo.amount_paid(request.db, inv.id), inv.currency),
    }


@view_config(route_name="invoice_create", request_method="POST", renderer="json", permission="finance")
@json_errors
def invoice_create(request):
    invoice_id, number = invoice_service.invoice_order(request.db, int(request.matchdict["order_id"]),
                                                       request.user.id, issue=False)
    return {"id": invoice_id, "invoice_number": number}


@view_config(route_name="invoice_issue", request_method="POST", permission="finance")
def invoice_issue(request):
    invoice_service.issue_invoice(request.db, int(request.matchdict["invoice_id"]),
                                  send=request.POST.get("send") == "1")
    return HTTPFound(request.route_url("invoice_detail", invoice_id=request.matchdict["invoice_id"]))


@view_config(route_name="invoice_payment", request_method="POST", renderer="json", permission="finance")
@json_errors
def payment_submit(request):
    data = load_or_raise(PaymentSchema(), json_body(request))
    invoice_service.apply_payment(request.db, int(request.matchdict["invoice_id"]), data["amount"],
                                  data.get("received_on"), data["method"], data.get("reference"))
    return {"ok": True}


@view_config(route_name="invoice_credit", request_method="POST", renderer="json", permission="finance")
@require_permission("finance.credit")
@json_errors
def credit_note_submit(request):
    data = load_or_raise(CreditNoteSchema(), json_body(request))
    cn_id, number = service_for(request, CreditNoteService).raise_credit(
        int(request.matchdict["invoice_id"]), data["amount"], data["reason"])
    return {"id": cn_id, "credit_number": number}


@view_config(route_name="price_list", renderer="lab:templates/billing/prices.jinja2", permission="finance")
def price_list_view(request):
    code = request.params.get("list", "STD")
    return {"list_code": code, "prices": billing_repo.list_price_list(request.db, code)}


@view_config(route_name="price_save", request_method="POST", renderer="json", permission="finance")
@json_errors
def price_save(request):
    body = json_body(request)
    billing_repo.save_price(request.db, body.get("list_code", "STD"), body["unit_price"],
                            analysis_id=body.get("analysis_id"), panel_id=body.get("panel_id"))
    return {"ok": True}


@view_config(route_name="invoice_run", request_method="POST", renderer="json", permission="finance")
@json_errors
def invoice_run_view(request):
    created, errors = invoice_service.monthly_invoice_run(request.db, request.user.id)
    return {"created": [n for _, n in created], "errors": errors}


AGED_DEBT_SQL = """
SELECT c.code, c.name,
  SUM(CASE WHEN i.due_on >= :today THEN i.gross_total ELSE 0 END) AS current,
  SUM(CASE WHEN i.due_on < :today AND i.due_on >= :today - 30 THEN i.gross_total ELSE 0 END) AS d30,
  SUM(CASE WHEN i.due_on < :today - 30 AND i.due_on >= :today - 60 THEN i.gross_total ELSE 0 END) AS d60,
  SUM(CASE WHEN i.due_on < :today - 60 THEN i.gross_total ELSE 0 END) AS d90
FROM invoices i JOIN clients c ON c.id = i.client_id
WHERE i.status IN ('issued', 'part_paid')
GROUP BY c.code, c.name
ORDER BY c.code
"""


@view_config(route_name="aged_debt", renderer="lab:templates/billing/aged_debt.jinja2", permission="finance")
def aged_debt_report(request):
    # NB: ignores part payments, see FIXME in client_outstanding_balance
    rows = request.db.execute(text(AGED_DEBT_SQL), today=today()).fetchall()
    if request.params.get("format") == "csv":
        return csv_response(["Code", "Client", "Current", "30", "60", "90+"],
                            [(r.code, r.name, r.current, r.d30, r.d60, r.d90) for r in rows], "aged_debt.csv")
    return {"rows": rows}
