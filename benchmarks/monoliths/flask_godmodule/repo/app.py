import logging
from datetime import date, datetime, timedelta

from flask import (Flask, Response, abort, flash, g, jsonify, redirect, render_template,
                   request, session, url_for)

import db
import models
from config import Config, DevConfig
from helpers import (clean, format_date, format_money, int_or_none, json_error,
                     login_required, normalize_phone, page_args, paginate, parse_date,
                     parse_datetime, pet_age, render_pdf, require_fields, role_required,
                     rows_to_csv, send_email, validate_email, week_bounds)
from models import AppointmentDAO, DrugDAO, InvoiceDAO, OwnerDAO, PetDAO, StaffDAO, StockDAO

app = Flask(__name__)
app.config.from_object(DevConfig if Config.DEBUG else Config)
app.secret_key = Config.SECRET_KEY
app.jinja_env.filters["money"] = format_money
app.jinja_env.filters["d"] = format_date
app.jinja_env.filters["age"] = pet_age

log = logging.getLogger("pawsplus")


@app.teardown_appcontext
def teardown_db(exc):
    db.close_conn(exc)


@app.context_processor
def inject_globals():
    return {"current_user": session.get("user"), "today": date.today()}


@app.errorhandler(404)
def not_found(e):
    if request.path.startswith("/api/"):
        return json_error("not found", 404)
    return render_template("404.html"), 404


@app.errorhandler(ValueError)
def bad_input(e):
    if request.path.startswith("/api/"):
        return json_error(str(e), 400)
    flash(str(e), "error")
    return redirect(request.referrer or url_for("index"))


def _clinic_id():
    return int_or_none(request.args.get("clinic")) or session["user"]["clinic_id"]


# ------------------------------------------------------------------ login


@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = StaffDAO.authenticate(request.form["email"], request.form["password"])
        if user is None:
            row = db.query_one("SELECT * FROM staff WHERE email = %s AND active",
                               (request.form["email"],))
            if row and models.legacy_password_ok(row["password_hash"], request.form["password"]):
                user = {k: row[k] for k in ("id", "clinic_id", "first_name", "last_name", "role")}
        if user:
            session["user"] = user
            return redirect(request.args.get("next") or url_for("index"))
        flash("Wrong email or password", "error")
    return render_template("login.html")


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


# ------------------------------------------------------------------ dashboard


@app.route("/")
@login_required
def index():
    clinic_id = _clinic_id()
    today = date.today()
    schedule = AppointmentDAO.day_schedule(clinic_id, today)
    waiting = [a for a in schedule if a["status"] == "checked_in"]
    return render_template(
        "index.html",
        schedule=schedule,
        waiting=waiting,
        low_stock=len(DrugDAO.low_stock(clinic_id)),
        waitlist=len(models.waitlist_for_clinic(clinic_id)),
    )


# ------------------------------------------------------------------ owners


@app.route("/owners")
@login_required
def list_owners():
    page, per_page = page_args()
    sql, params = OwnerDAO.search(clean(request.args.get("q")),
                                  int_or_none(request.args.get("clinic")))
    result = paginate(db.query, sql, params, page, per_page)
    return render_template("owners/list.html", result=result, q=request.args.get("q", ""))


def _owner_form():
    data = require_fields(request.form, "first_name", "last_name")
    data["email"] = clean(request.form.get("email"))
    if data["email"] and not validate_email(data["email"]):
        raise ValueError("invalid email address")
    data["phone"] = normalize_phone(request.form.get("phone"))
    data["address"] = clean(request.form.get("address"))
    data["postcode"] = (clean(request.form.get("postcode")) or "").upper() or None
    data["preferred_clinic_id"] = int_or_none(request.form.get("clinic_id"))
    data["sms_opt_in"] = request.form.get("sms_opt_in") == "on"
    data["marketing_opt_in"] = request.form.get("marketing_opt_in") == "on"
    return data


