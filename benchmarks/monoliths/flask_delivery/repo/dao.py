"""Data access. One class per "thing", plus loose functions when nobody wanted a class.

Rules (mostly followed): SQL lives here, not in app.py. Money in cents.
"""
import logging
from datetime import timedelta

import db
from helpers import (clean, delivery_fee, haversine_km, hash_password, is_open_now,
                     order_number, percent_of, utcnow)

log = logging.getLogger("dishdash.dao")

ORDER_FLOW = {
    "placed": ("accepted", "rejected", "cancelled"),
    "accepted": ("preparing", "ready", "cancelled"),
    "preparing": ("ready", "cancelled"),
    "ready": ("picked_up", "cancelled"),
    "picked_up": ("delivered",),
}


# ------------------------------------------------------------------ users

class UserDAO(object):
    @staticmethod
    def get(user_id):
        return db.query_one("SELECT * FROM users WHERE id = ?", user_id)

    @staticmethod
    def by_email(email):
        return db.query_one("SELECT * FROM users WHERE lower(email) = lower(?)", email.strip())

    @staticmethod
    def create(email, password, full_name=None, phone=None, role="customer", referred_by=None):
        return db.execute(
            "INSERT INTO users (email, password_hash, full_name, phone, role, referred_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            email.strip().lower(), hash_password(password), clean(full_name, 200), phone, role,
            referred_by)

    @staticmethod
    def update_profile(user_id, **fields):
        allowed = ("full_name", "phone", "marketing_opt_in")
        sets = [f"{k} = ?" for k in fields if k in allowed]
        if not sets:
            return
        values = [fields[k] for k in fields if k in allowed]
        db.execute(f"UPDATE users SET {', '.join(sets)} WHERE id = ?", *(values + [user_id]))

    @staticmethod
    def set_password(user_id, password):
        db.execute("UPDATE users SET password_hash = ? WHERE id = ?", hash_password(password), user_id)

    @staticmethod
    def touch_login(user_id):
        db.execute("UPDATE users SET last_login_at = ? WHERE id = ?", utcnow(), user_id)

    @staticmethod
    def deactivate(user_id):
        db.execute("UPDATE users SET is_active = 0 WHERE id = ?", user_id)
        db.execute("DELETE FROM push_devices WHERE user_id = ?", user_id)

    @staticmethod
    def search(term, role=None):
        sql = "SELECT id, email, full_name, phone, role, is_active FROM users WHERE (email LIKE ? OR full_name LIKE ?)"
        args = ["%" + term + "%", "%" + term + "%"]
        if role:
            sql += " AND role = '%s'" % role
        return db.query(sql + " ORDER BY id DESC LIMIT 100", *args)


def create_reset_token(user_id, token):
    db.execute("INSERT INTO password_resets (token, user_id, expires_at) VALUES (?, ?, ?)",
               token, user_id, utcnow() + timedelta(hours=2))


def consume_reset_token(token):
    row = db.query_one("SELECT * FROM password_resets WHERE token = ? AND used = 0 AND expires_at > ?",
                       token, utcnow())
    if row:
        db.execute("UPDATE password_resets SET used = 1 WHERE token = ?", token)
    return row


