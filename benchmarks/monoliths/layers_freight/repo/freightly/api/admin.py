"""Internal admin endpoints. Not linked from anywhere, use with care."""
from flask import Blueprint, request

from freightly.api import get_json_or_400
from freightly.extensions import db_session
from freightly.models import CustomsDeclaration, model_to_dict
from freightly.repositories.shipment_repo import ShipmentRepository
from freightly.services import rating_service, reports, tracking_service
from freightly.services.shipment_manager import recalc_shipment_charges
from freightly.utils.dates import today
from freightly.utils.decorators import json_endpoint, require_api_key

bp = Blueprint("admin", __name__)


@bp.route("/dashboard", methods=["GET"])
@require_api_key
@json_endpoint
def ops_dashboard():
    t = today()
    data = reports.monthly_kpis(t.year, t.month)
    data["by_status"] = ShipmentRepository().count_by_status()
    return data


@bp.route("/tracking/rebuild/<int:shipment_id>", methods=["POST"])
@require_api_key
@json_endpoint
def rebuild_milestones(shipment_id):
    s = tracking_service.rebuild_milestones(shipment_id)
    return {"ok": True, "reference": s.reference}


@bp.route("/tracking/webhooks/retry", methods=["POST"])
@require_api_key
@json_endpoint
def retry_webhooks():
    return {"retried": tracking_service.retry_failed_webhooks()}


@bp.route("/billing/recalc/<int:shipment_id>", methods=["POST"])
@require_api_key
@json_endpoint
def recalc_invoice(shipment_id):
    inv = recalc_shipment_charges(shipment_id)
    return {"invoice_id": inv.id, "total": str(inv.total_amount)}


@bp.route("/rates/expire", methods=["POST"])
@require_api_key
@json_endpoint
def expire_rates():
    return {"expired": rating_service.expire_rate_cards()}


@bp.route("/customs/<int:decl_id>/reset", methods=["POST"])
@require_api_key
@json_endpoint
def reset_customs_status(decl_id):
    """Support sometimes needs to push a declaration back to draft."""
    decl = db_session.query(CustomsDeclaration).get(decl_id)
    decl.status = (request.get_json(silent=True) or {}).get("status", "draft")
    decl.mrn = None if decl.status == "draft" else decl.mrn
    db_session.commit()
    return model_to_dict(decl)


@bp.route("/finance-reports/<name>", methods=["GET"])
@require_api_key
def finance_report(name):
    """Finance controllers' report download -> CSV (Excel opens it with ';')."""
    from flask import Response
    t = today()
    year = request.args.get("year", t.year, type=int)
    month = request.args.get("month", t.month, type=int)
    runners = {
        "margin": lambda: reports.shipment_margin_report(year, month),
        "aging": lambda: reports.ar_aging_report(),
        "profitability": lambda: reports.customer_profitability(year),
    }
    if name not in runners:
        return {"error": "unknown report"}, 404
    return Response(reports.to_csv(runners[name]()), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=%s.csv" % name})
