from flask import Blueprint, jsonify, request

from hrapp.api.serializers import claim_to_dict
from hrapp.common.auth import current_user, login_required, require_role
from hrapp.common.dates import parse_date
from hrapp.common.db import get_session
from hrapp.repositories.expense_repo import ExpenseClaimRepository
from hrapp.services import expense_service

bp = Blueprint("expenses", __name__, url_prefix="/api/expenses")

@bp.post("/claims")
@login_required
def new_claim():
    claim = expense_service.create_claim(get_session(), current_user().employee_id)
    return jsonify(claim_to_dict(claim)), 201


@bp.post("/claims/<int:claim_id>/items")
@login_required
def add_item(claim_id):
    body = request.get_json()
    expense_service.add_item(get_session(), claim_id, parse_date(body["spent_on"]), body["category"],
                             body.get("amount"), body.get("km"), body.get("description"))
    return jsonify(claim_to_dict(ExpenseClaimRepository(get_session()).get(claim_id))), 201


@bp.post("/items/<int:item_id>/receipt")
@login_required
def upload_receipt(item_id):
    upload = request.files["file"]
    key = f"receipts/{item_id}/{upload.filename}"
    receipt = expense_service.attach_receipt(get_session(), item_id, key, upload.mimetype)
    return jsonify({"id": receipt.id}), 201


@bp.post("/claims/<int:claim_id>/submit")
@login_required
def submit(claim_id):
    return jsonify(claim_to_dict(expense_service.submit_claim(get_session(), claim_id)))


@bp.post("/claims/<int:claim_id>/decision")
@require_role("manager")
def decide(claim_id):
    body = request.get_json()
    claim = expense_service.decide_claim(get_session(), claim_id, current_user().employee_id,
                                         bool(body.get("approve")), body.get("reason"))
    return jsonify(claim_to_dict(claim))