@app.route("/owners/new", methods=["GET", "POST"])
@login_required
def create_owner():
    if request.method == "POST":
        data = _owner_form()
        dupes = models.find_duplicate_owners(data["email"], data["phone"])
        if dupes and not request.form.get("confirm_duplicate"):
            return render_template("owners/form.html", data=data, dupes=dupes)
        owner_id = OwnerDAO.create(data)
        flash("Client created", "ok")
        return redirect(url_for("owner_detail", owner_id=owner_id))
    return render_template("owners/form.html", data={}, clinics=models.all_clinics())


@app.route("/owners/<int:owner_id>")
@login_required
def owner_detail(owner_id):
    owner = OwnerDAO.get(owner_id) or abort(404)
    return render_template(
        "owners/detail.html",
        owner=owner,
        name=models.owner_display_name(owner),
        pets=PetDAO.for_owner(owner_id, include_deceased=True),
        invoices=InvoiceDAO.for_owner(owner_id),
        balance=models.get_owner_balance(owner_id),
    )


@app.route("/owners/<int:owner_id>/edit", methods=["GET", "POST"])
@login_required
def edit_owner(owner_id):
    owner = OwnerDAO.get(owner_id) or abort(404)
    if request.method == "POST":
        OwnerDAO.update(owner_id, _owner_form())
        flash("Saved", "ok")
        return redirect(url_for("owner_detail", owner_id=owner_id))
    return render_template("owners/form.html", data=owner, clinics=models.all_clinics())


@app.route("/owners/<int:owner_id>/delete", methods=["POST"])
@role_required("admin")
def delete_owner(owner_id):
    if models.get_owner_balance(owner_id) > 0:
        flash("Client still owes money, cannot delete", "error")
        return redirect(url_for("owner_detail", owner_id=owner_id))
    OwnerDAO.soft_delete(owner_id)
    return redirect(url_for("list_owners"))


@app.route("/owners/merge", methods=["POST"])
@role_required("admin", "reception")
def merge_owners():
    keep = int(request.form["keep_id"])
    drop = int(request.form["drop_id"])
    if keep == drop:
        raise ValueError("cannot merge a client into itself")
    OwnerDAO.merge(keep, drop)
    flash("Clients merged", "ok")
    return redirect(url_for("owner_detail", owner_id=keep))


@app.route("/owners/<int:owner_id>/messages")
@login_required
def owner_messages(owner_id):
    owner = OwnerDAO.get(owner_id) or abort(404)
    return render_template("owners/messages.html", owner=owner,
                           messages=models.notification_history(owner_id))


# ------------------------------------------------------------------ pets


@app.route("/owners/<int:owner_id>/pets/new", methods=["GET", "POST"])
@login_required
def new_pet(owner_id):
    OwnerDAO.get(owner_id) or abort(404)
    if request.method == "POST":
        data = require_fields(request.form, "name", "species_id")
        data.update({k: clean(request.form.get(k)) for k in ("breed_id", "sex", "microchip",
                                                              "notes")})
        data["dob"] = parse_date(request.form.get("dob"))
        data["neutered"] = request.form.get("neutered") == "on"
        if data["microchip"] and models.find_by_microchip(data["microchip"]):
            raise ValueError("microchip already registered")
        pet_id = PetDAO.create(owner_id, data)
        return redirect(url_for("pet_detail", pet_id=pet_id))
    return render_template("pets/form.html", owner_id=owner_id, species=models.list_species())


@app.route("/pets/<int:pet_id>")
@login_required
def pet_detail(pet_id):
    pet = PetDAO.get(pet_id) or abort(404)
    return render_template(
        "pets/detail.html",
        pet=pet,
        owner=OwnerDAO.get(pet["owner_id"]),
        weights=PetDAO.weight_history(pet_id),
        upcoming=AppointmentDAO.for_pet(pet_id),
        prescriptions=models.prescriptions_for_pet(pet_id, active_only=True),
    )


