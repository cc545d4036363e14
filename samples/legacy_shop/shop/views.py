"""HTTP routes. (Yes, all of them. Admin is in admin.py.)"""
import logging

from flask import abort, g, jsonify, make_response, redirect, render_template, request, session

from shop import db
from shop.app import app
from shop.core import billing
from shop.core.gateway import GatewayError
from shop.dao import (
    AddressDAO,
    CartDAO,
    CategoryDAO,
    OrderDAO,
    ProductDAO,
    ReviewDAO,
    UserDAO,
)
from shop.repositories.product_repo import ProductRepository
from shop.services import auth_service, order_service, shipping_service, stock
from shop.services.mailer import wants
from shop.utils import (
    format_money,
    json_error,
    login_required,
    page_args,
    paginate,
    strip_html,
    wants_json,
)

log = logging.getLogger(__name__)

users = UserDAO()
addresses = AddressDAO()
products = ProductDAO()
categories = CategoryDAO()
reviews = ReviewDAO()
carts = CartDAO()
orders = OrderDAO()


@app.template_filter("money")
def money_filter(value, currency="EUR"):
    return format_money(value, currency)


# ------------------------------------------------------------------ account


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", "/"))
    try:
        user, token = auth_service.authenticate(request.form["email"], request.form["password"],
                                                ip=request.remote_addr)
    except auth_service.AuthError as e:
        return render_template("login.html", error=str(e)), 401
    session["user_id"] = user["id"]
    session["is_admin"] = auth_service.is_admin(user["id"])
    resp = make_response(redirect(request.form.get("next") or "/"))
    resp.set_cookie("shop_token", token, httponly=True, secure=True, max_age=30 * 86400)
    return resp


@app.route("/logout")
def logout():
    session.clear()
    resp = make_response(redirect("/"))
    resp.delete_cookie("shop_token")
    return resp


@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("register.html")
    form = request.form
    try:
        user_id = auth_service.register(form["email"], form["password"],
                                        form.get("first_name", ""), form.get("last_name", ""))
    except auth_service.AuthError as e:
        return render_template("register.html", error=str(e), form=form), 400
    session["user_id"] = user_id
    return redirect("/account")


@app.route("/account")
@login_required
def account():
    user = users.get(g.user_id)
    return render_template("account.html", user=user, addresses=addresses.for_user(g.user_id),
                           orders=orders.for_user(g.user_id, limit=5))


@app.route("/account/addresses", methods=["POST"])
@login_required
def add_address():
    data = {k: request.form.get(k, "").strip() for k in ("line1", "line2", "city", "zip",
                                                         "country")}
    if not data["line1"] or not data["city"]:
        return json_error("line1 and city are required")
    address_id = addresses.add(g.user_id, data)
    return jsonify({"id": address_id}), 201


@app.route("/account/password-reset", methods=["POST"])
def password_reset_request():
    auth_service.start_password_reset(request.form.get("email", ""))
    return render_template("reset_sent.html")


@app.route("/reset/<token>", methods=["GET", "POST"])
def password_reset(token):
    if request.method == "GET":
        return render_template("reset.html", token=token)
    try:
        auth_service.finish_password_reset(token, request.form["password"])
    except auth_service.AuthError as e:
        return render_template("reset.html", token=token, error=str(e)), 400
    return redirect("/login")


@app.route("/account/notifications", methods=["GET", "POST"])
@login_required
def notification_settings():
    kinds = ("order", "shipping", "newsletter")
    if request.method == "POST":
        for kind in kinds:
            db.execute(
                "INSERT INTO notification_prefs (user_id, kind, enabled) VALUES (%s, %s, %s) "
                "ON CONFLICT (user_id, kind) DO UPDATE SET enabled = EXCLUDED.enabled",
                (g.user_id, kind, request.form.get(kind) == "on"),
            )
    return render_template("notifications.html",
                           prefs={k: wants(g.user_id, k) for k in kinds})


