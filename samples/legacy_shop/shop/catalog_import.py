"""Nightly supplier feed import (CSV over SFTP, dropped in FEED_DIR)."""
import csv
import glob
import logging
import os

from shop import db
from shop.services import stock
from shop.utils import chunked, get_config, parse_money, slugify

log = logging.getLogger(__name__)

UPSERT_PRODUCT = (
    "INSERT INTO products (sku, name, slug, description, price, weight_g, active, created_at) "
    "VALUES (%(sku)s, %(name)s, %(slug)s, %(description)s, %(price)s, %(weight_g)s, true, now()) "
    "ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description, "
    "price = EXCLUDED.price, weight_g = EXCLUDED.weight_g, updated_at = now()"
)

REQUIRED = ("sku", "name", "price")


class FeedRow(object):
    def __init__(self, raw):
        self.raw = raw
        self.errors = [k for k in REQUIRED if not (raw.get(k) or "").strip()]

    @property
    def ok(self):
        return not self.errors

    def as_params(self):
        name = self.raw["name"].strip()
        return {
            "sku": self.raw["sku"].strip().upper(),
            "name": name,
            "slug": slugify(name) + "-" + self.raw["sku"].strip().lower(),
            "description": (self.raw.get("description") or "").strip(),
            "price": parse_money(self.raw["price"]),
            "weight_g": int(self.raw.get("weight") or 0) or None,
        }


def read_feed(path):
    with open(path, encoding=get_config("FEED_ENCODING", "utf-8")) as fh:
        for raw in csv.DictReader(fh, delimiter=";"):
            yield FeedRow(raw)


def import_file(path, with_stock=True):
    good, bad = [], 0
    for row in read_feed(path):
        if row.ok:
            good.append(row)
        else:
            bad += 1
            log.warning("%s: skipping row, missing %s", path, ",".join(row.errors))
    for batch in chunked(good, 200):
        db.execute_many(UPSERT_PRODUCT, [r.as_params() for r in batch])
    if with_stock:
        for row in good:
            qty = int(row.raw.get("stock") or 0)
            if qty > 0:
                product_id = db.query_value("SELECT id FROM products WHERE sku = %s",
                                            (row.as_params()["sku"],))
                stock.restock(product_id, qty, reference="feed:" + os.path.basename(path))
    return len(good), bad


def import_all():
    feed_dir = get_config("FEED_DIR", "/srv/feeds/incoming")
    done = []
    for path in sorted(glob.glob(os.path.join(feed_dir, "*.csv"))):
        good, bad = import_file(path)
        os.rename(path, path + ".done")
        done.append((os.path.basename(path), good, bad))
    return done


def deactivate_missing(seen_skus):
    skus = tuple(seen_skus)
    return db.execute(
        "UPDATE products SET active = false WHERE sku NOT IN %s AND supplier_managed", (skus,)
    )
