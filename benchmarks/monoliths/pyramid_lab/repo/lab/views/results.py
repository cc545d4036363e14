"""Bench screens: worksheets, batches, QC and review/approval."""
from pyramid.view import view_config
from sqlalchemy import select, and_, text

from lab.db import rows_to_dicts
from lab.db.tables import order_items, samples, analyses, results
from lab.lib import InvalidInput
from lab.lib.decorators import json_errors, require_permission, timed
from lab.lib.formatting import format_result_value
from lab.lib.misc import safe_int
from lab.repositories import instruments as instrument_repo
from lab.repositories import orders as order_repo
from lab.repositories import results as result_repo
from lab.schemas import load_or_raise
from lab.schemas.results import WorksheetSchema, ReviewActionSchema, BatchSchema, QCCheckSchema
from lab.services import service_for
from lab.services.result_service import (
    ResultService,
    import_instrument_export,
    recalculate_qc_limits,
)
from lab.views.base import json_body


def _pending_work_query(analysis_id=None, department=None):
    # raw join across orders/samples - this is the bench "to do" list
    q = (select([order_items.c.id.label("order_item_id"), samples.c.id.label("sample_id"),
                 samples.c.lab_number, samples.c.matrix, samples.c.priority, samples.c.received_at,
                 analyses.c.id.label("analysis_id"), analyses.c.code, analyses.c.name])
         .select_from(order_items.join(samples, samples.c.id == order_items.c.sample_id)
                      .join(analyses, analyses.c.id == order_items.c.analysis_id))
         .where(and_(order_items.c.status == "pending", samples.c.status.in_(["received", "in_progress"]))))
    if analysis_id:
        q = q.where(analyses.c.id == analysis_id)
    if department:
        q = q.where(analyses.c.department == department)
    return q.order_by(samples.c.priority.desc(), samples.c.received_at)


@view_config(route_name="worksheet", renderer="lab:templates/results/worksheet.jinja2", permission="bench")
@timed("worksheet_view")
def worksheet_view(request):
    analysis_id = safe_int(request.params.get("analysis_id"))
    rows = request.db.execute(_pending_work_query(analysis_id, request.params.get("department"))).fetchall()
    instruments = instrument_repo.instruments_for_analysis(request.db, analysis_id) if analysis_id else []
    return {"rows": rows, "instruments": instruments, "analyses": order_repo.list_analyses(request.db)}


@view_config(route_name="worksheet_submit", request_method="POST", renderer="json", permission="bench")
@json_errors
def worksheet_submit(request):
    data = load_or_raise(WorksheetSchema(), json_body(request))
    svc = service_for(request, ResultService)
    ids, errors = [], []
    for entry in data["results"]:
        try:
            ids.append(svc.enter_result(**entry))
        except InvalidInput as exc:
            errors.append({"sample_id": entry["sample_id"], "error": exc.message})
    return {"created": ids, "errors": errors}


@view_config(route_name="review_queue", renderer="lab:templates/results/review.jinja2", permission="review")
def review_queue(request):
    status = request.params.get("status", "entered")
    rows = result_repo.results_awaiting_review(request.db, request.params.get("department"), status)
    out = []
    for r in rows:
        a = order_repo.get_analysis(request.db, r.analysis_id)
        out.append({
            "result": r,
            "display": format_result_value(r.value, r.qualifier, a.decimals, a.loq, a.lod),
            "flags": result_repo.flags_for_result(request.db, r.id),
        })
    return {"results": out, "status": status}


@view_config(route_name="review_action", request_method="POST", renderer="json", permission="review")
@json_errors
def review_action(request):
    data = load_or_raise(ReviewActionSchema(), json_body(request))
    svc = service_for(request, ResultService)
    done = []
    for rid in data["result_ids"]:
        if data["action"] == "review":
            svc.review(rid)
        elif data["action"] == "approve":
            svc.approve(rid)
        elif data["action"] == "reject":
            svc.reject(rid, data["reason"], rerun=False)
        else:
            svc.reject(rid, data["reason"], rerun=True)
        done.append(rid)
    return {"done": done}


