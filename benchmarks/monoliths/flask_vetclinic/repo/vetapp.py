# -*- coding: utf-8 -*-
"""Paws & Claws practice system -- the web app.

Run:  FLASK_APP=vetapp flask run
Every page is in this file. Yes, we know.
"""
import datetime
import logging

from flask import Flask, abort, flash, g, redirect, render_template, request, session, url_for

import dbconn as db
import partners
import sqlstore as S
from config import Config, load_env_overrides
from misc import (bcs_label, check_pw, clean, clean_phone, csv_response, current_staff, day_slots,
                  dose_for_weight, fill_template, fmt_date, fmt_money, form_int, hash_pw, json_err,
                  json_ok, login_required, money, paginate, parse_date, parse_dt, pet_age, proper_name,
                  roles, shift_hours, staff_name, to_e164, today, valid_email)

app = Flask(__name__)
app.config.from_object(load_env_overrides(Config))
app.jinja_env.filters["money"] = fmt_money
app.jinja_env.filters["ukdate"] = fmt_date
app.jinja_env.globals["staff_name"] = staff_name
log = logging.getLogger("pc.web")


@app.teardown_appcontext
def _close_db(exc):
    db.close_conn(exc)


@app.errorhandler(404)
def not_found(e):
    if request.path.startswith("/api/"):
        return json_err("not found", 404)
    return render_template("404.html"), 404


@app.errorhandler(500)
def server_error(e):
    log.exception("500 on %s", request.path)
    return render_template("500.html"), 500


@app.context_processor
def inject_globals():
    return {"me": current_staff(), "practice": Config.PRACTICE_NAME, "today": today()}


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html")
    who = S.StaffStore.by_email(request.form.get("email", "").strip())
    if not who or not who["active"] or not check_pw(request.form.get("password", ""), who["pw_hash"]):
        flash("Wrong email or password")
        return render_template("login.html"), 401
    session.clear()
    session["staff_id"] = who["id"]
    return redirect(request.args.get("next") or url_for("dashboard"))


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.route("/healthz")
def healthz():
    return json_ok(db=db.scalar("SELECT 1") == 1)


# ------------------------------------------------------------------ dashboard / diary


@app.route("/")
@login_required
def dashboard():
    me = current_staff()
    appts = S.AppointmentStore.day(today(), me["id"] if me["role"] == "vet" else None)
    waiting = [a for a in appts if a["status"] == "arrived"]
    return render_template("dashboard.html", appts=appts, waiting=waiting,
                           waitlist_count=len(S.waitlist_open()))


@app.route("/diary")
@app.route("/diary/<day>")
@login_required
def diary(day=None):
    day = parse_date(day, today())
    vets = S.vets_on_duty(day) or S.StaffStore.active("vet")
    columns = {v["id"]: S.AppointmentStore.day(day, v["id"]) for v in vets}
    return render_template("diary.html", day=day, vets=vets, columns=columns, slots=day_slots(day),
                           prev=day - datetime.timedelta(days=1), next=day + datetime.timedelta(days=1))


@app.route("/appointments/new", methods=["GET", "POST"])
@login_required
def book_appointment():
    if request.method == "GET":
        pet = S.PetStore.get(form_int("pet_id")) if form_int("pet_id") else None
        return render_template("book.html", pet=pet, types=S.appointment_types(), vets=S.StaffStore.active("vet"),
                               rooms=S.rooms(), start=request.args.get("start"))
    pet_id = form_int("pet_id")
    starts_at = parse_dt(request.form.get("starts_at"))
    type_id = form_int("type_id")
    vet_id = form_int("staff_id")
    if not (pet_id and starts_at and type_id):
        flash("Pet, type and time are required")
        return redirect(url_for("book_appointment", pet_id=pet_id))
    if starts_at < datetime.datetime.now() - datetime.timedelta(minutes=5):
        flash("That time is in the past")
        return redirect(url_for("book_appointment", pet_id=pet_id))
    if vet_id:
        mins = next((t["minutes"] for t in S.appointment_types() if t["id"] == type_id), 15)
        if S.AppointmentStore.clashes(vet_id, starts_at, starts_at + datetime.timedelta(minutes=mins)):
            flash("Vet already has an appointment then")
            return redirect(url_for("book_appointment", pet_id=pet_id))
    appt_id = S.AppointmentStore.book(pet_id, type_id, starts_at, vet_id, form_int("room_id"),
                                      clean(request.form.get("reason")), current_staff()["id"])
    pet = S.PetStore.get(pet_id)
    # confirmation text goes out straight away, not via the reminders queue (Sam wanted it instant)
    client = S.ClientStore.get(pet["client_id"])
    if client["mobile"] and not S.opted_out(client["id"]):
        tpl = S.template("APPT_BOOKED")
        if tpl:
            body = fill_template(tpl["body"], first_name=client["first_name"], pet_name=pet["name"],
                                 when=starts_at.strftime("%a %d %b %H:%M"))
            try:
                ref = partners.send_sms(to_e164(client["mobile"]), body)
                S.log_message(client["id"], "sms", client["mobile"], body, ref)
            except partners.PartnerError as exc:
                log.warning("booking sms failed: %s", exc)
    return redirect(url_for("diary", day=starts_at.date().isoformat()))


