"""Harbourline PMS web app. Run with:  python web.py  (dev)  or  gunicorn web:app

All routes live here. Sections follow the top menu.
"""
import json
import logging
from datetime import date, datetime, timedelta

import requests
from bottle import Bottle, HTTPResponse, abort, redirect, request, response, static_file, template

import db
import settings
from dao import (ChannelDAO, FolioDAO, GuestDAO, HotelDAO, HousekeepingDAO, LoyaltyDAO, PaymentDAO,
                 PosDAO, RateDAO, ReservationDAO, RoomDAO, attendant_workload, find_duplicate_guests,
                 folio_invoice_lines, free_rooms_by_type, guest_display_name, occupancy, price_stay,
                 z_report)
from ota import push_availability
from util import (check_password, clean, csv_download, current_user, daterange, format_date,
                  format_money, int_or_none, json_error, json_response, login_required, mask_card,
                  nights_between, page_args, paginate, parse_date, require_fields, role_required,
                  season_for, send_email, to_decimal, valid_email)

app = Bottle()
log = logging.getLogger("pms.web")
STATIC_ROOT = "/srv/pms/static"


# ---------------------------------------------------------------- plumbing

@app.hook("after_request")
def close_connection():
    db.close_db()


@app.error(404)
def error404(err):
    if request.path.startswith("/api/"):
        return json.dumps({"error": "not found"})
    return template("errors/404", path=request.path)


@app.error(500)
def error500(err):
    log.error("500 on %s: %s", request.path, err.exception)
    if request.path.startswith("/api/"):
        return json.dumps({"error": "server error"})
    return template("errors/500", err=err)


def _hotel():
    user = current_user() or {}
    code = request.query.get("hotel") or user.get("hotel") or settings.current.DEFAULT_HOTEL
    hotel = HotelDAO.by_code(code)
    if hotel is None:
        abort(404, "unknown hotel")
    return hotel


def _render(name, **kwargs):
    kwargs.setdefault("user", current_user())
    kwargs.setdefault("money", format_money)
    kwargs.setdefault("d", format_date)
    return template(name, **kwargs)


@app.get("/static/<path:path>")
def static_files(path):
    return static_file(path, root=STATIC_ROOT)


@app.get("/health")
def healthcheck():
    db.scalar("SELECT 1")
    return "ok"


@app.get("/login")
def login_form():
    return _render("login", next=request.query.get("next", "/"))


@app.post("/login")
def login_post():
    name = request.forms.get("username", "").strip()
    if check_password(name, request.forms.get("password", "")):
        response.set_cookie("pms_user", name, secret=settings.current.SECRET, path="/",
                            httponly=True, max_age=12 * 3600)
        redirect(request.forms.get("next") or "/")
    return _render("login", next=request.forms.get("next", "/"), error="Wrong login")


@app.get("/logout")
def logout():
    response.delete_cookie("pms_user", path="/")
    redirect("/login")


# ---------------------------------------------------------------- front desk

@app.get("/")
@login_required
def dashboard():
    hotel = _hotel()
    today = date.today()
    return _render("dashboard", hotel=hotel,
                   arrivals=ReservationDAO.arrivals(hotel["id"], today),
                   departures=ReservationDAO.departures(hotel["id"], today),
                   occ=occupancy(hotel["id"], today))


@app.get("/arrivals")
@login_required
def arrivals_page():
    hotel = _hotel()
    day = parse_date(request.query.get("day")) or date.today()
    rows = ReservationDAO.arrivals(hotel["id"], day)
    if request.query.get("csv"):
        return csv_download(rows, "arrivals-%s.csv" % day)
    return _render("arrivals", rows=rows, day=day, hotel=hotel)


@app.get("/departures")
@login_required
def departures_page():
    hotel = _hotel()
    day = parse_date(request.query.get("day")) or date.today()
    return _render("departures", rows=ReservationDAO.departures(hotel["id"], day), day=day)


@app.get("/in-house")
@login_required
def in_house_page():
    return _render("in_house", rows=ReservationDAO.in_house(_hotel()["id"]))


