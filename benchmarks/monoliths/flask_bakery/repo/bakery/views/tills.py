import datetime
from decimal import Decimal

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from bakery.auth import employee_by_pin
from bakery.helpers.dates import parse_date
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.helpers.formatting import Paginator, format_receipt_lines
from bakery.models import (PriceListEntry, Product, Sale, Shop, Till,
                           TillSession, active_shops)
from bakery.pricing import bulk_price_increase, set_shop_price, shop_price_list
from bakery.services import (ServiceError, close_till_session, daily_takings,
                             expected_cash_for, open_till_session, void_sale)

bp = Blueprint("tills", __name__, url_prefix="/shops")


@bp.route("/")
@login_required
def shop_list():
    today = datetime.date.today()
    return render_template("tills/shops.html",
                           rows=[(s, daily_takings(s, today)) for s in active_shops()])


@bp.route("/<int:shop_id>")
@login_required
def shop_detail(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    day = parse_date(request.args.get("date"), datetime.date.today())
    sessions = (TillSession.select().join(Till)
                .where((Till.shop == shop) &
                       (TillSession.opened_at >= datetime.datetime.combine(day, datetime.time.min)) &
                       (TillSession.opened_at <= datetime.datetime.combine(day, datetime.time.max))))
    return render_template("tills/shop.html", shop=shop, day=day, sessions=sessions,
                           takings=daily_takings(shop, day), tills=shop.tills)


@bp.route("/tills/<int:till_id>/open", methods=["POST"])
@login_required
def open_session(till_id):
    till = get_or_404(Till, id=till_id)
    employee = employee_by_pin(till.shop, request.form.get("pin", ""))
    if employee is None:
        flash("Unknown PIN", "error")
        return redirect(url_for("tills.shop_detail", shop_id=till.shop_id))
    try:
        open_till_session(till, employee, Decimal(request.form.get("float_amount") or "100"))
    except ServiceError as exc:
        flash(str(exc), "error")
    return redirect(url_for("tills.shop_detail", shop_id=till.shop_id))


@bp.route("/sessions/<int:session_id>/close", methods=["GET", "POST"])
@login_required
def close_session(session_id):
    session = get_or_404(TillSession, id=session_id)
    if request.method == "POST":
        close_till_session(session, Decimal(request.form.get("counted_cash") or "0"),
                           notes=request.form.get("notes"))
        if session.variance and abs(session.variance) > 5:
            flash("Cash variance of %s - please write a note" % session.variance, "error")
        return redirect(url_for("tills.shop_detail", shop_id=session.till.shop_id))
    return render_template("tills/close.html", session=session, expected=expected_cash_for(session))


@bp.route("/sales")
@login_required
def sales():
    shop_id = request.args.get("shop_id", type=int)
    query = Sale.select().order_by(Sale.sold_at.desc())
    if shop_id:
        query = query.where(Sale.shop == shop_id)
    return render_template("tills/sales.html", page=Paginator(query, request.args.get("page", 1)),
                           shops=active_shops(), shop_id=shop_id)


@bp.route("/sales/<int:sale_id>")
@login_required
def sale_detail(sale_id):
    sale = get_or_404(Sale, id=sale_id)
    return render_template("tills/sale.html", sale=sale, receipt=format_receipt_lines(sale))


@bp.route("/sales/<int:sale_id>/void", methods=["POST"])
@role_required("manager")
def sale_void(sale_id):
    sale = get_or_404(Sale, id=sale_id)
    void_sale(sale, reason="%s: %s" % (g.user.email, request.form.get("reason", "")))
    flash("Sale voided")
    return redirect(url_for("tills.sale_detail", sale_id=sale.id))


@bp.route("/<int:shop_id>/prices", methods=["GET", "POST"])
@role_required("manager")
def prices(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    if request.method == "POST":
        if request.form.get("bulk_pct"):
            n = bulk_price_increase(shop, Decimal(request.form["bulk_pct"]),
                                    categories=request.form.getlist("category") or None,
                                    valid_from=parse_date(request.form.get("valid_from")))
            flash("Updated %d prices" % n)
        else:
            product = get_or_404(Product, id=request.form.get("product_id", type=int))
            set_shop_price(shop, product, Decimal(request.form["price"]),
                           parse_date(request.form.get("valid_from")))
        return redirect(url_for("tills.prices", shop_id=shop.id))
    history = (PriceListEntry.select().where(PriceListEntry.shop == shop)
               .order_by(PriceListEntry.valid_from.desc()).limit(200))
    return render_template("tills/prices.html", shop=shop, prices=shop_price_list(shop.id),
                           history=history)