@app.route("/appointments/<int:appt_id>/move", methods=["POST"])
@login_required
def move_appointment(appt_id):
    starts_at = parse_dt(request.form.get("starts_at"))
    if not starts_at:
        return json_err("bad time")
    S.AppointmentStore.move(appt_id, starts_at, form_int("staff_id"))
    return json_ok()


@app.route("/appointments/<int:appt_id>/status", methods=["POST"])
@login_required
def appointment_status(appt_id):
    status = request.form.get("status")
    if status not in ("arrived", "in_consult", "done", "cancelled", "dna"):
        return json_err("bad status")
    appt = S.AppointmentStore.get(appt_id)
    if appt is None:
        abort(404)
    S.AppointmentStore.set_status(appt_id, status, current_staff()["id"])
    if status == "cancelled":
        S.db.execute("UPDATE reminders SET status = 'skipped' WHERE source_table = 'appointments' AND source_id = ?",
                     (appt_id,))
    return json_ok(status=status)


@app.route("/api/slots")
@login_required
def api_free_slots():
    day = parse_date(request.args.get("day"))
    vet_id = form_int("vet_id")
    if not day or not vet_id:
        return json_err("day and vet_id please")
    return json_ok(slots=[s.strftime("%H:%M") for s in S.free_slots(day, vet_id, form_int("minutes", 15))])


@app.route("/waitlist", methods=["GET", "POST"])
@login_required
def waitlist():
    if request.method == "POST":
        S.waitlist_add(form_int("pet_id"), form_int("type_id"), form_int("preferred_vet"),
                       parse_date(request.form.get("earliest")), clean(request.form.get("notes")))
        flash("Added to the waiting list")
        return redirect(url_for("waitlist"))
    return render_template("waitlist.html", rows=S.waitlist_open(), types=S.appointment_types())


# ------------------------------------------------------------------ clients & pets


@app.route("/clients")
@login_required
def clients():
    q = clean(request.args.get("q"))
    if q:
        rows = S.ClientStore.search(q)
        if len(rows) == 1:
            return redirect(url_for("client_page", client_id=rows[0]["id"]))
        return render_template("clients.html", rows=rows, q=q)
    page = paginate("SELECT * FROM clients WHERE merged_into IS NULL ORDER BY last_name, first_name",
                    page=request.args.get("page"))
    return render_template("clients.html", q="", **page)


@app.route("/clients/new", methods=["GET", "POST"])
@login_required
def client_new():
    if request.method == "GET":
        return render_template("client_form.html", client={})
    data = {k: clean(v) for k, v in request.form.items()}
    data["first_name"], data["last_name"] = proper_name(data.get("first_name"), data.get("last_name"))
    if not data["last_name"]:
        flash("Surname is required")
        return render_template("client_form.html", client=data), 400
    if data.get("email") and not valid_email(data["email"]):
        flash("That email doesn't look right")
        return render_template("client_form.html", client=data), 400
    data["mobile"] = clean_phone(data.get("mobile"))
    data["phone"] = clean_phone(data.get("phone"))
    client_id = S.ClientStore.create(data)
    return redirect(url_for("client_page", client_id=client_id))


@app.route("/clients/<int:client_id>")
@login_required
def client_page(client_id):
    client = S.ClientStore.get(client_id)
    if client is None:
        abort(404)
    if client["merged_into"]:
        return redirect(url_for("client_page", client_id=client["merged_into"]))
    pets = S.PetStore.for_client(client_id, include_dead=True)
    for p in pets:
        p["age"] = pet_age(p["dob"])
    return render_template("client.html", client=client, pets=pets, notes=S.ClientStore.notes(client_id),
                           balance=S.client_balance(client_id), messages=S.getMessagesForClient(client_id))


