"""All the SQL lives here (mostly). One class per screen-ish area plus loose helpers.

Rules: dicts in, dicts out; no business logic in web.py (ha).
"""
import json
import logging
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

import db
import settings
from util import (clean, confirmation_code, daterange, loyalty_tier, nights_between,
                  parse_date, to_decimal, vat_split)

log = logging.getLogger(__name__)

GUEST_COLUMNS = ("id, title, first_name, last_name, email, phone, country, date_of_birth, "
                 "vip, blacklisted, marketing_opt_in, notes, created_at")

SQL_ARRIVALS = """
    SELECT r.id, r.confirmation, r.arrival, r.departure, r.adults, r.children, r.eta,
           r.status, r.source, g.id AS guest_id, g.first_name, g.last_name, g.vip,
           rt.code AS room_type, rm.number AS room_number, rs.hk_status,
           la.tier AS loyalty_tier
    FROM reservations r
    JOIN guests g ON g.id = r.guest_id
    JOIN reservation_rooms rr ON rr.reservation_id = r.id AND rr.stay_date = r.arrival
    JOIN room_types rt ON rt.id = rr.room_type_id
    LEFT JOIN rooms rm ON rm.id = rr.room_id
    LEFT JOIN room_status rs ON rs.room_id = rm.id
    LEFT JOIN loyalty_accounts la ON la.guest_id = g.id
    WHERE r.hotel_id = ? AND r.arrival = ? AND r.status IN ('confirmed', 'in_house')
    ORDER BY g.vip DESC, r.eta, g.last_name
"""

SQL_AVAILABILITY = """
    SELECT rt.id AS room_type_id, rt.code, rt.name,
           (SELECT COUNT(*) FROM rooms x WHERE x.room_type_id = rt.id AND x.out_of_order = 0)
           - (SELECT COUNT(*) FROM reservation_rooms rr JOIN reservations r ON r.id = rr.reservation_id
              WHERE rr.room_type_id = rt.id AND rr.stay_date = ?
                AND r.status IN ('confirmed', 'in_house')) AS free
    FROM room_types rt
    WHERE rt.hotel_id = ?
    ORDER BY rt.sort_order
"""

SQL_HK_BOARD = """
    SELECT rm.id AS room_id, rm.number, rm.floor, rt.code AS room_type,
           COALESCE(rs.hk_status, 'dirty') AS hk_status, COALESCE(rs.occupied, 0) AS occupied,
           rs.do_not_disturb, t.id AS task_id, t.kind, t.status AS task_status,
           s.name AS attendant
    FROM rooms rm
    JOIN room_types rt ON rt.id = rm.room_type_id
    LEFT JOIN room_status rs ON rs.room_id = rm.id
    LEFT JOIN hk_tasks t ON t.room_id = rm.id AND t.work_date = ?
    LEFT JOIN hk_staff s ON s.id = t.assigned_to
    WHERE rm.hotel_id = ? AND rm.out_of_order = 0
    ORDER BY rm.floor, rm.number
"""


# ================================================================ guests


class GuestDAO:

    @staticmethod
    def get(guest_id):
        return db.query_one("SELECT " + GUEST_COLUMNS + " FROM guests WHERE id = ?", (guest_id,))

    @staticmethod
    def search(term):
        sql = "SELECT " + GUEST_COLUMNS + " FROM guests WHERE merged_into IS NULL"
        params = []
        if term:
            like = "%" + term.lower() + "%"
            sql += " AND (lower(last_name) LIKE ? OR lower(email) LIKE ? OR phone LIKE ?)"
            params += [like, like, like]
        return sql + " ORDER BY last_name, first_name", params

    @staticmethod
    def create(data):
        return db.execute(
            "INSERT INTO guests (title, first_name, last_name, email, phone, country, "
            "date_of_birth, marketing_opt_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (clean(data.get("title")), clean(data["first_name"]), clean(data["last_name"]),
             clean(data.get("email")), clean(data.get("phone")), data.get("country"),
             data.get("date_of_birth"), 1 if data.get("marketing_opt_in") else 0),
        )

    @staticmethod
    def update(guest_id, data):
        allowed = ("title", "first_name", "last_name", "email", "phone", "country",
                   "date_of_birth", "vip", "marketing_opt_in", "notes")
        keys = [k for k in allowed if k in data]
        if not keys:
            return 0
        sql = "UPDATE guests SET " + ", ".join(k + " = ?" for k in keys) + " WHERE id = ?"
        return db.execute(sql, [data[k] for k in keys] + [guest_id])

    @staticmethod
    def blacklist(guest_id, reason):
        db.execute("UPDATE guests SET blacklisted = 1, notes = COALESCE(notes, '') || ? "
                   "WHERE id = ?", ("\nBLACKLISTED: " + reason, guest_id))

    @staticmethod
    def merge(keep_id, drop_id):
        # front desk creates a new profile for every walk-in; merge them afterwards
        with db.transaction():
            for table in ("reservations", "folios", "guest_preferences"):
                db.execute("UPDATE %s SET guest_id = ? WHERE guest_id = ?" % table,
                           (keep_id, drop_id))
            db.execute("UPDATE guests SET merged_into = ? WHERE id = ?", (keep_id, drop_id))
        log.info("merged guest %s into %s", drop_id, keep_id)

    @staticmethod
    def preferences(guest_id):
        return db.query("SELECT id, kind, value FROM guest_preferences WHERE guest_id = ? "
                        "ORDER BY kind", (guest_id,))

    @staticmethod
    def set_preference(guest_id, kind, value):
        db.execute("DELETE FROM guest_preferences WHERE guest_id = ? AND kind = ?",
                   (guest_id, kind))
        if value:
            db.execute("INSERT INTO guest_preferences (guest_id, kind, value) VALUES (?, ?, ?)",
                       (guest_id, kind, clean(value)))

    @staticmethod
    def stay_history(guest_id):
        return db.query(
            "SELECT r.id, r.confirmation, r.arrival, r.departure, r.status, h.name AS hotel, "
            "r.total_amount FROM reservations r JOIN hotels h ON h.id = r.hotel_id "
            "WHERE r.guest_id = ? ORDER BY r.arrival DESC", (guest_id,))