# ------------------------------------------------------------------ catalog


@app.route("/")
def home():
    featured = db.query("SELECT * FROM products WHERE active AND featured ORDER BY position LIMIT 8")
    return render_template("home.html", featured=featured, tree=categories.tree())


@app.route("/c/<slug>")
def category_page(slug):
    cat = db.query_one("SELECT * FROM categories WHERE slug = %s", (slug,))
    if cat is None:
        abort(404)
    page, per_page, offset = page_args()
    items = products.list_active(cat["id"], limit=per_page, offset=offset)
    return render_template("category.html", category=cat, products=items, page=page,
                           crumbs=categories.breadcrumbs(cat["id"]))


@app.route("/p/<slug>")
def product_page(slug):
    product = products.by_slug(slug)
    if product is None:
        abort(404)
    product["images"] = products.images(product["id"])
    product["in_stock"] = stock.available_quantity(product["id"]) > 0
    return render_template(
        "product.html",
        product=product,
        reviews=reviews.for_product(product["id"]),
        rating=reviews.average(product["id"]),
        related=ProductRepository().related(product["id"]),
    )


@app.route("/search")
def search():
    page, per_page, offset = page_args()
    repo = ProductRepository()
    results = repo.search(
        text=request.args.get("q"),
        category=request.args.get("c"),
        min_price=request.args.get("min", type=float),
        max_price=request.args.get("max", type=float),
        sort=request.args.get("sort", "newest"),
        limit=per_page,
        offset=offset,
    )
    if wants_json():
        return jsonify({"results": results, "page": page})
    return render_template("search.html", results=results, page=page, q=request.args.get("q"))


@app.route("/p/<int:product_id>/reviews", methods=["POST"])
@login_required
def post_review(product_id):
    body = strip_html(request.form.get("body", ""))[:4000]
    if len(body) < 10:
        return json_error("review too short")
    review_id = reviews.add(product_id, g.user_id, request.form.get("rating", 5), body)
    return jsonify({"id": review_id, "status": "pending moderation"}), 201


@app.route("/api/products/<int:product_id>")
def api_product(product_id):
    product = products.get(product_id)
    if product is None:
        return json_error("not found", 404)
    product["available"] = stock.available_quantity(product_id)
    product["price_display"] = format_money(product["price"])
    return jsonify(product)


# ------------------------------------------------------------------ cart & checkout


@app.route("/cart")
@login_required
def cart():
    c = carts.current(g.user_id)
    lines = carts.items(c["id"])
    totals = order_service.compute_totals(lines)
    return render_template("cart.html", cart=c, lines=lines, totals=totals)


@app.route("/cart/items", methods=["POST"])
@login_required
def cart_add():
    product_id = int(request.form["product_id"])
    quantity = max(1, int(request.form.get("quantity", 1)))
    if stock.available_quantity(product_id) < quantity:
        return json_error("not enough stock", 409)
    c = carts.current(g.user_id)
    carts.add_item(c["id"], product_id, quantity)
    return redirect("/cart")


@app.route("/cart/items/<int:product_id>", methods=["DELETE", "POST"])
@login_required
def cart_remove(product_id):
    c = carts.current(g.user_id)
    carts.remove_item(c["id"], product_id)
    if request.method == "DELETE":
        return "", 204
    return redirect("/cart")


@app.route("/cart/coupon", methods=["POST"])
@login_required
def cart_coupon():
    c = carts.current(g.user_id)
    try:
        coupon = order_service.apply_coupon(c["id"], request.form.get("code", ""))
    except order_service.OrderError as e:
        return json_error(str(e))
    return jsonify({"code": coupon["code"], "kind": coupon["kind"], "value": str(coupon["value"])})