@app.route("/clients/<int:client_id>/edit", methods=["POST"])
@login_required
def client_edit(client_id):
    data = {k: clean(v) for k, v in request.form.items()}
    if "mobile" in data:
        data["mobile"] = clean_phone(data["mobile"])
    if "account_flag" in data and current_staff()["role"] not in ("admin", "reception"):
        data.pop("account_flag")
    S.ClientStore.update(client_id, data)
    return redirect(url_for("client_page", client_id=client_id))


@app.route("/clients/<int:client_id>/notes", methods=["POST"])
@login_required
def client_add_note(client_id):
    body = clean(request.form.get("body"))
    if body:
        S.ClientStore.add_note(client_id, current_staff()["id"], body, bool(request.form.get("alert")))
    return redirect(url_for("client_page", client_id=client_id))


@app.route("/clients/merge", methods=["POST"])
@roles("admin")
def clients_merge():
    keep, dupe = form_int("keep_id"), form_int("dupe_id")
    if not keep or not dupe or keep == dupe:
        return json_err("need two different clients")
    S.ClientStore.merge(keep, dupe)
    return json_ok(kept=keep)


@app.route("/clients/<int:client_id>/pets/new", methods=["GET", "POST"])
@login_required
def pet_new(client_id):
    if request.method == "GET":
        return render_template("pet_form.html", client_id=client_id, species=S.species_list(), pet={})
    data = {k: clean(v) for k, v in request.form.items()}
    if not data.get("name") or not data.get("species_id"):
        flash("Name and species please")
        return redirect(url_for("pet_new", client_id=client_id))
    if data.get("microchip") and S.PetStore.by_chip(data["microchip"]):
        flash("That microchip is already registered to another pet!")
        return redirect(url_for("pet_new", client_id=client_id))
    data["dob"] = parse_date(data.get("dob"))
    pet_id = S.PetStore.create(client_id, data)
    return redirect(url_for("pet_page", pet_id=pet_id))


@app.route("/pets/<int:pet_id>")
@login_required
def pet_page(pet_id):
    pet = S.PetStore.get(pet_id)
    if pet is None:
        abort(404)
    weight = S.latest_weight(pet_id)
    return render_template("pet.html", pet=pet, age=pet_age(pet["dob"]),
                           visits=S.VisitStore.history_for_pet(pet_id),
                           vaccs=S.VaccinationStore.for_pet(pet_id),
                           upcoming=S.AppointmentStore.for_pet(pet_id),
                           scripts=S.prescriptions_for_pet(pet_id),
                           weight=weight, bcs=bcs_label(weight["bcs"]) if weight else "",
                           policy=S.policy_for_pet(pet_id))


@app.route("/pets/<int:pet_id>/deceased", methods=["POST"])
@login_required
def pet_deceased(pet_id):
    S.PetStore.mark_deceased(pet_id, parse_date(request.form.get("on")))
    # cancel any future appointments too
    for a in S.AppointmentStore.for_pet(pet_id):
        S.AppointmentStore.set_status(a["id"], "cancelled", current_staff()["id"])
    flash("Sorry for their loss. Reminders and bookings cancelled.")
    return redirect(url_for("pet_page", pet_id=pet_id))


@app.route("/pets/<int:pet_id>/transfer", methods=["POST"])
@roles("admin", "reception")
def pet_transfer(pet_id):
    new_owner = form_int("client_id")
    if not S.ClientStore.get(new_owner):
        return json_err("no such client")
    S.PetStore.transfer(pet_id, new_owner)
    return json_ok()


@app.route("/api/breeds/<int:species_id>")
def api_breeds(species_id):
    return json_ok(breeds=S.breeds_for(species_id))


@app.route("/api/clients")
@login_required
def api_client_search():
    q = clean(request.args.get("q"))
    if len(q) < 2:
        return json_ok(results=[])
    rows = S.ClientStore.search(q, limit=15)
    return json_ok(results=[{"id": r["id"], "label": "%s %s (%s)" % (r["first_name"], r["last_name"], r["postcode"] or "-")}
                            for r in rows])