@view_config(route_name="result_flags_clear", request_method="POST", renderer="json", permission="review")
@json_errors
def clear_flags_view(request):
    service_for(request, ResultService).clear_flags(int(request.matchdict["result_id"]),
                                                    json_body(request).get("justification", ""))
    return {"ok": True}


@view_config(route_name="batches", renderer="lab:templates/results/batches.jinja2", permission="bench")
def batch_list(request):
    mine = request.params.get("mine")
    return {"batches": result_repo.open_batches(request.db, request.user.id if mine else None)}


@view_config(route_name="batch_new", request_method="POST", renderer="json", permission="bench")
@json_errors
def batch_new(request):
    data = load_or_raise(BatchSchema(), json_body(request))
    batch_id, number = service_for(request, ResultService).open_batch(
        data["analysis_id"], data["instrument_id"], data["sample_ids"])
    return {"id": batch_id, "batch_number": number}


@view_config(route_name="batch_detail", renderer="lab:templates/results/batch.jinja2", permission="bench")
def batch_detail(request):
    batch = result_repo.get_batch(request.db, int(request.matchdict["batch_id"]))
    return {
        "batch": batch,
        "samples": result_repo.batch_sample_rows(request.db, batch.id),
        "qc": result_repo.qc_checks_for_batch(request.db, batch.id),
        "lots": instrument_repo.reagent_lots_for_instrument(request.db, batch.instrument_id),
    }


@view_config(route_name="batch_qc", request_method="POST", renderer="json", permission="bench")
@json_errors
def batch_qc_submit(request):
    data = load_or_raise(QCCheckSchema(), json_body(request))
    qc_id, status, problems = service_for(request, ResultService).record_qc(
        int(request.matchdict["batch_id"]), data["qc_type"], data.get("expected"), data["measured"],
        data.get("duplicate_of"))
    return {"id": qc_id, "qc_status": status, "problems": problems}


@view_config(route_name="batch_close", request_method="POST", renderer="json", permission="bench")
@json_errors
def batch_close(request):
    status, problems = service_for(request, ResultService).close_batch(int(request.matchdict["batch_id"]))
    return {"qc_status": status, "problems": problems}


@view_config(route_name="batch_import", request_method="POST", renderer="json", permission="bench")
@json_errors
def batch_import(request):
    upload = request.POST["file"]
    created, skipped = import_instrument_export(request.db, request.user.id, int(request.matchdict["batch_id"]),
                                                upload.file, fmt=request.POST.get("format", "generic"))
    return {"created": len(created), "skipped": skipped}


@view_config(route_name="qc_chart", renderer="json", permission="view")
def qc_chart_json(request):
    analysis_id = int(request.params["analysis_id"])
    qc_type = request.params.get("qc_type", "crm")
    history = result_repo.qc_history(request.db, analysis_id, qc_type, limit=safe_int(request.params.get("n"), 50))
    limits = result_repo.get_qc_limits(request.db, analysis_id, qc_type)
    return {"points": rows_to_dicts(history), "limits": dict(limits) if limits else None}


@view_config(route_name="qc_limits_recalc", request_method="POST", renderer="json", permission="quality")
@require_permission("quality.limits")
@json_errors
def qc_limits_recalc(request):
    mean, sd = recalculate_qc_limits(request.db, int(request.POST["analysis_id"]), request.POST["qc_type"])
    return {"mean": mean, "sd": sd}


@view_config(route_name="result_history", renderer="lab:templates/results/history.jinja2", permission="view")
def result_history(request):
    sql = text(
        "SELECT r.*, s.full_name AS analyst FROM results r LEFT JOIN staff s ON s.id = r.analyst_id "
        "WHERE r.sample_id = :sid AND r.analysis_id = :aid ORDER BY r.id"
    )
    rows = request.db.execute(sql, sid=int(request.params["sample_id"]),
                              aid=int(request.params["analysis_id"])).fetchall()
    return {"history": rows}
