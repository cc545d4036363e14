"""DishDash web app: customer site + API for the apps, owner portal, courier app API, admin.

Everything is in here because splitting it up was always "next sprint".
"""
import logging
import secrets
from datetime import date, timedelta

from flask import Flask, abort, flash, redirect, render_template, request, session, url_for

import db
from config import get_config
from dao import (AddressDAO, CartDAO, CourierDAO, DeliveryDAO, MenuDAO, NotificationDAO,
                 OrderDAO, PaymentDAO, PayoutDAO, PromotionDAO, RestaurantDAO, ReviewDAO,
                 UserDAO, auto_assign, cart_subtotal, consume_reset_token, coupon_discount,
                 courier_performance, create_reset_token, dashboard_counts,
                 favourite_restaurants, grant_referral_credit, order_totals,
                 restaurant_earnings, sales_report, toggle_favourite)
from helpers import (check_password, clean, clean_review, csv_response, current_user,
                     eta_minutes, format_money, is_open_now, json_error, json_ok,
                     login_required, mask_card, normalize_phone, page_args, paginate,
                     random_code, require_fields, role_required, to_cents, valid_email,
                     week_start)
from integrations import IntegrationError, MapsClient, PaymentGateway, PushClient, notify_user

app = Flask(__name__)
app.config.from_object(get_config())
app.secret_key = app.config["SECRET_KEY"]
app.jinja_env.filters["money"] = format_money
app.jinja_env.filters["card"] = mask_card

log = logging.getLogger("dishdash")


@app.teardown_appcontext
def teardown_db(exc):
    db.close_db(exc)


@app.context_processor
def inject_user():
    return {"user": current_user(), "today": date.today()}


@app.errorhandler(404)
def not_found(e):
    if request.path.startswith("/api/"):
        return json_error("not found", 404)
    return render_template("404.html"), 404


@app.errorhandler(500)
def server_error(e):
    log.exception("500 on %s", request.path)
    if request.path.startswith("/api/"):
        return json_error("server error", 500)
    return render_template("500.html"), 500


@app.route("/healthz")
def healthz():
    db.scalar("SELECT 1")
    return json_ok({"ok": True})


@app.route("/")
def index():
    return render_template("index.html", cuisines=db.query(
        "SELECT DISTINCT cuisine FROM restaurants WHERE status = 'active' ORDER BY cuisine"))


# ============================================================ accounts

@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "GET":
        return render_template("register.html")
    email = clean(request.form.get("email"), 200)
    if not valid_email(email) or len(request.form.get("password", "")) < 8:
        flash("Please enter a valid email and a password of 8+ characters")
        return render_template("register.html"), 400
    if UserDAO.by_email(email):
        flash("That email is already registered")
        return render_template("register.html"), 400
    referrer = None
    if request.form.get("ref"):
        referrer = db.scalar("SELECT id FROM users WHERE id = ?", request.form.get("ref"))
    uid = UserDAO.create(email, request.form["password"], request.form.get("full_name"),
                         normalize_phone(request.form.get("phone")), referred_by=referrer)
    if referrer:
        grant_referral_credit(uid, referrer)
    session["uid"] = uid
    notify_user(uid, "welcome", name=request.form.get("full_name") or "there")
    return redirect(url_for("index"))


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    user = UserDAO.by_email(request.form.get("email", ""))
    if not user or not user["is_active"] or not check_password(request.form.get("password", ""),
                                                               user["password_hash"]):
        flash("Wrong email or password")
        return render_template("login.html"), 401
    session["uid"] = user["id"]
    UserDAO.touch_login(user["id"])
    home = {"owner": "owner_orders", "courier": "courier_home", "admin": "admin_dashboard"}
    return redirect(request.args.get("next") or url_for(home.get(user["role"], "index")))


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("index"))


@app.route("/account", methods=["GET", "POST"])
@login_required
def account():
    user = current_user()
    if request.method == "POST":
        UserDAO.update_profile(user["id"], full_name=clean(request.form.get("full_name"), 200),
                               phone=normalize_phone(request.form.get("phone")),
                               marketing_opt_in=1 if request.form.get("marketing") else 0)
        flash("Saved")
        return redirect(url_for("account"))
    return render_template("account.html", addresses=AddressDAO.for_user(user["id"]))