@app.route("/reports/clients.csv")
@roles("admin")
def export_clients():
    rows = S.db.query("SELECT id, first_name, last_name, email, mobile, postcode FROM clients WHERE merged_into IS NULL")
    return csv_response("clients.csv", ["id", "first", "last", "email", "mobile", "postcode"],
                        [list(r.values()) for r in rows])


# ------------------------------------------------------------------ consults


@app.route("/appointments/<int:appt_id>/consult", methods=["POST"])
@roles("vet", "locum")
def start_consult(appt_id):
    appt = S.AppointmentStore.get(appt_id)
    visit_id = S.VisitStore.open(appt["pet_id"], current_staff()["id"], appt_id)
    S.AppointmentStore.set_status(appt_id, "in_consult", current_staff()["id"])
    return redirect(url_for("visit_page", visit_id=visit_id))


@app.route("/visits/<int:visit_id>", methods=["GET", "POST"])
@login_required
def visit_page(visit_id):
    visit = S.VisitStore.get(visit_id)
    if visit is None:
        abort(404)
    if request.method == "POST":
        S.VisitStore.save_notes(visit_id, request.form.get("history"), request.form.get("exam"),
                                request.form.get("plan"), request.form.get("temp") or None,
                                form_int("hr"))
        if request.form.get("weight"):
            S.record_weight(visit["pet_id"], request.form["weight"], form_int("bcs"))
        return redirect(url_for("visit_page", visit_id=visit_id))
    diagnoses = S.db.query("SELECT * FROM diagnoses WHERE visit_id = ?", (visit_id,))
    labs = S.db.query("SELECT * FROM lab_orders WHERE visit_id = ?", (visit_id,))
    return render_template("visit.html", visit=visit, diagnoses=diagnoses, labs=labs,
                           vaccine_types=S.vaccine_types(), pet=S.PetStore.get(visit["pet_id"]))


@app.route("/visits/<int:visit_id>/diagnosis", methods=["POST"])
@roles("vet", "locum")
def add_diagnosis(visit_id):
    desc = clean(request.form.get("description"))
    if not desc:
        return json_err("description required")
    S.VisitStore.add_diagnosis(visit_id, desc, request.form.get("code"), bool(request.form.get("chronic")))
    return redirect(url_for("visit_page", visit_id=visit_id))


@app.route("/visits/<int:visit_id>/vaccinate", methods=["POST"])
@roles("vet", "locum", "nurse")
def vaccinate(visit_id):
    visit = S.VisitStore.get(visit_id)
    vt_id = form_int("vaccine_type_id")
    S.VaccinationStore.record(visit["pet_id"], vt_id, visit_id, request.form.get("batch_no"),
                              current_staff()["id"])
    # charge for it -- the vaccine fee code is VACC-<type id>, set up by Priya in the fee screen
    f = S.fee("VACC-%d" % vt_id)
    if f:
        inv_id = S.InvoiceStore.draft_for_visit(visit_id)
        S.InvoiceStore.add_line(inv_id, f["description"], f["amount"], fee_code=f["code"], vat_rate=f["vat_rate"])
    return redirect(url_for("visit_page", visit_id=visit_id))


@app.route("/visits/<int:visit_id>/lab", methods=["POST"])
@roles("vet", "locum")
def order_lab(visit_id):
    visit = S.VisitStore.get(visit_id)
    panel = request.form.get("panel")
    order_id = S.create_lab_order(visit_id, panel)
    try:
        acc = partners.LabLink().order(order_id, panel, S.PetStore.get(visit["pet_id"]), visit["vet_name"])
        S.db.execute("UPDATE lab_orders SET external_ref = ?, status = 'sent' WHERE id = ?", (acc, order_id))
    except partners.PartnerError as exc:
        flash("Lab order saved but not sent: %s" % exc)
    f = S.fee("LAB-" + panel.upper())
    if f:
        S.InvoiceStore.add_line(S.InvoiceStore.draft_for_visit(visit_id), f["description"], f["amount"], fee_code=f["code"])
    return redirect(url_for("visit_page", visit_id=visit_id))


@app.route("/hooks/lab", methods=["POST"])
def lab_webhook():
    if not partners.check_signature(Config.CARD_WEBHOOK_SECRET, request.get_data(), request.headers.get("X-Signature")):
        return json_err("bad signature", 401)
    accession, results = partners.parse_lab_payload(request.get_json(force=True))
    order_id = S.save_lab_results(accession, results)
    return json_ok(order=order_id)


