"""Catalog queries for the new search page."""
from shop import db
from shop.utils import cached_property

SORTS = {
    "price_asc": "p.price ASC",
    "price_desc": "p.price DESC",
    "newest": "p.created_at DESC",
    "rating": "avg_rating DESC NULLS LAST",
}


class ProductRepository(object):
    def __init__(self, include_inactive=False):
        self.include_inactive = include_inactive

    @cached_property
    def category_ids(self):
        return {r["slug"]: r["id"] for r in db.query("SELECT id, slug FROM categories")}

    def search(self, text=None, category=None, min_price=None, max_price=None,
               sort="newest", limit=24, offset=0):
        where = ["TRUE"] if self.include_inactive else ["p.active"]
        params = {}
        if text:
            where.append("(p.name ILIKE %(text)s OR p.description ILIKE %(text)s "
                         "OR p.sku = %(sku)s)")
            params["text"] = "%" + text + "%"
            params["sku"] = text.upper()
        if category and category in self.category_ids:
            where.append("EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id "
                         "AND pc.category_id = %(cat)s)")
            params["cat"] = self.category_ids[category]
        if min_price is not None:
            where.append("p.price >= %(min_price)s")
            params["min_price"] = min_price
        if max_price is not None:
            where.append("p.price <= %(max_price)s")
            params["max_price"] = max_price
        order_by = SORTS.get(sort, SORTS["newest"])
        sql = f"""
            SELECT p.id, p.sku, p.name, p.slug, p.price,
                   (SELECT AVG(r.rating) FROM reviews r
                     WHERE r.product_id = p.id AND r.approved) AS avg_rating
              FROM products p
             WHERE {" AND ".join(where)}
             ORDER BY {order_by}
             LIMIT {int(limit)} OFFSET {int(offset)}
        """
        return db.query(sql, params)

    def related(self, product_id, limit=4):
        return db.query(
            "SELECT p2.* FROM product_categories pc1 "
            "JOIN product_categories pc2 ON pc2.category_id = pc1.category_id "
            "AND pc2.product_id <> pc1.product_id "
            "JOIN products p2 ON p2.id = pc2.product_id AND p2.active "
            "WHERE pc1.product_id = %s GROUP BY p2.id LIMIT %s",
            (product_id, limit),
        )

    def price_changes(self, product_id):
        return db.query(
            "SELECT old_price, new_price, changed_at FROM price_history WHERE product_id = %s "
            "ORDER BY changed_at DESC",
            (product_id,),
        )

    def set_categories(self, product_id, category_ids):
        db.execute("DELETE FROM product_categories WHERE product_id = %s", (product_id,))
        for cid in category_ids:
            db.execute("INSERT INTO product_categories (product_id, category_id) VALUES (%s, %s)",
                       (product_id, cid))