@app.route("/pets/<int:pet_id>/edit", methods=["POST"])
@login_required
def edit_pet(pet_id):
    data = require_fields(request.form, "name")
    data.update({k: clean(request.form.get(k)) for k in ("breed_id", "sex", "microchip", "notes")})
    data["dob"] = parse_date(request.form.get("dob"))
    data["neutered"] = request.form.get("neutered") == "on"
    PetDAO.update(pet_id, data)
    return redirect(url_for("pet_detail", pet_id=pet_id))


@app.route("/pets/<int:pet_id>/weight", methods=["POST"])
@login_required
def pet_weight(pet_id):
    weight = float(request.form["weight_kg"])
    if weight <= 0 or weight > 150:
        raise ValueError("weight looks wrong")
    PetDAO.record_weight(pet_id, weight, g.user["id"])
    return redirect(url_for("pet_detail", pet_id=pet_id))


@app.route("/pets/<int:pet_id>/deceased", methods=["POST"])
@role_required("vet", "nurse")
def pet_deceased(pet_id):
    PetDAO.mark_deceased(pet_id, parse_date(request.form.get("on_date")))
    flash("Recorded. Future appointments were cancelled.", "ok")
    return redirect(url_for("pet_detail", pet_id=pet_id))


@app.route("/api/species/<int:species_id>/breeds")
@login_required
def api_breeds(species_id):
    return jsonify(models.breeds_for(species_id))


# ------------------------------------------------------------------ appointments


@app.route("/calendar")
@login_required
def calendar():
    day = parse_date(request.args.get("day")) or date.today()
    clinic_id = _clinic_id()
    return render_template(
        "calendar.html",
        day=day,
        prev_day=day - timedelta(days=1),
        next_day=day + timedelta(days=1),
        schedule=AppointmentDAO.day_schedule(clinic_id, day),
        vets=models.vets_on_duty(clinic_id, datetime.combine(day, datetime.min.time())
                                 + timedelta(hours=12)),
    )


@app.route("/appointments/new", methods=["GET", "POST"])
@login_required
def book_appointment():
    if request.method == "POST":
        pet = PetDAO.get(int(request.form["pet_id"])) or abort(404)
        if pet["deceased_on"]:
            raise ValueError("pet is recorded as deceased")
        data = {
            "clinic_id": _clinic_id(),
            "pet_id": pet["id"],
            "owner_id": pet["owner_id"],
            "vet_id": int_or_none(request.form.get("vet_id")),
            "room_id": int_or_none(request.form.get("room_id")),
            "type_id": int(request.form["type_id"]),
            "starts_at": parse_datetime(request.form["starts_at"]),
            "reason": clean(request.form.get("reason")),
        }
        if data["starts_at"] < datetime.now():
            raise ValueError("cannot book in the past")
        appt_id = AppointmentDAO.book(data, g.user["id"])
        if request.form.get("waitlist_id"):
            models.waitlist_resolve(int(request.form["waitlist_id"]))
        flash("Booked", "ok")
        return redirect(url_for("calendar", day=data["starts_at"].date().isoformat(),
                                highlight=appt_id))
    clinic_id = _clinic_id()
    return render_template(
        "appointments/form.html",
        types=models.appointment_types(),
        rooms=models.rooms_for(clinic_id),
        vets=StaffDAO.list_for_clinic(clinic_id, role="vet"),
        pet=PetDAO.get(int_or_none(request.args.get("pet_id")) or 0),
    )


@app.route("/appointments/<int:appt_id>/reschedule", methods=["POST"])
@login_required
def reschedule_appointment(appt_id):
    new_start = parse_datetime(request.form["starts_at"])
    AppointmentDAO.reschedule(appt_id, new_start)
    return redirect(url_for("calendar", day=new_start.date().isoformat()))


@app.route("/appointments/<int:appt_id>/status", methods=["POST"])
@login_required
def appointment_status(appt_id):
    status = request.form["status"]
    appt = AppointmentDAO.get(appt_id) or abort(404)
    if status == "cancelled" and appt["starts_at"] - datetime.now(appt["starts_at"].tzinfo) \
            < timedelta(hours=24):
        flash("Late cancellation - remember the late-cancel fee", "warning")
    AppointmentDAO.set_status(appt_id, status)
    return redirect(request.referrer or url_for("calendar"))