@app.route("/account/password", methods=["POST"])
@login_required
def change_password():
    user = current_user()
    if not check_password(request.form.get("old", ""), user["password_hash"]):
        flash("Current password is wrong")
    elif len(request.form.get("new", "")) < 8:
        flash("New password too short")
    else:
        UserDAO.set_password(user["id"], request.form["new"])
        flash("Password changed")
    return redirect(url_for("account"))


@app.route("/password-reset", methods=["POST"])
def password_reset_request():
    user = UserDAO.by_email(request.form.get("email", ""))
    if user:
        token = secrets.token_urlsafe(24)
        create_reset_token(user["id"], token)
        notify_user(user["id"], "password_reset", link=url_for("password_reset_confirm", token=token,
                                                               _external=True))
    flash("If the address exists you will get a message")  # don't leak accounts
    return redirect(url_for("login"))


@app.route("/password-reset/<token>", methods=["GET", "POST"])
def password_reset_confirm(token):
    if request.method == "GET":
        return render_template("reset.html", token=token)
    row = consume_reset_token(token)
    if row is None:
        abort(404)
    UserDAO.set_password(row["user_id"], request.form["password"])
    return redirect(url_for("login"))


@app.route("/api/addresses", methods=["GET"])
@login_required
def api_addresses():
    return json_ok({"addresses": AddressDAO.for_user(current_user()["id"])})


@app.route("/api/addresses", methods=["POST"])
@login_required
@require_fields("line1", "city")
def api_address_add():
    data = request.get_json(silent=True) or request.form
    lat, lng = data.get("lat"), data.get("lng")
    if lat is None:
        lat, lng = MapsClient().geocode(data["line1"], data["city"], data.get("postcode"))
    aid = AddressDAO.add(current_user()["id"], clean(data["line1"]), clean(data["city"]),
                         data.get("postcode"), data.get("line2"), data.get("label"), lat, lng,
                         clean(data.get("instructions"), 300))
    return json_ok({"id": aid}, 201)


@app.route("/api/addresses/<int:address_id>", methods=["DELETE"])
@login_required
def api_address_delete(address_id):
    AddressDAO.delete(current_user()["id"], address_id)
    return json_ok()


@app.route("/api/addresses/<int:address_id>/default", methods=["POST"])
@login_required
def api_address_default(address_id):
    AddressDAO.set_default(current_user()["id"], address_id)
    return json_ok()


@app.route("/favourites")
@login_required
def favourites():
    return render_template("favourites.html", restaurants=favourite_restaurants(current_user()["id"]))


@app.route("/api/favourites/<int:restaurant_id>", methods=["POST"])
@login_required
def api_favourite_toggle(restaurant_id):
    return json_ok({"favourite": toggle_favourite(current_user()["id"], restaurant_id)})


@app.route("/admin/users")
@role_required("admin")
def admin_users():
    return render_template("admin/users.html",
                           users=UserDAO.search(request.args.get("q", ""), request.args.get("role")))


@app.route("/admin/users/<int:user_id>/deactivate", methods=["POST"])
@role_required("admin")
def admin_user_deactivate(user_id):
    UserDAO.deactivate(user_id)
    db.execute("UPDATE couriers SET status = 'offline' WHERE user_id = ?", user_id)
    flash("User deactivated")
    return redirect(url_for("admin_users"))


# ============================================================ restaurants & menus

@app.route("/restaurants")
def restaurants():
    rows = RestaurantDAO.list_active(request.args.get("cuisine"), request.args.get("q"))
    for r in rows:
        r["rating"] = ReviewDAO.rating(r["id"])
    return render_template("restaurants.html", restaurants=rows)


@app.route("/r/<slug>")
def restaurant_page(slug):
    r = RestaurantDAO.by_slug(slug)
    if r is None or r["status"] == "closed":
        abort(404)
    hours = RestaurantDAO.hours(r["id"])
    return render_template("restaurant.html", r=r, menu=MenuDAO.menu(r["id"]), hours=hours,
                           open_now=is_open_now(hours), rating=ReviewDAO.rating(r["id"]),
                           promotions=PromotionDAO.active(r["id"]))


@app.route("/api/restaurants/nearby")
def api_restaurants_nearby():
    try:
        lat, lng = float(request.args["lat"]), float(request.args["lng"])
    except (KeyError, ValueError):
        return json_error("lat and lng required")
    rows = RestaurantDAO.nearby(lat, lng)
    for r in rows:
        r["eta_minutes"] = eta_minutes(r["distance_km"], r["prep_minutes"])
    return json_ok({"restaurants": rows})


