from flask import Blueprint, g, request

from cellar.auth import login_required, role_required
from cellar.models.base import model_to_dict
from cellar.models.stock import Lot, StockMovement
from cellar.repositories.stock_repo import available_by_wine
from cellar.services import inventory_service
from cellar.utils.decorators import json_response

bp = Blueprint("stock", __name__, url_prefix="/api/stock")


@bp.route("/availability")
@login_required
@json_response
def availability():
    data = available_by_wine(request.args.get("warehouse"))
    return [{"wine_id": k, "available": v} for k, v in data.items()]


@bp.route("/lots/<int:lot_id>")
@login_required
@json_response
def lot_detail(lot_id):
    lot = Lot.query.get_or_404(lot_id)
    d = model_to_dict(lot)
    d["movements"] = [model_to_dict(m) for m in
                      StockMovement.query.filter_by(lot_id=lot.id).order_by(StockMovement.moved_at)]
    return d


@bp.route("/lots/<int:lot_id>/move", methods=["POST"])
@role_required("warehouse")
@json_response
def move_lot(lot_id):
    d = request.get_json()
    lot = inventory_service.move_stock(lot_id, d["to_bin_id"], d.get("qty"), g.user.id)
    return model_to_dict(lot)


@bp.route("/lots/<int:lot_id>/adjust", methods=["POST"])
@role_required("warehouse")
@json_response
def adjust_lot(lot_id):
    d = request.get_json()
    if d.get("breakage"):
        inventory_service.write_off_breakage(lot_id, int(d["breakage"]), d.get("note"), g.user.id)
        return {"ok": True}
    lot = inventory_service.adjust_stock(lot_id, d["qty"], d.get("reason", "manual"), g.user.id)
    return model_to_dict(lot)


@bp.route("/counts", methods=["POST"])
@role_required("warehouse")
@json_response
def start_count():
    count = inventory_service.start_stock_count(request.get_json()["warehouse_id"], g.user.id)
    return {"id": count.id, "lines": len(count.lines)}, 201