@app.get("/availability")
@login_required
def availability_page():
    hotel = _hotel()
    start = parse_date(request.query.get("from")) or date.today()
    days = [start + timedelta(days=i) for i in range(14)]
    grid = {d: free_rooms_by_type(hotel["id"], d) for d in days}
    return _render("availability", days=days, grid=grid, types=RoomDAO.room_types(hotel["id"]),
                   season=season_for)


@app.get("/api/availability")
def api_availability():
    hotel = _hotel()
    arrival = parse_date(request.query.get("arrival"))
    departure = parse_date(request.query.get("departure"))
    if not arrival or not departure:
        return json_error("arrival and departure required")
    out = {}
    for d in daterange(arrival, departure):
        for type_id, free in free_rooms_by_type(hotel["id"], d).items():
            out[type_id] = min(out.get(type_id, free), free)
    return json_response({"free": out})


@app.get("/reservations/new")
@login_required
def booking_form():
    hotel = _hotel()
    guest = GuestDAO.get(int_or_none(request.query.get("guest"))) if request.query.get("guest") else None
    return _render("reservation_new", hotel=hotel, guest=guest,
                   types=RoomDAO.room_types(hotel["id"]), plans=RateDAO.plans(hotel["id"]))


@app.post("/reservations")
@login_required
def booking_create():
    f = request.forms
    require_fields(f, "guest_id", "room_type_id", "rate_plan_id", "arrival", "departure")
    hotel = _hotel()
    try:
        res_id = ReservationDAO.create(hotel["id"], int(f.guest_id), int(f.room_type_id),
                                       int(f.rate_plan_id), f.arrival, f.departure,
                                       adults=int_or_none(f.adults) or 1,
                                       children=int_or_none(f.children) or 0,
                                       source=f.get("source") or "phone",
                                       user=current_user()["name"])
    except ValueError as exc:
        return _render("reservation_new", hotel=hotel, error=str(exc), form=f,
                       types=RoomDAO.room_types(hotel["id"]), plans=RateDAO.plans(hotel["id"]))
    if f.get("send_confirmation"):
        _send_confirmation(res_id)
    redirect("/reservations/%d" % res_id)


def _send_confirmation(res_id):
    res = ReservationDAO.get(res_id)
    guest = GuestDAO.get(res["guest_id"])
    hotel = HotelDAO.get(res["hotel_id"])
    if not valid_email(guest["email"]):
        return False
    body = template("mail/confirmation", res=res, guest=guest, hotel=hotel,
                    name=guest_display_name(guest), money=format_money, d=format_date,
                    nights=nights_between(res["arrival"], res["departure"]))
    return send_email(guest["email"], "Booking %s confirmed" % res["confirmation"], body)


@app.get("/reservations/<res_id:int>")
@login_required
def reservation_detail(res_id):
    res = ReservationDAO.get(res_id) or abort(404)
    rooms = db.query("SELECT rr.stay_date, rr.rate, rm.number, rt.code FROM reservation_rooms rr "
                     "JOIN room_types rt ON rt.id = rr.room_type_id LEFT JOIN rooms rm "
                     "ON rm.id = rr.room_id WHERE rr.reservation_id = ? ORDER BY rr.stay_date",
                     (res_id,))
    folio = db.query_one("SELECT * FROM folio_balances WHERE reservation_id = ? "
                         "ORDER BY folio_id DESC LIMIT 1", (res_id,))
    return _render("reservation", res=res, guest=GuestDAO.get(res["guest_id"]), rooms=rooms,
                   folio=folio, notes=ReservationDAO.notes(res_id))


@app.get("/r/<code>")
@login_required
def reservation_by_code(code):
    res = ReservationDAO.by_confirmation(code) or abort(404)
    redirect("/reservations/%d" % res["id"])


