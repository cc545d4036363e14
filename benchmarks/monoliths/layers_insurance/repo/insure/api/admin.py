from flask import Blueprint, jsonify, request

from insure import __version__
from insure.auth import require_role
from insure.db import fetch_all, fetch_scalar, get_session
from insure.models.product import RatingFactor, Tariff
from insure.util import parse_date, today

bp = Blueprint("admin", __name__, url_prefix="/api/admin")


@bp.route("/health")
def health():
    try:
        fetch_scalar("SELECT 1")
        db_ok = True
    except Exception:
        db_ok = False
    return jsonify({"version": __version__, "db": db_ok}), 200 if db_ok else 503


@bp.route("/tariffs/<int:tariff_id>/publish", methods=["POST"])
@require_role("admin")
def publish_tariff(tariff_id):
    s = get_session()
    t = s.query(Tariff).get(tariff_id)
    if not s.query(RatingFactor).filter_by(tariff_id=t.id).count():
        return jsonify({"error": "tariff has no factors"}), 409
    for other in s.query(Tariff).filter(Tariff.product_id == t.product_id, Tariff.status == "live"):
        other.status, other.valid_to = "retired", parse_date(request.args.get("from")) or today()
    t.status = "live"
    s.commit()
    return jsonify({"tariff": t.id, "status": t.status})


@bp.route("/reports/loss-ratio")
@require_role("admin")
def loss_ratio():
    rows = fetch_all(
        "SELECT pr.code, SUM(i.net_amount) AS earned, "
        "  (SELECT COALESCE(SUM(cp.amount), 0) FROM claim_payments cp JOIN claims c ON c.id = cp.claim_id "
        "   JOIN policies p2 ON p2.id = c.policy_id WHERE p2.product_id = pr.id AND cp.status = 'paid') AS paid "
        "FROM invoices i JOIN policies p ON p.id = i.policy_id JOIN products pr ON pr.id = p.product_id "
        "WHERE i.status = 'paid' GROUP BY pr.id, pr.code")
    for r in rows:
        r["ratio"] = round(float(r["paid"] or 0) / float(r["earned"]), 3) if r["earned"] else None
    return jsonify(rows)


@bp.route("/reports/aged-debt")
@require_role("admin", "billing_clerk")
def aged_debt():
    return jsonify(fetch_all(
        "SELECT CASE WHEN CURRENT_DATE - due_date <= 30 THEN '0-30' "
        "WHEN CURRENT_DATE - due_date <= 90 THEN '31-90' ELSE '90+' END AS bucket, "
        "COUNT(*) AS invoices, SUM(total - paid_amount) AS amount FROM invoices "
        "WHERE status IN ('open', 'partial') AND due_date < CURRENT_DATE GROUP BY 1 ORDER BY 1"))