def guest_display_name(guest):
    if not guest:
        return ""
    title = (guest.get("title") or "").strip()
    name = "%s %s" % (guest["first_name"], guest["last_name"].upper())
    return (title + " " + name).strip()


def find_duplicate_guests(email, phone, last_name=None):
    rows = db.query("SELECT id, first_name, last_name, email, phone FROM guests "
                    "WHERE merged_into IS NULL AND (email = ? OR phone = ?)", (email, phone))
    if last_name:
        rows = [r for r in rows if r["last_name"].lower() == last_name.lower()]
    return rows


class LoyaltyDAO:

    @staticmethod
    def account_for(guest_id):
        return db.query_one("SELECT * FROM loyalty_accounts WHERE guest_id = ?", (guest_id,))

    @staticmethod
    def enroll(guest_id):
        number = "HL%08d" % random.randint(0, 99999999)
        return db.execute("INSERT INTO loyalty_accounts (guest_id, number, enrolled_on) "
                          "VALUES (?, ?, ?)", (guest_id, number, date.today()))

    @staticmethod
    def add_points(account_id, points, reason, reservation_id=None):
        expires = date.today() + timedelta(days=730)
        db.execute("INSERT INTO loyalty_transactions (account_id, points, reason, reservation_id, "
                   "expires_on) VALUES (?, ?, ?, ?, ?)",
                   (account_id, points, reason, reservation_id, expires))
        db.execute("UPDATE loyalty_accounts SET points = points + ? WHERE id = ?",
                   (points, account_id))

    @staticmethod
    def redeem(account_id, points, reason):
        balance = db.scalar("SELECT points FROM loyalty_accounts WHERE id = ?", (account_id,))
        if balance is None or balance < points:
            raise ValueError("not enough points")
        LoyaltyDAO.add_points(account_id, -points, reason)

    @staticmethod
    def record_stay(guest_id, nights, spend, reservation_id):
        account = LoyaltyDAO.account_for(guest_id)
        if not account:
            return
        points = int(to_decimal(spend) * settings.current.LOYALTY_POINTS_PER_POUND)
        LoyaltyDAO.add_points(account["id"], points, "stay", reservation_id)
        lifetime = account["lifetime_nights"] + nights
        db.execute("UPDATE loyalty_accounts SET lifetime_nights = ?, tier = ? WHERE id = ?",
                   (lifetime, loyalty_tier(lifetime), account["id"]))

    @staticmethod
    def statement(account_id):
        return db.query("SELECT * FROM loyalty_transactions WHERE account_id = ? "
                        "ORDER BY created_at DESC", (account_id,))


# ================================================================ hotels, rooms, rates


class HotelDAO:

    @staticmethod
    def all():
        return db.query("SELECT * FROM hotels WHERE active = 1 ORDER BY name")

    @staticmethod
    def by_code(code):
        return db.query_one("SELECT * FROM hotels WHERE code = ?", (code,))

    @staticmethod
    def get(hotel_id):
        return db.query_one("SELECT * FROM hotels WHERE id = ?", (hotel_id,))


class RoomDAO:

    @staticmethod
    def room_types(hotel_id):
        return db.query("SELECT * FROM room_types WHERE hotel_id = ? ORDER BY sort_order",
                        (hotel_id,))

    @staticmethod
    def rooms(hotel_id, room_type_id=None):
        sql = ("SELECT rm.*, rt.code AS room_type FROM rooms rm "
               "JOIN room_types rt ON rt.id = rm.room_type_id WHERE rm.hotel_id = ?")
        params = [hotel_id]
        if room_type_id:
            sql += " AND rm.room_type_id = ?"
            params.append(room_type_id)
        return db.query(sql + " ORDER BY rm.number", params)

    @staticmethod
    def get(room_id):
        return db.query_one("SELECT * FROM rooms WHERE id = ?", (room_id,))

    @staticmethod
    def set_out_of_order(room_id, flag, reason=None):
        db.execute("UPDATE rooms SET out_of_order = ?, ooo_reason = ? WHERE id = ?",
                   (1 if flag else 0, clean(reason), room_id))

    @staticmethod
    def save_room_type(hotel_id, data):
        if data.get("id"):
            return db.execute("UPDATE room_types SET name = ?, max_adults = ?, max_children = ?, "
                              "base_rate = ? WHERE id = ? AND hotel_id = ?",
                              (data["name"], data["max_adults"], data["max_children"],
                               to_decimal(data["base_rate"]), data["id"], hotel_id))
        return db.execute("INSERT INTO room_types (hotel_id, code, name, max_adults, max_children, "
                          "base_rate) VALUES (?, ?, ?, ?, ?, ?)",
                          (hotel_id, data["code"].upper(), data["name"], data["max_adults"],
                           data["max_children"], to_decimal(data["base_rate"])))