@app.post("/reservations/<res_id:int>/dates")
@login_required
def reservation_change_dates(res_id):
    arrival = parse_date(request.forms.arrival)
    departure = parse_date(request.forms.departure)
    ReservationDAO.change_dates(res_id, arrival, departure)
    ReservationDAO.add_note(res_id, current_user()["name"],
                            "dates changed to %s - %s" % (arrival, departure))
    redirect("/reservations/%d" % res_id)


@app.post("/reservations/<res_id:int>/room")
@login_required
def reservation_assign_room(res_id):
    ReservationDAO.assign_room(res_id, int(request.forms.room_id))
    redirect("/reservations/%d" % res_id)


@app.post("/reservations/<res_id:int>/checkin")
@login_required
def reservation_checkin(res_id):
    folio_id = ReservationDAO.check_in(res_id, current_user()["name"])
    if request.forms.get("preauth") and request.forms.get("card_token"):
        amount = to_decimal(request.forms.get("preauth"))
        ref = _charge_card(request.forms.card_token, amount, "preauth %s" % res_id)
        PaymentDAO.take(folio_id, "card", amount, current_user()["name"],
                        card_last4=request.forms.get("last4"), psp_reference=ref)
    redirect("/reservations/%d" % res_id)


@app.post("/reservations/<res_id:int>/checkout")
@login_required
def reservation_checkout(res_id):
    try:
        ReservationDAO.check_out(res_id, current_user()["name"])
    except ValueError as exc:
        return _render("reservation_error", res_id=res_id, error=str(exc))
    redirect("/departures")


@app.post("/reservations/<res_id:int>/cancel")
@login_required
def reservation_cancel(res_id):
    fee = ReservationDAO.cancel(res_id, request.forms.get("reason"), current_user()["name"])
    res = ReservationDAO.get(res_id)
    guest = GuestDAO.get(res["guest_id"])
    send_email(guest["email"], "Booking %s cancelled" % res["confirmation"],
               "Your booking was cancelled. Cancellation fee: %s" % format_money(fee))
    redirect("/reservations/%d" % res_id)


@app.post("/reservations/<res_id:int>/notes")
@login_required
def reservation_note(res_id):
    ReservationDAO.add_note(res_id, current_user()["name"], clean(request.forms.body, 2000))
    redirect("/reservations/%d" % res_id)


@app.get("/reservations/<res_id:int>/regcard")
@login_required
def registration_card(res_id):
    res = ReservationDAO.get(res_id) or abort(404)
    guest = GuestDAO.get(res["guest_id"])
    return _render("regcard", res=res, guest=guest, name=guest_display_name(guest),
                   prefs=GuestDAO.preferences(guest["id"]))


@app.get("/reports/occupancy.csv")
@role_required("manager")
def occupancy_csv():
    hotel = _hotel()
    start = parse_date(request.query.get("from")) or date.today().replace(day=1)
    rows = [dict(occupancy(hotel["id"], d), day=d) for d in daterange(start, start + timedelta(31))]
    return csv_download(rows, "occupancy-%s.csv" % start, ["day", "rooms", "sold", "pct"])


# ---------------------------------------------------------------- guests

@app.get("/guests")
@login_required
def guest_list():
    sql, params = GuestDAO.search(request.query.get("q"))
    page, size = page_args()
    return _render("guests", result=paginate(sql, params, page, size), q=request.query.get("q"))


@app.get("/guests/new")
@login_required
def guest_new():
    return _render("guest_form", guest={})


@app.post("/guests")
@login_required
def guest_create():
    f = request.forms
    require_fields(f, "first_name", "last_name")
    if f.get("email") and not valid_email(f.email):
        return _render("guest_form", guest=dict(f), error="bad email")
    dupes = find_duplicate_guests(f.get("email"), f.get("phone"), f.last_name)
    if dupes and not f.get("force"):
        return _render("guest_form", guest=dict(f), dupes=dupes)
    guest_id = GuestDAO.create(dict(f))
    redirect(request.forms.get("next") or "/guests/%d" % guest_id)