@app.route("/api/restaurants/<int:restaurant_id>/menu")
def api_menu(restaurant_id):
    items = MenuDAO.menu(restaurant_id)
    for i in items:
        i["options"] = MenuDAO.options(i["id"])
    return json_ok({"items": items})


@app.route("/owner/restaurant/<int:restaurant_id>", methods=["GET", "POST"])
@role_required("owner")
def owner_restaurant(restaurant_id):
    r = _owned_restaurant(restaurant_id)
    if request.method == "POST":
        data = dict((k, v) for k, v in request.form.items() if v != "")
        if "min_order" in data:
            data["min_order_cents"] = to_cents(data.pop("min_order"))
        RestaurantDAO.update(r["id"], data)
        flash("Restaurant updated")
    return render_template("owner/restaurant.html", r=RestaurantDAO.get(r["id"]),
                           hours=RestaurantDAO.hours(r["id"]))


def _owned_restaurant(restaurant_id):
    r = RestaurantDAO.get(restaurant_id)
    if r is None or (r["owner_id"] != current_user()["id"] and current_user()["role"] != "admin"):
        abort(404)
    return r


@app.route("/owner/restaurant/<int:restaurant_id>/hours", methods=["POST"])
@role_required("owner")
def owner_hours(restaurant_id):
    r = _owned_restaurant(restaurant_id)
    rows = []
    for wd in range(7):
        opens, closes = request.form.get("opens_%d" % wd), request.form.get("closes_%d" % wd)
        if opens and closes:
            rows.append({"weekday": wd, "opens": opens, "closes": closes})
    RestaurantDAO.set_hours(r["id"], rows)
    return redirect(url_for("owner_restaurant", restaurant_id=r["id"]))


@app.route("/owner/restaurant/<int:restaurant_id>/menu", methods=["GET", "POST"])
@role_required("owner")
def owner_menu(restaurant_id):
    r = _owned_restaurant(restaurant_id)
    if request.method == "POST":
        MenuDAO.add_item(r["id"], clean(request.form["name"], 200), to_cents(request.form["price"]),
                         request.form.get("category_id") or None, clean(request.form.get("description")),
                         bool(request.form.get("vegetarian")), clean(request.form.get("allergens")))
        flash("Item added")
    return render_template("owner/menu.html", r=r, items=MenuDAO.menu(r["id"], only_available=False),
                           categories=MenuDAO.categories(r["id"]))


@app.route("/owner/items/<int:item_id>", methods=["POST"])
@role_required("owner")
def owner_item_update(item_id):
    item = MenuDAO.item(item_id) or abort(404)
    _owned_restaurant(item["restaurant_id"])
    data = dict(request.form.items())
    if "price" in data:
        data["price_cents"] = to_cents(data.pop("price"))
    MenuDAO.update_item(item_id, data)
    return redirect(url_for("owner_menu", restaurant_id=item["restaurant_id"]))


@app.route("/api/owner/items/<int:item_id>/availability", methods=["POST"])
@role_required("owner")
def api_item_availability(item_id):
    item = MenuDAO.item(item_id) or abort(404)
    _owned_restaurant(item["restaurant_id"])
    MenuDAO.set_available(item_id, bool((request.get_json(silent=True) or {}).get("available")))
    return json_ok()


@app.route("/admin/restaurants")
@role_required("admin")
def admin_restaurants():
    sql = "SELECT r.*, u.email AS owner_email FROM restaurants r LEFT JOIN users u ON u.id = r.owner_id"
    if request.args.get("status"):
        sql += " WHERE r.status = '%s'" % request.args["status"]
    page, size = page_args()
    return render_template("admin/restaurants.html", page=paginate(sql + " ORDER BY r.id DESC", [], page, size))


@app.route("/admin/restaurants/<int:restaurant_id>/status", methods=["POST"])
@role_required("admin")
def admin_restaurant_status(restaurant_id):
    status = request.form["status"]
    if status not in ("pending", "active", "paused", "closed"):
        abort(400)
    RestaurantDAO.set_status(restaurant_id, status)
    r = RestaurantDAO.get(restaurant_id)
    if status == "active" and r["owner_id"]:
        notify_user(r["owner_id"], "restaurant_approved", name=r["name"])
    return redirect(url_for("admin_restaurants"))