class AddressDAO(object):
    @staticmethod
    def for_user(user_id):
        return db.query("SELECT * FROM customer_addresses WHERE user_id = ? AND deleted = 0 "
                        "ORDER BY is_default DESC, id", user_id)

    @staticmethod
    def get(address_id):
        return db.query_one("SELECT * FROM customer_addresses WHERE id = ?", address_id)

    @staticmethod
    def add(user_id, line1, city, postcode=None, line2=None, label=None, lat=None, lng=None,
            instructions=None):
        first = not db.scalar("SELECT COUNT(*) FROM customer_addresses WHERE user_id = ? AND deleted = 0", user_id)
        return db.execute(
            "INSERT INTO customer_addresses (user_id, label, line1, line2, city, postcode, lat, lng, "
            "instructions, is_default) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            user_id, label, line1, line2, city, postcode, lat, lng, instructions, 1 if first else 0)

    @staticmethod
    def set_default(user_id, address_id):
        db.execute("UPDATE customer_addresses SET is_default = 0 WHERE user_id = ?", user_id)
        db.execute("UPDATE customer_addresses SET is_default = 1 WHERE id = ? AND user_id = ?",
                   address_id, user_id)

    @staticmethod
    def delete(user_id, address_id):
        # soft delete, orders still point at it
        db.execute("UPDATE customer_addresses SET deleted = 1, is_default = 0 WHERE id = ? AND user_id = ?",
                   address_id, user_id)


def favourite_restaurants(user_id):
    return db.query("""
        SELECT r.id, r.name, r.slug, r.cuisine, r.status
          FROM customer_favourites f JOIN restaurants r ON r.id = f.restaurant_id
         WHERE f.user_id = ? ORDER BY f.created_at DESC""", user_id)


def toggle_favourite(user_id, restaurant_id):
    if db.scalar("SELECT 1 FROM customer_favourites WHERE user_id = ? AND restaurant_id = ?",
                 user_id, restaurant_id):
        db.execute("DELETE FROM customer_favourites WHERE user_id = ? AND restaurant_id = ?",
                   user_id, restaurant_id)
        return False
    db.execute("INSERT INTO customer_favourites (user_id, restaurant_id) VALUES (?, ?)",
               user_id, restaurant_id)
    return True


# ------------------------------------------------------------------ restaurants & menus

class RestaurantDAO(object):
    @staticmethod
    def get(restaurant_id):
        return db.query_one("SELECT * FROM restaurants WHERE id = ?", restaurant_id)

    @staticmethod
    def by_slug(slug):
        return db.query_one("SELECT * FROM restaurants WHERE slug = ?", slug)

    @staticmethod
    def for_owner(owner_id):
        return db.query("SELECT * FROM restaurants WHERE owner_id = ? ORDER BY name", owner_id)

    @staticmethod
    def list_active(cuisine=None, q=None):
        sql = "SELECT * FROM restaurants WHERE status = 'active'"
        if cuisine:
            sql += " AND cuisine = '" + cuisine.replace("'", "''") + "'"
        if q:
            sql += " AND name LIKE '%%%s%%'" % q.replace("'", "''")
        return db.query(sql + " ORDER BY name")

    @staticmethod
    def nearby(lat, lng, max_km=None):
        out = []
        for r in RestaurantDAO.list_active():
            km = haversine_km(lat, lng, r["lat"], r["lng"])
            if km is not None and km <= (max_km or r["delivery_radius_km"]):
                r["distance_km"] = round(km, 1)
                r["open_now"] = is_open_now(RestaurantDAO.hours(r["id"]))
                out.append(r)
        return sorted(out, key=lambda r: (not r["open_now"], r["distance_km"]))

    @staticmethod
    def update(restaurant_id, data):
        cols = ["name", "cuisine", "phone", "address", "delivery_radius_km", "min_order_cents",
                "prep_minutes", "iban"]
        sets = ", ".join("%s = ?" % c for c in cols if c in data)
        if sets:
            db.execute("UPDATE restaurants SET " + sets + " WHERE id = ?",
                       *([data[c] for c in cols if c in data] + [restaurant_id]))

    @staticmethod
    def set_status(restaurant_id, status):
        db.execute("UPDATE restaurants SET status = ? WHERE id = ?", status, restaurant_id)

    @staticmethod
    def hours(restaurant_id):
        return db.query("SELECT weekday, opens, closes FROM opening_hours WHERE restaurant_id = ? "
                        "ORDER BY weekday, opens", restaurant_id)

    @staticmethod
    def set_hours(restaurant_id, rows):
        with db.transaction():
            db.execute("DELETE FROM opening_hours WHERE restaurant_id = ?", restaurant_id)
            db.executemany(
                "INSERT INTO opening_hours (restaurant_id, weekday, opens, closes) VALUES (?, ?, ?, ?)",
                [(restaurant_id, r["weekday"], r["opens"], r["closes"]) for r in rows])


class MenuDAO(object):
    @staticmethod
    def menu(restaurant_id, only_available=True):
        sql = f"""SELECT i.*, c.name AS category, c.position
                    FROM menu_items i LEFT JOIN menu_categories c ON c.id = i.category_id
                   WHERE i.restaurant_id = {int(restaurant_id)}"""
        if only_available:
            sql += " AND i.is_available = 1"
        return db.query(sql + " ORDER BY c.position, i.name")

    @staticmethod
    def item(item_id):
        return db.query_one("SELECT * FROM menu_items WHERE id = ?", item_id)

    @staticmethod
    def options(item_id):
        return db.query("SELECT * FROM menu_item_options WHERE item_id = ? ORDER BY extra_cents", item_id)

    @staticmethod
    def option(option_id):
        return db.query_one("SELECT * FROM menu_item_options WHERE id = ?", option_id)

    @staticmethod
    def categories(restaurant_id):
        return db.query("SELECT * FROM menu_categories WHERE restaurant_id = ? ORDER BY position",
                        restaurant_id)

    @staticmethod
    def add_item(restaurant_id, name, price_cents, category_id=None, description=None,
                 is_vegetarian=False, allergens=None):
        return db.execute(
            "INSERT INTO menu_items (restaurant_id, category_id, name, description, price_cents, "
            "is_vegetarian, allergens) VALUES (?, ?, ?, ?, ?, ?, ?)",
            restaurant_id, category_id, name, description, price_cents, int(bool(is_vegetarian)),
            allergens)

    @staticmethod
    def update_item(item_id, data):
        for col in ("name", "description", "price_cents", "category_id", "allergens", "photo_url"):
            if col in data:
                db.execute("UPDATE menu_items SET %s = ? WHERE id = ?" % col, data[col], item_id)

    @staticmethod
    def set_available(item_id, available):
        db.execute("UPDATE menu_items SET is_available = ? WHERE id = ?", 1 if available else 0, item_id)


def legacy_menu_import(restaurant_id, lines):
    # used once for the pilot restaurants (see migrations/0001_import_legacy_menus.py), not wired anywhere
    for line in lines:
        name, price = line.rsplit(";", 1)
        db.execute("INSERT INTO menu_items (restaurant_id, name, price_cents) VALUES (%d, '%s', %d)"
                   % (restaurant_id, name.replace("'", ""), int(float(price) * 100)))


# ------------------------------------------------------------------ cart & orders

class CartDAO(object):
    @staticmethod
    def get_or_create(user_id):
        cart = db.query_one("SELECT * FROM carts WHERE user_id = ?", user_id)
        if cart is None:
            db.execute("INSERT INTO carts (user_id) VALUES (?)", user_id)
            cart = db.query_one("SELECT * FROM carts WHERE user_id = ?", user_id)
        return cart

    @staticmethod
    def items(cart_id):
        return db.query("""
            SELECT ci.*, i.name, i.price_cents, i.is_available, o.name AS option_name,
                   COALESCE(o.extra_cents, 0) AS extra_cents
              FROM cart_items ci
              JOIN menu_items i ON i.id = ci.item_id
              LEFT JOIN menu_item_options o ON o.id = ci.option_id
             WHERE ci.cart_id = ?""", cart_id)

    @staticmethod
    def add(user_id, item, qty=1, option_id=None, note=None):
        cart = CartDAO.get_or_create(user_id)
        if cart["restaurant_id"] and cart["restaurant_id"] != item["restaurant_id"]:
            # one restaurant per cart: start over
            CartDAO.clear(cart["id"])
        db.execute("UPDATE carts SET restaurant_id = ?, updated_at = ? WHERE id = ?",
                   item["restaurant_id"], utcnow(), cart["id"])
        return db.execute("INSERT INTO cart_items (cart_id, item_id, option_id, qty, note) "
                          "VALUES (?, ?, ?, ?, ?)", cart["id"], item["id"], option_id, qty, note)

    @staticmethod
    def remove(cart_id, line_id):
        db.execute("DELETE FROM cart_items WHERE id = ? AND cart_id = ?", line_id, cart_id)

    @staticmethod
    def set_coupon(cart_id, code):
        db.execute("UPDATE carts SET coupon_code = ? WHERE id = ?", code, cart_id)

    @staticmethod
    def clear(cart_id):
        db.execute("DELETE FROM cart_items WHERE cart_id = ?", cart_id)
        db.execute("UPDATE carts SET restaurant_id = NULL, coupon_code = NULL WHERE id = ?", cart_id)


def cart_subtotal(lines):
    return sum((l["price_cents"] + l["extra_cents"]) * l["qty"] for l in lines)


def order_totals(subtotal_cents, delivery_fee_cents, discount_cents=0, tip_cents=0):
    discount_cents = min(discount_cents, subtotal_cents)
    total = subtotal_cents - discount_cents + delivery_fee_cents + tip_cents
    return {"subtotal_cents": subtotal_cents, "delivery_fee_cents": delivery_fee_cents,
            "discount_cents": discount_cents, "tip_cents": tip_cents, "total_cents": max(total, 0)}


class OrderDAO(object):
    @staticmethod
    def get(order_id):
        return db.query_one("SELECT * FROM orders WHERE id = ?", order_id)

    @staticmethod
    def create(user_id, restaurant_id, address_id, lines, totals, coupon_id=None, notes=None):
        with db.transaction():
            oid = db.execute(
                "INSERT INTO orders (number, user_id, restaurant_id, address_id, subtotal_cents, "
                "delivery_fee_cents, discount_cents, tip_cents, total_cents, coupon_id, notes) "
                "VALUES ('tmp', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user_id, restaurant_id, address_id, totals["subtotal_cents"],
                totals["delivery_fee_cents"], totals["discount_cents"], totals["tip_cents"],
                totals["total_cents"], coupon_id, notes)
            db.execute("UPDATE orders SET number = ? WHERE id = ?", order_number(oid), oid)
            for l in lines:
                db.execute("INSERT INTO order_items (order_id, item_id, name, option_name, qty, "
                           "unit_cents, note) VALUES (?, ?, ?, ?, ?, ?, ?)", oid, l["item_id"],
                           l["name"], l["option_name"], l["qty"], l["price_cents"] + l["extra_cents"],
                           l["note"])
            OrderDAO.log_event(oid, "placed", user_id)
        return oid

    @staticmethod
    def items(order_id):
        return db.query("SELECT * FROM order_items WHERE order_id = ? ORDER BY id", order_id)

    @staticmethod
    def events(order_id):
        return db.query("SELECT * FROM order_events WHERE order_id = ? ORDER BY id", order_id)

    @staticmethod
    def log_event(order_id, status, actor_id=None, note=None):
        db.execute("INSERT INTO order_events (order_id, status, actor_id, note) VALUES (?, ?, ?, ?)",
                   order_id, status, actor_id, note)

    @staticmethod
    def for_customer(user_id, limit=20):
        return db.query("""SELECT o.*, r.name AS restaurant_name FROM orders o
                           JOIN restaurants r ON r.id = o.restaurant_id
                           WHERE o.user_id = ? ORDER BY o.placed_at DESC LIMIT %d""" % limit, user_id)

    @staticmethod
    def for_restaurant(restaurant_id, statuses=("placed", "accepted", "preparing", "ready")):
        marks = ",".join("'%s'" % s for s in statuses)
        return db.query(f"SELECT * FROM orders WHERE restaurant_id = ? AND status IN ({marks}) "
                        "ORDER BY placed_at", restaurant_id)

    @staticmethod
    def set_status(order_id, status, actor_id=None, note=None):
        order = OrderDAO.get(order_id)
        if order is None:
            raise ValueError("no such order")
        if status not in ORDER_FLOW.get(order["status"], ()):
            raise ValueError("cannot go from %s to %s" % (order["status"], status))
        stamp = {"accepted": "accepted_at", "ready": "ready_at", "delivered": "delivered_at"}.get(status)
        if stamp:
            db.execute("UPDATE orders SET status = ?, " + stamp + " = ? WHERE id = ?",
                       status, utcnow(), order_id)
        else:
            db.execute("UPDATE orders SET status = ? WHERE id = ?", status, order_id)
        if status in ("cancelled", "rejected"):
            db.execute("UPDATE orders SET cancel_reason = ? WHERE id = ?", note, order_id)
        OrderDAO.log_event(order_id, status, actor_id, note)
        return order

    @staticmethod
    def stale_placed(minutes):
        return db.query("SELECT * FROM orders WHERE status = 'placed' AND placed_at < ?",
                        utcnow() - timedelta(minutes=minutes))


def dashboard_counts():
    today = utcnow().strftime("%Y-%m-%d")
    return {
        "orders_today": db.scalar("SELECT COUNT(*) FROM orders WHERE placed_at >= ?", today),
        "live_orders": db.scalar("SELECT COUNT(*) FROM orders WHERE status IN "
                                 "('placed','accepted','preparing','ready','picked_up')"),
        "unassigned": db.scalar("SELECT COUNT(*) FROM deliveries WHERE status = 'unassigned'"),
        "couriers_online": db.scalar("SELECT COUNT(*) FROM couriers WHERE status != 'offline'"),
        "gmv_today": db.scalar("SELECT COALESCE(SUM(total_cents), 0) FROM orders "
                               "WHERE placed_at >= ? AND status != 'cancelled'", today),
        "restaurants_pending": db.scalar("SELECT COUNT(*) FROM restaurants WHERE status = 'pending'"),
    }


# ------------------------------------------------------------------ couriers & deliveries

class CourierDAO(object):
    @staticmethod
    def get(courier_id):
        return db.query_one("SELECT c.*, u.full_name, u.phone FROM couriers c "
                            "JOIN users u ON u.id = c.user_id WHERE c.id = ?", courier_id)

    @staticmethod
    def for_user(user_id):
        return db.query_one("SELECT * FROM couriers WHERE user_id = ?", user_id)

    @staticmethod
    def set_status(courier_id, status):
        db.execute("UPDATE couriers SET status = ? WHERE id = ?", status, courier_id)

    @staticmethod
    def start_shift(courier_id):
        db.execute("INSERT INTO courier_shifts (courier_id, started_at) VALUES (?, ?)", courier_id, utcnow())
        CourierDAO.set_status(courier_id, "available")

    @staticmethod
    def end_shift(courier_id):
        db.execute("UPDATE courier_shifts SET ended_at = ? WHERE courier_id = ? AND ended_at IS NULL",
                   utcnow(), courier_id)
        CourierDAO.set_status(courier_id, "offline")

    @staticmethod
    def record_location(courier_id, lat, lng):
        db.execute("INSERT INTO courier_locations (courier_id, lat, lng) VALUES (?, ?, ?)",
                   courier_id, lat, lng)
        db.execute("UPDATE couriers SET last_lat = ?, last_lng = ?, last_seen_at = ? WHERE id = ?",
                   lat, lng, utcnow(), courier_id)

    @staticmethod
    def available_near(lat, lng, max_km):
        rows = db.query("SELECT c.*, u.full_name FROM couriers c JOIN users u ON u.id = c.user_id "
                        "WHERE c.status = 'available' AND c.last_lat IS NOT NULL")
        found = []
        for c in rows:
            km = haversine_km(lat, lng, c["last_lat"], c["last_lng"])
            if km <= max_km:
                c["distance_km"] = km
                found.append(c)
        return sorted(found, key=lambda c: c["distance_km"])

    @staticmethod
    def open_shifts_older_than(hours):
        return db.query("SELECT * FROM courier_shifts WHERE ended_at IS NULL AND started_at < ?",
                        utcnow() - timedelta(hours=hours))


class DeliveryDAO(object):
    @staticmethod
    def get(delivery_id):
        return db.query_one("SELECT * FROM deliveries WHERE id = ?", delivery_id)

    @staticmethod
    def for_order(order_id):
        return db.query_one("SELECT * FROM deliveries WHERE order_id = ?", order_id)

    @staticmethod
    def zone_for(lat, lng):
        for z in db.query("SELECT * FROM delivery_zones ORDER BY radius_km"):
            if haversine_km(lat, lng, z["center_lat"], z["center_lng"]) <= z["radius_km"]:
                return z
        return None

    @staticmethod
    def quote(restaurant, address):
        km = haversine_km(restaurant["lat"], restaurant["lng"], address["lat"], address["lng"]) or 2.0
        zone = DeliveryDAO.zone_for(address["lat"], address["lng"])
        return {"distance_km": round(km, 2), "zone": zone, "fee_cents": delivery_fee(km, zone)}

    @staticmethod
    def create(order_id, quote):
        return db.execute("INSERT INTO deliveries (order_id, zone_id, distance_km, fee_cents) "
                          "VALUES (?, ?, ?, ?)", order_id, quote["zone"]["id"] if quote["zone"] else None,
                          quote["distance_km"], quote["fee_cents"])

    @staticmethod
    def assign(delivery_id, courier_id):
        db.execute("UPDATE deliveries SET courier_id = ?, status = 'assigned', assigned_at = ?, "
                   "attempts = attempts + 1 WHERE id = ?", courier_id, utcnow(), delivery_id)
        db.execute("UPDATE couriers SET status = 'busy' WHERE id = ?", courier_id)

    @staticmethod
    def unassign(delivery_id):
        d = DeliveryDAO.get(delivery_id)
        db.execute("UPDATE deliveries SET courier_id = NULL, status = 'unassigned' WHERE id = ?", delivery_id)
        if d and d["courier_id"]:
            db.execute("UPDATE couriers SET status = 'available' WHERE id = ?", d["courier_id"])

    @staticmethod
    def mark(delivery_id, status):
        col = {"picked_up": "picked_up_at", "delivered": "delivered_at"}[status]
        db.execute("UPDATE deliveries SET status = '%s', %s = ? WHERE id = ?" % (status, col),
                   utcnow(), delivery_id)

    @staticmethod
    def board():
        return db.query("""
            SELECT d.*, o.number, o.status AS order_status, r.name AS restaurant_name,
                   r.lat AS r_lat, r.lng AS r_lng, u.full_name AS courier_name
              FROM deliveries d
              JOIN orders o ON o.id = d.order_id
              JOIN restaurants r ON r.id = o.restaurant_id
              LEFT JOIN couriers c ON c.id = d.courier_id
              LEFT JOIN users u ON u.id = c.user_id
             WHERE d.status IN ('unassigned', 'assigned', 'picked_up')
             ORDER BY d.id""")

    @staticmethod
    def for_courier(courier_id):
        return db.query("""
            SELECT d.*, o.number, r.name AS restaurant_name, r.address AS pickup_address,
                   a.line1, a.city, a.instructions, a.lat, a.lng
              FROM deliveries d JOIN orders o ON o.id = d.order_id
              JOIN restaurants r ON r.id = o.restaurant_id
              LEFT JOIN customer_addresses a ON a.id = o.address_id
             WHERE d.courier_id = ? AND d.status IN ('assigned', 'picked_up')""", courier_id)

    @staticmethod
    def stuck(minutes):
        return db.query("SELECT * FROM deliveries WHERE status = 'assigned' AND assigned_at < ?",
                        utcnow() - timedelta(minutes=minutes))


def auto_assign(delivery_id, max_km=3.0):
    d = DeliveryDAO.get(delivery_id)
    r = db.query_one("SELECT r.lat, r.lng FROM restaurants r JOIN orders o ON o.restaurant_id = r.id "
                     "WHERE o.id = ?", d["order_id"])
    candidates = CourierDAO.available_near(r["lat"], r["lng"], max_km)
    if not candidates:
        return None
    DeliveryDAO.assign(delivery_id, candidates[0]["id"])
    return candidates[0]


def courier_performance(since):
    return db.query("""
        SELECT c.id, u.full_name, COUNT(d.id) AS deliveries,
               AVG((julianday(d.delivered_at) - julianday(d.picked_up_at)) * 1440) AS avg_minutes,
               AVG(cr.stars) AS rating, SUM(d.distance_km) AS km
          FROM couriers c JOIN users u ON u.id = c.user_id
          LEFT JOIN deliveries d ON d.courier_id = c.id AND d.status = 'delivered' AND d.delivered_at >= ?
          LEFT JOIN courier_ratings cr ON cr.delivery_id = d.id
         GROUP BY c.id, u.full_name ORDER BY deliveries DESC""", since)


# ------------------------------------------------------------------ payments & payouts

class PaymentDAO(object):
    @staticmethod
    def create(order_id, amount_cents, method, provider_ref=None, status="pending", last4=None):
        return db.execute("INSERT INTO payments (order_id, amount_cents, method, provider_ref, status, "
                          "card_last4) VALUES (?, ?, ?, ?, ?, ?)", order_id, amount_cents, method,
                          provider_ref, status, last4)

    @staticmethod
    def for_order(order_id):
        return db.query_one("SELECT * FROM payments WHERE order_id = ? ORDER BY id DESC", order_id)

    @staticmethod
    def by_ref(provider_ref):
        return db.query_one("SELECT * FROM payments WHERE provider_ref = ?", provider_ref)

    @staticmethod
    def set_status(payment_id, status):
        extra = ", captured_at = CURRENT_TIMESTAMP" if status == "captured" else ""
        db.execute("UPDATE payments SET status = ?" + extra + " WHERE id = ?", status, payment_id)

    @staticmethod
    def add_refund(payment_id, amount_cents, reason, provider_ref, user_id):
        db.execute("INSERT INTO refunds (payment_id, amount_cents, reason, provider_ref, created_by) "
                   "VALUES (?, ?, ?, ?, ?)", payment_id, amount_cents, reason, provider_ref, user_id)
        refunded = db.scalar("SELECT SUM(amount_cents) FROM refunds WHERE payment_id = ?", payment_id)
        p = db.query_one("SELECT amount_cents FROM payments WHERE id = ?", payment_id)
        if refunded >= p["amount_cents"]:
            PaymentDAO.set_status(payment_id, "refunded")

    @staticmethod
    def uncaptured_delivered():
        return db.query("SELECT p.* FROM payments p JOIN orders o ON o.id = p.order_id "
                        "WHERE p.status = 'authorized' AND o.status = 'delivered'")


class PayoutDAO(object):
    @staticmethod
    def build_restaurant(restaurant_id, start, end):
        rows = db.query("""
            SELECT o.id, o.number, o.subtotal_cents, o.discount_cents, r.commission_pct,
                   pr.funded_by
              FROM orders o JOIN restaurants r ON r.id = o.restaurant_id
              LEFT JOIN coupons c ON c.id = o.coupon_id
              LEFT JOIN promotions pr ON pr.id = c.promotion_id
             WHERE o.restaurant_id = ? AND o.status = 'delivered'
               AND o.delivered_at >= ? AND o.delivered_at < ?""", restaurant_id, start, end)
        if not rows:
            return None
        pid = db.execute("INSERT INTO payouts (payee_type, payee_id, period_start, period_end, amount_cents) "
                         "VALUES ('restaurant', ?, ?, ?, 0)", restaurant_id, start, end)
        total = 0
        for o in rows:
            amount = o["subtotal_cents"] - percent_of(o["subtotal_cents"], o["commission_pct"])
            if o["funded_by"] == "restaurant":
                amount -= o["discount_cents"]
            total += amount
            db.execute("INSERT INTO payout_lines (payout_id, order_id, description, amount_cents) "
                       "VALUES (?, ?, ?, ?)", pid, o["id"], "Order " + o["number"], amount)
        db.execute("UPDATE payouts SET amount_cents = ? WHERE id = ?", total, pid)
        return pid

    @staticmethod
    def build_courier(courier_id, start, end):
        rows = db.query("SELECT d.id, d.order_id, d.fee_cents, o.tip_cents FROM deliveries d "
                        "JOIN orders o ON o.id = d.order_id WHERE d.courier_id = ? AND d.status = 'delivered' "
                        "AND d.delivered_at >= ? AND d.delivered_at < ?", courier_id, start, end)
        if not rows:
            return None
        pid = db.execute("INSERT INTO payouts (payee_type, payee_id, period_start, period_end, amount_cents) "
                         "VALUES ('courier', ?, ?, ?, 0)", courier_id, start, end)
        total = 0
        for d in rows:
            amount = int(d["fee_cents"] * 0.8) + d["tip_cents"]
            total += amount
            db.execute("INSERT INTO payout_lines (payout_id, order_id, description, amount_cents) "
                       "VALUES (?, ?, 'Delivery + tip', ?)", pid, d["order_id"], amount)
        db.execute("UPDATE payouts SET amount_cents = ? WHERE id = ?", total, pid)
        return pid

    @staticmethod
    def list(status=None):
        where = " WHERE status = '%s'" % status if status else ""
        return db.query("SELECT * FROM payouts" + where + " ORDER BY period_end DESC, id")

    @staticmethod
    def mark_paid(payout_id):
        db.execute("UPDATE payouts SET status = 'paid', paid_at = ? WHERE id = ?", utcnow(), payout_id)


def restaurant_earnings(restaurant_id, start, end):
    return db.query("SELECT * FROM restaurant_earnings WHERE restaurant_id = ? AND day >= ? AND day < ? "
                    "ORDER BY day", restaurant_id, start, end)


def sales_report(start, end):
    # finance report: one row per restaurant, joins pretty much everything
    return db.query(f"""
        SELECT r.id, r.name, COUNT(o.id) AS orders, SUM(o.subtotal_cents) AS gross_cents,
               SUM(o.discount_cents) AS discounts_cents, SUM(o.delivery_fee_cents) AS delivery_cents,
               SUM(COALESCE(rf.amount_cents, 0)) AS refunded_cents, AVG(rv.stars) AS avg_stars,
               COUNT(cr.id) AS coupon_orders
          FROM restaurants r
          JOIN orders o ON o.restaurant_id = r.id AND o.placed_at >= '{start}' AND o.placed_at < '{end}'
          LEFT JOIN payments p ON p.order_id = o.id
          LEFT JOIN refunds rf ON rf.payment_id = p.id
          LEFT JOIN reviews rv ON rv.order_id = o.id
          LEFT JOIN coupon_redemptions cr ON cr.order_id = o.id
         WHERE o.status = 'delivered'
         GROUP BY r.id, r.name ORDER BY gross_cents DESC""")


# ------------------------------------------------------------------ promotions

class PromotionDAO(object):
    @staticmethod
    def active(restaurant_id=None):
        now = utcnow()
        sql = ("SELECT * FROM promotions WHERE (starts_at IS NULL OR starts_at <= ?) "
               "AND (ends_at IS NULL OR ends_at > ?)")
        if restaurant_id:
            sql += " AND (restaurant_id IS NULL OR restaurant_id = %d)" % int(restaurant_id)
        return db.query(sql, now, now)

    @staticmethod
    def create(name, kind, value, restaurant_id=None, min_order_cents=0, starts_at=None, ends_at=None,
               funded_by="platform"):
        return db.execute("INSERT INTO promotions (name, kind, value, restaurant_id, min_order_cents, "
                          "starts_at, ends_at, funded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", name, kind,
                          value, restaurant_id, min_order_cents, starts_at, ends_at, funded_by)

    @staticmethod
    def coupon(code):
        return db.query_one("""SELECT c.*, p.kind, p.value, p.restaurant_id, p.min_order_cents,
                                      p.starts_at, p.ends_at
                                 FROM coupons c JOIN promotions p ON p.id = c.promotion_id
                                WHERE upper(c.code) = upper(?) AND c.is_active = 1""", code)

    @staticmethod
    def add_coupon(promotion_id, code, max_uses=None, per_user=1):
        return db.execute("INSERT INTO coupons (promotion_id, code, max_uses, per_user) VALUES (?, ?, ?, ?)",
                          promotion_id, code.upper(), max_uses, per_user)

    @staticmethod
    def redeem(coupon_id, user_id, order_id, discount_cents):
        db.execute("INSERT INTO coupon_redemptions (coupon_id, user_id, order_id, discount_cents) "
                   "VALUES (?, ?, ?, ?)", coupon_id, user_id, order_id, discount_cents)

    @staticmethod
    def expire_finished():
        return db.execute("UPDATE coupons SET is_active = 0 WHERE promotion_id IN "
                          "(SELECT id FROM promotions WHERE ends_at < ?)", utcnow())


def coupon_discount(code, user_id, restaurant_id, subtotal_cents, delivery_fee_cents):
    """Returns (coupon_row, discount_cents, error)."""
    c = PromotionDAO.coupon(code)
    if c is None:
        return None, 0, "Unknown coupon"
    if c["restaurant_id"] and c["restaurant_id"] != restaurant_id:
        return None, 0, "Coupon not valid for this restaurant"
    if subtotal_cents < c["min_order_cents"]:
        return None, 0, "Order too small for this coupon"
    used = db.scalar("SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ?", c["id"])
    if c["max_uses"] and used >= c["max_uses"]:
        return None, 0, "Coupon fully used"
    mine = db.scalar("SELECT COUNT(*) FROM coupon_redemptions WHERE coupon_id = ? AND user_id = ?",
                     c["id"], user_id)
    if mine >= c["per_user"]:
        return None, 0, "You already used this coupon"
    if c["kind"] == "percent":
        return c, percent_of(subtotal_cents, c["value"]), None
    if c["kind"] == "free_delivery":
        return c, delivery_fee_cents, None
    return c, min(c["value"], subtotal_cents), None


def grant_referral_credit(new_user_id, referrer_id, amount_cents=500):
    for uid, src in ((referrer_id, new_user_id), (new_user_id, referrer_id)):
        db.execute("INSERT INTO referral_credits (user_id, source_user, amount_cents, expires_at) "
                   "VALUES (?, ?, ?, ?)", uid, src, amount_cents, utcnow() + timedelta(days=90))


# ------------------------------------------------------------------ reviews

class ReviewDAO(object):
    @staticmethod
    def add(order, stars, body):
        return db.execute("INSERT INTO reviews (order_id, user_id, restaurant_id, stars, body) "
                          "VALUES (?, ?, ?, ?, ?)", order["id"], order["user_id"],
                          order["restaurant_id"], stars, body)

    @staticmethod
    def for_restaurant(restaurant_id, limit=50):
        return db.query("SELECT rv.*, u.full_name, rr.body AS reply FROM reviews rv "
                        "JOIN users u ON u.id = rv.user_id LEFT JOIN review_replies rr ON rr.review_id = rv.id "
                        "WHERE rv.restaurant_id = ? AND rv.flagged = 0 ORDER BY rv.created_at DESC "
                        "LIMIT " + str(limit), restaurant_id)

    @staticmethod
    def rating(restaurant_id):
        return db.query_one("SELECT AVG(stars) AS avg, COUNT(*) AS n FROM reviews "
                            "WHERE restaurant_id = ? AND flagged = 0", restaurant_id)

    @staticmethod
    def reply(review_id, author_id, body):
        db.execute("INSERT INTO review_replies (review_id, author_id, body) VALUES (?, ?, ?)",
                   review_id, author_id, body)

    @staticmethod
    def rate_courier(delivery, user_id, stars, comment=None):
        db.execute("INSERT INTO courier_ratings (delivery_id, courier_id, user_id, stars, comment) "
                   "VALUES (?, ?, ?, ?, ?)", delivery["id"], delivery["courier_id"], user_id, stars, comment)

    @staticmethod
    def flagged():
        return db.query("SELECT * FROM reviews WHERE flagged = 1 ORDER BY created_at DESC")

    @staticmethod
    def set_flag(review_id, flagged):
        db.execute("UPDATE reviews SET flagged = %d WHERE id = %d" % (int(flagged), int(review_id)))


# ------------------------------------------------------------------ notifications

class NotificationDAO(object):
    @staticmethod
    def template(key):
        return db.query_one("SELECT * FROM notification_templates WHERE key = ?", key)

    @staticmethod
    def save_template(key, channel, body, subject=None):
        if NotificationDAO.template(key):
            db.execute("UPDATE notification_templates SET channel = ?, body = ?, subject = ? WHERE key = ?",
                       channel, body, subject, key)
        else:
            db.execute("INSERT INTO notification_templates (key, channel, subject, body) VALUES (?, ?, ?, ?)",
                       key, channel, subject, body)

    @staticmethod
    def queue(user_id, channel, template, recipient, body):
        return db.execute("INSERT INTO notifications (user_id, channel, template, recipient, body) "
                          "VALUES (?, ?, ?, ?, ?)", user_id, channel, template, recipient, body)

    @staticmethod
    def pending(limit=200):
        return db.query("SELECT * FROM notifications WHERE status = 'queued' AND attempts < 5 "
                        "ORDER BY id LIMIT ?", limit)

    @staticmethod
    def mark(notification_id, ok):
        if ok:
            db.execute("UPDATE notifications SET status = 'sent', sent_at = ? WHERE id = ?",
                       utcnow(), notification_id)
        else:
            db.execute("UPDATE notifications SET attempts = attempts + 1 WHERE id = ?", notification_id)

    @staticmethod
    def devices(user_id):
        return [r["token"] for r in db.query("SELECT token FROM push_devices WHERE user_id = ?", user_id)]

    @staticmethod
    def register_device(user_id, token, platform):
        db.execute("DELETE FROM push_devices WHERE token = ?", token)
        db.execute("INSERT INTO push_devices (user_id, token, platform) VALUES (?, ?, ?)",
                   user_id, token, platform)