@app.route("/api/slots")
@login_required
def api_free_slots():
    vet_id = int_or_none(request.args.get("vet_id"))
    day = parse_date(request.args.get("day"))
    if not vet_id or not day:
        return json_error("vet_id and day are required")
    duration = int_or_none(request.args.get("duration")) or 15
    slots = models.free_slots(_clinic_id(), vet_id, day, duration)
    return jsonify([s.strftime("%H:%M") for s in slots])


@app.route("/waitlist", methods=["GET", "POST"])
@login_required
def waitlist():
    clinic_id = _clinic_id()
    if request.method == "POST":
        pet = PetDAO.get(int(request.form["pet_id"])) or abort(404)
        models.waitlist_add({
            "clinic_id": clinic_id,
            "pet_id": pet["id"],
            "owner_id": pet["owner_id"],
            "type_id": int_or_none(request.form.get("type_id")),
            "preferred_from": parse_date(request.form.get("preferred_from")),
            "preferred_to": parse_date(request.form.get("preferred_to")),
            "note": clean(request.form.get("note")),
        })
        return redirect(url_for("waitlist"))
    return render_template("waitlist.html", entries=models.waitlist_for_clinic(clinic_id))


# ------------------------------------------------------------------ consultations


@app.route("/appointments/<int:appt_id>/start", methods=["POST"])
@role_required("vet")
def start_visit(appt_id):
    visit_id = models.open_visit(appt_id, g.user["id"])
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/visits/<int:visit_id>")
@login_required
def visit_detail(visit_id):
    visit = models.get_visit(visit_id) or abort(404)
    return render_template(
        "visits/detail.html",
        visit=visit,
        notes=models.visit_notes(visit_id),
        diagnoses=models.diagnoses_for(visit_id),
        labs=models.LabResultDAO.for_visit(visit_id),
        weight=PetDAO.latest_weight(visit["pet_id"]),
        drugs=DrugDAO.all_active(),
    )


@app.route("/visits/<int:visit_id>/vitals", methods=["POST"])
@role_required("vet", "nurse")
def visit_vitals(visit_id):
    visit = models.get_visit(visit_id) or abort(404)
    models.record_vitals(visit_id, request.form.get("temperature_c") or None,
                         int_or_none(request.form.get("heart_rate")))
    if request.form.get("weight_kg"):
        PetDAO.record_weight(visit["pet_id"], float(request.form["weight_kg"]), g.user["id"])
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/visits/<int:visit_id>/notes", methods=["POST"])
@role_required("vet", "nurse")
def add_visit_note(visit_id):
    body = clean(request.form.get("body"))
    if not body:
        raise ValueError("empty note")
    models.add_note(visit_id, g.user["id"], body)
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/notes/<int:note_id>/amend", methods=["POST"])
@role_required("vet", "nurse")
def amend_visit_note(note_id):
    models.amend_note(note_id, g.user["id"], request.form["body"])
    return redirect(request.referrer or url_for("index"))


@app.route("/visits/<int:visit_id>/diagnoses", methods=["POST"])
@role_required("vet")
def add_visit_diagnosis(visit_id):
    models.add_diagnosis(visit_id, request.form["description"], clean(request.form.get("code")),
                         clean(request.form.get("severity")))
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/visits/<int:visit_id>/vaccinate", methods=["POST"])
@role_required("vet", "nurse")
def vaccinate(visit_id):
    visit = models.get_visit(visit_id) or abort(404)
    models.record_vaccination(visit["pet_id"], visit_id, request.form["vaccine"],
                              clean(request.form.get("batch_no")), g.user["id"])
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/visits/<int:visit_id>/labs", methods=["POST"])
@role_required("vet", "nurse")
def upload_lab_results(visit_id):
    f = request.files.get("file")
    if not f:
        raise ValueError("no file uploaded")
    count = models.import_lab_csv(f.read().decode("utf-8-sig"),
                                  request.form.get("lab_name", "external"), visit_id)
    flash("%d results imported" % count, "ok")
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/visits/<int:visit_id>/close", methods=["POST"])
@role_required("vet")
def close_visit(visit_id):
    models.close_visit(visit_id)
    invoice_id = models.invoice_from_visit(visit_id)
    flash("Consultation closed, draft invoice created", "ok")
    return redirect(url_for("invoice_detail", invoice_id=invoice_id))


