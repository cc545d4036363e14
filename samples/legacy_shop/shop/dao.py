"""Data access objects.

Started as one DAO per table; now it is whatever we needed that week.
New code should go to shop/repositories/ (see README).
"""
import json
import logging

from shop import db
from shop.utils import fast_dumps, generate_token, now_utc, sha256, slugify, to_decimal

log = logging.getLogger(__name__)

ORDER_LINES_SQL = """
    SELECT oi.id, oi.product_id, oi.quantity, oi.unit_price, p.name, p.sku
      FROM order_items oi
      JOIN products p ON p.id = oi.product_id
     WHERE oi.order_id = %s
     ORDER BY oi.id
"""

OPEN_ORDER_STATES = ("new", "paid", "picking")

TOP_CUSTOMERS_SQL = (
    "SELECT u.id, u.email, COUNT(o.id) AS orders, SUM(p.amount) AS spent "
    "FROM users u JOIN orders o ON o.user_id = u.id "
    "JOIN payments p ON p.order_id = o.id AND p.status = 'captured' "
    "GROUP BY u.id, u.email ORDER BY spent DESC LIMIT %s"
)


class BaseDAO(object):
    table = None
    pk = "id"

    def get(self, id):
        return db.query_one("SELECT * FROM %s WHERE id = %%s" % self.table, (id,))

    def all(self, limit=100, offset=0):
        return db.query(
            "SELECT * FROM " + self.table + " ORDER BY id LIMIT %s OFFSET %s", (limit, offset)
        )

    def count(self):
        return db.query_value("SELECT COUNT(*) FROM %s" % self.table)

    def delete(self, id):
        return db.execute("DELETE FROM %s WHERE %s = %%s" % (self.table, self.pk), (id,))

    def update_fields(self, id, **fields):
        if not fields:
            return 0
        sets = ", ".join("%s = %%s" % k for k in sorted(fields))
        params = [fields[k] for k in sorted(fields)] + [id]
        return db.execute("UPDATE %s SET %s WHERE id = %%s" % (self.table, sets), params)


class UserDAO(BaseDAO):
    table = "users"

    def by_email(self, email):
        return db.query_one("SELECT * FROM users WHERE lower(email) = lower(%s)", (email,))

    def create(self, email, password_hash, first_name="", last_name=""):
        row = db.execute(
            "INSERT INTO users (email, password_hash, first_name, last_name, created_at) "
            "VALUES (%s, %s, %s, %s, now()) RETURNING id",
            (email.lower(), password_hash, first_name, last_name),
        )
        return row["id"]

    def set_password(self, user_id, password_hash):
        db.execute(
            "UPDATE users SET password_hash = %s, password_changed_at = now() WHERE id = %s",
            (password_hash, user_id),
        )

    def roles(self, user_id):
        rows = db.query(
            "SELECT r.name FROM roles r JOIN user_roles ur ON ur.role_id = r.id "
            "WHERE ur.user_id = %s",
            (user_id,),
        )
        return [r["name"] for r in rows]

    def deactivate(self, user_id):
        db.execute("UPDATE users SET active = false WHERE id = %s", (user_id,))
        db.execute("DELETE FROM sessions WHERE user_id = %s", (user_id,))

    def search(self, term, limit=50):
        like = "%" + term.lower() + "%"
        return db.query(
            "SELECT id, email, first_name, last_name FROM users "
            "WHERE lower(email) LIKE %s OR lower(last_name) LIKE %s LIMIT %s",
            (like, like, limit),
        )


class AddressDAO(BaseDAO):
    table = "user_addresses"

    def for_user(self, user_id):
        return db.query(
            "SELECT * FROM user_addresses WHERE user_id = %s ORDER BY is_default DESC, id",
            (user_id,),
        )

    def add(self, user_id, data):
        return db.execute(
            "INSERT INTO user_addresses (user_id, line1, line2, city, zip, country, is_default) "
            "VALUES (%(user_id)s, %(line1)s, %(line2)s, %(city)s, %(zip)s, %(country)s, false) "
            "RETURNING id",
            dict(data, user_id=user_id),
        )["id"]