@app.route("/visits/<int:visit_id>/close", methods=["POST"])
@roles("vet", "locum")
def close_visit(visit_id):
    visit = S.VisitStore.get(visit_id)
    S.VisitStore.close(visit_id)
    if visit["appointment_id"]:
        S.AppointmentStore.set_status(visit["appointment_id"], "done", current_staff()["id"])
        appt = S.AppointmentStore.get(visit["appointment_id"])
        f = S.fee("CONSULT-" + appt["type_code"])
        if f:
            S.InvoiceStore.add_line(S.InvoiceStore.draft_for_visit(visit_id), f["description"], f["amount"],
                                    fee_code=f["code"], vat_rate=f["vat_rate"])
    inv = S.db.query_one("SELECT id FROM invoices WHERE visit_id = ? AND status = 'draft'", (visit_id,))
    if inv:
        return redirect(url_for("invoice_page", invoice_id=inv["id"]))
    return redirect(url_for("dashboard"))


# ------------------------------------------------------------------ pharmacy


@app.route("/visits/<int:visit_id>/prescribe", methods=["POST"])
@roles("vet", "locum")
def prescribe(visit_id):
    visit = S.VisitStore.get(visit_id)
    product = S.ProductStore.get(form_int("product_id"))
    if product is None:
        return json_err("unknown product")
    qty = money(request.form.get("qty") or 1)
    dose = clean(request.form.get("dose_text"))
    if not dose and request.form.get("mg_per_kg"):
        w = S.latest_weight(visit["pet_id"])
        if w:
            dose = dose_for_weight(request.form["mg_per_kg"], w["kg"], request.form.get("tablet_mg"))
    if product["controlled"] and current_staff()["role"] == "locum":
        flash("Controlled drugs need a permanent vet to sign off")
    rx = S.add_prescription(visit_id, visit["pet_id"], product["id"], str(qty), dose, current_staff()["id"],
                            form_int("repeats", 0))
    S.InvoiceStore.add_line(S.InvoiceStore.draft_for_visit(visit_id), product["name"], product["sell_price"],
                            qty=str(qty), product_id=product["id"])
    return json_ok(prescription=rx)


@app.route("/pharmacy/dispense/<int:rx_id>", methods=["POST"])
@roles("vet", "nurse", "locum")
def dispense(rx_id):
    taken = S.dispense(rx_id, current_staff()["id"])
    if not taken:
        return json_err("already dispensed or no stock")
    return json_ok(batches=[{"batch": b, "qty": str(q)} for b, q in taken])


@app.route("/pharmacy")
@login_required
def stock_list():
    q = clean(request.args.get("q"))
    rows = S.ProductStore.search(q) if q else S.ProductStore.low_stock()
    return render_template("stock.html", rows=rows, q=q, expiring=S.expiring_batches(30))


@app.route("/pharmacy/batch/<int:batch_id>/adjust", methods=["POST"])
@roles("nurse", "admin")
def stock_adjust(batch_id):
    try:
        qty = money(request.form["qty"])
    except Exception:
        return json_err("qty?")
    reason = request.form.get("reason", "adjust")
    if reason not in ("adjust", "expired", "breakage", "stocktake"):
        return json_err("bad reason")
    S.ProductStore.adjust(batch_id, qty, reason, current_staff()["id"], clean(request.form.get("note")))
    return json_ok()


@app.route("/pharmacy/reorder", methods=["POST"])
@roles("nurse", "admin")
def build_reorder():
    made = {}
    for p in S.ProductStore.low_stock():
        if not p["supplier_id"]:
            continue
        po = S.PurchaseOrders.draft_for_supplier(p["supplier_id"], current_staff()["id"])
        S.PurchaseOrders.add_line(po, p["id"], max(1, (p["reorder_level"] or 0) * 2 - int(p["on_hand"] or 0)),
                                  p["cost_price"])
        made[po] = made.get(po, 0) + 1
    return json_ok(orders=made)