@app.route("/pets/<int:pet_id>/history")
@login_required
def pet_history(pet_id):
    pet = PetDAO.get(pet_id) or abort(404)
    history = models.pet_history(pet_id)
    if request.args.get("format") == "pdf":
        html = render_template("pets/history_print.html", pet=pet, history=history)
        return Response(render_pdf(html), mimetype="application/pdf")
    return render_template("pets/history.html", pet=pet, history=history)


# ------------------------------------------------------------------ pharmacy


@app.route("/pharmacy")
@login_required
def drugs_list():
    term = clean(request.args.get("q"))
    drugs = DrugDAO.search(term) if term else DrugDAO.all_active()
    return render_template("pharmacy/list.html", drugs=drugs, q=term or "")


@app.route("/pharmacy/<int:drug_id>")
@login_required
def drug_detail(drug_id):
    drug = DrugDAO.get(drug_id) or abort(404)
    return render_template("pharmacy/detail.html", drug=drug,
                           stock=StockDAO.for_drug(drug_id, _clinic_id()))


@app.route("/pharmacy/<int:drug_id>/receive", methods=["POST"])
@role_required("nurse", "vet")
def receive_stock(drug_id):
    data = require_fields(request.form, "batch_no", "expires_on", "quantity")
    expires = parse_date(data["expires_on"])
    if expires <= date.today():
        raise ValueError("batch is already expired")
    StockDAO.receive(drug_id, _clinic_id(), data["batch_no"], expires, int(data["quantity"]),
                     g.user["id"])
    return redirect(url_for("drug_detail", drug_id=drug_id))


@app.route("/pharmacy/stock/<int:stock_id>/adjust", methods=["POST"])
@role_required("nurse", "vet")
def adjust_stock(stock_id):
    StockDAO.adjust(stock_id, int(request.form["delta"]), request.form.get("reason", "adjust"),
                    g.user["id"])
    return redirect(request.referrer or url_for("drugs_list"))


@app.route("/visits/<int:visit_id>/prescribe", methods=["POST"])
@role_required("vet")
def prescribe(visit_id):
    drug_id = int(request.form["drug_id"])
    dose = clean(request.form.get("dose"))
    if not dose:
        visit = models.get_visit(visit_id)
        suggested = models.suggested_dose(visit["pet_id"], drug_id)
        if suggested is None:
            raise ValueError("no dose given and no weight on file to suggest one")
        dose = "%s %s" % (suggested, DrugDAO.get(drug_id)["unit"])
    models.prescribe(visit_id, drug_id, g.user["id"], dose, int(request.form["quantity"]),
                     clean(request.form.get("frequency")),
                     int_or_none(request.form.get("repeats")) or 0)
    return redirect(url_for("visit_detail", visit_id=visit_id))


@app.route("/prescriptions/<int:rx_id>/dispense", methods=["POST"])
@role_required("nurse", "vet")
def dispense(rx_id):
    rx = models.get_prescription(rx_id) or abort(404)
    invoice_id = InvoiceDAO.draft_for_visit(rx["visit_id"]) if rx["visit_id"] else None
    models.dispense(rx_id, _clinic_id(), g.user["id"], invoice_id)
    flash("Dispensed", "ok")
    return redirect(request.referrer or url_for("pet_detail", pet_id=rx["pet_id"]))


@app.route("/api/dose")
@login_required
def api_dose():
    pet_id = int_or_none(request.args.get("pet_id"))
    drug_id = int_or_none(request.args.get("drug_id"))
    if not pet_id or not drug_id:
        return json_error("pet_id and drug_id required")
    dose = models.suggested_dose(pet_id, drug_id)
    return jsonify({"dose": str(dose) if dose is not None else None})