# ============================================================ cart & ordering

@app.route("/api/cart")
@login_required
def api_cart():
    cart = CartDAO.get_or_create(current_user()["id"])
    lines = CartDAO.items(cart["id"])
    return json_ok({"cart": cart, "lines": lines, "subtotal_cents": cart_subtotal(lines)})


@app.route("/api/cart/items", methods=["POST"])
@login_required
@require_fields("item_id")
def api_cart_add():
    data = request.get_json(silent=True) or request.form
    item = MenuDAO.item(data["item_id"])
    if item is None or not item["is_available"]:
        return json_error("item not available")
    option_id = data.get("option_id")
    if option_id and (MenuDAO.option(option_id) or {}).get("item_id") != item["id"]:
        return json_error("bad option")
    qty = max(1, min(int(data.get("qty", 1)), 20))
    line_id = CartDAO.add(current_user()["id"], item, qty, option_id, clean(data.get("note"), 200))
    return json_ok({"line_id": line_id}, 201)


@app.route("/api/cart/items/<int:line_id>", methods=["DELETE"])
@login_required
def api_cart_remove(line_id):
    CartDAO.remove(CartDAO.get_or_create(current_user()["id"])["id"], line_id)
    return json_ok()


@app.route("/api/cart/coupon", methods=["POST"])
@login_required
def api_cart_coupon():
    user = current_user()
    cart = CartDAO.get_or_create(user["id"])
    code = clean((request.get_json(silent=True) or {}).get("code"), 40)
    c, discount, error = coupon_discount(code, user["id"], cart["restaurant_id"],
                                         cart_subtotal(CartDAO.items(cart["id"])), 0)
    if error:
        return json_error(error)
    CartDAO.set_coupon(cart["id"], c["code"])
    return json_ok({"code": c["code"], "discount_cents": discount})


@app.route("/api/checkout", methods=["POST"])
@login_required
@require_fields("address_id")
def api_checkout():
    user = current_user()
    data = request.get_json(silent=True) or {}
    cart = CartDAO.get_or_create(user["id"])
    lines = CartDAO.items(cart["id"])
    if not lines:
        return json_error("cart is empty")
    if any(not l["is_available"] for l in lines):
        return json_error("some items are no longer available")
    restaurant = RestaurantDAO.get(cart["restaurant_id"])
    if restaurant["status"] != "active" or not is_open_now(RestaurantDAO.hours(restaurant["id"])):
        return json_error("restaurant is closed")
    address = AddressDAO.get(data["address_id"])
    if address is None or address["user_id"] != user["id"]:
        return json_error("bad address")
    subtotal = cart_subtotal(lines)
    if subtotal < restaurant["min_order_cents"]:
        return json_error("minimum order is " + format_money(restaurant["min_order_cents"]))
    quote = DeliveryDAO.quote(restaurant, address)
    if quote["distance_km"] > restaurant["delivery_radius_km"]:
        return json_error("address is outside the delivery area")
    coupon, discount = None, 0
    if cart["coupon_code"]:
        coupon, discount, error = coupon_discount(cart["coupon_code"], user["id"], restaurant["id"],
                                                  subtotal, quote["fee_cents"])
        if error:
            return json_error(error)
    totals = order_totals(subtotal, quote["fee_cents"], discount, to_cents(data.get("tip", 0)))
    order_id = OrderDAO.create(user["id"], restaurant["id"], address["id"], lines, totals,
                               coupon["id"] if coupon else None, clean(data.get("notes"), 500))
    order = OrderDAO.get(order_id)
    method = data.get("method", "card")
    if method == "card":
        try:
            auth = PaymentGateway().authorize(totals["total_cents"], data.get("card_token"), order["number"])
        except IntegrationError as exc:
            OrderDAO.set_status(order_id, "cancelled", user["id"], "payment failed")
            PaymentDAO.create(order_id, totals["total_cents"], "card", status="failed")
            return json_error(str(exc), 402)
        PaymentDAO.create(order_id, totals["total_cents"], "card", auth["id"], "authorized",
                          auth.get("card", {}).get("last4"))
    else:
        PaymentDAO.create(order_id, totals["total_cents"], "cash")
    if coupon:
        PromotionDAO.redeem(coupon["id"], user["id"], order_id, discount)
    DeliveryDAO.create(order_id, quote)
    CartDAO.clear(cart["id"])
    notify_user(restaurant["owner_id"], "new_order", number=order["number"],
                total=format_money(totals["total_cents"]))
    tablets = NotificationDAO.devices(restaurant["owner_id"])
    if tablets:
        PushClient().send(tablets, "New order", order["number"], {"order_id": order_id})
    return json_ok({"order_id": order_id, "number": order["number"], "totals": totals,
                    "eta_minutes": eta_minutes(quote["distance_km"], restaurant["prep_minutes"])}, 201)


