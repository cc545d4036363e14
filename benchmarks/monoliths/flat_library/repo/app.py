#!/usr/bin/env python3
# RLN staff client - main Bottle application
import json
import logging

import bottle
from bottle import route, get, post, request, response, redirect, abort, static_file, run

import auth
import config
import db
import dbaccess
import lib
import payments_gateway
import reports
import utils
import views
from auth import require_login, require_role
from views import render, form_value

log = logging.getLogger("rln.app")
app = bottle.default_app()


def flash(msg):
    response.set_cookie("flash", msg, path="/", max_age=5)


def current_branch():
    return request.staff["session_branch"] or request.staff["home_branch_id"]


# ------------------------------------------------------------------ login

@get("/login")
def login_form():
    return render("login", branches=dbaccess.get_branches(), next=request.query.next or "/")


@post("/login")
def login_submit():
    token = auth.login(form_value("username"), form_value("password", strip=False),
                       utils.to_int(form_value("branch_id")))
    if not token:
        return render("login", branches=dbaccess.get_branches(), error="Wrong username or password",
                      next=form_value("next", "/"))
    response.set_cookie(auth.COOKIE, token, path="/", httponly=True)
    redirect(form_value("next", "/"))


@get("/logout")
def logout():
    token = request.get_cookie(auth.COOKIE)
    if token:
        auth.logout(token)
    response.delete_cookie(auth.COOKIE, path="/")
    redirect("/login")


@get("/")
@require_login
def index():
    return render("dashboard", **views.dashboard_context(current_branch()))


# ------------------------------------------------------------------ members

@get("/members")
@require_login
def members_search():
    q = request.query.getunicode("q", "")
    rows = dbaccess.search_members(q) if q else []
    if len(q) > 5 and q[0] == "L":
        m = dbaccess.find_member_by_card(q)
        if m:
            redirect("/members/%d" % m["id"])
    return render("members", rows=rows, q=q)


@get("/members/new")
@require_login
def member_new_form():
    return render("member_edit", member=None, categories=dbaccess.get_member_categories(),
                  branches=dbaccess.get_branches(), errors=[])


@post("/members/new")
@require_login
def member_new():
    data = views.member_form_data()
    errors = views.validate_member(data)
    if errors:
        return render("member_edit", member=data, categories=dbaccess.get_member_categories(),
                      branches=dbaccess.get_branches(), errors=errors)
    member_id, barcode = lib.register_member(data, request.staff["id"])
    flash("Member registered, card %s" % barcode)
    redirect("/members/%d" % member_id)


@get("/members/<member_id:int>")
@require_login
def member_view(member_id):
    return render("member", **views.member_page_context(member_id))


@post("/members/<member_id:int>/edit")
@require_login
def member_edit(member_id):
    data = views.member_form_data()
    errors = views.validate_member(data)
    if errors:
        return render("member_edit", member=data, categories=dbaccess.get_member_categories(),
                      branches=dbaccess.get_branches(), errors=errors)
    dbaccess.update_member(member_id, data)
    dbaccess.write_audit(request.staff["id"], "member_edit", "member", member_id)
    db.commit()
    redirect("/members/%d" % member_id)


@post("/members/<member_id:int>/card")
@require_login
def member_new_card(member_id):
    barcode = lib.replace_card(member_id, request.staff["id"], lost=form_value("lost") == "1")
    flash("New card %s" % barcode)
    redirect("/members/%d" % member_id)


@post("/members/<member_id:int>/renew")
@require_login
def member_renew(member_id):
    lib.renew_membership(member_id, request.staff["id"])
    redirect("/members/%d" % member_id)


@post("/members/<member_id:int>/block")
@require_role("senior", "manager")
def member_block(member_id):
    dbaccess.add_block(member_id, form_value("reason"), form_value("note"), request.staff["id"])
    db.commit()
    redirect("/members/%d" % member_id)


@post("/members/<member_id:int>/unblock")
@require_role("senior", "manager")
def member_unblock(member_id):
    dbaccess.lift_blocks(member_id, form_value("reason") or None)
    db.commit()
    redirect("/members/%d" % member_id)


# ------------------------------------------------------------------ circulation