@app.get("/guests/<guest_id:int>")
@login_required
def guest_detail(guest_id):
    guest = GuestDAO.get(guest_id) or abort(404)
    account = LoyaltyDAO.account_for(guest_id)
    balance = db.scalar("SELECT COALESCE(SUM(charges - paid), 0) FROM folio_balances "
                        "WHERE guest_id = ? AND status = 'open'", (guest_id,))
    return _render("guest", guest=guest, name=guest_display_name(guest), account=account,
                   stays=GuestDAO.stay_history(guest_id), prefs=GuestDAO.preferences(guest_id),
                   balance=balance)


@app.post("/guests/<guest_id:int>")
@login_required
def guest_update(guest_id):
    data = {k: clean(v) for k, v in request.forms.items()}
    data["vip"] = 1 if request.forms.get("vip") else 0
    data["marketing_opt_in"] = 1 if request.forms.get("marketing_opt_in") else 0
    GuestDAO.update(guest_id, data)
    redirect("/guests/%d" % guest_id)


@app.post("/guests/<guest_id:int>/merge")
@role_required("manager", "frontdesk")
def guest_merge(guest_id):
    other = int(request.forms.other_id)
    if other == guest_id:
        abort(400, "same guest")
    GuestDAO.merge(guest_id, other)
    redirect("/guests/%d" % guest_id)


@app.post("/guests/<guest_id:int>/prefs")
@login_required
def guest_preference(guest_id):
    GuestDAO.set_preference(guest_id, request.forms.kind, request.forms.get("value"))
    redirect("/guests/%d" % guest_id)


@app.post("/guests/<guest_id:int>/blacklist")
@role_required("manager")
def guest_blacklist(guest_id):
    GuestDAO.blacklist(guest_id, request.forms.get("reason") or "no reason given")
    redirect("/guests/%d" % guest_id)


@app.post("/guests/<guest_id:int>/loyalty")
@login_required
def loyalty_enroll(guest_id):
    if not LoyaltyDAO.account_for(guest_id):
        LoyaltyDAO.enroll(guest_id)
        guest = GuestDAO.get(guest_id)
        send_email(guest["email"], "Welcome to Harbourline Rewards",
                   template("mail/loyalty_welcome", name=guest_display_name(guest)))
    redirect("/guests/%d" % guest_id)


@app.post("/loyalty/<account_id:int>/redeem")
@login_required
def loyalty_redeem(account_id):
    points = int(request.forms.points)
    LoyaltyDAO.redeem(account_id, points, clean(request.forms.get("reason")) or "redemption")
    if request.forms.get("folio_id"):
        # 100 points = 1 pound off the bill
        FolioDAO.post_charge(int(request.forms.folio_id), "ADJ", "Points redemption",
                             -to_decimal(points) / 100)
    redirect(request.forms.get("next") or "/")


@app.get("/loyalty/<account_id:int>")
@login_required
def loyalty_statement(account_id):
    return _render("loyalty", rows=LoyaltyDAO.statement(account_id))


@app.get("/api/guests")
def api_guest_lookup():
    if current_user() is None:
        return json_error("login", 401)
    sql, params = GuestDAO.search(request.query.get("q"))
    return json_response({"guests": db.query(sql + " LIMIT 20", params)})


@app.get("/guests/marketing.csv")
@role_required("manager")
def export_marketing_list():
    rows = db.query("SELECT g.first_name, g.last_name, g.email, g.country, la.tier "
                    "FROM guests g LEFT JOIN loyalty_accounts la ON la.guest_id = g.id "
                    "WHERE g.marketing_opt_in = 1 AND g.merged_into IS NULL AND g.email <> ''")
    return csv_download(rows, "marketing.csv")


# ---------------------------------------------------------------- rooms & rates

@app.get("/setup/room-types")
@role_required("manager")
def room_types_page():
    hotel = _hotel()
    return _render("room_types", types=RoomDAO.room_types(hotel["id"]), hotel=hotel)


@app.post("/setup/room-types")
@role_required("manager")
def room_type_save():
    RoomDAO.save_room_type(_hotel()["id"], dict(request.forms))
    redirect("/setup/room-types")


