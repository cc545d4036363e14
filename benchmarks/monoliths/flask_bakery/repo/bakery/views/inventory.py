import datetime

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from bakery.forms import IngredientForm, SupplierForm
from bakery.helpers.csv_export import csv_response
from bakery.helpers.dbutils import get_or_404, low_stock_ingredients
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.formatting import Paginator
from bakery.helpers.mailer import send_po_to_supplier
from bakery.models import (Ingredient, PurchaseOrder, StockLevel,
                           StockMovement, Supplier, SupplierPrice,
                           production_sites)
from bakery.services import (ServiceError, raise_purchase_order,
                             receive_purchase_order, record_stock_count,
                             suggest_reorders)

bp = Blueprint("inventory", __name__, url_prefix="/stock")


@bp.route("/ingredients")
@login_required
def ingredients():
    q = request.args.get("q", "")
    query = Ingredient.select().order_by(Ingredient.name)
    if q:
        query = query.where(Ingredient.name.contains(q))
    return render_template("inventory/ingredients.html", ingredients=query, q=q,
                           low=low_stock_ingredients())


@bp.route("/ingredients/new", methods=["GET", "POST"])
@bp.route("/ingredients/<int:ingredient_id>", methods=["GET", "POST"])
@role_required("manager", "baker", "office")
def edit_ingredient(ingredient_id=None):
    ingredient = get_or_404(Ingredient, id=ingredient_id) if ingredient_id else Ingredient()
    form = IngredientForm(obj=ingredient)
    form.preferred_supplier_id.choices = [(0, "-")] + [(s.id, s.name) for s in Supplier.select().order_by(Supplier.name)]
    if form.validate_on_submit():
        form.populate(ingredient)
        ingredient.preferred_supplier = form.preferred_supplier_id.data or None
        ingredient.save()
        flash("Saved %s" % ingredient.name)
        return redirect(url_for("inventory.ingredients"))
    return render_template("inventory/ingredient_form.html", form=form, ingredient=ingredient)


@bp.route("/suppliers")
@login_required
def suppliers():
    return render_template("inventory/suppliers.html",
                           suppliers=Supplier.select().order_by(Supplier.name))


@bp.route("/suppliers/new", methods=["GET", "POST"])
@bp.route("/suppliers/<int:supplier_id>", methods=["GET", "POST"])
@role_required("office", "manager")
def edit_supplier(supplier_id=None):
    supplier = get_or_404(Supplier, id=supplier_id) if supplier_id else Supplier()
    form = SupplierForm(obj=supplier)
    if form.validate_on_submit():
        form.populate(supplier)
        supplier.save()
        return redirect(url_for("inventory.suppliers"))
    prices = (SupplierPrice.select().where(SupplierPrice.supplier == supplier)
              .order_by(SupplierPrice.valid_from.desc())) if supplier.id else []
    return render_template("inventory/supplier_form.html", form=form, supplier=supplier, prices=prices)


@bp.route("/suppliers/<int:supplier_id>/prices", methods=["POST"])
@role_required("office", "manager")
def add_supplier_price(supplier_id):
    supplier = get_or_404(Supplier, id=supplier_id)
    SupplierPrice.create(supplier=supplier, ingredient=request.form.get("ingredient_id", type=int),
                         pack_size=request.form.get("pack_size", type=float),
                         pack_price=request.form.get("pack_price"),
                         valid_from=request.form.get("valid_from") or datetime.date.today())
    return redirect(url_for("inventory.edit_supplier", supplier_id=supplier.id))


@bp.route("/levels/<int:location_id>")
@login_required
def levels(location_id):
    rows = (StockLevel.select(StockLevel, Ingredient).join(Ingredient)
            .where(StockLevel.location_id == location_id).order_by(Ingredient.name))
    if request.args.get("format") == "csv":
        return csv_response([{"ingredient": r.ingredient.name, "unit": r.ingredient.unit,
                              "quantity": r.quantity, "last_counted": r.last_counted_at} for r in rows],
                            "stock-%s.csv" % location_id)
    return render_template("inventory/levels.html", rows=rows, location_id=location_id)


@bp.route("/count/<int:location_id>", methods=["GET", "POST"])
@role_required("manager", "baker")
def stock_count(location_id):
    if request.method == "POST":
        counts = {}
        for key, value in request.form.items():
            if key.startswith("ing_") and value.strip():
                counts[int(key[4:])] = float(value)
        diffs = record_stock_count(location_id, counts, counted_by=g.user.email)
        flash("Count saved, %d adjustments" % len(diffs))
        return redirect(url_for("inventory.levels", location_id=location_id))
    return render_template("inventory/count.html", location_id=location_id,
                           ingredients=Ingredient.select().where(Ingredient.active == True)  # noqa: E712
                           .order_by(Ingredient.category, Ingredient.name))


@bp.route("/movements")
@login_required
def movements():
    query = StockMovement.select().order_by(StockMovement.moved_at.desc())
    ing = request.args.get("ingredient_id", type=int)
    if ing:
        query = query.where(StockMovement.ingredient == ing)
    return render_template("inventory/movements.html", page=Paginator(query, request.args.get("page", 1)))


@bp.route("/purchase-orders")
@login_required
def purchase_orders():
    status = request.args.get("status")
    query = PurchaseOrder.select().order_by(PurchaseOrder.order_date.desc())
    if status:
        query = query.where(PurchaseOrder.status == status)
    return render_template("inventory/purchase_orders.html", page=Paginator(query, request.args.get("page", 1)))


@bp.route("/purchase-orders/suggest/<int:location_id>", methods=["GET", "POST"])
@role_required("office", "manager")
def suggest(location_id):
    suggestions = suggest_reorders(location_id)
    if request.method == "POST":
        raised = []
        for supplier, items in suggestions.items():
            if str(supplier.id) in request.form.getlist("supplier_id"):
                try:
                    raised.append(raise_purchase_order(supplier, location_id, items, raised_by=g.user.email))
                except ServiceError as exc:
                    flash(str(exc), "error")
        flash("Raised %d purchase orders" % len(raised))
        return redirect(url_for("inventory.purchase_orders"))
    return render_template("inventory/suggest.html", suggestions=suggestions, location_id=location_id,
                           sites=production_sites())


@bp.route("/purchase-orders/<int:po_id>")
@login_required
def po_detail(po_id):
    return render_template("inventory/po.html", po=get_or_404(PurchaseOrder, id=po_id))


@bp.route("/purchase-orders/<int:po_id>/send", methods=["POST"])
@role_required("office", "manager")
def po_send(po_id):
    po = get_or_404(PurchaseOrder, id=po_id)
    if send_po_to_supplier(po):
        flash("Sent to %s" % po.supplier.name)
    else:
        flash("Could not send - check the supplier's order email", "error")
    return redirect(url_for("inventory.po_detail", po_id=po.id))


@bp.route("/purchase-orders/<int:po_id>/receive", methods=["POST"])
@role_required("office", "manager", "baker")
def po_receive(po_id):
    po = get_or_404(PurchaseOrder, id=po_id)
    received = {}
    for key, value in request.form.items():
        if key.startswith("line_") and value.strip():
            received[int(key[5:])] = int(value)
    try:
        receive_purchase_order(po, received, received_by=g.user.email)
        flash("Goods received")
    except ServiceError as exc:
        flash(str(exc), "error")
    return redirect(url_for("inventory.po_detail", po_id=po.id))