@app.route("/checkout", methods=["GET", "POST"])
@login_required
def checkout():
    if request.method == "GET":
        c = carts.current(g.user_id)
        return render_template("checkout.html", lines=carts.items(c["id"]),
                               addresses=addresses.for_user(g.user_id),
                               methods=billing.saved_methods(g.user_id))
    try:
        order_id = order_service.place_order(
            g.user_id,
            int(request.form["address_id"]),
            request.form["payment_token"],
            method=request.form.get("method", "card"),
        )
    except order_service.OutOfStock as e:
        return render_template("checkout.html", error="%s is out of stock" % e.sku), 409
    except order_service.OrderError as e:
        return render_template("checkout.html", error=str(e)), 400
    return redirect("/orders/%d/thanks" % order_id)


# ------------------------------------------------------------------ orders


@app.route("/orders")
@login_required
def order_list():
    page, per_page, offset = page_args()
    rows = orders.for_user(g.user_id, limit=per_page, offset=offset)
    return render_template("orders.html", orders=rows, page=page)


@app.route("/orders/<int:id>", methods=["GET"])
@login_required
def order_detail(id):
    order = order_service.order_summary(id)
    if order is None or (order["user_id"] != g.user_id and not session.get("is_admin")):
        abort(404)
    order["shipments"] = shipping_service.shipments_for_order(id)
    if wants_json():
        return jsonify(order)
    return render_template("order.html", order=order)


@app.route("/orders/<int:id>/thanks")
@login_required
def order_thanks(id):
    order = orders.get(id)
    return render_template("thanks.html", order=order)


@app.route("/orders/<int:id>/cancel", methods=["POST"])
@login_required
def order_cancel(id):
    order = orders.get(id)
    if order is None or order["user_id"] != g.user_id:
        abort(404)
    try:
        order_service.cancel_order(id, by_user=g.user_id)
    except order_service.OrderError as e:
        return json_error(str(e), 409)
    return redirect("/orders/%d" % id)


@app.route("/orders/<int:id>/reorder", methods=["POST"])
@login_required
def order_reorder(id):
    order_service.reorder(g.user_id, id)
    return redirect("/cart")


@app.route("/orders/<int:id>/invoice")
@login_required
def order_invoice(id):
    inv = db.query_one("SELECT number, user_id FROM invoices WHERE order_id = %s", (id,))
    if inv is None or inv["user_id"] != g.user_id:
        abort(404)
    resp = make_response(billing.invoice_text(inv["number"]))
    resp.headers["Content-Type"] = "text/plain; charset=utf-8"
    return resp


@app.route("/api/orders", methods=["GET"])
@login_required
def api_orders():
    rows = orders.for_user(g.user_id, limit=500)
    return jsonify(paginate(rows, request.args.get("page", 1)))


# ------------------------------------------------------------------ payments & shipping hooks


@app.route("/hooks/paynow", methods=["POST"])
def paynow_webhook():
    body = request.get_data(as_text=True)
    try:
        billing.handle_webhook(body, request.headers.get("X-Signature"))
    except GatewayError:
        return json_error("bad signature", 400)
    return "", 204


@app.route("/hooks/carrier/<carrier>", methods=["POST"])
def carrier_webhook(carrier):
    payload = request.get_json(force=True, silent=True) or {}
    if payload.get("event") == "out_for_delivery":
        shipping_service.notify_out_for_delivery(payload.get("tracking_number"))
    elif payload.get("event") == "delivered":
        ok = shipping_service.mark_delivered(payload.get("tracking_number"))
        if not ok:
            log.warning("%s: unknown tracking number %s", carrier, payload.get("tracking_number"))
    return "", 204


@app.route("/track/<tracking_number>")
def track(tracking_number):
    row = db.query_one(
        "SELECT s.status, s.shipped_at, s.delivered_at, c.name AS carrier "
        "FROM shipments s JOIN carriers c ON c.id = s.carrier_id WHERE s.tracking_number = %s",
        (tracking_number,),
    )
    if row is None:
        abort(404)
    return render_template("track.html", shipment=row)


@app.errorhandler(404)
def not_found(e):
    if wants_json():
        return json_error("not found", 404)
    return render_template("404.html"), 404