@get("/circ")
@require_login
def circ_desk():
    return render("circ_desk", result=None)


@post("/circ/checkout")
@require_login
def circ_checkout():
    card, item = form_value("card"), form_value("item")
    try:
        loan_id, due = lib.checkout(card, item, current_branch(), request.staff["id"])
        msg = "Issued, due %s" % utils.format_date(due)
    except lib.MemberBlocked as e:
        db.rollback()
        msg = "BLOCKED: %s" % e
    except lib.CirculationError as e:
        db.rollback()
        msg = str(e)
    return render("circ_desk", result=msg, card=card)


@post("/circ/checkin")
@require_login
def circ_checkin():
    try:
        res = lib.checkin(form_value("item"), current_branch(), request.staff["id"])
        msg = views.checkin_message(res)
    except lib.CirculationError as e:
        db.rollback()
        msg = str(e)
    return render("circ_desk", result=msg)


@post("/circ/renew/<loan_id:int>")
@require_login
def circ_renew(loan_id):
    try:
        new_due = lib.renew_loan(loan_id)
        flash("Renewed to %s" % utils.format_date(new_due))
    except lib.CirculationError as e:
        db.rollback()
        flash(str(e))
    loan = dbaccess.get_loan(loan_id)
    redirect("/members/%d" % loan["member_id"])


@post("/circ/lost/<loan_id:int>")
@require_role("senior", "manager")
def circ_lost(loan_id):
    lib.mark_lost(loan_id, request.staff["id"])
    loan = dbaccess.get_loan(loan_id)
    redirect("/members/%d" % loan["member_id"])


@post("/holds/place")
@require_login
def hold_place():
    try:
        lib.place_hold(utils.to_int(form_value("title_id")), utils.to_int(form_value("member_id")),
                       utils.to_int(form_value("pickup_branch_id")) or current_branch())
        flash("Reservation placed")
    except lib.CirculationError as e:
        db.rollback()
        flash(str(e))
    redirect("/members/%s" % form_value("member_id"))


@post("/holds/<hold_id:int>/cancel")
@require_login
def hold_cancel(hold_id):
    hold = dbaccess.get_hold(hold_id)
    lib.cancel_hold(hold_id, request.staff["id"])
    redirect("/members/%d" % hold["member_id"])


@get("/holds/shelf")
@require_login
def hold_shelf():
    rows = db.query_all("SELECT h.*, t.title, m.last_name, c.barcode FROM holds h JOIN titles t ON t.id = h.title_id "
                        "JOIN members m ON m.id = h.member_id JOIN copies c ON c.id = h.copy_id "
                        "WHERE h.status = 'ready' AND h.pickup_branch_id = %s ORDER BY m.last_name",
                        (current_branch(),))
    return render("hold_shelf", rows=rows)


# ------------------------------------------------------------------ catalogue

@get("/catalogue")
@require_login
def catalogue_search():
    q = request.query.getunicode("q", "")
    rows = dbaccess.search_titles(q, request.query.type or None) if q else []
    return render("catalogue", rows=rows, q=q)


@get("/catalogue/<title_id:int>")
@require_login
def title_view(title_id):
    return render("title", **views.title_page_context(title_id))


@post("/catalogue/new")
@require_role("cataloguer")
def title_new():
    data = views.title_form_data()
    if data["isbn"] and dbaccess.find_title_by_isbn(data["isbn"]):
        flash("ISBN already in catalogue")
        redirect("/catalogue?q=%s" % data["isbn"])
    title_id = dbaccess.insert_title(data)
    for name in (form_value("authors") or "").split(";"):
        if name.strip():
            dbaccess.link_author(title_id, dbaccess.get_or_create_author(name.strip()))
    db.commit()
    redirect("/catalogue/%d" % title_id)


@post("/catalogue/<title_id:int>/edit")
@require_role("cataloguer")
def title_edit(title_id):
    dbaccess.update_title(title_id, views.title_form_data())
    subjects = [s.strip() for s in (form_value("subjects") or "").split(";") if s.strip()]
    dbaccess.set_subjects(title_id, subjects)
    db.commit()
    redirect("/catalogue/%d" % title_id)