def room_number_map(hotel_id):
    return {r["id"]: r["number"] for r in
            db.query("SELECT id, number FROM rooms WHERE hotel_id = ?", (hotel_id,))}


class RateDAO:

    @staticmethod
    def plans(hotel_id, active_only=True):
        sql = "SELECT * FROM rate_plans WHERE hotel_id = ?"
        if active_only:
            sql += " AND active = 1"
        return db.query(sql + " ORDER BY code", (hotel_id,))

    @staticmethod
    def grid(hotel_id, start, days=14):
        end = start + timedelta(days=days)
        return db.query(
            "SELECT dr.room_type_id, dr.rate_plan_id, dr.stay_date, dr.amount, dr.closed "
            "FROM daily_rates dr JOIN room_types rt ON rt.id = dr.room_type_id "
            "WHERE rt.hotel_id = ? AND dr.stay_date >= ? AND dr.stay_date < ?",
            (hotel_id, start, end))

    @staticmethod
    def set_rate(room_type_id, rate_plan_id, stay_date, amount, closed=False):
        db.execute(
            "INSERT INTO daily_rates (room_type_id, rate_plan_id, stay_date, amount, closed) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (room_type_id, rate_plan_id, stay_date) "
            "DO UPDATE SET amount = excluded.amount, closed = excluded.closed",
            (room_type_id, rate_plan_id, stay_date, str(to_decimal(amount)), 1 if closed else 0))

    @staticmethod
    def bulk_update(room_type_id, rate_plan_id, start, end, amount, weekdays=None):
        for d in daterange(start, end):
            if weekdays and d.weekday() not in weekdays:
                continue
            RateDAO.set_rate(room_type_id, rate_plan_id, d, amount)

    @staticmethod
    def close_out(room_type_id, stay_date):
        db.execute("UPDATE daily_rates SET closed = 1 WHERE room_type_id = ? AND stay_date = ?",
                   (room_type_id, stay_date))


def price_stay(room_type_id, rate_plan_id, arrival, departure):
    """Nightly prices for a stay. Falls back to base_rate minus the plan discount."""
    rows = db.query("SELECT stay_date, amount, closed FROM daily_rates WHERE room_type_id = ? "
                    "AND rate_plan_id = ? AND stay_date >= ? AND stay_date < ?",
                    (room_type_id, rate_plan_id, arrival, departure))
    by_day = {parse_date(r["stay_date"]): r for r in rows}
    base = db.query_one("SELECT rt.base_rate, rp.discount_pct, rp.min_stay FROM room_types rt, "
                        "rate_plans rp WHERE rt.id = ? AND rp.id = ?", (room_type_id, rate_plan_id))
    if nights_between(arrival, departure) < base["min_stay"]:
        raise ValueError("minimum stay is %s nights" % base["min_stay"])
    nightly = []
    for d in daterange(arrival, departure):
        row = by_day.get(d)
        if row and row["closed"]:
            raise ValueError("rate closed on %s" % d)
        if row:
            nightly.append((d, to_decimal(row["amount"])))
        else:
            price = to_decimal(base["base_rate"]) * (1 - Decimal(str(base["discount_pct"])) / 100)
            nightly.append((d, to_decimal(price)))
    return nightly


def legacy_rate_lookup(room_type_code, season):
    # old flat rate card, before daily_rates (2019). Nothing calls this any more.
    card = {"STD": {"low": 79, "shoulder": 99, "peak": 149},
            "DBL": {"low": 99, "shoulder": 129, "peak": 189},
            "STE": {"low": 179, "shoulder": 229, "peak": 329}}
    return Decimal(card.get(room_type_code, card["STD"])[season])


# ================================================================ reservations


def next_confirmation(hotel_id):
    hotel = HotelDAO.get(hotel_id)
    seq = db.scalar("SELECT COUNT(*) FROM reservations WHERE hotel_id = ?", (hotel_id,)) + 1
    return confirmation_code(hotel["code"], seq)


def free_rooms_by_type(hotel_id, stay_date):
    return {r["room_type_id"]: r["free"] for r in
            db.query(SQL_AVAILABILITY, (stay_date, hotel_id))}


def is_available(hotel_id, room_type_id, arrival, departure, rooms=1):
    for d in daterange(arrival, departure):
        if free_rooms_by_type(hotel_id, d).get(room_type_id, 0) < rooms:
            return False
    return True