@app.route("/pharmacy/report")
@role_required("nurse", "vet", "admin")
def stock_report():
    clinic_id = _clinic_id()
    low = DrugDAO.low_stock(clinic_id)
    expired = StockDAO.expired(clinic_id)
    if request.args.get("format") == "csv":
        body = rows_to_csv(low, ["id", "name", "reorder_level", "on_hand"])
        return Response(body, mimetype="text/csv",
                        headers={"Content-Disposition": "attachment; filename=low_stock.csv"})
    return render_template("pharmacy/report.html", low=low, expired=expired)


# ------------------------------------------------------------------ billing


@app.route("/invoices/<int:invoice_id>")
@login_required
def invoice_detail(invoice_id):
    inv = InvoiceDAO.get(invoice_id) or abort(404)
    return render_template("invoices/detail.html", invoice=inv,
                           lines=InvoiceDAO.lines(invoice_id),
                           payments=models.payments_for(invoice_id),
                           prices=models.price_list())


@app.route("/invoices/<int:invoice_id>/lines", methods=["POST"])
@login_required
def invoice_add_line(invoice_id):
    price = models.price_for(request.form["code"])
    if not price:
        raise ValueError("unknown price code")
    qty = float(request.form.get("qty") or 1)
    InvoiceDAO.add_line(invoice_id, price["code"], request.form.get("description")
                        or price["label"], qty, price["amount"], price["vat_rate"])
    return redirect(url_for("invoice_detail", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>/issue", methods=["POST"])
@login_required
def issue_invoice(invoice_id):
    number = InvoiceDAO.issue(invoice_id)
    inv = InvoiceDAO.get(invoice_id)
    if inv["email"] and request.form.get("email_copy") == "on":
        html = render_template("invoices/print.html", invoice=inv,
                               lines=InvoiceDAO.lines(invoice_id))
        send_email(inv["email"], "Your invoice %s" % number,
                   "Please find your invoice attached. Total due: %s" % format_money(inv["total"]),
                   [("%s.pdf" % number, render_pdf(html), "application/pdf")])
    flash("Invoice %s issued" % number, "ok")
    return redirect(url_for("invoice_detail", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>/pay", methods=["POST"])
@login_required
def take_payment(invoice_id):
    amount = float(request.form["amount"])
    if amount <= 0:
        raise ValueError("amount must be positive")
    method = request.form.get("method", "card")
    if method not in ("card", "cash", "bank", "insurer"):
        raise ValueError("unknown payment method")
    models.record_payment(invoice_id, amount, method, clean(request.form.get("reference")),
                          g.user["id"])
    return redirect(url_for("invoice_detail", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>/void", methods=["POST"])
@role_required("admin")
def void_invoice(invoice_id):
    if models.payments_for(invoice_id):
        raise ValueError("invoice has payments, refund them first")
    InvoiceDAO.void(invoice_id)
    return redirect(url_for("invoice_detail", invoice_id=invoice_id))


@app.route("/invoices/<int:invoice_id>.pdf")
@login_required
def invoice_pdf(invoice_id):
    inv = InvoiceDAO.get(invoice_id) or abort(404)
    html = render_template("invoices/print.html", invoice=inv, lines=InvoiceDAO.lines(invoice_id))
    return Response(render_pdf(html), mimetype="application/pdf")


def old_invoice_pdf(invoice_id):
    # replaced by invoice_pdf (weasyprint); the reportlab version lived here
    inv = InvoiceDAO.get(invoice_id)
    lines = ["%s  %s" % (ln["description"], format_money(ln["line_total"]))
             for ln in InvoiceDAO.lines(invoice_id)]
    return "\n".join(["INVOICE " + (inv["number"] or "DRAFT")] + lines)


@app.route("/owners/<int:owner_id>/statement")
@login_required
def owner_statement(owner_id):
    owner = OwnerDAO.get(owner_id) or abort(404)
    invoices = InvoiceDAO.for_owner(owner_id)
    for inv in invoices:
        inv["payments"] = models.payments_for(inv["id"])
    return render_template("invoices/statement.html", owner=owner, invoices=invoices,
                           balance=models.get_owner_balance(owner_id))


@app.route("/reports/revenue")
@role_required("admin")
def revenue_report():
    start = parse_date(request.args.get("start")) or date.today().replace(day=1)
    end = parse_date(request.args.get("end")) or date.today() + timedelta(days=1)
    rows = models.revenue_report(int_or_none(request.args.get("clinic")), start, end)
    if request.args.get("format") == "csv":
        return Response(rows_to_csv(rows, ["price_code", "label", "qty", "gross"]),
                        mimetype="text/csv")
    return render_template("reports/revenue.html", rows=rows, start=start, end=end)


if Config.ENABLE_INSURANCE:

    @app.route("/invoices/<int:invoice_id>/claim", methods=["POST"])
    @login_required
    def create_claim(invoice_id):
        inv = InvoiceDAO.get(invoice_id) or abort(404)
        claim_id = models.InsuranceClaimDAO.create(invoice_id, request.form["insurer"],
                                                   request.form["policy_no"], inv["total"])
        if request.form.get("submit_now") == "on":
            models.InsuranceClaimDAO.submit(claim_id)
        return redirect(url_for("invoice_detail", invoice_id=invoice_id))


# ------------------------------------------------------------------ staff / rota


@app.route("/rota")
@login_required
def rota():
    day = parse_date(request.args.get("week")) or date.today()
    start, end = week_bounds(day)
    clinic_id = _clinic_id()
    shifts = models.shifts_for_week(clinic_id, day)
    by_day = {}
    for sh in shifts:
        by_day.setdefault(sh["starts_at"].date(), []).append(sh)
    return render_template("rota.html", by_day=by_day, start=start, end=end,
                           staff=StaffDAO.list_for_clinic(clinic_id),
                           leave=models.pending_leave(clinic_id))


@app.route("/rota/shifts", methods=["POST"])
@role_required("admin")
def add_shift():
    starts = parse_datetime(request.form["starts_at"])
    ends = parse_datetime(request.form["ends_at"])
    models.add_shift(int(request.form["staff_id"]), _clinic_id(), starts, ends,
                     request.form.get("kind", "regular"), g.user["id"])
    return redirect(url_for("rota", week=starts.date().isoformat()))


@app.route("/rota/shifts/<int:shift_id>/delete", methods=["POST"])
@role_required("admin")
def delete_shift(shift_id):
    models.delete_shift(shift_id)
    return redirect(request.referrer or url_for("rota"))


@app.route("/leave", methods=["POST"])
@login_required
def request_leave():
    starts = parse_date(request.form["starts_on"])
    ends = parse_date(request.form["ends_on"])
    if ends < starts:
        raise ValueError("leave ends before it starts")
    models.request_leave(g.user["id"], starts, ends, clean(request.form.get("reason")))
    flash("Leave requested", "ok")
    return redirect(url_for("rota"))


@app.route("/leave/<int:request_id>/decide", methods=["POST"])
@role_required("admin")
def decide_leave(request_id):
    models.decide_leave(request_id, request.form.get("approve") == "1", g.user["id"])
    return redirect(url_for("rota"))


@app.route("/staff")
@role_required("admin")
def staff_list():
    return render_template("staff/list.html",
                           staff=StaffDAO.list_for_clinic(int_or_none(request.args.get("clinic"))),
                           clinics=models.all_clinics())


@app.route("/staff/new", methods=["POST"])
@role_required("admin")
def staff_new():
    data = require_fields(request.form, "first_name", "last_name", "email", "role", "password")
    if not validate_email(data["email"]):
        raise ValueError("invalid email address")
    data["clinic_id"] = int(request.form["clinic_id"])
    data["licence_no"] = clean(request.form.get("licence_no"))
    StaffDAO.create(data, data.pop("password"))
    return redirect(url_for("staff_list"))


if __name__ == "__main__":
    app.run(debug=True)