@post("/catalogue/<title_id:int>/copies")
@require_role("cataloguer")
def copy_add(title_id):
    barcode = form_value("barcode") or lib.next_item_barcode()
    dbaccess.insert_copy(title_id, barcode, utils.to_int(form_value("branch_id")),
                         price=form_value("price") or None, loan_type=form_value("loan_type", "standard"),
                         shelf=form_value("shelf"))
    db.commit()
    redirect("/catalogue/%d" % title_id)


@post("/copies/<copy_id:int>/status")
@require_role("cataloguer", "senior")
def copy_status(copy_id):
    dbaccess.set_copy_status(copy_id, form_value("status"), request.staff["id"])
    db.commit()
    c = dbaccess.get_copy(copy_id)
    redirect("/catalogue/%d" % c["title_id"])


# ------------------------------------------------------------------ fines & payments

@get("/members/<member_id:int>/pay")
@require_login
def pay_form(member_id):
    return render("pay", **views.member_page_context(member_id))


@post("/members/<member_id:int>/pay")
@require_login
def pay_submit(member_id):
    amount, method = views.payment_form_data()
    if method == "card_online":
        ref, url = payments_gateway.start_payment(member_id, amount,
                                                  "%s/payments/return?m=%d" % (request.urlparts.netloc, member_id))
        redirect(url)
    lib.take_payment(member_id, amount, method, current_branch(), request.staff["id"])
    flash("Payment of %s taken" % utils.format_money(amount))
    redirect("/members/%d" % member_id)


@get("/payments/return")
@require_login
def pay_return():
    ref = request.query.ref
    member_id = utils.to_int(request.query.m)
    st = payments_gateway.payment_status(ref)
    if st.get("status") == "success":
        lib.take_payment(member_id, utils.round_money(st["amount"]) / 100, "card", current_branch(),
                         request.staff["id"], gateway_ref=ref)
        flash("Card payment received")
    else:
        flash("Card payment failed")
    redirect("/members/%d" % member_id)


@post("/fines/<fine_id:int>/waive")
@require_login
def fine_waive(fine_id):
    try:
        lib.waive_fine(fine_id, utils.round_money(form_value("amount")), form_value("reason"), request.staff)
    except PermissionError as e:
        flash(str(e))
    redirect(request.headers.get("Referer", "/"))


# ------------------------------------------------------------------ transfers

@get("/transfers")
@require_login
def transfers_list():
    return render("transfers", rows=dbaccess.pending_transfers(current_branch()))


@post("/transfers/dispatch")
@require_login
def transfers_dispatch():
    batches = lib.dispatch_transfers(current_branch(), request.staff["id"])
    flash("%d crates dispatched" % len(batches))
    redirect("/transfers")


@post("/transfers/receive/<batch_id:int>")
@require_login
def transfers_receive_batch(batch_id):
    for tr in db.query_all("SELECT * FROM transfer_requests WHERE batch_id = %s AND status = 'in_transit'",
                           (batch_id,)):
        lib.checkin(dbaccess.get_copy(tr["copy_id"])["barcode"], current_branch(), request.staff["id"])
    dbaccess.receive_batch(batch_id)
    db.commit()
    redirect("/transfers")


# ------------------------------------------------------------------ rooms & events

@get("/rooms")
@require_login
def rooms_list():
    return render("rooms", rooms=dbaccess.get_rooms(current_branch()))


@post("/rooms/<room_id:int>/book")
@require_role("events", "senior")
def room_book(room_id):
    starts, ends = views.booking_form_data()
    try:
        lib.book_room(room_id, starts, ends, request.staff["id"], utils.to_int(form_value("member_id")),
                      form_value("organisation"))
        flash("Provisionally booked")
    except ValueError as e:
        flash(str(e))
    redirect("/rooms")


@post("/bookings/<booking_id:int>/confirm")
@require_role("events", "senior")
def booking_confirm(booking_id):
    lib.confirm_booking(booking_id, request.staff["id"])
    redirect("/rooms")


@get("/events")
@require_login
def events_list():
    return render("events", events=dbaccess.upcoming_events(published_only=False))


