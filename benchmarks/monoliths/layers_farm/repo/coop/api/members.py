from flask import Blueprint, request

from coop.api import body, current_user
from coop.extensions import db_session
from coop.models import Member, MemberBankAccount
from coop.models.base import model_to_dict
from coop.repositories.equipment import BookingRepository
from coop.repositories.grain import IntakeTicketRepository
from coop.repositories.members import MemberRepository, ShareRepository
from coop.services import membership
from coop.utils.db import get_or_404, paginate
from coop.utils.decorators import json_response, require_role, transactional
from coop.utils.helpers import member_display_name

bp = Blueprint("members", __name__)


@bp.route("/", methods=["GET"])
@json_response
def list_members():
    q = db_session.query(Member)
    if request.args.get("status"):
        q = q.filter(Member.status == request.args["status"])
    if request.args.get("q"):
        return {"items": [model_to_dict(m) for m in MemberRepository().search(request.args["q"])]}
    page = paginate(q.order_by(Member.last_name), request.args.get("page", 1))
    page["items"] = [model_to_dict(m, extra={"display": member_display_name(m)}) for m in page["items"]]
    return page


@bp.route("/<int:member_id>", methods=["GET"])
@json_response
def get_member(member_id):
    return membership.member_overview(member_id)


@bp.route("/applications", methods=["POST"])
@json_response
@transactional
def create_application():
    data = body()
    member = membership.apply_for_membership(data, sponsor_code=data.get("sponsor"))
    return {"member_id": member.id, "grower_code": member.grower_code}, 201


@bp.route("/applications/<int:app_id>/decision", methods=["POST"])
@json_response
@require_role("board_secretary")
@transactional
def decide(app_id):
    data = body()
    app = membership.decide_application(app_id, data["decision"], data.get("minute_ref"),
                                        user=current_user())
    return {"id": app.id, "decision": app.decision}


@bp.route("/<int:member_id>/bank-accounts", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def add_bank_account(member_id):
    get_or_404(Member, member_id)
    data = body()
    db_session.query(MemberBankAccount).filter_by(member_id=member_id).update({"is_primary": False})
    acct = MemberBankAccount(member_id=member_id, institution=data["institution"],
                             transit=data["transit"], account_no=data["account_no"],
                             holder_name=data.get("holder_name"), is_primary=True)
    db_session.add(acct)
    return {"ok": True}, 201


@bp.route("/<int:member_id>/shares", methods=["GET"])
@json_response
def shares(member_id):
    repo = ShareRepository()
    return {
        "holdings": [{"class": h.share_class.code, "qty": h.quantity, "cert": h.certificate_no}
                     for h in repo.holdings_for(member_id)],
        "transactions": [model_to_dict(t) for t in repo.transactions_for(member_id)],
    }


@bp.route("/<int:member_id>/shares/purchase", methods=["POST"])
@json_response
@transactional
def buy_shares(member_id):
    data = body()
    h = membership.purchase_shares(member_id, data.get("class", "A"), int(data["quantity"]),
                                   reference=data.get("reference"),
                                   paid_by_deduction=bool(data.get("deduct")))
    return {"class": h.share_class.code, "qty": h.quantity}


@bp.route("/<int:member_id>/shares/redeem", methods=["POST"])
@json_response
@require_role("finance")
@transactional
def redeem(member_id):
    data = body()
    amount = membership.redeem_shares(member_id, data.get("class", "B"), int(data["quantity"]))
    return {"refund": str(amount)}


@bp.route("/<int:member_id>/retire", methods=["POST"])
@json_response
@require_role("board_secretary")
@transactional
def retire(member_id):
    return {"refund": str(membership.retire_member(member_id))}


@bp.route("/<int:member_id>/deliveries", methods=["GET"])
@json_response
def member_deliveries(member_id):
    tickets = IntakeTicketRepository().for_member(member_id, request.args.get("crop_year", type=int))
    return {"items": [model_to_dict(t, exclude=("created_by", "updated_by")) for t in tickets]}


@bp.route("/<int:member_id>/bookings", methods=["GET"])
@json_response
def member_bookings(member_id):
    return {"items": [model_to_dict(b) for b in BookingRepository().for_member(member_id)]}