@app.route("/orders")
@login_required
def my_orders():
    return render_template("orders.html", orders=OrderDAO.for_customer(current_user()["id"]))


def _my_order(order_id):
    order = OrderDAO.get(order_id)
    if order is None or (order["user_id"] != current_user()["id"] and current_user()["role"] != "admin"):
        abort(404)
    return order


@app.route("/api/orders/<int:order_id>")
@login_required
def api_order(order_id):
    order = _my_order(order_id)
    delivery = DeliveryDAO.for_order(order_id)
    courier = CourierDAO.get(delivery["courier_id"]) if delivery and delivery["courier_id"] else None
    return json_ok({"order": order, "items": OrderDAO.items(order_id), "events": OrderDAO.events(order_id),
                    "delivery": delivery,
                    "courier": {"name": courier["full_name"], "lat": courier["last_lat"],
                                "lng": courier["last_lng"]} if courier else None})


@app.route("/api/orders/<int:order_id>/cancel", methods=["POST"])
@login_required
def api_order_cancel(order_id):
    order = _my_order(order_id)
    if order["status"] != "placed":
        return json_error("the restaurant already accepted the order, please contact support")
    OrderDAO.set_status(order_id, "cancelled", current_user()["id"], "cancelled by customer")
    payment = PaymentDAO.for_order(order_id)
    if payment and payment["status"] == "authorized":
        PaymentGateway().void(payment["provider_ref"])
        PaymentDAO.set_status(payment["id"], "failed")
    return json_ok()


@app.route("/owner/orders")
@role_required("owner")
def owner_orders():
    rs = RestaurantDAO.for_owner(current_user()["id"])
    orders = []
    for r in rs:
        for o in OrderDAO.for_restaurant(r["id"]):
            o["items"] = OrderDAO.items(o["id"])
            orders.append(o)
    return render_template("owner/orders.html", restaurants=rs, orders=orders)


@app.route("/api/owner/orders/<int:order_id>/<action>", methods=["POST"])
@role_required("owner")
def api_owner_order_action(order_id, action):
    order = OrderDAO.get(order_id) or abort(404)
    _owned_restaurant(order["restaurant_id"])
    target = {"accept": "accepted", "reject": "rejected", "preparing": "preparing", "ready": "ready"}.get(action)
    if target is None:
        abort(404)
    try:
        OrderDAO.set_status(order_id, target, current_user()["id"], request.form.get("reason"))
    except ValueError as exc:
        return json_error(str(exc), 409)
    if target == "accepted":
        notify_user(order["user_id"], "order_accepted", number=order["number"])
        delivery = DeliveryDAO.for_order(order_id)
        if delivery and delivery["status"] == "unassigned":
            auto_assign(delivery["id"], app.config["COURIER_SEARCH_KM"])
    elif target == "rejected":
        payment = PaymentDAO.for_order(order_id)
        if payment and payment["status"] == "authorized":
            PaymentGateway().void(payment["provider_ref"])
        notify_user(order["user_id"], "order_rejected", number=order["number"])
    return json_ok({"status": target})


@app.route("/admin")
@role_required("admin")
def admin_dashboard():
    return render_template("admin/dashboard.html", counts=dashboard_counts())


@app.route("/admin/orders")
@role_required("admin")
def admin_orders():
    sql = ("SELECT o.*, r.name AS restaurant_name, u.email FROM orders o "
           "JOIN restaurants r ON r.id = o.restaurant_id JOIN users u ON u.id = o.user_id")
    args = []
    if request.args.get("status"):
        sql += " WHERE o.status = ?"
        args.append(request.args["status"])
    page, size = page_args()
    return render_template("admin/orders.html", page=paginate(sql + " ORDER BY o.id DESC", args, page, size))


# ============================================================ couriers & dispatch

def _me_courier():
    c = CourierDAO.for_user(current_user()["id"])
    if c is None:
        abort(403)
    return c