class SessionDAO(BaseDAO):
    table = "sessions"

    def open(self, user_id, ip):
        token = generate_token(40)
        db.execute(
            "INSERT INTO sessions (token_hash, user_id, ip, created_at, expires_at) "
            "VALUES (%s, %s, %s, now(), now() + interval '30 days')",
            (sha256(token), user_id, ip),
        )
        return token

    def lookup(self, token):
        return db.query_one(
            "SELECT s.*, u.email FROM sessions s JOIN users u ON u.id = s.user_id "
            "WHERE s.token_hash = %s AND s.expires_at > now()",
            (sha256(token),),
        )

    def purge_expired(self):
        return db.execute("DELETE FROM sessions WHERE expires_at < now()")


class ProductDAO(BaseDAO):
    table = "products"

    def by_slug(self, slug):
        return db.query_one("SELECT * FROM products WHERE slug = %s AND active", (slug,))

    def list_active(self, category_id=None, limit=20, offset=0):
        sql = "SELECT p.* FROM products p"
        params = []
        if category_id:
            sql += " JOIN product_categories pc ON pc.product_id = p.id AND pc.category_id = %s"
            params.append(category_id)
        sql += " WHERE p.active ORDER BY p.position, p.id LIMIT %s OFFSET %s"
        params += [limit, offset]
        return db.query(sql, params)

    def create(self, data):
        data = dict(data)
        data.setdefault("slug", slugify(data["name"]))
        return db.execute(
            "INSERT INTO products (sku, name, slug, description, price, active, created_at) "
            "VALUES (%(sku)s, %(name)s, %(slug)s, %(description)s, %(price)s, true, now()) "
            "RETURNING id",
            data,
        )["id"]

    def change_price(self, product_id, new_price, changed_by=None):
        old = self.get(product_id)
        db.execute("UPDATE products SET price = %s, updated_at = now() WHERE id = %s",
                   (to_decimal(new_price), product_id))
        db.execute(
            "INSERT INTO price_history (product_id, old_price, new_price, changed_by, changed_at) "
            "VALUES (%s, %s, %s, %s, now())",
            (product_id, old["price"], new_price, changed_by),
        )

    def images(self, product_id):
        return db.query(
            "SELECT url, alt FROM product_images WHERE product_id = %s ORDER BY position",
            (product_id,),
        )


class CategoryDAO(BaseDAO):
    table = "categories"

    def tree(self):
        rows = db.query("SELECT id, parent_id, name, slug FROM categories ORDER BY position")
        by_parent = {}
        for r in rows:
            by_parent.setdefault(r["parent_id"], []).append(r)
        return by_parent

    def breadcrumbs(self, category_id):
        return db.query(
            """
            WITH RECURSIVE up AS (
                SELECT id, parent_id, name, slug, 0 AS depth FROM categories WHERE id = %s
                UNION ALL
                SELECT c.id, c.parent_id, c.name, c.slug, up.depth + 1
                  FROM categories c JOIN up ON c.id = up.parent_id
            )
            SELECT * FROM up ORDER BY depth DESC
            """,
            (category_id,),
        )


class ReviewDAO(BaseDAO):
    table = "reviews"

    def for_product(self, product_id, only_approved=True):
        sql = "SELECT r.*, u.first_name FROM reviews r JOIN users u ON u.id = r.user_id " \
              "WHERE r.product_id = %s"
        if only_approved:
            sql += " AND r.approved"
        return db.query(sql + " ORDER BY r.created_at DESC", (product_id,))

    def add(self, product_id, user_id, rating, body):
        rating = max(1, min(5, int(rating)))
        return db.execute(
            "INSERT INTO reviews (product_id, user_id, rating, body, approved, created_at) "
            "VALUES (%s, %s, %s, %s, false, now()) RETURNING id",
            (product_id, user_id, rating, body),
        )["id"]

    def average(self, product_id):
        return db.query_value(
            "SELECT ROUND(AVG(rating), 1) FROM reviews WHERE product_id = %s AND approved",
            (product_id,), default=0,
        )