@app.get("/setup/rooms")
@login_required
def rooms_page():
    hotel = _hotel()
    return _render("rooms", rooms=RoomDAO.rooms(hotel["id"], int_or_none(request.query.type)))


@app.post("/setup/rooms/<room_id:int>/ooo")
@role_required("manager", "housekeeping")
def room_out_of_order(room_id):
    RoomDAO.set_out_of_order(room_id, bool(request.forms.get("flag")), request.forms.get("reason"))
    redirect("/setup/rooms")


@app.get("/rates")
@role_required("manager")
def rate_grid():
    hotel = _hotel()
    start = parse_date(request.query.get("from")) or date.today()
    return _render("rates", rows=RateDAO.grid(hotel["id"], start), start=start,
                   types=RoomDAO.room_types(hotel["id"]), plans=RateDAO.plans(hotel["id"]),
                   season=season_for)


@app.post("/rates")
@role_required("manager")
def rate_update():
    f = request.forms
    RateDAO.set_rate(int(f.room_type_id), int(f.rate_plan_id), parse_date(f.stay_date),
                     f.amount, closed=bool(f.get("closed")))
    redirect("/rates?from=" + f.stay_date)


@app.post("/rates/bulk")
@role_required("manager")
def rate_bulk():
    f = request.forms
    weekdays = [int(x) for x in request.forms.getall("weekday")] or None
    RateDAO.bulk_update(int(f.room_type_id), int(f.rate_plan_id), parse_date(f.start),
                        parse_date(f.end), f.amount, weekdays)
    redirect("/rates?from=" + f.start)


@app.get("/api/quote")
def api_quote():
    try:
        nightly = price_stay(int(request.query.room_type_id), int(request.query.rate_plan_id),
                             parse_date(request.query.arrival), parse_date(request.query.departure))
    except (ValueError, TypeError) as exc:
        return json_error(str(exc))
    return json_response({"nights": [{"date": d, "amount": a} for d, a in nightly],
                          "total": sum(a for _, a in nightly)})


# ---------------------------------------------------------------- folios & payments

@app.get("/folios/<folio_id:int>")
@login_required
def folio_detail(folio_id):
    folio = FolioDAO.get(folio_id) or abort(404)
    return _render("folio", folio=folio, lines=FolioDAO.lines(folio_id),
                   payments=PaymentDAO.for_folio(folio_id), mask=mask_card)


@app.post("/folios/<folio_id:int>/charges")
@login_required
def folio_post_charge(folio_id):
    f = request.forms
    require_fields(f, "code", "description", "amount")
    FolioDAO.post_charge(folio_id, f.code.upper(), clean(f.description), to_decimal(f.amount),
                         quantity=int_or_none(f.get("quantity")) or 1)
    redirect("/folios/%d" % folio_id)


@app.post("/folios/lines/<line_id:int>/void")
@role_required("manager", "frontdesk")
def folio_void_line(line_id):
    FolioDAO.void_line(line_id, current_user()["name"])
    redirect(request.forms.get("next") or "/")


@app.post("/folios/lines/<line_id:int>/transfer")
@login_required
def folio_transfer(line_id):
    FolioDAO.transfer_line(line_id, int(request.forms.to_folio))
    redirect("/folios/%s" % request.forms.to_folio)


def _charge_card(token, amount, description):
    resp = requests.post(settings.current.PSP_URL + "/charges",
                         json={"token": token, "amount": str(amount), "currency": "GBP",
                               "description": description},
                         headers={"Authorization": "Bearer " + settings.current.PSP_KEY},
                         timeout=30)
    if resp.status_code != 200:
        raise ValueError("card declined: %s" % resp.json().get("message", resp.status_code))
    return resp.json()["id"]


@app.post("/folios/<folio_id:int>/payments")
@login_required
def folio_payment(folio_id):
    f = request.forms
    ref = None
    if f.method == "card" and f.get("card_token"):
        ref = _charge_card(f.card_token, to_decimal(f.amount), "folio %s" % folio_id)
    PaymentDAO.take(folio_id, f.method, f.amount, current_user()["name"],
                    card_last4=f.get("last4"), psp_reference=ref)
    redirect("/folios/%d" % folio_id)