@app.route("/courier")
@role_required("courier")
def courier_home():
    c = _me_courier()
    return render_template("courier/home.html", courier=c, deliveries=DeliveryDAO.for_courier(c["id"]))


@app.route("/api/courier/shift", methods=["POST", "DELETE"])
@role_required("courier")
def api_courier_shift():
    c = _me_courier()
    if request.method == "POST":
        CourierDAO.start_shift(c["id"])
    else:
        if DeliveryDAO.for_courier(c["id"]):
            return json_error("finish your deliveries first", 409)
        CourierDAO.end_shift(c["id"])
    return json_ok()


@app.route("/api/courier/location", methods=["POST"])
@role_required("courier")
@require_fields("lat", "lng")
def api_courier_location():
    data = request.get_json(silent=True) or {}
    CourierDAO.record_location(_me_courier()["id"], float(data["lat"]), float(data["lng"]))
    return json_ok()


@app.route("/api/courier/deliveries")
@role_required("courier")
def api_courier_deliveries():
    return json_ok({"deliveries": DeliveryDAO.for_courier(_me_courier()["id"])})


@app.route("/api/courier/deliveries/<int:delivery_id>/pickup", methods=["POST"])
@role_required("courier")
def api_courier_pickup(delivery_id):
    d = DeliveryDAO.get(delivery_id)
    if d is None or d["courier_id"] != _me_courier()["id"]:
        abort(404)
    DeliveryDAO.mark(delivery_id, "picked_up")
    order = OrderDAO.set_status(d["order_id"], "picked_up", current_user()["id"])
    payment = PaymentDAO.for_order(d["order_id"])
    if payment and payment["status"] == "authorized":
        try:
            PaymentGateway().capture(payment["provider_ref"])
            PaymentDAO.set_status(payment["id"], "captured")
        except IntegrationError:
            log.exception("capture failed for order %s, the job will retry", d["order_id"])
    notify_user(order["user_id"], "order_picked_up", number=order["number"])
    return json_ok()


@app.route("/api/courier/deliveries/<int:delivery_id>/delivered", methods=["POST"])
@role_required("courier")
def api_courier_delivered(delivery_id):
    c = _me_courier()
    d = DeliveryDAO.get(delivery_id)
    if d is None or d["courier_id"] != c["id"]:
        abort(404)
    DeliveryDAO.mark(delivery_id, "delivered")
    OrderDAO.set_status(d["order_id"], "delivered", current_user()["id"])
    payment = PaymentDAO.for_order(d["order_id"])
    if payment and payment["method"] == "cash":
        PaymentDAO.set_status(payment["id"], "captured")
    CourierDAO.set_status(c["id"], "available")
    return json_ok()


@app.route("/admin/dispatch")
@role_required("admin")
def admin_dispatch():
    return render_template("admin/dispatch.html", board=DeliveryDAO.board(),
                           couriers=db.query("SELECT c.*, u.full_name FROM couriers c JOIN users u "
                                             "ON u.id = c.user_id WHERE c.status != 'offline'"))


@app.route("/admin/dispatch/<int:delivery_id>/assign", methods=["POST"])
@role_required("admin")
def admin_dispatch_assign(delivery_id):
    if request.form.get("courier_id"):
        DeliveryDAO.unassign(delivery_id)
        DeliveryDAO.assign(delivery_id, int(request.form["courier_id"]))
    elif auto_assign(delivery_id, 8.0) is None:
        flash("No courier available nearby")
    return redirect(url_for("admin_dispatch"))


@app.route("/admin/zones", methods=["GET", "POST"])
@role_required("admin")
def admin_zones():
    if request.method == "POST":
        f = request.form
        db.execute("UPDATE delivery_zones SET base_fee_cents = ?, per_km_cents = ?, surge = ? WHERE id = ?",
                   to_cents(f["base_fee"]), to_cents(f["per_km"]), float(f.get("surge") or 1), f["zone_id"])
    return render_template("admin/zones.html", zones=db.query("SELECT * FROM delivery_zones ORDER BY name"))


@app.route("/admin/couriers/report")
@role_required("admin")
def admin_courier_report():
    since = request.args.get("since") or str(week_start())
    return csv_response(courier_performance(since), "couriers-%s.csv" % since)


# ============================================================ payments & payouts

