"""/api/finance -- settlements, advances, rentals billing, share ledger."""
from flask import Blueprint, request

from coop.api import ApiError, body, current_user
from coop.extensions import db_session
from coop.models import (MemberDeduction, Pool, RentalCharge, SettlementLine,
                         SettlementRun)
from coop.models.base import model_to_dict
from coop.repositories.ledger import (AdvanceRepository, SettlementRepository,
                                      share_ledger_balance)
from coop.services import accounting
from coop.utils.dates import parse_date
from coop.utils.db import get_or_404
from coop.utils.decorators import json_response, require_role, transactional
from coop.utils.money import D, format_money

bp = Blueprint("finance", __name__)


# ---------------------------------------------------------------- settlement

@bp.route("/settlements", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def new_run():
    d = body()
    run = accounting.start_settlement_run(int(d["crop_year"]), d.get("run_type", "initial"),
                                          parse_date(d.get("period_end")), current_user())
    return model_to_dict(run), 201


@bp.route("/settlements/<int:run_id>/calculate", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def calculate(run_id):
    accounting.collect_rental_deductions()
    return model_to_dict(accounting.compute_settlement_lines(run_id))


@bp.route("/settlements/<int:run_id>/approve", methods=["POST"])
@json_response
@require_role("finance_manager")
@transactional
def approve(run_id):
    return model_to_dict(accounting.approve_run(run_id, current_user()))


@bp.route("/settlements/<int:run_id>/void", methods=["POST"])
@json_response
@require_role("finance_manager")
@transactional
def void(run_id):
    return model_to_dict(accounting.void_run(run_id, current_user()))


@bp.route("/settlements/<int:run_id>/pay", methods=["POST"])
@json_response
@require_role("finance_manager")
@transactional
def pay(run_id):
    d = body()
    batch = accounting.create_payout_batch(run_id, parse_date(d["payment_date"]), current_user())
    return model_to_dict(batch), 201


@bp.route("/settlements/<int:run_id>/members/<int:member_id>", methods=["GET"])
@json_response
def member_statement(run_id, member_id):
    run = get_or_404(SettlementRun, run_id)
    lines = SettlementRepository().lines_for_member(run_id, member_id)
    total = sum((D(l.gross) for l in lines), D(0))
    return {"run": model_to_dict(run), "lines": [model_to_dict(l) for l in lines],
            "net": str(total), "net_display": format_money(total)}


@bp.route("/settlements/<int:run_id>/summary", methods=["GET"])
@json_response
def run_summary(run_id):
    rows = (db_session.query(SettlementLine.line_type, SettlementLine.pool_id)
            .filter_by(run_id=run_id).all())
    by_type = {}
    for line_type, _ in rows:
        by_type[line_type] = by_type.get(line_type, 0) + 1
    return {"run_id": run_id, "line_counts": by_type}


@bp.route("/pools/<int:pool_id>/final-price", methods=["POST"])
@json_response
@require_role("finance_manager")
@transactional
def set_final_price(pool_id):
    pool = get_or_404(Pool, pool_id)
    price = D(body()["final_price_t"])
    if pool.interim_price_t and price < D(pool.interim_price_t):
        raise ApiError("final price below interim -- board approval required", 409)
    pool.final_price_t = price
    pool.closed = True
    return model_to_dict(pool)


# ---------------------------------------------------------------- advances / deductions

@bp.route("/advances", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def new_advance():
    d = body()
    adv = accounting.issue_advance(d["member_id"], int(d["crop_year"]), d["commodity"], d["amount"],
                                   current_user())
    return model_to_dict(adv), 201


@bp.route("/members/<int:member_id>/advances", methods=["GET"])
@json_response
def member_advances(member_id):
    repo = AdvanceRepository()
    return {"open": [model_to_dict(a) for a in repo.open_for(member_id)],
            "outstanding": str(repo.outstanding(member_id))}


@bp.route("/deductions", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def new_deduction():
    d = body()
    ded = MemberDeduction(member_id=d["member_id"], kind=d.get("kind", "other"), amount=D(d["amount"]),
                          source_ref=d.get("ref"), description=d.get("description"))
    db_session.add(ded)
    return model_to_dict(ded), 201


# ---------------------------------------------------------------- rentals

@bp.route("/rentals/bill/<int:booking_id>", methods=["POST"])
@json_response
@require_role("finance", "yard")
@transactional
def bill_booking(booking_id):
    return {"charges": [model_to_dict(c) for c in accounting.bill_rental_booking(booking_id)]}


@bp.route("/rentals/members/<int:member_id>", methods=["GET"])
@json_response
def rental_statement(member_id):
    return accounting.rental_statement(member_id)


@bp.route("/rentals/charges/<int:charge_id>/waive", methods=["POST"])
@json_response
@require_role("finance_manager")
@transactional
def waive(charge_id):
    get_or_404(RentalCharge, charge_id)
    return model_to_dict(accounting.waive_rental_charge(charge_id, body().get("reason"), current_user()))


# ---------------------------------------------------------------- shares

@bp.route("/members/<int:member_id>/share-ledger", methods=["GET"])
@json_response
def share_ledger(member_id):
    cls = request.args.get("class")
    bal = share_ledger_balance(db_session, member_id, cls)
    return {"member_id": member_id, "class": cls, "balance": str(bal), "display": format_money(bal)}


@bp.route("/patronage", methods=["POST"])
@json_response
@require_role("finance_manager")
@transactional
def patronage():
    d = body()
    out = accounting.allocate_patronage_dividend(int(d["crop_year"]), D(d["amount"]),
                                                 int(d.get("cash_pct", 30)), current_user())
    return {"allocated": len(out)}