class ReservationDAO:

    @staticmethod
    def get(res_id):
        return db.query_one("SELECT * FROM reservations WHERE id = ?", (res_id,))

    @staticmethod
    def by_confirmation(code):
        return db.query_one("SELECT * FROM reservations WHERE confirmation = ?", (code.upper(),))

    @staticmethod
    def arrivals(hotel_id, day):
        return db.query(SQL_ARRIVALS, (hotel_id, day))

    @staticmethod
    def departures(hotel_id, day):
        return db.query(
            "SELECT r.*, g.first_name, g.last_name, fb.charges - fb.paid AS balance "
            "FROM reservations r JOIN guests g ON g.id = r.guest_id "
            "LEFT JOIN folio_balances fb ON fb.reservation_id = r.id AND fb.status = 'open' "
            "WHERE r.hotel_id = ? AND r.departure = ? AND r.status = 'in_house' "
            "ORDER BY g.last_name", (hotel_id, day))

    @staticmethod
    def in_house(hotel_id):
        return db.query(
            "SELECT r.id, r.confirmation, r.departure, g.last_name, rm.number AS room_number "
            "FROM reservations r JOIN guests g ON g.id = r.guest_id "
            "JOIN reservation_rooms rr ON rr.reservation_id = r.id AND rr.stay_date = ? "
            "LEFT JOIN rooms rm ON rm.id = rr.room_id "
            "WHERE r.hotel_id = ? AND r.status = 'in_house' ORDER BY rm.number",
            (date.today(), hotel_id))

    @staticmethod
    def create(hotel_id, guest_id, room_type_id, rate_plan_id, arrival, departure,
               adults=1, children=0, source="direct", user=None):
        arrival, departure = parse_date(arrival), parse_date(departure)
        if departure <= arrival:
            raise ValueError("departure must be after arrival")
        guest = GuestDAO.get(guest_id)
        if guest["blacklisted"]:
            raise ValueError("guest is blacklisted, ask the duty manager")
        if not is_available(hotel_id, room_type_id, arrival, departure):
            raise ValueError("no availability")
        nightly = price_stay(room_type_id, rate_plan_id, arrival, departure)
        total = sum(p for _, p in nightly)
        refundable = db.scalar("SELECT refundable FROM rate_plans WHERE id = ?", (rate_plan_id,))
        deposit = total if not refundable else Decimal("0")
        with db.transaction():
            res_id = db.execute(
                "INSERT INTO reservations (confirmation, hotel_id, guest_id, rate_plan_id, "
                "arrival, departure, adults, children, source, total_amount, deposit_due, "
                "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (next_confirmation(hotel_id), hotel_id, guest_id, rate_plan_id, arrival,
                 departure, adults, children, source, str(total), str(deposit), user))
            db.executemany("INSERT INTO reservation_rooms (reservation_id, room_type_id, stay_date, "
                           "rate) VALUES (?, ?, ?, ?)",
                           [(res_id, room_type_id, d, str(p)) for d, p in nightly])
        return res_id

    @staticmethod
    def change_dates(res_id, arrival, departure):
        res = ReservationDAO.get(res_id)
        room_type_id = db.scalar("SELECT room_type_id FROM reservation_rooms "
                                 "WHERE reservation_id = ? LIMIT 1", (res_id,))
        nightly = price_stay(room_type_id, res["rate_plan_id"], arrival, departure)
        with db.transaction():
            db.execute("DELETE FROM reservation_rooms WHERE reservation_id = ?", (res_id,))
            db.executemany("INSERT INTO reservation_rooms (reservation_id, room_type_id, stay_date, "
                           "rate) VALUES (?, ?, ?, ?)",
                           [(res_id, room_type_id, d, str(p)) for d, p in nightly])
            db.execute("UPDATE reservations SET arrival = ?, departure = ?, total_amount = ? "
                       "WHERE id = ?", (arrival, departure, str(sum(p for _, p in nightly)), res_id))

    @staticmethod
    def assign_room(res_id, room_id):
        clash = db.query_one(
            "SELECT r.confirmation FROM reservation_rooms rr JOIN reservations r "
            "ON r.id = rr.reservation_id WHERE rr.room_id = ? AND r.id <> ? "
            "AND r.status IN ('confirmed', 'in_house') AND rr.stay_date IN "
            "(SELECT stay_date FROM reservation_rooms WHERE reservation_id = ?)",
            (room_id, res_id, res_id))
        if clash:
            raise ValueError("room already given to " + clash["confirmation"])
        db.execute("UPDATE reservation_rooms SET room_id = ? WHERE reservation_id = ?",
                   (room_id, res_id))

    @staticmethod
    def check_in(res_id, user):
        res = ReservationDAO.get(res_id)
        if res["status"] != "confirmed":
            raise ValueError("reservation is %s" % res["status"])
        room_id = db.scalar("SELECT room_id FROM reservation_rooms WHERE reservation_id = ? "
                            "AND stay_date = ?", (res_id, res["arrival"]))
        if not room_id:
            raise ValueError("assign a room first")
        status = db.scalar("SELECT hk_status FROM room_status WHERE room_id = ?", (room_id,))
        if status not in ("clean", "inspected"):
            raise ValueError("room is not ready (%s)" % status)
        db.execute("UPDATE reservations SET status = 'in_house' WHERE id = ?", (res_id,))
        HousekeepingDAO.set_occupied(room_id, True)
        folio_id = FolioDAO.open_for_reservation(res)
        ReservationDAO.add_note(res_id, user, "checked in, folio %s" % folio_id)
        return folio_id

    @staticmethod
    def check_out(res_id, user):
        res = ReservationDAO.get(res_id)
        folio = db.query_one("SELECT * FROM folio_balances WHERE reservation_id = ? "
                             "AND status = 'open'", (res_id,))
        if folio and to_decimal(folio["charges"]) - to_decimal(folio["paid"]) > 0:
            raise ValueError("folio %s has an open balance" % folio["number"])
        db.execute("UPDATE reservations SET status = 'checked_out' WHERE id = ?", (res_id,))
        if folio:
            FolioDAO.close(folio["folio_id"])
        for row in db.query("SELECT DISTINCT room_id FROM reservation_rooms "
                            "WHERE reservation_id = ? AND room_id IS NOT NULL", (res_id,)):
            HousekeepingDAO.set_occupied(row["room_id"], False)
            HousekeepingDAO.set_status(row["room_id"], "dirty")
        LoyaltyDAO.record_stay(res["guest_id"], nights_between(res["arrival"], res["departure"]),
                               folio["charges"] if folio else 0, res_id)
        ReservationDAO.add_note(res_id, user, "checked out")

    @staticmethod
    def cancel(res_id, reason, user):
        res = ReservationDAO.get(res_id)
        fee = cancellation_fee(res)
        with db.transaction():
            db.execute("UPDATE reservations SET status = 'cancelled' WHERE id = ?", (res_id,))
            db.execute("INSERT INTO cancellations (reservation_id, reason, fee, cancelled_by) "
                       "VALUES (?, ?, ?, ?)", (res_id, clean(reason), str(fee), user))
        if fee:
            folio_id = FolioDAO.open_for_reservation(res)
            FolioDAO.post_charge(folio_id, "CXL", "Cancellation fee", fee)
        return fee

    @staticmethod
    def mark_no_show(res_id):
        res = ReservationDAO.get(res_id)
        db.execute("UPDATE reservations SET status = 'no_show' WHERE id = ?", (res_id,))
        first_night = db.scalar("SELECT rate FROM reservation_rooms WHERE reservation_id = ? "
                                "ORDER BY stay_date LIMIT 1", (res_id,))
        folio_id = FolioDAO.open_for_reservation(res)
        FolioDAO.post_charge(folio_id, "NOSHOW", "No-show, first night", to_decimal(first_night))

    @staticmethod
    def add_note(res_id, author, body):
        db.execute("INSERT INTO reservation_notes (reservation_id, author, body) VALUES (?, ?, ?)",
                   (res_id, author or "system", body))

    @staticmethod
    def notes(res_id):
        return db.query("SELECT * FROM reservation_notes WHERE reservation_id = ? "
                        "ORDER BY created_at", (res_id,))