@app.route("/webhooks/paygate", methods=["POST"])
def paygate_webhook():
    if not PaymentGateway.verify_webhook(request.get_data(), request.headers.get("X-Signature")):
        abort(403)
    event = request.get_json(force=True)
    payment = PaymentDAO.by_ref(event.get("authorization_id"))
    if payment is None:
        return json_ok({"ignored": True})
    status = {"capture.succeeded": "captured", "authorization.failed": "failed",
              "refund.succeeded": "refunded"}.get(event.get("type"))
    if status:
        PaymentDAO.set_status(payment["id"], status)
    return json_ok()


@app.route("/admin/orders/<int:order_id>/refund", methods=["POST"])
@role_required("admin")
def admin_refund(order_id):
    payment = PaymentDAO.for_order(order_id)
    if payment is None or payment["status"] != "captured":
        flash("Nothing to refund")
        return redirect(url_for("admin_orders"))
    amount = to_cents(request.form.get("amount")) or payment["amount_cents"]
    try:
        res = PaymentGateway().refund(payment["provider_ref"], amount, request.form.get("reason", ""))
    except IntegrationError as exc:
        flash("Refund failed: %s" % exc)
        return redirect(url_for("admin_orders"))
    PaymentDAO.add_refund(payment["id"], amount, request.form.get("reason"), res.get("id"),
                          current_user()["id"])
    OrderDAO.log_event(order_id, "refunded", current_user()["id"], format_money(amount))
    notify_user(OrderDAO.get(order_id)["user_id"], "refund_issued", amount=format_money(amount))
    return redirect(url_for("admin_orders"))


@app.route("/admin/payouts")
@role_required("admin")
def admin_payouts():
    return render_template("admin/payouts.html", payouts=PayoutDAO.list(request.args.get("status")))


@app.route("/admin/payouts/<int:payout_id>/pay", methods=["POST"])
@role_required("admin")
def admin_payout_pay(payout_id):
    p = db.query_one("SELECT * FROM payouts WHERE id = ?", payout_id) or abort(404)
    table = "restaurants" if p["payee_type"] == "restaurant" else "couriers"
    iban = db.scalar("SELECT iban FROM " + table + " WHERE id = ?", p["payee_id"])
    if not iban:
        flash("No IBAN on file")
        return redirect(url_for("admin_payouts"))
    PaymentGateway().payout(iban, p["amount_cents"], "DD-PAYOUT-%d" % payout_id)
    PayoutDAO.mark_paid(payout_id)
    return redirect(url_for("admin_payouts"))


@app.route("/owner/earnings/<int:restaurant_id>")
@role_required("owner")
def owner_earnings(restaurant_id):
    r = _owned_restaurant(restaurant_id)
    start = request.args.get("from") or str(date.today() - timedelta(days=30))
    end = request.args.get("to") or str(date.today() + timedelta(days=1))
    rows = restaurant_earnings(r["id"], start, end)
    payouts = db.query("SELECT * FROM payouts WHERE payee_type = 'restaurant' AND payee_id = ? "
                       "ORDER BY period_end DESC", r["id"])
    return render_template("owner/earnings.html", r=r, rows=rows, payouts=payouts)


@app.route("/admin/reports/sales.csv")
@role_required("admin")
def admin_sales_csv():
    start = request.args.get("from") or str(week_start() - timedelta(days=7))
    end = request.args.get("to") or str(week_start())
    return csv_response(sales_report(start, end), "sales-%s.csv" % start)


# ============================================================ promotions

@app.route("/admin/promotions", methods=["GET", "POST"])
@role_required("admin")
def admin_promotions():
    if request.method == "POST":
        f = request.form
        value = to_cents(f["value"]) if f["kind"] == "fixed" else int(f["value"] or 0)
        PromotionDAO.create(clean(f["name"]), f["kind"], value, f.get("restaurant_id") or None,
                            to_cents(f.get("min_order")), f.get("starts_at") or None,
                            f.get("ends_at") or None, f.get("funded_by", "platform"))
        return redirect(url_for("admin_promotions"))
    return render_template("admin/promotions.html", promotions=db.query(
        "SELECT p.*, (SELECT COUNT(*) FROM coupons c WHERE c.promotion_id = p.id) AS coupons "
        "FROM promotions p ORDER BY p.id DESC"))