@app.route("/pharmacy/po/<int:po_id>/send", methods=["POST"])
@roles("nurse", "admin")
def send_po(po_id):
    po = S.db.query_one("SELECT * FROM purchase_orders WHERE id = ?", (po_id,))
    supplier = S.db.query_one("SELECT * FROM suppliers WHERE id = ?", (po["supplier_id"],))
    conf = partners.send_purchase_order(supplier, po_id, S.PurchaseOrders.lines(po_id))
    S.db.execute("UPDATE purchase_orders SET status = 'sent', sent_at = CURRENT_TIMESTAMP WHERE id = ?", (po_id,))
    return json_ok(confirmation=conf)


@app.route("/pharmacy/po/<int:po_id>/receive", methods=["POST"])
@roles("nurse", "admin")
def receive_po(po_id):
    received = {}
    for line in S.PurchaseOrders.lines(po_id):
        qty = request.form.get("qty_%d" % line["id"])
        if qty:
            received[line["id"]] = (money(qty), request.form.get("batch_%d" % line["id"]),
                                    parse_date(request.form.get("exp_%d" % line["id"])))
    S.PurchaseOrders.receive(po_id, received, current_staff()["id"])
    return redirect(url_for("stock_list"))


# ------------------------------------------------------------------ billing


@app.route("/invoices/<int:invoice_id>")
@login_required
def invoice_page(invoice_id):
    inv = S.InvoiceStore.get(invoice_id)
    if inv is None:
        abort(404)
    policy = None
    if inv["visit_id"]:
        pet_id = S.db.scalar("SELECT pet_id FROM visits WHERE id = ?", (inv["visit_id"],))
        policy = S.policy_for_pet(pet_id)
    return render_template("invoice.html", inv=inv, lines=S.InvoiceStore.lines(invoice_id),
                           payments=S.payments_for(invoice_id), policy=policy)