def cancellation_fee(res):
    refundable = db.scalar("SELECT refundable FROM rate_plans WHERE id = ?", (res["rate_plan_id"],))
    if not refundable:
        return to_decimal(res["total_amount"])
    days_out = (parse_date(res["arrival"]) - date.today()).days
    if days_out >= 2:
        return Decimal("0")
    first = db.scalar("SELECT rate FROM reservation_rooms WHERE reservation_id = ? "
                      "ORDER BY stay_date LIMIT 1", (res["id"],))
    return to_decimal(first)


def occupancy(hotel_id, day):
    rooms = db.scalar("SELECT COUNT(*) FROM rooms WHERE hotel_id = ? AND out_of_order = 0",
                      (hotel_id,))
    sold = db.scalar("SELECT COUNT(*) FROM reservation_rooms rr JOIN reservations r "
                     "ON r.id = rr.reservation_id WHERE r.hotel_id = ? AND rr.stay_date = ? "
                     "AND r.status IN ('confirmed', 'in_house', 'checked_out')", (hotel_id, day))
    return {"rooms": rooms, "sold": sold, "pct": round(100.0 * sold / rooms, 1) if rooms else 0}


# ================================================================ folios, payments


class FolioDAO:

    @staticmethod
    def next_number(hotel_id):
        last = db.scalar("SELECT MAX(id) FROM folios WHERE hotel_id = ?", (hotel_id,)) or 0
        return "F%d-%07d" % (hotel_id, last + 1)

    @staticmethod
    def open_for_reservation(res):
        existing = db.scalar("SELECT id FROM folios WHERE reservation_id = ? AND status = 'open'",
                             (res["id"],))
        if existing:
            return existing
        return db.execute("INSERT INTO folios (number, hotel_id, reservation_id, guest_id) "
                          "VALUES (?, ?, ?, ?)",
                          (FolioDAO.next_number(res["hotel_id"]), res["hotel_id"], res["id"],
                           res["guest_id"]))

    @staticmethod
    def open_walk_in(hotel_id, guest_id):
        return db.execute("INSERT INTO folios (number, hotel_id, guest_id) VALUES (?, ?, ?)",
                          (FolioDAO.next_number(hotel_id), hotel_id, guest_id))

    @staticmethod
    def get(folio_id):
        return db.query_one("SELECT * FROM folio_balances WHERE folio_id = ?", (folio_id,))

    @staticmethod
    def lines(folio_id):
        return db.query("SELECT * FROM folio_lines WHERE folio_id = ? ORDER BY posted_on, id",
                        (folio_id,))

    @staticmethod
    def post_charge(folio_id, code, description, amount, quantity=1, source_ref=None,
                    posted_on=None):
        status = db.scalar("SELECT status FROM folios WHERE id = ?", (folio_id,))
        if status != "open":
            raise ValueError("folio is %s" % status)
        amount = to_decimal(amount)
        return db.execute(
            "INSERT INTO folio_lines (folio_id, posted_on, code, description, quantity, "
            "unit_price, amount, source_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (folio_id, posted_on or date.today(), code, description, quantity,
             str(amount), str(amount * quantity), source_ref))

    @staticmethod
    def void_line(line_id, user):
        db.execute("UPDATE folio_lines SET voided = 1, description = description || ? "
                   "WHERE id = ?", (" [void by %s]" % user, line_id))

    @staticmethod
    def transfer_line(line_id, to_folio_id):
        db.execute("UPDATE folio_lines SET folio_id = ? WHERE id = ?", (to_folio_id, line_id))

    @staticmethod
    def close(folio_id):
        db.execute("UPDATE folios SET status = 'closed', closed_at = ? WHERE id = ?",
                   (datetime.now(), folio_id))

    @staticmethod
    def set_company(folio_id, company, vat_number):
        db.execute("UPDATE folios SET company_name = ?, vat_number = ? WHERE id = ?",
                   (clean(company), clean(vat_number), folio_id))

    @staticmethod
    def open_balances(hotel_id):
        return db.query("SELECT *, charges - paid AS balance FROM folio_balances "
                        "WHERE hotel_id = ? AND status = 'open' AND charges - paid <> 0 "
                        "ORDER BY guest_name", (hotel_id,))