@post("/events/new")
@require_role("events")
def event_new():
    event_id = lib.create_event(views.event_form_data(), request.staff["id"])
    redirect("/events/%d" % event_id)


@get("/events/<event_id:int>")
@require_login
def event_view(event_id):
    return render("event", event=dbaccess.get_event(event_id), regs=dbaccess.event_registrations(event_id))


@post("/events/<event_id:int>/register")
@require_login
def event_register(event_id):
    wl = lib.register_for_event(event_id, utils.to_int(form_value("member_id")), form_value("guest_name"))
    flash("Waitlisted" if wl else "Registered")
    redirect("/events/%d" % event_id)


@get("/api/events.json")
def events_feed():
    # public feed for the council website, no login
    response.content_type = "application/json"
    evs = dbaccess.upcoming_events(utils.to_int(request.query.branch))
    return json.dumps([{"id": e["id"], "title": e["title"], "branch": e["branch_name"],
                        "starts": e["starts_at"].isoformat()} for e in evs])


# ------------------------------------------------------------------ acquisitions

@get("/acq/orders/new")
@require_role("acquisitions")
def order_form():
    return render("order_new", suppliers=dbaccess.get_suppliers(), branches=dbaccess.get_branches())


@post("/acq/orders/new")
@require_role("acquisitions")
def order_create():
    try:
        po_id = lib.create_order(utils.to_int(form_value("supplier_id")), form_value("fund"),
                                 views.order_lines_from_form(), request.staff["id"])
    except ValueError as e:
        flash(str(e))
        redirect("/acq/orders/new")
    redirect("/acq/orders/%d" % po_id)


@get("/acq/orders/<po_id:int>")
@require_role("acquisitions")
def order_view(po_id):
    return render("order", po=dbaccess.get_po(po_id))


@post("/acq/orders/<po_id:int>/send")
@require_role("acquisitions")
def order_send(po_id):
    import edi
    edi.send_order(po_id)
    db.commit()
    redirect("/acq/orders/%d" % po_id)


@post("/acq/orders/<po_id:int>/receive")
@require_role("acquisitions", "cataloguer")
def order_receive(po_id):
    line_id = utils.to_int(form_value("line_id"))
    barcodes = lib.receive_order_line(po_id, line_id, utils.to_int(form_value("qty"), 1), request.staff["id"])
    flash("Received: " + ", ".join(barcodes))
    redirect("/acq/orders/%d" % po_id)


@post("/acq/invoices")
@require_role("acquisitions")
def supplier_invoice_add():
    dbaccess.insert_supplier_invoice(utils.to_int(form_value("supplier_id")), utils.to_int(form_value("po_id")),
                                     form_value("invoice_no"), utils.round_money(form_value("amount")),
                                     utils.parse_date(form_value("received_on")))
    db.commit()
    redirect("/acq/orders/%s" % form_value("po_id"))


# ------------------------------------------------------------------ admin

@get("/admin/staff")
@require_role("admin")
def staff_list():
    return render("staff", staff=dbaccess.list_staff(), branches=dbaccess.get_branches(False), roles=auth.ROLES)


@post("/admin/staff")
@require_role("admin")
def staff_save():
    sid = dbaccess.save_staff(utils.to_int(form_value("id")), form_value("full_name"), form_value("email"),
                              form_value("role"), utils.to_int(form_value("branch_id")), form_value("active") == "on")
    if form_value("password"):
        auth.set_password(sid, form_value("password"))
    redirect("/admin/staff")


# ------------------------------------------------------------------ reports

@get("/reports/<name>")
@require_role("manager", "senior")
def report_view(name):
    fn = reports.REPORTS.get(name)
    if not fn:
        abort(404)
    rows = fn(**dict(request.query))
    if request.query.format == "csv":
        response.content_type = "text/csv"
        return reports.to_csv(rows)
    return render("report", name=name, rows=rows)


@bottle.error(500)
def error500(err):
    db.rollback()
    log.error("500: %s", err.exception)
    return render("error", err=err)


if __name__ == "__main__":
    run(host="0.0.0.0", port=8080, debug=config.DEBUG, reloader=config.DEBUG)