class CartDAO(BaseDAO):
    table = "carts"

    def current(self, user_id):
        cart = db.query_one(
            "SELECT * FROM carts WHERE user_id = %s AND status = 'open' ORDER BY id DESC LIMIT 1",
            (user_id,),
        )
        if cart is None:
            cart = db.execute(
                "INSERT INTO carts (user_id, status, created_at) VALUES (%s, 'open', now()) "
                "RETURNING *",
                (user_id,),
            )
        return cart

    def items(self, cart_id):
        return db.query(
            "SELECT ci.*, p.name, p.price, p.sku FROM cart_items ci "
            "JOIN products p ON p.id = ci.product_id WHERE ci.cart_id = %s",
            (cart_id,),
        )

    def add_item(self, cart_id, product_id, quantity=1):
        # upsert: bump the quantity when the line exists
        db.execute(
            "INSERT INTO cart_items (cart_id, product_id, quantity) VALUES (%s, %s, %s) "
            "ON CONFLICT (cart_id, product_id) "
            "DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity",
            (cart_id, product_id, quantity),
        )

    def remove_item(self, cart_id, product_id):
        db.execute("DELETE FROM cart_items WHERE cart_id = %s AND product_id = %s",
                   (cart_id, product_id))

    def close(self, cart_id, status="ordered"):
        db.execute("UPDATE carts SET status = %s, closed_at = now() WHERE id = %s",
                   (status, cart_id))


class OrderDAO(BaseDAO):
    table = "orders"

    def create(self, user_id, cart_id, address_id, total, currency="EUR"):
        row = db.execute(
            "INSERT INTO orders (user_id, cart_id, shipping_address_id, status, total, currency, "
            "created_at) VALUES (%s, %s, %s, 'new', %s, %s, now()) RETURNING id",
            (user_id, cart_id, address_id, to_decimal(total), currency),
        )
        return row["id"]

    def add_line(self, order_id, product_id, quantity, unit_price):
        db.execute(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
            "VALUES (%s, %s, %s, %s)",
            (order_id, product_id, quantity, unit_price),
        )

    def lines(self, order_id):
        return db.query(ORDER_LINES_SQL, (order_id,))

    def lock(self, order_id):
        return db.query_one("SELECT * FROM orders WHERE id = %s FOR UPDATE", (order_id,))

    def set_status(self, order_id, status, note=None):
        db.execute("UPDATE orders SET status = %s, updated_at = now() WHERE id = %s",
                   (status, order_id))
        if note:
            db.execute(
                "UPDATE order_status_history SET note = %s WHERE id = "
                "(SELECT max(id) FROM order_status_history WHERE order_id = %s)",
                (note, order_id),
            )

    def for_user(self, user_id, limit=20, offset=0):
        return db.query(
            "SELECT * FROM orders WHERE user_id = %s ORDER BY created_at DESC LIMIT %s OFFSET %s",
            (user_id, limit, offset),
        )

    def open_orders(self):
        return db.query("SELECT * FROM orders WHERE status IN %s ORDER BY created_at",
                        (OPEN_ORDER_STATES,))

    def with_customer(self, order_id):
        return db.query_one(
            "SELECT o.*, u.email, u.first_name, a.line1, a.city, a.zip, a.country "
            "FROM orders o JOIN users u ON u.id = o.user_id "
            "LEFT JOIN user_addresses a ON a.id = o.shipping_address_id WHERE o.id = %s",
            (order_id,),
        )

    def history(self, order_id):
        return db.query(
            "SELECT status, note, changed_at FROM order_status_history "
            "WHERE order_id = %s ORDER BY changed_at",
            (order_id,),
        )


class CouponDAO(BaseDAO):
    table = "coupons"

    def by_code(self, code):
        return db.query_one(
            "SELECT * FROM coupons WHERE upper(code) = upper(%s) AND valid_until > now()", (code,)
        )

    def redeem(self, coupon_id):
        return db.execute(
            "UPDATE coupons SET used = used + 1 WHERE id = %s AND (max_uses IS NULL OR used < max_uses)",
            (coupon_id,),
        )