def folio_invoice_lines(folio_id, vat_rate):
    out = []
    for line in FolioDAO.lines(folio_id):
        if line["voided"]:
            continue
        net, vat = vat_split(line["amount"], vat_rate)
        out.append(dict(line, net=net, vat=vat))
    return out


def post_room_revenue(hotel_id, business_day):
    """Night audit: one ROOM line per in-house reservation for business_day."""
    rows = db.query(
        "SELECT r.id, r.hotel_id, r.guest_id, rr.rate, rm.number FROM reservations r "
        "JOIN reservation_rooms rr ON rr.reservation_id = r.id AND rr.stay_date = ? "
        "LEFT JOIN rooms rm ON rm.id = rr.room_id "
        "WHERE r.hotel_id = ? AND r.status = 'in_house'", (business_day, hotel_id))
    posted = 0
    for row in rows:
        ref = "ROOM-%s-%s" % (row["id"], business_day)
        if db.scalar("SELECT 1 FROM folio_lines WHERE source_ref = ?", (ref,)):
            continue
        folio_id = FolioDAO.open_for_reservation(row)
        FolioDAO.post_charge(folio_id, "ROOM", "Room %s" % (row["number"] or ""), row["rate"],
                             source_ref=ref, posted_on=business_day)
        posted += 1
    return posted


class PaymentDAO:

    METHODS = ("card", "cash", "bank", "voucher", "city_ledger")

    @staticmethod
    def take(folio_id, method, amount, user, card_last4=None, psp_reference=None):
        if method not in PaymentDAO.METHODS:
            raise ValueError("unknown payment method")
        amount = to_decimal(amount)
        if amount <= 0:
            raise ValueError("amount must be positive")
        return db.execute("INSERT INTO payments (folio_id, method, amount, card_last4, "
                          "psp_reference, taken_by) VALUES (?, ?, ?, ?, ?, ?)",
                          (folio_id, method, str(amount), card_last4, psp_reference, user))

    @staticmethod
    def for_folio(folio_id):
        return db.query("SELECT p.*, COALESCE((SELECT SUM(amount) FROM refunds x "
                        "WHERE x.payment_id = p.id), 0) AS refunded FROM payments p "
                        "WHERE p.folio_id = ? ORDER BY p.taken_at", (folio_id,))

    @staticmethod
    def refund(payment_id, amount, reason, user):
        pay = db.query_one("SELECT * FROM payments WHERE id = ?", (payment_id,))
        already = db.scalar("SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE payment_id = ?",
                            (payment_id,))
        amount = to_decimal(amount)
        if amount + to_decimal(already) > to_decimal(pay["amount"]):
            raise ValueError("refund exceeds payment")
        return db.execute("INSERT INTO refunds (payment_id, amount, reason, approved_by) "
                          "VALUES (?, ?, ?, ?)", (payment_id, str(amount), clean(reason), user))

    @staticmethod
    def takings(hotel_id, day):
        return db.query("SELECT p.method, SUM(p.amount) AS total, COUNT(*) AS n FROM payments p "
                        "JOIN folios f ON f.id = p.folio_id WHERE f.hotel_id = ? "
                        "AND date(p.taken_at) = ? GROUP BY p.method", (hotel_id, day))


# ================================================================ housekeeping


