"""Cron entry point.  crontab on pms-app-1:

    */15 * * * *  python jobs.py ota_pull
    0 3 * * *     python jobs.py night_audit
    0 6 * * *     python jobs.py morning
"""
import logging
import sys
import time
from datetime import date, timedelta

import db
import settings
from dao import (FolioDAO, HotelDAO, HousekeepingDAO, LoyaltyDAO, PosDAO, ReservationDAO,
                 ChannelDAO, occupancy, post_room_revenue, z_report)
from ota import import_inbound, pull_bookings, push_availability
from util import business_date, format_date, format_money, send_email

log = logging.getLogger("jobs")


def mark_no_shows(hotel, day):
    rows = db.query("SELECT id FROM reservations WHERE hotel_id = ? AND arrival = ? "
                    "AND status = 'confirmed'", (hotel["id"], day))
    for row in rows:
        ReservationDAO.mark_no_show(row["id"])
    return len(rows)


def post_room_charges(hotel, day):
    return post_room_revenue(hotel["id"], day)


def close_zero_folios(hotel):
    # checked-out guests whose folio nets to zero but stayed open (split bills etc.)
    rows = db.query("SELECT fb.folio_id FROM folio_balances fb JOIN reservations r "
                    "ON r.id = fb.reservation_id WHERE fb.hotel_id = ? AND fb.status = 'open' "
                    "AND r.status = 'checked_out' AND fb.charges = fb.paid", (hotel["id"],))
    for row in rows:
        FolioDAO.close(row["folio_id"])
    return len(rows)


def email_open_balances(hotel):
    rows = FolioDAO.open_balances(hotel["id"])
    if not rows:
        return
    body = "\n".join("%-10s %-30s %s" % (r["number"], r["guest_name"],
                                          format_money(r["balance"], hotel["currency"]))
                     for r in rows)
    send_email("accounts+%s@harbourline.example" % hotel["code"].lower(),
               "Open folios %s" % hotel["code"], body)


def make_housekeeping_tasks(hotel, day):
    made = HousekeepingDAO.create_tasks(hotel["id"], day)
    assigned = HousekeepingDAO.auto_assign(hotel["id"], day)
    log.info("%s: %s hk tasks, %s assigned", hotel["code"], made, assigned)


def flag_stale_dirty_rooms(hotel):
    # rooms left dirty for more than a day usually mean the tablet app lost an update
    rows = db.query("SELECT rs.room_id FROM room_status rs JOIN rooms rm ON rm.id = rs.room_id "
                    "WHERE rm.hotel_id = ? AND rs.hk_status = 'dirty' AND rs.occupied = 0 "
                    "AND rs.updated_at < datetime('now', '-1 day')", (hotel["id"],))
    for row in rows:
        HousekeepingDAO.set_status(row["room_id"], "pickup")
    return len(rows)


def expire_loyalty_points():
    rows = db.query("SELECT account_id, SUM(points) AS pts FROM loyalty_transactions "
                    "WHERE expires_on < ? AND points > 0 AND reason <> 'expired' "
                    "GROUP BY account_id", (date.today(),))
    for row in rows:
        LoyaltyDAO.add_points(row["account_id"], -row["pts"], "expired")
    db.execute("UPDATE loyalty_transactions SET expires_on = NULL WHERE expires_on < ?",
               (date.today(),))


def birthday_greetings():
    today = date.today().strftime("%m-%d")
    for g in db.query("SELECT g.email, g.first_name FROM guests g JOIN loyalty_accounts la "
                      "ON la.guest_id = g.id WHERE strftime('%m-%d', g.date_of_birth) = ? "
                      "AND g.marketing_opt_in = 1", (today,)):
        send_email(g["email"], "Happy birthday from Harbourline",
                   "Dear %s,\n\n500 bonus points are waiting for you." % g["first_name"])


