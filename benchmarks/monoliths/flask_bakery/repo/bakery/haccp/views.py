import datetime

from flask import flash, redirect, render_template, request, url_for

from bakery.haccp import bp
from bakery.haccp.checks import (allergen_matrix, daily_compliance,
                                 missing_readings, overdue_cleaning,
                                 record_reading)
from bakery.haccp.models import (UK_ALLERGENS, AllergenDeclaration,
                                 CleaningCheck, CleaningSchedule, Equipment,
                                 Incident, Reading)
from bakery.helpers.csv_export import csv_response
from bakery.helpers.dates import parse_date
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.models import Ingredient, Product, Shop


@bp.route("/")
@login_required
def overview():
    day = parse_date(request.args.get("date"), datetime.date.today())
    return render_template("haccp/overview.html", day=day, summary=daily_compliance(day))


@bp.route("/shop/<int:shop_id>")
@login_required
def shop_checks(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    return render_template(
        "haccp/shop.html", shop=shop,
        missing=missing_readings(shop), overdue=overdue_cleaning(shop),
        equipment=Equipment.select().where(Equipment.shop == shop),
        schedules=CleaningSchedule.select().where(CleaningSchedule.shop == shop),
    )


@bp.route("/equipment/<int:equipment_id>/reading", methods=["POST"])
@login_required
def add_reading(equipment_id):
    eq = get_or_404(Equipment, id=equipment_id)
    try:
        value = float(request.form["value_c"])
    except (KeyError, ValueError):
        flash("Enter a temperature", "error")
        return redirect(url_for("haccp.shop_checks", shop_id=eq.shop_id))
    reading = record_reading(eq, value, taken_by=request.form.get("taken_by"))
    if reading.out_of_range:
        flash("Out of range! An incident has been raised - follow the corrective action card.", "error")
    return redirect(url_for("haccp.shop_checks", shop_id=eq.shop_id))


@bp.route("/equipment/<int:equipment_id>/history")
@login_required
def equipment_history(equipment_id):
    eq = get_or_404(Equipment, id=equipment_id)
    readings = (Reading.select().where(Reading.equipment == eq)
                .order_by(Reading.taken_at.desc()).limit(500))
    return render_template("haccp/equipment.html", equipment=eq, readings=readings)


@bp.route("/cleaning/<int:schedule_id>/done", methods=["POST"])
@login_required
def cleaning_done(schedule_id):
    sched = get_or_404(CleaningSchedule, id=schedule_id)
    CleaningCheck.create(schedule=sched, done_by=request.form.get("done_by"),
                         comment=request.form.get("comment"))
    return redirect(url_for("haccp.shop_checks", shop_id=sched.shop_id))


@bp.route("/incidents")
@login_required
def incidents():
    show_closed = request.args.get("closed") == "1"
    query = Incident.select().order_by(Incident.occurred_at.desc())
    if not show_closed:
        query = query.where(Incident.closed == False)  # noqa: E712
    return render_template("haccp/incidents.html", incidents=query, show_closed=show_closed)


@bp.route("/incidents/<int:incident_id>/close", methods=["POST"])
@role_required("manager")
def close_incident(incident_id):
    incident = get_or_404(Incident, id=incident_id)
    incident.corrective_action = request.form.get("corrective_action") or incident.corrective_action
    incident.closed = True
    incident.save()
    return redirect(url_for("haccp.incidents"))


@bp.route("/allergens")
@login_required
def allergens():
    products = Product.select().where(Product.active == True).order_by(Product.name)  # noqa: E712
    rows = allergen_matrix(products)
    if request.args.get("format") == "csv":
        return csv_response(rows, "allergen-matrix.csv", ["sku", "name"] + UK_ALLERGENS)
    return render_template("haccp/allergens.html", rows=rows, allergens=UK_ALLERGENS)


@bp.route("/allergens/ingredient/<int:ingredient_id>", methods=["GET", "POST"])
@role_required("manager", "baker")
def ingredient_allergens(ingredient_id):
    ingredient = get_or_404(Ingredient, id=ingredient_id)
    if request.method == "POST":
        AllergenDeclaration.delete().where(AllergenDeclaration.ingredient == ingredient).execute()
        for allergen in UK_ALLERGENS:
            level = request.form.get(allergen)
            if level in ("contains", "may_contain"):
                AllergenDeclaration.create(ingredient=ingredient, allergen=allergen, level=level,
                                           spec_sheet_url=request.form.get("spec_sheet_url"),
                                           verified_on=datetime.date.today())
        flash("Allergens saved for %s" % ingredient.name)
        return redirect(url_for("haccp.allergens"))
    current = {d.allergen: d.level for d in ingredient.allergens}
    return render_template("haccp/ingredient_allergens.html", ingredient=ingredient,
                           current=current, allergens=UK_ALLERGENS)
