import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from bakery.forms import ProductForm, RecipeForm
from bakery.helpers.dates import parse_date
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.helpers.formatting import format_batch_code
from bakery.models import (BakeBatch, Employee, Ingredient, Product,
                           ProductionPlan, ProductionPlanItem, Recipe,
                           RecipeLine, current_recipe, production_sites)
from bakery.services import (ServiceError, build_production_plan,
                             complete_batch, ingredients_needed_for_plan,
                             lock_plan, new_recipe_version, plan_shortfalls,
                             product_margin, recipe_cost, start_batch)

bp = Blueprint("production", __name__, url_prefix="/production")


@bp.route("/products")
@login_required
def products():
    category = request.args.get("category")
    query = Product.select().order_by(Product.category, Product.name)
    if category:
        query = query.where(Product.category == category)
    rows = [(p, product_margin(p)) for p in query]
    return render_template("production/products.html", rows=rows, category=category)


@bp.route("/products/new", methods=["GET", "POST"])
@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@role_required("manager", "baker")
def edit_product(product_id=None):
    product = get_or_404(Product, id=product_id) if product_id else Product()
    form = ProductForm(obj=product)
    if form.validate_on_submit():
        form.populate(product)
        product.sku = product.sku.strip().upper()
        product.save()
        flash("Saved %s" % product.name)
        return redirect(url_for("production.products"))
    return render_template("production/product_form.html", form=form, product=product)


@bp.route("/recipes/<int:product_id>")
@login_required
def recipe(product_id):
    product = get_or_404(Product, id=product_id)
    rec = current_recipe(product)
    history = Recipe.select().where(Recipe.product == product).order_by(Recipe.version.desc())
    return render_template("production/recipe.html", product=product, recipe=rec,
                           cost=recipe_cost(rec) if rec else None, history=history,
                           ingredients=Ingredient.select().order_by(Ingredient.name))


@bp.route("/recipes/<int:product_id>/edit", methods=["GET", "POST"])
@role_required("manager", "baker")
def edit_recipe(product_id):
    product = get_or_404(Product, id=product_id)
    rec = current_recipe(product) or Recipe(product=product, version=0, yield_qty=1)
    form = RecipeForm(obj=rec)
    if form.validate_on_submit():
        lines = []
        ids = request.form.getlist("ingredient_id")
        qtys = request.form.getlist("quantity")
        stages = request.form.getlist("stage")
        for ing_id, qty, stage in zip(ids, qtys, stages):
            if ing_id and qty:
                lines.append((int(ing_id), float(qty), stage or None))
        if not lines:
            flash("A recipe needs at least one ingredient", "error")
        else:
            form.populate(rec)
            new = new_recipe_version(rec, lines, approved_by=request.form.get("approved_by"))
            flash("Saved version %d" % new.version)
            return redirect(url_for("production.recipe", product_id=product.id))
    lines = list(RecipeLine.select().where(RecipeLine.recipe == rec)) if rec.id else []
    return render_template("production/recipe_form.html", form=form, product=product, lines=lines,
                           ingredients=Ingredient.select().where(Ingredient.active == True))  # noqa: E712


@bp.route("/plans")
@login_required
def plans():
    day = parse_date(request.args.get("date"), datetime.date.today() + datetime.timedelta(days=1))
    rows = []
    for site in production_sites():
        plan = ProductionPlan.get_or_none((ProductionPlan.site == site) & (ProductionPlan.plan_date == day))
        rows.append((site, plan))
    return render_template("production/plans.html", day=day, rows=rows)


@bp.route("/plans/<int:plan_id>")
@login_required
def plan_detail(plan_id):
    plan = get_or_404(ProductionPlan, id=plan_id)
    needs, missing = ingredients_needed_for_plan(plan)
    ingredients = {i.id: i for i in Ingredient.select().where(Ingredient.id.in_(list(needs) or [0]))}
    return render_template("production/plan.html", plan=plan,
                           items=plan.items.join(Product).order_by(Product.category, Product.name),
                           needs=[(ingredients[k], v) for k, v in needs.items() if k in ingredients],
                           missing=missing, shortfalls=plan_shortfalls(plan))


@bp.route("/plans/build", methods=["POST"])
@role_required("manager", "baker")
def build_plan():
    day = parse_date(request.form.get("date"))
    site_id = request.form.get("site_id", type=int)
    site = next((s for s in production_sites() if s.id == site_id), None)
    if not day or site is None:
        abort(400)
    try:
        plan = build_production_plan(site, day)
    except ServiceError as exc:
        flash(str(exc), "error")
        return redirect(url_for("production.plans", date=day.isoformat()))
    return redirect(url_for("production.plan_detail", plan_id=plan.id))


@bp.route("/plans/<int:plan_id>/item/<int:item_id>", methods=["POST"])
@role_required("manager", "baker")
def update_plan_item(plan_id, item_id):
    item = get_or_404(ProductionPlanItem, id=item_id, plan=plan_id)
    if item.plan.status != "draft":
        flash("Plan is locked", "error")
    else:
        item.qty_extra = request.form.get("qty_extra", type=int) or 0
        item.save()
    return redirect(url_for("production.plan_detail", plan_id=plan_id))


@bp.route("/plans/<int:plan_id>/lock", methods=["POST"])
@role_required("manager", "baker")
def lock(plan_id):
    lock_plan(get_or_404(ProductionPlan, id=plan_id))
    return redirect(url_for("production.plan_detail", plan_id=plan_id))


@bp.route("/batches")
@login_required
def batches():
    day = parse_date(request.args.get("date"), datetime.date.today())
    rows = (BakeBatch.select().where(BakeBatch.bake_date == day)
            .order_by(BakeBatch.started_at.desc()))
    return render_template("production/batches.html", day=day,
                           rows=[(b, format_batch_code(b)) for b in rows])


@bp.route("/batches/start", methods=["POST"])
@role_required("baker", "manager")
def batch_start():
    item = get_or_404(ProductionPlanItem, id=request.form.get("plan_item_id", type=int))
    baker = Employee.get_or_none(Employee.id == request.form.get("baker_id", type=int))
    qty = request.form.get("quantity", type=int) or item.total_qty
    batch = start_batch(item.product, qty, baker=baker, plan_item=item, site=item.plan.site)
    flash("Batch %s started" % format_batch_code(batch))
    return redirect(url_for("production.batches"))


@bp.route("/batches/<int:batch_id>/complete", methods=["POST"])
@role_required("baker", "manager")
def batch_complete(batch_id):
    batch = get_or_404(BakeBatch, id=batch_id)
    core = request.form.get("core_temp_c", type=float)
    complete_batch(batch, core_temp_c=core)
    return redirect(url_for("production.batches"))