def send_pre_arrival_emails(hotel):
    day = date.today() + timedelta(days=2)
    for res in ReservationDAO.arrivals(hotel["id"], day):
        guest = db.query_one("SELECT email FROM guests WHERE id = ?", (res["guest_id"],))
        send_email(guest["email"], "Your stay at %s" % hotel["name"],
                   "Booking %s, arriving %s. Check-in from %s.\nReply with your ETA."
                   % (res["confirmation"], format_date(res["arrival"]), hotel["checkin_time"]))
        ReservationDAO.add_note(res["id"], "jobs", "pre-arrival email sent")


def email_z_reports(hotel, day):
    lines = []
    for outlet in PosDAO.outlets(hotel["id"]):
        rep = z_report(outlet["id"], day)
        gross = sum(c["gross"] or 0 for c in rep["categories"])
        lines.append("%-20s covers %4s  gross %s  comps %s" % (
            outlet["name"], rep["covers"], format_money(gross), format_money(rep["comps"])))
    send_email("fnb+%s@harbourline.example" % hotel["code"].lower(),
               "Z reports %s" % format_date(day), "\n".join(lines))


def auto_void_stale_checks(hotel):
    for outlet in PosDAO.outlets(hotel["id"]):
        for order in PosDAO.open_checks(outlet["id"]):
            if order["total"] in (0, "0", None):
                PosDAO.void(order["id"], "jobs")


def sync_channels():
    for channel in ChannelDAO.channels():
        pull_bookings(channel)
    for row in ChannelDAO.pending_inbound():
        hotel_id = db.scalar("SELECT hotel_id FROM ota_channels WHERE id = ?", (row["channel_id"],))
        import_inbound(row, hotel_id)
    for hotel in HotelDAO.all():
        for channel in ChannelDAO.channels(hotel["id"]):
            push_availability(channel, hotel)


def manager_flash(hotel, day):
    occ = occupancy(hotel["id"], day)
    tomorrow = day + timedelta(days=1)
    body = "Occupancy %(pct)s%% (%(sold)s/%(rooms)s)\n" % occ
    body += "Arrivals tomorrow: %d\n" % len(ReservationDAO.arrivals(hotel["id"], tomorrow))
    body += "Departures tomorrow: %d\n" % len(ReservationDAO.departures(hotel["id"], tomorrow))
    body += "Forecast tomorrow: %(pct)s%%" % occupancy(hotel["id"], tomorrow)
    send_email("gm+%s@harbourline.example" % hotel["code"].lower(),
               "Flash %s %s" % (hotel["code"], format_date(day)), body)


def night_audit():
    day = business_date()
    for hotel in HotelDAO.all():
        log.info("night audit %s %s", hotel["code"], day)
        mark_no_shows(hotel, day)
        post_room_charges(hotel, day)
        close_zero_folios(hotel)
        email_z_reports(hotel, day)
        auto_void_stale_checks(hotel)
        manager_flash(hotel, day)
    expire_loyalty_points()


def morning():
    today = date.today()
    for hotel in HotelDAO.all():
        make_housekeeping_tasks(hotel, today)
        flag_stale_dirty_rooms(hotel)
        send_pre_arrival_emails(hotel)
        email_open_balances(hotel)
    birthday_greetings()


JOBS = {"night_audit": night_audit, "morning": morning, "ota_pull": sync_channels}


def run(name):
    started = time.time()
    try:
        JOBS[name]()
    except Exception:
        log.exception("job %s failed", name)
        send_email("it@harbourline.example", "PMS job failed: " + name, "see logs")
        raise
    finally:
        db.close_db()
        log.info("job %s took %.1fs", name, time.time() - started)


def main(argv=None):
    argv = argv or sys.argv[1:]
    logging.basicConfig(level=logging.DEBUG if settings.current.DEBUG else logging.INFO)
    if not argv or argv[0] not in JOBS:
        print("usage: jobs.py [%s]" % "|".join(sorted(JOBS)))
        return 2
    run(argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
