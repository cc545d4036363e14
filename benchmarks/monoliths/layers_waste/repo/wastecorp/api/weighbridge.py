from flask import Blueprint, request

from wastecorp.api import error_response, json_body, page_args
from wastecorp.extensions import db
from wastecorp.models import model_to_dict
from wastecorp.models.materials import WeighbridgeTicket, LandfillTaxReturn
from wastecorp.services import weighbridge_service
from wastecorp.services.weighbridge_service import TicketError
from wastecorp.utils.dates import parse_date, today
from wastecorp.utils.decorators import json_response, login_required, roles_required

bp = Blueprint("weighbridge", __name__)


def _ticket_json(t):
    d = model_to_dict(t)
    d["site"] = t.site.code if t.site else None
    d["stream"] = t.waste_stream.code if t.waste_stream else None
    return d


@bp.route("/tickets", methods=["GET"])
@login_required
@json_response
def list_tickets():
    page, per_page = page_args(100)
    day = parse_date(request.args.get("date")) or today()
    q = (db.session.query(WeighbridgeTicket)
         .filter(db.func.date(WeighbridgeTicket.weighed_in_at) == day)
         .order_by(WeighbridgeTicket.weighed_in_at.desc()))
    total = q.count()
    items = q.offset((page - 1) * per_page).limit(per_page).all()
    return {"total": total, "items": [_ticket_json(t) for t in items]}


@bp.route("/tickets/in", methods=["POST"])
@roles_required("weighbridge")
def weigh_in_view():
    d = json_body()
    try:
        t = weighbridge_service.weigh_in(d["site"], d["stream"], int(d["gross_kg"]),
                                         d.get("vehicle_reg"), d.get("customer_id"),
                                         d.get("schedule_id"), request.headers.get("X-User"))
    except (TicketError, KeyError, ValueError) as exc:
        return error_response(str(exc))
    return _ticket_json(t), 201


@bp.route("/tickets/<ticket_no>/out", methods=["POST"])
@roles_required("weighbridge")
def weigh_out_view(ticket_no):
    try:
        t = weighbridge_service.weigh_out(ticket_no, int(json_body()["tare_kg"]),
                                          request.headers.get("X-User"))
    except (TicketError, KeyError, ValueError) as exc:
        return error_response(str(exc))
    return _ticket_json(t)


@bp.route("/tickets/<ticket_no>/void", methods=["POST"])
@roles_required("weighbridge_supervisor")
@json_response
def void_ticket_view(ticket_no):
    t = weighbridge_service.void_ticket(ticket_no, json_body().get("reason", ""))
    return _ticket_json(t)


@bp.route("/tonnage", methods=["GET"])
@login_required
@json_response
def tonnage_view():
    start = parse_date(request.args.get("from"))
    end = parse_date(request.args.get("to")) or today()
    rows = weighbridge_service.tonnage_by_stream(start, end, request.args.get("site"))
    for r in rows:
        r["tonnes"] = float(r["tonnes"])
    return {"items": rows}


@bp.route("/landfill-tax/<int:year>/<int:quarter>", methods=["POST"])
@roles_required("finance")
@json_response
def landfill_tax_view(year, quarter):
    ret = weighbridge_service.prepare_landfill_tax_return(year, quarter)
    return model_to_dict(ret)


@bp.route("/landfill-tax", methods=["GET"])
@roles_required("finance")
@json_response
def landfill_tax_history_view():
    rows = (db.session.query(LandfillTaxReturn)
            .order_by(LandfillTaxReturn.period_start.desc()).limit(12).all())
    return {"items": [model_to_dict(r) for r in rows]}
