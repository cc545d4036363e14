"""Back office."""
import datetime

from flask import Blueprint, g, jsonify, make_response, render_template, request

from shop import db
from shop.core import billing
from shop.core.gateway import tokenize_card
from shop.dao import (
    OrderDAO,
    ProductDAO,
    RefundDAO,
    ReviewDAO,
    UserDAO,
    log_audit,
    product_stock_report,
    top_customers,
)
from shop.reports import (
    customer_lifetime_value,
    dashboard_numbers,
    inventory_valuation,
    monthly_export,
)
from shop.services import order_service, shipping_service, stock
from shop.utils import admin_required, json_error, mask_card_number, page_args, parse_money

admin_bp = Blueprint("admin", __name__, template_folder="../templates/admin")

users = UserDAO()
orders = OrderDAO()
products = ProductDAO()


@admin_bp.route("/")
@admin_required
def dashboard():
    today = datetime.date.today()
    return render_template("dashboard.html", numbers=dashboard_numbers(today),
                           top=top_customers(10))


@admin_bp.route("/exports/<int:year>/<int:month>.csv")
@admin_required
def export_month(year, month):
    resp = make_response(monthly_export(year, month))
    resp.headers["Content-Type"] = "text/csv; charset=utf-8"
    resp.headers["Content-Disposition"] = "attachment; filename=orders-%d-%02d.csv" % (year, month)
    return resp


@admin_bp.route("/users")
@admin_required
def user_list():
    page, per_page, offset = page_args()
    term = request.args.get("q")
    rows = users.search(term) if term else users.all(per_page, offset)
    for row in rows:
        row["ltv"] = customer_lifetime_value(row["id"])
    return render_template("users.html", users=rows, page=page)


@admin_bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@admin_required
def user_deactivate(user_id):
    users.deactivate(user_id)
    log_audit(g.user_id, "user.deactivate", {"user_id": user_id})
    return jsonify({"ok": True})


@admin_bp.route("/products/<int:product_id>/price", methods=["POST"])
@admin_required
def product_price(product_id):
    price = parse_money(request.form["price"])
    if price <= 0:
        return json_error("price must be positive")
    products.change_price(product_id, price, changed_by=g.user_id)
    return jsonify({"price": str(price)})


@admin_bp.route("/reviews/<int:review_id>/approve", methods=["POST"])
@admin_required
def review_approve(review_id):
    ReviewDAO().update_fields(review_id, approved=True)
    return jsonify({"ok": True})


@admin_bp.route("/stock")
@admin_required
def stock_overview():
    return render_template("stock.html", rows=product_stock_report(),
                           low=stock.below_reorder_point(), valuation=inventory_valuation())


@admin_bp.route("/stock/<int:product_id>", methods=["POST"])
@admin_required
def stock_adjust(product_id):
    warehouse = request.form.get("warehouse", stock.DEFAULT_WAREHOUSE)
    delta = stock.adjust(product_id, warehouse, int(request.form["quantity"]),
                         reason=request.form.get("reason", "adjust"))
    log_audit(g.user_id, "stock.adjust", {"product_id": product_id, "delta": delta})
    return jsonify({"delta": delta})


@admin_bp.route("/orders/<int:order_id>/ship", methods=["POST"])
@admin_required
def order_ship(order_id):
    order_service.mark_ready_to_ship(order_id)
    shipments = shipping_service.shipments_for_order(order_id)
    if shipments and request.form.get("tracking_number"):
        shipping_service.mark_shipped(shipments[-1].id, request.form["tracking_number"])
    return jsonify({"ok": True})


@admin_bp.route("/orders/<int:order_id>/refund", methods=["POST"])
@admin_required
def order_refund(order_id):
    amount = request.form.get("amount")
    done = billing.refund_order(order_id, parse_money(amount) if amount else None,
                                reason=request.form.get("reason", "admin refund"))
    log_audit(g.user_id, "order.refund", {"order_id": order_id, "refunds": done})
    return jsonify({"refunds": done})


@admin_bp.route("/refunds")
@admin_required
def refund_queue():
    return render_template("refunds.html", refunds=RefundDAO().pending())


@admin_bp.route("/phone-order", methods=["POST"])
@admin_required
def phone_order():
    f = request.form
    try:
        token = tokenize_card(f["card_number"], f["exp_month"], f["exp_year"], f["cvc"])
        order_id = order_service.place_order(int(f["user_id"]), int(f["address_id"]), token)
    except Exception as e:  # noqa - show whatever went wrong to the operator
        return json_error(str(e))
    log_audit(g.user_id, "order.phone", {"order_id": order_id,
                                         "card": mask_card_number(f["card_number"])})
    return jsonify({"order_id": order_id})


@admin_bp.route("/audit")
@admin_required
def audit_log():
    rows = db.query("SELECT a.*, u.email FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
                    "ORDER BY a.created_at DESC LIMIT 200")
    return render_template("audit.html", rows=rows)
