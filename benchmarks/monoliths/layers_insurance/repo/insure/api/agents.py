from flask import Blueprint, jsonify

from insure.auth import require_role
from insure.dal.agents import AgentRepo
from insure.db import get_session
from insure.services import commissions

bp = Blueprint("agents", __name__, url_prefix="/api/agents")


def agent_to_dict(a):
    return {"id": a.id, "reference": a.reference, "name": a.name, "agency": a.agency.name,
            "licence_expires": a.licence_expires and a.licence_expires.isoformat()}


@bp.route("/agency/<int:agency_id>")
@require_role("admin", "agent")
def agency_agents(agency_id):
    return jsonify([agent_to_dict(a) for a in AgentRepo().for_agency(agency_id)])


@bp.route("/agency/<int:agency_id>/statement/<period>", methods=["POST"])
@require_role("admin")
def make_statement(agency_id, period):
    st = commissions.build_statement(agency_id, period)
    if st is None:
        return jsonify({"statement": None})
    commissions.issue_statement(st)
    get_session().commit()
    return jsonify({"statement": st.id, "total": str(st.total)}), 201
