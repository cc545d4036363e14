"""Sample reception desk screens."""
from pyramid.httpexceptions import HTTPFound, HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from lab.db import paginate
from lab.lib.dates import parse_date, format_datetime
from lab.lib.decorators import json_errors, require_permission
from lab.lib.misc import safe_int
from lab.repositories import clients as client_repo
from lab.repositories import orders as order_repo
from lab.repositories import results as result_repo
from lab.repositories import samples as sample_repo
from lab.schemas import load_or_raise
from lab.schemas.samples import SampleReceiptSchema, CustodyTransferSchema, DisposalSchema
from lab.services import service_for
from lab.services.reception_service import ReceptionService, import_samples_csv
from lab.views.base import paginate_params, json_body, csv_response

LABEL_TEMPLATE = (
    "^XA^FO20,20^A0N,30,30^FD{lab_number}^FS"
    "^FO20,60^BY2^BCN,60,Y,N,N^FD{barcode}^FS"
    "^FO20,150^A0N,20,20^FD{client}^FS^XZ"
)


@view_config(route_name="reception", renderer="lab:templates/reception/receive.jinja2", permission="reception")
def receive_form(request):
    return {
        "clients": client_repo.ClientRepository(request.db).active(),
        "panels": order_repo.list_panels(request.db),
        "analyses": order_repo.list_analyses(request.db),
        "locations": sample_repo.storage_summary(request.db),
    }


@view_config(route_name="reception_submit", request_method="POST", renderer="json", permission="reception")
@json_errors
def receive_submit(request):
    svc = service_for(request, ReceptionService)
    body = json_body(request)
    batch_id = safe_int(body.get("receipt_batch_id"))
    if not batch_id and body.get("new_batch"):
        batch_id, _ = svc.open_receipt_batch(courier=body.get("courier"), cooler_temp=body.get("cooler_temp"))
    created = []
    for entry in body.get("samples", []):
        data = load_or_raise(SampleReceiptSchema(), entry)
        sample_id, order_id, warnings = svc.register_sample(data, batch_id=batch_id)
        if entry.get("storage"):
            svc.store(sample_id, entry["storage"])
        created.append({"sample_id": sample_id, "order_id": order_id, "warnings": warnings})
    return {"receipt_batch_id": batch_id, "samples": created}


@view_config(route_name="reception_import", request_method="POST", renderer="json", permission="reception")
@json_errors
def import_csv(request):
    upload = request.POST["file"]
    ref, created = import_samples_csv(request.db, request.user.id, upload.file,
                                      int(request.POST["client_id"]))
    return {"batch": ref, "count": len(created)}


@view_config(route_name="samples", renderer="lab:templates/samples/list.jinja2", permission="view")
def sample_list(request):
    page, per_page = paginate_params(request)
    q = sample_repo.list_samples(
        request.db,
        client_id=safe_int(request.params.get("client_id")),
        status=request.params.get("status") or None,
        received_from=parse_date(request.params.get("from")),
        received_to=parse_date(request.params.get("to")),
        search=request.params.get("q"),
    )
    if request.params.get("format") == "csv":
        rows = request.db.execute(q).fetchall()
        return csv_response(["Lab number", "Client", "Matrix", "Received", "Status"],
                            [(r.lab_number, r.client_name, r.matrix, format_datetime(r.received_at), r.status)
                             for r in rows], "samples.csv")
    rows, total = paginate(request.db, q, page, per_page)
    return {"samples": rows, "total": total, "page": page, "per_page": per_page}


@view_config(route_name="sample_detail", renderer="lab:templates/samples/detail.jinja2", permission="view")
def sample_detail(request):
    sample = sample_repo.get_sample(request.db, int(request.matchdict["sample_id"]))
    return {
        "sample": sample,
        "containers": sample_repo.containers_for(request.db, sample.id),
        "custody": sample_repo.get_custody_chain(request.db, sample.id),
        "order": sample_repo.get_order_for_sample(request.db, sample.id),
        "items": order_repo.items_for_sample(request.db, sample.id),
        "results": result_repo.results_for_sample(request.db, sample.id, current_only=False),
    }


@view_config(route_name="sample_lookup", renderer="json", permission="view")
def barcode_lookup(request):
    sample = sample_repo.get_sample_by_barcode(request.db, request.params.get("code"))
    if sample is None:
        return HTTPNotFound()
    return {"id": sample.id, "lab_number": sample.lab_number, "status": sample.status,
            "url": request.route_url("sample_detail", sample_id=sample.id)}


@view_config(route_name="sample_custody", renderer="lab:templates/samples/custody.jinja2", permission="view")
def custody_view(request):
    sample = sample_repo.get_sample(request.db, int(request.matchdict["sample_id"]))
    return {"sample": sample, "events": sample_repo.get_custody_chain(request.db, sample.id)}


@view_config(route_name="sample_transfer", request_method="POST", renderer="json", permission="reception")
@json_errors
def transfer_view(request):
    data = load_or_raise(CustodyTransferSchema(), json_body(request))
    ev = service_for(request, ReceptionService).transfer(
        int(request.matchdict["sample_id"]), data["to_person"], data["location"], data.get("note"))
    return {"event_id": ev}


@view_config(route_name="sample_store", request_method="POST", renderer="json", permission="reception")
@json_errors
def store_view(request):
    service_for(request, ReceptionService).store(int(request.matchdict["sample_id"]),
                                                 json_body(request)["location"])
    return {"ok": True}


@view_config(route_name="sample_reject", request_method="POST", permission="reception")
@require_permission("reception.reject")
def reject_view(request):
    service_for(request, ReceptionService).reject_sample(
        int(request.matchdict["sample_id"]), request.POST.get("reason", "not specified"),
        notify=request.POST.get("notify") == "1")
    request.session.flash("Sample rejected")
    return HTTPFound(request.route_url("sample_detail", sample_id=request.matchdict["sample_id"]))


@view_config(route_name="storage", renderer="lab:templates/reception/storage.jinja2", permission="view")
def storage_view(request):
    return {"locations": sample_repo.storage_summary(request.db)}


@view_config(route_name="disposals", renderer="lab:templates/reception/disposals.jinja2", permission="reception")
def disposal_list(request):
    return {"due": sample_repo.samples_due_for_disposal(request.db, parse_date(request.params.get("on")))}


@view_config(route_name="disposals_submit", request_method="POST", renderer="json", permission="reception")
@json_errors
def disposal_submit(request):
    data = load_or_raise(DisposalSchema(), json_body(request))
    done = service_for(request, ReceptionService).dispose(
        data["sample_ids"], data["method"], data.get("witness_id"), data.get("certificate_ref"))
    return {"disposed": done}


@view_config(route_name="sample_labels", permission="reception")
def print_labels(request):
    sample = sample_repo.get_sample(request.db, int(request.matchdict["sample_id"]))
    client = client_repo.ClientRepository(request.db).get(sample.client_id)
    zpl = []
    for c in sample_repo.containers_for(request.db, sample.id) or [sample]:
        zpl.append(LABEL_TEMPLATE.format(lab_number=sample.lab_number, barcode=c.barcode,
                                         client=client.code if client else ""))
    return Response(body="\n".join(zpl).encode("ascii", "replace"), content_type="application/zpl")