@app.post("/payments/<payment_id:int>/refund")
@role_required("manager")
def payment_refund(payment_id):
    PaymentDAO.refund(payment_id, request.forms.amount, request.forms.get("reason"),
                      current_user()["name"])
    redirect(request.forms.get("next") or "/folios/open")


@app.post("/folios/<folio_id:int>/company")
@login_required
def folio_company(folio_id):
    FolioDAO.set_company(folio_id, request.forms.get("company"), request.forms.get("vat_number"))
    redirect("/folios/%d" % folio_id)


@app.get("/folios/<folio_id:int>/invoice")
@login_required
def folio_invoice(folio_id):
    folio = FolioDAO.get(folio_id) or abort(404)
    hotel = HotelDAO.get(folio["hotel_id"])
    lines = folio_invoice_lines(folio_id, hotel["vat_rate"])
    html = _render("invoice", folio=folio, hotel=hotel, lines=lines,
                   net=sum(l["net"] for l in lines), vat=sum(l["vat"] for l in lines))
    if request.query.get("email"):
        guest = GuestDAO.get(folio["guest_id"])
        send_email(guest["email"], "Your invoice %s" % folio["number"], "Attached.",
                   [("invoice-%s.html" % folio["number"], html.encode(), "text/html")])
    return html


@app.get("/folios/open")
@login_required
def open_balances_page():
    return _render("open_folios", rows=FolioDAO.open_balances(_hotel()["id"]))


@app.post("/folios/walk-in")
@login_required
def walk_in_folio():
    folio_id = FolioDAO.open_walk_in(_hotel()["id"], int(request.forms.guest_id))
    redirect("/folios/%d" % folio_id)


@app.get("/reports/takings.csv")
@role_required("manager")
def takings_csv():
    day = parse_date(request.query.get("day")) or date.today()
    return csv_download(PaymentDAO.takings(_hotel()["id"], day), "takings-%s.csv" % day)


# ---------------------------------------------------------------- housekeeping

@app.get("/hk")
@role_required("housekeeping", "frontdesk")
def hk_board():
    hotel = _hotel()
    day = parse_date(request.query.get("day")) or date.today()
    return _render("hk_board", rows=HousekeepingDAO.board(hotel["id"], day), day=day,
                   workload=attendant_workload(hotel["id"], day))


@app.post("/hk/rooms/<room_id:int>/status")
@role_required("housekeeping", "frontdesk")
def hk_set_status(room_id):
    HousekeepingDAO.set_status(room_id, request.forms.status)
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return json_response({"ok": True})
    redirect("/hk")


@app.post("/hk/tasks/<task_id:int>/done")
@role_required("housekeeping")
def hk_task_done(task_id):
    HousekeepingDAO.finish(task_id)
    return json_response({"ok": True})


@app.post("/hk/tasks/<task_id:int>/assign")
@role_required("housekeeping")
def hk_assign(task_id):
    HousekeepingDAO.assign(task_id, int(request.forms.staff_id))
    redirect("/hk")


@app.post("/hk/auto-assign")
@role_required("housekeeping")
def hk_auto_assign():
    hotel = _hotel()
    HousekeepingDAO.create_tasks(hotel["id"], date.today())
    HousekeepingDAO.auto_assign(hotel["id"], date.today())
    redirect("/hk")


@app.get("/hk/shifts")
@role_required("housekeeping")
def hk_shifts_page():
    start = parse_date(request.query.get("from")) or date.today()
    return _render("hk_shifts", rows=HousekeepingDAO.shifts(_hotel()["id"], start,
                                                           start + timedelta(days=6)))


@app.post("/hk/shifts")
@role_required("housekeeping")
def hk_shift_add():
    f = request.forms
    HousekeepingDAO.add_shift(int(f.staff_id), parse_date(f.work_date), f.starts, f.ends,
                              f.get("section"))
    redirect("/hk/shifts?from=" + f.work_date)