class HousekeepingDAO:

    @staticmethod
    def board(hotel_id, day):
        return db.query(SQL_HK_BOARD, (day, hotel_id))

    @staticmethod
    def set_status(room_id, status):
        if status not in ("clean", "dirty", "inspected", "pickup"):
            raise ValueError("bad status")
        db.execute("INSERT INTO room_status (room_id, hk_status, updated_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (room_id) DO UPDATE SET hk_status = excluded.hk_status, "
                   "updated_at = excluded.updated_at", (room_id, status, datetime.now()))

    @staticmethod
    def set_occupied(room_id, occupied):
        db.execute("INSERT INTO room_status (room_id, occupied) VALUES (?, ?) "
                   "ON CONFLICT (room_id) DO UPDATE SET occupied = excluded.occupied",
                   (room_id, 1 if occupied else 0))

    @staticmethod
    def create_tasks(hotel_id, day):
        """Departures get a full clean, stayovers a tidy. Idempotent."""
        rows = db.query(
            "SELECT rr.room_id, CASE WHEN r.departure = ? THEN 'departure' ELSE 'stayover' END "
            "AS kind FROM reservations r JOIN reservation_rooms rr ON rr.reservation_id = r.id "
            "AND rr.stay_date = ? WHERE r.hotel_id = ? AND r.status = 'in_house' "
            "AND rr.room_id IS NOT NULL", (day, day - timedelta(days=1), hotel_id))
        made = 0
        for row in rows:
            if db.scalar("SELECT 1 FROM hk_tasks WHERE room_id = ? AND work_date = ?",
                         (row["room_id"], day)):
                continue
            credits = 1 if row["kind"] == "departure" else Decimal("0.5")
            db.execute("INSERT INTO hk_tasks (room_id, work_date, kind, credits) VALUES (?, ?, ?, ?)",
                       (row["room_id"], day, row["kind"], str(credits)))
            made += 1
        return made

    @staticmethod
    def assign(task_id, staff_id):
        db.execute("UPDATE hk_tasks SET assigned_to = ? WHERE id = ?", (staff_id, task_id))

    @staticmethod
    def auto_assign(hotel_id, day):
        staff = db.query("SELECT s.id, h.section FROM hk_staff s JOIN hk_shifts h "
                         "ON h.staff_id = s.id AND h.work_date = ? WHERE s.hotel_id = ? "
                         "AND s.role = 'attendant' AND s.active = 1", (day, hotel_id))
        if not staff:
            return 0
        tasks = db.query("SELECT t.id FROM hk_tasks t JOIN rooms rm ON rm.id = t.room_id "
                         "WHERE rm.hotel_id = ? AND t.work_date = ? AND t.assigned_to IS NULL "
                         "ORDER BY rm.floor, rm.number", (hotel_id, day))
        for i, task in enumerate(tasks):
            HousekeepingDAO.assign(task["id"], staff[i % len(staff)]["id"])
        return len(tasks)

    @staticmethod
    def finish(task_id):
        task = db.query_one("SELECT * FROM hk_tasks WHERE id = ?", (task_id,))
        db.execute("UPDATE hk_tasks SET status = 'done', finished_at = ? WHERE id = ?",
                   (datetime.now(), task_id))
        HousekeepingDAO.set_status(task["room_id"], "clean")

    @staticmethod
    def shifts(hotel_id, start, end):
        return db.query("SELECT h.*, s.name FROM hk_shifts h JOIN hk_staff s ON s.id = h.staff_id "
                        "WHERE s.hotel_id = ? AND h.work_date BETWEEN ? AND ? "
                        "ORDER BY h.work_date, s.name", (hotel_id, start, end))

    @staticmethod
    def add_shift(staff_id, work_date, starts, ends, section=None):
        return db.execute("INSERT INTO hk_shifts (staff_id, work_date, starts, ends, section) "
                          "VALUES (?, ?, ?, ?, ?)", (staff_id, work_date, starts, ends, section))

    @staticmethod
    def log_lost_item(room_id, description, staff_id):
        return db.execute("INSERT INTO lost_found (room_id, found_on, description, found_by) "
                          "VALUES (?, ?, ?, ?)", (room_id, date.today(), clean(description),
                                                  staff_id))


def attendant_workload(hotel_id, day):
    return db.query("SELECT s.name, COUNT(t.id) AS rooms, COALESCE(SUM(t.credits), 0) AS credits "
                    "FROM hk_staff s LEFT JOIN hk_tasks t ON t.assigned_to = s.id "
                    "AND t.work_date = ? WHERE s.hotel_id = ? AND s.active = 1 "
                    "GROUP BY s.name ORDER BY credits DESC", (day, hotel_id))


# ================================================================ restaurant / bar


