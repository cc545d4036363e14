"""Cron entry points: python -m shop.tasks <name>."""
import datetime
import logging
import sys

from shop import db
from shop.catalog_import import import_all
from shop.dao import CartDAO, SessionDAO
from shop.reports import nightly
from shop.services import mailer, stock
from shop.utils import config_int, load_config

log = logging.getLogger("shop.tasks")

CART_TTL_DAYS = 14


def expire_carts():
    cutoff = datetime.datetime.utcnow() - datetime.timedelta(days=config_int("CART_TTL_DAYS",
                                                                             CART_TTL_DAYS))
    rows = db.query("SELECT id FROM carts WHERE status = 'open' AND created_at < %s", (cutoff,))
    dao = CartDAO()
    for r in rows:
        dao.close(r["id"], status="expired")
    return len(rows)


def cancel_unpaid_orders():
    rows = db.query(
        "SELECT id FROM orders WHERE status = 'payment_failed' "
        "AND created_at < now() - interval '2 days'"
    )
    for r in rows:
        db.execute("UPDATE orders SET status = 'cancelled' WHERE id = %s", (r["id"],))
        stock.release_for_order(r["id"])
    return len(rows)


def send_mail():
    total = 0
    while True:
        sent = mailer.flush(100)
        total += sent
        if sent < 100:
            break
    return total


def low_stock_alert():
    low = stock.below_reorder_point()
    if not low:
        return 0
    lines = ["product %s in warehouse %s: %d left" % (l.product_id, l.warehouse_id, l.available)
             for l in low]
    mailer.notify_ops("Low stock (%d products)" % len(low), "\n".join(lines))
    return len(low)


def purge_sessions():
    return SessionDAO().purge_expired()


def purge_password_resets():
    return db.execute("DELETE FROM password_resets WHERE expires_at < now() - interval '7 days'")


def import_feeds():
    done = import_all()
    for name, good, bad in done:
        log.info("feed %s: %d rows imported, %d rejected", name, good, bad)
    return len(done)


def daily_sales():
    nightly()
    return 1


JOBS = {
    "expire_carts": expire_carts,
    "cancel_unpaid_orders": cancel_unpaid_orders,
    "send_mail": send_mail,
    "low_stock_alert": low_stock_alert,
    "purge_sessions": purge_sessions,
    "purge_password_resets": purge_password_resets,
    "daily_sales": daily_sales,
    "import_feeds": import_feeds,
}


def main(argv=None):
    argv = argv if argv is not None else sys.argv[1:]
    load_config()
    if not argv or argv[0] not in JOBS:
        print("usage: python -m shop.tasks [%s]" % "|".join(sorted(JOBS)))
        return 2
    try:
        result = JOBS[argv[0]]()
        db.close_conn()
    except Exception as exc:
        db.close_conn(exc)
        log.exception("job %s failed", argv[0])
        return 1
    log.info("job %s done: %s", argv[0], result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
