import datetime

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from bakery.forms import WasteForm
from bakery.helpers.dates import parse_date
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.models import (Markdown, Product, Shop, SurplusDonation,
                           WasteRecord, total_waste_cost)
from bakery.services import apply_markdown, donate_surplus, plan_markdowns, record_waste

bp = Blueprint("wastage", __name__, url_prefix="/waste")


@bp.route("/<int:shop_id>", methods=["GET", "POST"])
@login_required
def shop_waste(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    day = parse_date(request.args.get("date"), datetime.date.today())
    form = WasteForm()
    form.product_id.choices = [(p.id, p.name) for p in
                               Product.select().where(Product.active == True).order_by(Product.name)]  # noqa: E712
    if form.validate_on_submit():
        record_waste(shop, Product.get_by_id(form.product_id.data), form.quantity.data,
                     reason=form.reason.data, recorded_by=g.user.email, day=day)
        flash("Waste recorded")
        return redirect(url_for("wastage.shop_waste", shop_id=shop.id, date=day.isoformat()))
    records = WasteRecord.select().where((WasteRecord.shop == shop) & (WasteRecord.waste_date == day))
    return render_template("waste/shop.html", shop=shop, day=day, form=form, records=records,
                           cost=total_waste_cost(shop, day, day))


@bp.route("/<int:shop_id>/markdowns", methods=["GET", "POST"])
@role_required("manager", "staff")
def markdowns(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    if request.method == "POST":
        product = get_or_404(Product, id=request.form.get("product_id", type=int))
        apply_markdown(shop, product, pct_off=request.form.get("pct_off", type=int) or 50,
                       quantity=request.form.get("quantity", type=int))
        return redirect(url_for("wastage.markdowns", shop_id=shop.id))
    today = datetime.date.today()
    current = Markdown.select().where((Markdown.shop == shop) & (Markdown.markdown_date == today))
    return render_template("waste/markdowns.html", shop=shop, current=current,
                           suggestions=plan_markdowns(shop, today))


@bp.route("/<int:shop_id>/donate", methods=["POST"])
@role_required("manager", "staff")
def donate(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    items = []
    for key, value in request.form.items():
        if key.startswith("qty_") and value.strip():
            items.append((Product.get_by_id(int(key[4:])), int(value)))
    if not items:
        flash("Nothing to donate?", "error")
    else:
        donation = donate_surplus(shop, request.form.get("charity") or "FareShare",
                                  items, collected_by=request.form.get("collected_by"))
        flash("Donation of %d items logged" % donation.items)
    return redirect(url_for("wastage.shop_waste", shop_id=shop.id))


@bp.route("/donations")
@login_required
def donations():
    return render_template("waste/donations.html",
                           donations=SurplusDonation.select().order_by(SurplusDonation.donation_date.desc()).limit(200))
