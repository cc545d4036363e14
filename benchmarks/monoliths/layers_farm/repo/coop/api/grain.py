"""/api/grain -- the scale house and bin screens."""
from flask import Blueprint, request

from coop.api import body, current_user
from coop.extensions import db_session
from coop.models import (Bin, DiscountSchedule, FumigationLog, IntakeTicket,
                         StockMovement)
from coop.models.base import model_to_dict
from coop.repositories.grain import BinRepository, IntakeTicketRepository
from coop.services import grain_handling
from coop.utils.db import get_or_404
from coop.utils.decorators import json_response, log_timing, require_role, transactional
from coop.utils.helpers import grade_label

bp = Blueprint("grain", __name__)


def _ticket_json(t):
    d = model_to_dict(t, exclude=("created_by", "updated_by"))
    d["grade_label"] = grade_label(t.commodity, t.grade_code) if t.grade_code else None
    d["member"] = t.member.grower_code if t.member else None
    return d


# ---------------------------------------------------------------- scale house

@bp.route("/sites/<site_code>/tickets", methods=["GET"])
@json_response
def open_tickets(site_code):
    site = BinRepository().site_by_code(site_code)
    return {"items": [_ticket_json(t) for t in IntakeTicketRepository().open_at_site(site.id)]}


@bp.route("/sites/<site_code>/tickets", methods=["POST"])
@json_response
@require_role("scale")
@transactional
def new_ticket(site_code):
    data = body()
    t = grain_handling.open_intake_ticket(site_code, data["grower_code"], data["commodity"],
                                          data.get("truck_plate"), data.get("field_id"),
                                          user=current_user())
    if data.get("gross_kg"):
        grain_handling.record_weights(t.id, gross_kg=data["gross_kg"])
    return _ticket_json(t), 201


@bp.route("/tickets/<int:ticket_id>/weights", methods=["POST"])
@json_response
@require_role("scale")
@transactional
def weights(ticket_id):
    data = body()
    t = grain_handling.record_weights(ticket_id, data.get("gross_kg"), data.get("tare_kg"))
    return _ticket_json(t)


@bp.route("/tickets/<int:ticket_id>/grade", methods=["POST"])
@json_response
@require_role("grader", "scale")
@transactional
def grade(ticket_id):
    data = body()
    t = grain_handling.grade_ticket(ticket_id, data, grader=current_user(),
                                    appeal=bool(data.get("appeal")))
    return _ticket_json(t)


@bp.route("/tickets/<int:ticket_id>/reject", methods=["POST"])
@json_response
@require_role("grader")
@transactional
def reject(ticket_id):
    data = body()
    return _ticket_json(grain_handling.reject_load(ticket_id, data["reason"], data.get("detail"),
                                                   current_user()))


@bp.route("/tickets/<int:ticket_id>/finalize", methods=["POST"])
@json_response
@require_role("scale")
@transactional
def finalize(ticket_id):
    data = request.get_json(silent=True) or {}
    return _ticket_json(grain_handling.finalize_ticket(ticket_id, data.get("bin"), current_user()))


@bp.route("/tickets/<int:ticket_id>/void", methods=["POST"])
@json_response
@require_role("site_manager")
@transactional
def void(ticket_id):
    return _ticket_json(grain_handling.void_ticket(ticket_id, body().get("reason"), current_user()))


@bp.route("/tickets/<ticket_no>", methods=["GET"])
@json_response
def ticket_detail(ticket_no):
    t = IntakeTicketRepository().by_number(ticket_no)
    d = _ticket_json(t)
    d["samples"] = [model_to_dict(s) for s in t.samples]
    return d


@bp.route("/discount-schedules", methods=["GET"])
@json_response
def discount_schedules():
    q = db_session.query(DiscountSchedule)
    for key in ("commodity", "crop_year"):
        if request.args.get(key):
            q = q.filter(getattr(DiscountSchedule, key) == request.args[key])
    return {"items": [model_to_dict(r) for r in q.all()]}


# ---------------------------------------------------------------- bins

@bp.route("/bins", methods=["GET"])
@json_response
@log_timing
def bins():
    return {"items": grain_handling.bin_inventory(request.args.get("site_id", type=int))}


@bp.route("/bins/<int:bin_id>/movements", methods=["GET"])
@json_response
def bin_movements(bin_id):
    get_or_404(Bin, bin_id)
    rows = (db_session.query(StockMovement).filter_by(bin_id=bin_id)
            .order_by(StockMovement.moved_at.desc()).limit(200).all())
    return {"items": [model_to_dict(r) for r in rows]}


@bp.route("/bins/transfer", methods=["POST"])
@json_response
@require_role("site_manager")
@transactional
def transfer():
    data = body()
    x = grain_handling.transfer_between_bins(data["from_bin_id"], data["to_bin_id"], int(data["qty_kg"]),
                                             data.get("reason", "consolidation"), current_user())
    return model_to_dict(x), 201


@bp.route("/bins/<int:bin_id>/fumigations", methods=["POST"])
@json_response
@require_role("site_manager")
@transactional
def fumigate(bin_id):
    data = body()
    f = grain_handling.record_fumigation(bin_id, data["dose_g_per_t"], data["licence"], data.get("pest"))
    return model_to_dict(f), 201


@bp.route("/bins/<int:bin_id>/fumigations", methods=["GET"])
@json_response
def fumigation_history(bin_id):
    rows = db_session.query(FumigationLog).filter_by(bin_id=bin_id).all()
    return {"items": [model_to_dict(r) for r in rows]}


@bp.route("/bins/<int:bin_id>/count", methods=["POST"])
@json_response
@require_role("site_manager")
@transactional
def stock_count(bin_id):
    data = body()
    c = grain_handling.reconcile_stock_count(bin_id, int(data["measured_kg"]), data.get("method", "dipstick"),
                                             current_user(), post=bool(data.get("post")))
    return model_to_dict(c), 201


@bp.route("/bins/<int:bin_id>/tickets", methods=["GET"])
@json_response
def tickets_in_bin(bin_id):
    # who delivered into this bin (for quality traceback)
    rows = db_session.query(IntakeTicket).filter_by(bin_id=bin_id).order_by(IntakeTicket.closed_at).all()
    return {"items": [_ticket_json(t) for t in rows]}