@app.post("/hk/lost-found")
@role_required("housekeeping")
def lost_found_add():
    f = request.forms
    HousekeepingDAO.log_lost_item(int_or_none(f.get("room_id")), f.description,
                                  int_or_none(f.get("staff_id")))
    redirect("/hk")


# ---------------------------------------------------------------- restaurant & bar

@app.get("/pos")
@role_required("fnb")
def pos_outlets():
    return _render("pos_outlets", outlets=PosDAO.outlets(_hotel()["id"]))


@app.get("/pos/<outlet_id:int>")
@role_required("fnb")
def pos_screen(outlet_id):
    return _render("pos", menu=PosDAO.menu(outlet_id), checks=PosDAO.open_checks(outlet_id),
                   outlet_id=outlet_id)


@app.post("/pos/<outlet_id:int>/menu")
@role_required("manager")
def pos_item_save(outlet_id):
    PosDAO.save_item(outlet_id, dict(request.forms))
    redirect("/pos/%d" % outlet_id)


@app.post("/pos/<outlet_id:int>/orders")
@role_required("fnb")
def pos_open_order(outlet_id):
    f = request.forms
    order_id = PosDAO.open_order(outlet_id, current_user()["name"], f.get("table_no"),
                                 int_or_none(f.get("room_id")), int_or_none(f.get("covers")) or 1)
    return json_response({"order_id": order_id})


@app.post("/pos/orders/<order_id:int>/items")
@role_required("fnb")
def pos_add_item(order_id):
    data = request.json or {}
    for item in data.get("items", []):
        PosDAO.add_item(order_id, int(item["menu_item_id"]), int(item.get("qty", 1)),
                        item.get("note"))
    return json_response({"ok": True})


@app.post("/pos/lines/<line_id:int>/comp")
@role_required("manager")
def pos_comp(line_id):
    PosDAO.comp_line(line_id)
    return json_response({"ok": True})


@app.post("/pos/orders/<order_id:int>/settle")
@role_required("fnb")
def pos_settle(order_id):
    if request.forms.get("room_number"):
        try:
            PosDAO.charge_to_room(order_id, request.forms.room_number, _hotel()["id"])
        except ValueError as exc:
            return json_error(str(exc))
    else:
        PosDAO.settle(order_id)
    return json_response({"ok": True})


@app.post("/pos/orders/<order_id:int>/void")
@role_required("manager")
def pos_void(order_id):
    PosDAO.void(order_id, current_user()["name"])
    return json_response({"ok": True})


@app.get("/pos/<outlet_id:int>/z")
@role_required("fnb", "manager")
def pos_z_report(outlet_id):
    day = parse_date(request.query.get("day")) or date.today()
    return _render("z_report", rep=z_report(outlet_id, day), day=day)


# ---------------------------------------------------------------- channel manager

@app.get("/channels")
@role_required("manager")
def ota_status_page():
    return _render("channels", channels=ChannelDAO.channels(_hotel()["id"]),
                   log=ChannelDAO.recent_log(), pending=ChannelDAO.pending_inbound())


@app.post("/channels/<channel_id:int>/push")
@role_required("manager")
def ota_push_now(channel_id):
    hotel = _hotel()
    channel = [c for c in ChannelDAO.channels(hotel["id"]) if c["id"] == channel_id]
    if channel:
        push_availability(channel[0], hotel)
    redirect("/channels")


@app.post("/api/ota/<channel_id:int>/bookings")
def ota_webhook(channel_id):
    payload = request.json or {}
    if "id" not in payload:
        return json_error("no id")
    ChannelDAO.store_inbound(channel_id, str(payload["id"]), payload)
    return json_response({"received": True}, 202)


@app.post("/channels/inbound/<inbound_id:int>/retry")
@role_required("manager")
def ota_retry_inbound(inbound_id):
    ChannelDAO.mark_inbound(inbound_id, None, None)
    redirect("/channels")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080, debug=settings.current.DEBUG, reloader=True)