class PosDAO:

    @staticmethod
    def outlets(hotel_id):
        return db.query("SELECT * FROM outlets WHERE hotel_id = ? ORDER BY name", (hotel_id,))

    @staticmethod
    def menu(outlet_id, available_only=True):
        sql = "SELECT * FROM menu_items WHERE outlet_id = ?"
        if available_only:
            sql += " AND available = 1"
        return db.query(sql + " ORDER BY category, name", (outlet_id,))

    @staticmethod
    def save_item(outlet_id, data):
        return db.execute(
            "INSERT INTO menu_items (outlet_id, plu, name, category, price, vat_rate) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (outlet_id, plu) DO UPDATE SET "
            "name = excluded.name, category = excluded.category, price = excluded.price",
            (outlet_id, data["plu"], clean(data["name"]), data["category"],
             str(to_decimal(data["price"])), data.get("vat_rate", "0.20")))

    @staticmethod
    def open_order(outlet_id, user, table_no=None, room_id=None, covers=1):
        return db.execute("INSERT INTO pos_orders (outlet_id, table_no, room_id, covers, opened_by) "
                          "VALUES (?, ?, ?, ?, ?)", (outlet_id, table_no, room_id, covers, user))

    @staticmethod
    def add_item(order_id, menu_item_id, quantity=1, note=None):
        price = db.scalar("SELECT price FROM menu_items WHERE id = ?", (menu_item_id,))
        db.execute("INSERT INTO pos_order_lines (order_id, menu_item_id, quantity, price, note) "
                   "VALUES (?, ?, ?, ?, ?)", (order_id, menu_item_id, quantity, price, clean(note)))
        PosDAO.recalc(order_id)

    @staticmethod
    def recalc(order_id):
        total = db.scalar("SELECT COALESCE(SUM(quantity * price), 0) FROM pos_order_lines "
                          "WHERE order_id = ? AND comped = 0", (order_id,))
        db.execute("UPDATE pos_orders SET total = ? WHERE id = ?", (str(to_decimal(total)), order_id))

    @staticmethod
    def comp_line(line_id):
        order_id = db.scalar("SELECT order_id FROM pos_order_lines WHERE id = ?", (line_id,))
        db.execute("UPDATE pos_order_lines SET comped = 1 WHERE id = ?", (line_id,))
        PosDAO.recalc(order_id)

    @staticmethod
    def settle(order_id):
        db.execute("UPDATE pos_orders SET status = 'settled', settled_at = ? WHERE id = ?",
                   (datetime.now(), order_id))

    @staticmethod
    def charge_to_room(order_id, room_number, hotel_id):
        order = db.query_one("SELECT * FROM pos_orders WHERE id = ?", (order_id,))
        res = db.query_one(
            "SELECT r.* FROM reservations r JOIN reservation_rooms rr ON rr.reservation_id = r.id "
            "JOIN rooms rm ON rm.id = rr.room_id WHERE rm.number = ? AND rm.hotel_id = ? "
            "AND rr.stay_date = ? AND r.status = 'in_house'",
            (room_number, hotel_id, date.today() - timedelta(days=1)))
        if not res:
            raise ValueError("nobody in house in room %s" % room_number)
        folio_id = FolioDAO.open_for_reservation(res)
        FolioDAO.post_charge(folio_id, "FB", "Restaurant check #%s" % order_id, order["total"],
                             source_ref="POS-%s" % order_id)
        db.execute("UPDATE pos_orders SET status = 'charged_to_room', folio_id = ?, settled_at = ? "
                   "WHERE id = ?", (folio_id, datetime.now(), order_id))

    @staticmethod
    def void(order_id, user):
        db.execute("UPDATE pos_orders SET status = 'void', opened_by = opened_by || ? WHERE id = ?",
                   (" / void " + user, order_id))

    @staticmethod
    def open_checks(outlet_id):
        return db.query("SELECT * FROM pos_orders WHERE outlet_id = ? AND status IN ('open', 'sent') "
                        "ORDER BY opened_at", (outlet_id,))


def z_report(outlet_id, day):
    """End-of-day for an outlet: sales by category, covers, comps."""
    by_cat = db.query(
        "SELECT m.category, SUM(l.quantity) AS qty, SUM(l.quantity * l.price) AS gross "
        "FROM pos_order_lines l JOIN pos_orders o ON o.id = l.order_id "
        "JOIN menu_items m ON m.id = l.menu_item_id WHERE o.outlet_id = ? "
        "AND date(o.settled_at) = ? AND l.comped = 0 GROUP BY m.category", (outlet_id, day))
    covers = db.scalar("SELECT COALESCE(SUM(covers), 0) FROM pos_orders WHERE outlet_id = ? "
                       "AND date(settled_at) = ?", (outlet_id, day))
    comps = db.scalar("SELECT COALESCE(SUM(l.quantity * l.price), 0) FROM pos_order_lines l "
                      "JOIN pos_orders o ON o.id = l.order_id WHERE o.outlet_id = ? "
                      "AND date(o.settled_at) = ? AND l.comped = 1", (outlet_id, day))
    return {"categories": by_cat, "covers": covers, "comps": comps}


# ================================================================ channel manager


class ChannelDAO:

    @staticmethod
    def channels(hotel_id=None):
        if hotel_id:
            return db.query("SELECT * FROM ota_channels WHERE hotel_id = ? AND enabled = 1",
                            (hotel_id,))
        return db.query("SELECT * FROM ota_channels WHERE enabled = 1")

    @staticmethod
    def mappings(channel_id):
        return db.query("SELECT * FROM ota_room_mappings WHERE channel_id = ?", (channel_id,))

    @staticmethod
    def log(channel_id, direction, ok, message=""):
        db.execute("INSERT INTO ota_sync_log (channel_id, direction, ok, message) "
                   "VALUES (?, ?, ?, ?)", (channel_id, direction, 1 if ok else 0, message[:2000]))

    @staticmethod
    def store_inbound(channel_id, external_id, payload):
        try:
            return db.execute("INSERT INTO ota_inbound_bookings (channel_id, external_id, payload) "
                              "VALUES (?, ?, ?)", (channel_id, external_id, json.dumps(payload)))
        except Exception:
            return None  # duplicate, the OTA resends every 15 minutes

    @staticmethod
    def pending_inbound():
        return db.query("SELECT * FROM ota_inbound_bookings WHERE reservation_id IS NULL "
                        "AND error IS NULL ORDER BY received_at")

    @staticmethod
    def mark_inbound(inbound_id, reservation_id=None, error=None):
        db.execute("UPDATE ota_inbound_bookings SET reservation_id = ?, error = ? WHERE id = ?",
                   (reservation_id, error, inbound_id))

    @staticmethod
    def recent_log(limit=100):
        return db.query("SELECT l.*, c.code FROM ota_sync_log l JOIN ota_channels c "
                        "ON c.id = l.channel_id ORDER BY l.started_at DESC LIMIT ?", (limit,))