@app.route("/admin/promotions/<int:promotion_id>/coupons", methods=["POST"])
@role_required("admin")
def admin_coupons_generate(promotion_id):
    n = min(int(request.form.get("count", 1)), 500)
    prefix = clean(request.form.get("prefix", ""), 10).upper()
    for _ in range(n):
        PromotionDAO.add_coupon(promotion_id, random_code(prefix, 6), request.form.get("max_uses") or None)
    flash("%d coupons created" % n)
    return redirect(url_for("admin_promotions"))


@app.route("/api/promotions")
def api_promotions():
    return json_ok({"promotions": PromotionDAO.active(request.args.get("restaurant_id"))})


@app.route("/api/referral")
@login_required
def api_referral():
    uid = current_user()["id"]
    credits = db.query("SELECT * FROM referral_credits WHERE user_id = ? AND used_order_id IS NULL", uid)
    return json_ok({"link": url_for("register", ref=uid, _external=True), "credits": credits})


# ============================================================ reviews

@app.route("/api/orders/<int:order_id>/review", methods=["POST"])
@login_required
def api_review(order_id):
    order = _my_order(order_id)
    data = request.get_json(silent=True) or {}
    if order["status"] != "delivered":
        return json_error("you can review delivered orders only")
    stars = int(data.get("stars", 0))
    if not 1 <= stars <= 5:
        return json_error("stars must be 1-5")
    if db.scalar("SELECT 1 FROM reviews WHERE order_id = ?", order_id):
        return json_error("already reviewed", 409)
    ReviewDAO.add(order, stars, clean_review(data.get("body")))
    if data.get("courier_stars"):
        delivery = DeliveryDAO.for_order(order_id)
        ReviewDAO.rate_courier(delivery, order["user_id"], int(data["courier_stars"]),
                               clean(data.get("courier_comment"), 300))
    return json_ok({}, 201)


@app.route("/r/<slug>/reviews")
def restaurant_reviews(slug):
    r = RestaurantDAO.by_slug(slug) or abort(404)
    return render_template("reviews.html", r=r, reviews=ReviewDAO.for_restaurant(r["id"]),
                           rating=ReviewDAO.rating(r["id"]))


@app.route("/owner/reviews/<int:review_id>/reply", methods=["POST"])
@role_required("owner")
def owner_review_reply(review_id):
    rv = db.query_one("SELECT * FROM reviews WHERE id = ?", review_id) or abort(404)
    r = _owned_restaurant(rv["restaurant_id"])
    ReviewDAO.reply(review_id, current_user()["id"], clean_review(request.form["body"]))
    return redirect(url_for("restaurant_reviews", slug=r["slug"]))


@app.route("/admin/reviews", methods=["GET", "POST"])
@role_required("admin")
def admin_reviews():
    if request.method == "POST":
        ReviewDAO.set_flag(request.form["review_id"], request.form.get("flag") == "1")
    return render_template("admin/reviews.html", reviews=ReviewDAO.flagged())


# ============================================================ notifications

@app.route("/api/devices", methods=["POST"])
@login_required
@require_fields("token", "platform")
def api_register_device():
    data = request.get_json(silent=True) or {}
    NotificationDAO.register_device(current_user()["id"], data["token"], data["platform"])
    return json_ok({}, 201)


@app.route("/admin/templates", methods=["GET", "POST"])
@role_required("admin")
def admin_templates():
    if request.method == "POST":
        NotificationDAO.save_template(request.form["key"], request.form["channel"], request.form["body"],
                                      request.form.get("subject"))
    return render_template("admin/templates.html",
                           templates=db.query("SELECT * FROM notification_templates ORDER BY key"))


@app.route("/admin/broadcast", methods=["POST"])
@role_required("admin")
def admin_broadcast():
    # marketing push to opted-in customers, optionally only those who ordered from a restaurant
    sql = "SELECT DISTINCT d.token FROM push_devices d JOIN users u ON u.id = d.user_id WHERE u.marketing_opt_in = 1"
    if request.form.get("restaurant_id"):
        sql += " AND u.id IN (SELECT user_id FROM orders WHERE restaurant_id = %d)" % int(request.form["restaurant_id"])
    tokens = [r["token"] for r in db.query(sql)]
    for i in range(0, len(tokens), 500):
        PushClient().send(tokens[i:i + 500], request.form["title"], request.form["body"])
    flash("Sent to %d devices" % len(tokens))
    return redirect(url_for("admin_templates"))


if __name__ == "__main__":
    app.run(debug=True, port=5000)
