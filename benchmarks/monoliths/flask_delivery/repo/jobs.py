"""Cron jobs. crontab on worker-1:

    */2 * * * *  python jobs.py flush_notifications
    */5 * * * *  python jobs.py every_five_minutes
    0 4 * * *    python jobs.py nightly
    0 6 * * 1    python jobs.py weekly_payouts
"""
import logging
import sys
from datetime import timedelta

import db
from config import get_config
from dao import (CourierDAO, DeliveryDAO, NotificationDAO, OrderDAO, PaymentDAO, PayoutDAO,
                 PromotionDAO, auto_assign, sales_report)
from helpers import csv_response, format_money, utcnow, week_start
from integrations import IntegrationError, PaymentGateway, PushClient, SmsClient, notify_user

log = logging.getLogger("dishdash.jobs")
cfg = get_config()


def cancel_unaccepted_orders():
    """Restaurants that don't accept within N minutes lose the order (and we void the card)."""
    n = 0
    for order in OrderDAO.stale_placed(cfg.ORDER_AUTO_CANCEL_MINUTES):
        OrderDAO.set_status(order["id"], "cancelled", None, "not accepted in time")
        payment = PaymentDAO.for_order(order["id"])
        if payment and payment["status"] == "authorized":
            try:
                PaymentGateway().void(payment["provider_ref"])
            except IntegrationError:
                log.exception("void failed for %s", order["number"])
        notify_user(order["user_id"], "order_cancelled", number=order["number"])
        n += 1
    log.info("cancelled %d unaccepted orders", n)


def purge_old_carts(days=14):
    db.execute("DELETE FROM cart_items WHERE cart_id IN (SELECT id FROM carts WHERE updated_at < ?)",
               utcnow() - timedelta(days=days))
    db.execute("UPDATE carts SET restaurant_id = NULL, coupon_code = NULL WHERE updated_at < ?",
               utcnow() - timedelta(days=days))


def reassign_stuck_deliveries():
    for d in DeliveryDAO.stuck(10):
        if d["attempts"] >= 3:
            notify_user(None, "dispatch_alert", delivery=d["id"])  # TODO ops user id
            continue
        DeliveryDAO.unassign(d["id"])
        if auto_assign(d["id"], cfg.COURIER_SEARCH_KM * 2) is None:
            log.warning("delivery %s still has no courier", d["id"])


def close_forgotten_shifts():
    for s in CourierDAO.open_shifts_older_than(14):
        CourierDAO.end_shift(s["courier_id"])
    db.execute("DELETE FROM courier_locations WHERE recorded_at < ?", utcnow() - timedelta(days=30))


def retry_captures():
    gw = PaymentGateway()
    for p in PaymentDAO.uncaptured_delivered():
        try:
            gw.capture(p["provider_ref"])
            PaymentDAO.set_status(p["id"], "captured")
        except IntegrationError:
            log.exception("capture still failing for payment %s", p["id"])


def weekly_payouts():
    end = week_start()
    start = end - timedelta(days=7)
    made = []
    for r in db.query("SELECT id FROM restaurants WHERE status IN ('active', 'paused')"):
        made.append(PayoutDAO.build_restaurant(r["id"], start, end))
    for c in db.query("SELECT id FROM couriers"):
        made.append(PayoutDAO.build_courier(c["id"], start, end))
    db.commit()
    log.info("%d payouts drafted for %s", len([m for m in made if m]), start)


def email_sales_report():
    end = week_start()
    rows = sales_report(end - timedelta(days=7), end)
    total = sum(r["gross_cents"] or 0 for r in rows)
    body = csv_response(rows, "sales.csv").get_data(as_text=True)
    NotificationDAO.queue(None, "email", "sales_report", cfg.ADMIN_EMAIL,
                          "Gross last week: %s\n\n%s" % (format_money(total), body))


def expire_promotions():
    PromotionDAO.expire_finished()
    db.execute("DELETE FROM referral_credits WHERE expires_at < ? AND used_order_id IS NULL", utcnow())


def ask_for_reviews():
    # one hour after delivery, once
    rows = db.query("""SELECT o.id, o.user_id, o.number, r.name FROM orders o
                       JOIN restaurants r ON r.id = o.restaurant_id
                       LEFT JOIN reviews rv ON rv.order_id = o.id
                       WHERE o.status = 'delivered' AND rv.id IS NULL
                         AND o.delivered_at BETWEEN ? AND ?""",
                    utcnow() - timedelta(hours=2), utcnow() - timedelta(hours=1))
    for o in rows:
        notify_user(o["user_id"], "review_request", number=o["number"], restaurant=o["name"])


def flush_notifications():
    sms, push = SmsClient(), PushClient()
    for n in NotificationDAO.pending():
        try:
            if n["channel"] == "sms":
                sms.send(n["recipient"], n["body"])
            elif n["channel"] == "push":
                push.send(NotificationDAO.devices(n["user_id"]), "DishDash", n["body"])
            else:
                log.info("email to %s skipped, no smtp on worker-1", n["recipient"])
            NotificationDAO.mark(n["id"], True)
        except IntegrationError:
            NotificationDAO.mark(n["id"], False)
    db.commit()


def every_five_minutes():
    cancel_unaccepted_orders()
    reassign_stuck_deliveries()
    retry_captures()


def nightly():
    purge_old_carts()
    close_forgotten_shifts()
    expire_promotions()
    email_sales_report()


JOBS = {
    "every_five_minutes": every_five_minutes,
    "nightly": nightly,
    "weekly_payouts": weekly_payouts,
    "flush_notifications": flush_notifications,
    "ask_for_reviews": ask_for_reviews,
}


def main(argv):
    logging.basicConfig(level=logging.INFO)
    if len(argv) < 2 or argv[1] not in JOBS:
        print("usage: jobs.py [%s]" % "|".join(sorted(JOBS)))
        return 2
    try:
        JOBS[argv[1]]()
        db.commit()
    finally:
        db.close_db()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