@app.route("/invoices/<int:invoice_id>/lines", methods=["POST"])
@login_required
def invoice_add_line(invoice_id):
    code = request.form.get("fee_code")
    if code:
        f = S.fee(code)
        if not f:
            return json_err("unknown fee code %s" % code)
        S.InvoiceStore.add_line(invoice_id, f["description"], f["amount"], request.form.get("qty") or 1, f["code"],
                                vat_rate=f["vat_rate"], discount=request.form.get("discount"))
    else:
        S.InvoiceStore.add_line(invoice_id, clean(request.form["description"]), money(request.form["price"]),
                                request.form.get("qty") or 1, discount=request.form.get("discount"))
    return redirect(url_for("invoice_page", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>/issue", methods=["POST"])
@login_required
def invoice_issue(invoice_id):
    number = S.InvoiceStore.issue(invoice_id)
    flash("Invoice %s issued" % number)
    return redirect(url_for("invoice_page", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>/void", methods=["POST"])
@roles("admin")
def invoice_void(invoice_id):
    try:
        S.InvoiceStore.void(invoice_id)
    except ValueError as exc:
        flash(str(exc))
    return redirect(url_for("invoice_page", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>/pay", methods=["POST"])
@login_required
def take_payment(invoice_id):
    method = request.form.get("method", "card")
    try:
        amount = money(request.form["amount"])
    except Exception:
        return json_err("amount?")
    if amount <= 0:
        return json_err("amount must be positive")
    client = S.db.query_one("SELECT c.account_flag FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = ?",
                            (invoice_id,))
    if client and client["account_flag"] == "cash_only" and method not in ("cash", "card"):
        return json_err("cash/card only client")
    S.record_payment(invoice_id, amount, method, current_staff()["id"], request.form.get("ref"))
    return redirect(url_for("invoice_page", invoice_id=invoice_id))


@app.route("/hooks/card", methods=["POST"])
def card_webhook():
    if not partners.check_signature(Config.CARD_WEBHOOK_SECRET, request.get_data(), request.headers.get("X-Signature")):
        return json_err("bad signature", 401)
    evt = request.get_json(force=True)
    if evt.get("type") != "payment.captured":
        return json_ok(ignored=True)
    inv_no = evt["data"].get("reference")
    inv = S.db.query_one("SELECT id FROM invoices WHERE number = ?", (inv_no,))
    if not inv:
        log.error("card payment for unknown invoice %s", inv_no)
        return json_ok(ignored=True)
    S.record_payment(inv["id"], money(evt["data"]["amount"]) / 100, "card", provider_ref=evt["data"]["id"])
    return json_ok()


@app.route("/invoices/<int:invoice_id>/claim", methods=["POST"])
@login_required
def submit_claim(invoice_id):
    inv = S.InvoiceStore.get(invoice_id)
    pet_id = S.db.scalar("SELECT pet_id FROM visits WHERE id = ?", (inv["visit_id"],))
    policy = S.policy_for_pet(pet_id)
    if not policy:
        flash("No valid policy on file for this pet")
        return redirect(url_for("invoice_page", invoice_id=invoice_id))
    claim_id = S.ClaimStore.create(policy["id"], invoice_id)
    if policy["direct_claims"]:
        claim = S.db.query_one("SELECT * FROM insurance_claims WHERE id = ?", (claim_id,))
        try:
            ref = partners.PetInsureHub().submit(claim, inv, S.InvoiceStore.lines(invoice_id), policy)
            S.ClaimStore.mark_submitted(claim_id, ref)
            flash("Claim sent to %s (ref %s)" % (policy["insurer"], ref))
        except partners.PartnerError as exc:
            flash("Claim saved but not sent: %s" % exc)
    return redirect(url_for("invoice_page", invoice_id=invoice_id))


@app.route("/api/price/<sku>")
@login_required
def api_price_check(sku):
    # reception uses this at the counter for food / flea stuff. Not really billing but here it is
    p = S.db.query_one("SELECT id, name, sell_price, discontinued FROM products WHERE sku = ?", (sku.strip(),))
    if not p:
        return json_err("unknown sku", 404)
    return json_ok(name=p["name"], price=str(money(p["sell_price"])), on_hand=str(S.ProductStore.on_hand(p["id"])),
                   discontinued=bool(p["discontinued"]))


def _invoice_pdf_old(invoice_id):
    # reportlab version, replaced by the print stylesheet in 2021. Kept because the
    # accountant's export script imported it once (print >>sys.stderr days).
    inv = S.InvoiceStore.get(invoice_id)
    lines = ["%s  %s" % (l["description"], fmt_money(l["unit_price"])) for l in S.InvoiceStore.lines(invoice_id)]
    return "INVOICE %s\n%s\nTOTAL %s" % (inv["number"], "\n".join(lines), fmt_money(inv["gross_total"]))


@app.route("/reports/debtors")
@roles("admin")
def debtors_report():
    rows = S.InvoiceStore.outstanding(int(request.args.get("days", 30)))
    if request.args.get("csv"):
        return csv_response("debtors.csv", ["invoice", "client", "balance", "due", "chased"],
                            [[r["number"], "%s %s" % (r["first_name"], r["last_name"]), r["balance"],
                              r["due_on"], r["chased_count"]] for r in rows])
    return render_template("debtors.html", rows=rows, total=sum(money(r["balance"]) for r in rows))


@app.route("/admin/fees", methods=["GET", "POST"])
@roles("admin")
def fee_admin():
    if request.method == "POST":
        S.db.execute("INSERT OR REPLACE INTO fee_schedule (code, description, amount, vat_rate, valid_from) VALUES (?,?,?,?,?)",
                     (request.form["code"].upper(), clean(request.form["description"]), str(money(request.form["amount"])),
                      request.form.get("vat_rate", 20), parse_date(request.form.get("valid_from"))))
    return render_template("fees.html", rows=S.db.query("SELECT * FROM fee_schedule ORDER BY code"))


# ------------------------------------------------------------------ staff & rota


@app.route("/staff")
@roles("admin")
def staff_list():
    return render_template("staff.html", rows=S.db.query("SELECT * FROM staff ORDER BY active DESC, name"))


@app.route("/staff/new", methods=["POST"])
@roles("admin")
def staff_new():
    email = clean(request.form.get("email")).lower()
    if not valid_email(email) or S.StaffStore.by_email(email):
        flash("Email missing or already used")
        return redirect(url_for("staff_list"))
    S.StaffStore.create(clean(request.form["name"]), email, request.form["role"],
                        hash_pw(request.form["password"]), request.form.get("rcvs"))
    return redirect(url_for("staff_list"))


@app.route("/rota")
@app.route("/rota/<week>")
@login_required
def rota(week=None):
    start = parse_date(week, today())
    start = start - datetime.timedelta(days=start.weekday())
    shifts = S.shifts_between(start, start + datetime.timedelta(days=7))
    hours = {}
    for sh in shifts:
        hours[sh["staff_id"]] = hours.get(sh["staff_id"], 0) + shift_hours(sh["starts_at"], sh["ends_at"])
    return render_template("rota.html", start=start, shifts=shifts, hours=hours,
                           on_call=S.on_call_for(start), staff=S.StaffStore.active())


@app.route("/rota/shift", methods=["POST"])
@roles("admin")
def rota_add_shift():
    starts_at, ends_at = parse_dt(request.form.get("starts_at")), parse_dt(request.form.get("ends_at"))
    if not starts_at or not ends_at or ends_at <= starts_at:
        return json_err("bad times")
    S.add_shift(form_int("staff_id"), starts_at, ends_at, request.form.get("site", "main"), clean(request.form.get("note")))
    return json_ok()


@app.route("/leave", methods=["GET", "POST"])
@login_required
def leave():
    me = current_staff()
    if request.method == "POST":
        frm, to = parse_date(request.form.get("from")), parse_date(request.form.get("to"))
        if not frm or not to or to < frm:
            flash("Check the dates")
        else:
            S.request_leave(me["id"], frm, to, request.form.get("kind", "holiday"))
            flash("Leave requested")
    mine = S.db.query("SELECT * FROM leave_requests WHERE staff_id = ? ORDER BY from_date DESC", (me["id"],))
    pending = S.db.query("SELECT l.*, s.name FROM leave_requests l JOIN staff s ON s.id = l.staff_id"
                         " WHERE l.status = 'pending'") if me["role"] == "admin" else []
    return render_template("leave.html", mine=mine, pending=pending)


@app.route("/leave/<int:leave_id>/decide", methods=["POST"])
@roles("admin")
def leave_decide(leave_id):
    S.decide_leave(leave_id, request.form.get("decision") == "approve", current_staff()["id"])
    return redirect(url_for("leave"))


# ------------------------------------------------------------------ reminders & messages


@app.route("/reminders")
@login_required
def reminders_page():
    rows = S.db.query("SELECT r.*, c.last_name, p.name AS pet_name FROM reminders r JOIN clients c ON c.id = r.client_id"
                      " LEFT JOIN pets p ON p.id = r.pet_id WHERE r.status IN ('pending', 'failed')"
                      " ORDER BY r.send_after LIMIT 300")
    return render_template("reminders.html", rows=rows)


@app.route("/clients/<int:client_id>/sms", methods=["POST"])
@login_required
def send_adhoc_sms(client_id):
    client = S.ClientStore.get(client_id)
    body = clean(request.form.get("body"))
    if not body or not client["mobile"]:
        return json_err("nothing to send")
    if S.opted_out(client_id):
        return json_err("client has opted out of SMS")
    try:
        ref = partners.send_sms(to_e164(client["mobile"]), body)
    except partners.PartnerError as exc:
        S.log_message(client_id, "sms", client["mobile"], body, status="failed")
        return json_err(str(exc), 502)
    S.log_message(client_id, "sms", client["mobile"], body, ref)
    return json_ok(ref=ref)


@app.route("/hooks/sms-inbound", methods=["POST"])
def sms_inbound():
    frm = clean_phone(request.form.get("from"))
    text = (request.form.get("text") or "").strip().upper()
    if text in ("STOP", "STOP ALL", "UNSUBSCRIBE"):
        for c in S.db.query("SELECT id FROM clients WHERE mobile = ?", (frm,)):
            S.db.insert("INSERT INTO contact_optouts (client_id, channel, reason) VALUES (?, 'sms', 'STOP reply')", (c["id"],))
    return json_ok()


@app.route("/pets/<int:pet_id>/vaccination-card")
@login_required
def vaccination_card(pet_id):
    # printable card for kennels / pet passports. Sits here because it was built with the reminder letters.
    pet = S.PetStore.get(pet_id)
    vaccs = S.VaccinationStore.for_pet(pet_id)
    return render_template("vacc_card.html", pet=pet, vaccs=vaccs, owner=S.ClientStore.get(pet["client_id"]),
                           printed=fmt_date(today()))


@app.route("/admin/templates", methods=["GET", "POST"])
@roles("admin")
def templates_admin():
    if request.method == "POST":
        S.db.execute("UPDATE message_templates SET body = ?, active = ? WHERE code = ?",
                     (request.form["body"], 1 if request.form.get("active") else 0, request.form["code"]))
    return render_template("templates.html", rows=S.db.query("SELECT * FROM message_templates ORDER BY code"))


if __name__ == "__main__":
    app.run(debug=True, port=5050)