class PaymentDAO(BaseDAO):
    table = "payments"

    def create(self, order_id, amount, method, provider_ref=None):
        return db.execute(
            "INSERT INTO payments (order_id, amount, method, provider_ref, status, created_at) "
            "VALUES (%s, %s, %s, %s, 'pending', now()) RETURNING id",
            (order_id, to_decimal(amount), method, provider_ref),
        )["id"]

    def mark(self, payment_id, status, provider_ref=None, raw=None):
        db.execute(
            "UPDATE payments SET status = %s, provider_ref = COALESCE(%s, provider_ref), "
            "raw_response = %s, updated_at = now() WHERE id = %s",
            (status, provider_ref, json.dumps(raw) if raw else None, payment_id),
        )

    def for_order(self, order_id):
        return db.query("SELECT * FROM payments WHERE order_id = %s ORDER BY id", (order_id,))

    def by_provider_ref(self, ref):
        return db.query_one("SELECT * FROM payments WHERE provider_ref = %s", (ref,))

    def captured_total(self, order_id):
        return db.query_value(
            "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = %s AND status = 'captured'",
            (order_id,), default=0,
        )


class RefundDAO(BaseDAO):
    table = "refunds"

    def create(self, payment_id, amount, reason):
        return db.execute(
            "INSERT INTO refunds (payment_id, amount, reason, status, created_at) "
            "VALUES (%s, %s, %s, 'requested', now()) RETURNING id",
            (payment_id, to_decimal(amount), reason),
        )["id"]

    def pending(self):
        return db.query(
            "SELECT r.*, p.provider_ref, p.order_id FROM refunds r "
            "JOIN payments p ON p.id = r.payment_id WHERE r.status = 'requested'"
        )


class EmailQueueDAO(BaseDAO):
    table = "email_queue"

    def push(self, to, subject, body, template=None):
        db.execute(
            "INSERT INTO email_queue (recipient, subject, body, template, status, created_at) "
            "VALUES (%s, %s, %s, %s, 'queued', now())",
            (to, subject, body, template),
        )

    def take(self, batch=50):
        return db.query(
            "SELECT * FROM email_queue WHERE status = 'queued' ORDER BY id LIMIT %s "
            "FOR UPDATE SKIP LOCKED",
            (batch,),
        )

    def mark_sent(self, ids):
        db.execute("UPDATE email_queue SET status = 'sent', sent_at = now() WHERE id IN %s",
                   (db.in_clause(ids),))


def find_user_by_token(token):
    row = SessionDAO().lookup(token)
    return UserDAO().get(row["user_id"]) if row else None


def top_customers(limit=10):
    return db.query(TOP_CUSTOMERS_SQL, (limit,))


def sales_between(start, end):
    return db.query(
        "SELECT date_trunc('day', o.created_at) AS day, COUNT(*) AS orders, SUM(o.total) AS revenue "
        "FROM orders o WHERE o.created_at BETWEEN %s AND %s AND o.status <> 'cancelled' "
        "GROUP BY 1 ORDER BY 1",
        (start, end),
    )


def product_stock_report():
    # reads inventory tables directly, the ORM is too slow for this
    return db.query(
        "SELECT p.sku, p.name, SUM(s.quantity) AS on_hand, SUM(s.reserved) AS reserved "
        "FROM products p LEFT JOIN stock_levels s ON s.product_id = p.id "
        "GROUP BY p.sku, p.name ORDER BY on_hand NULLS FIRST"
    )


def log_audit(user_id, action, payload=None):
    db.execute(
        "INSERT INTO audit_log (user_id, action, payload, created_at) VALUES (%s, %s, %s, %s)",
        (user_id, action, fast_dumps(payload or {}), now_utc()),
    )


def legacy_order_lookup(order_ref):
    # old order refs looked like SHOP-2017-000123; nobody uses this any more
    _, year, num = order_ref.split("-")
    return db.query_one(
        "SELECT * FROM orders WHERE id = %s AND extract(year FROM created_at) = %s"
        % (int(num), int(year))
    )
