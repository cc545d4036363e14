import datetime

from flask import (Blueprint, flash, g, redirect, render_template, request,
                   url_for)

from bakery.auth import authenticate, login_user, logout_user
from bakery.forms import LoginForm, TemperatureForm
from bakery.helpers.dbutils import low_stock_ingredients
from bakery.helpers.decorators import login_required
from bakery.models import (Shop, TemperatureLog, WholesaleOrder, active_shops,
                           production_sites)
from bakery.services import daily_takings

bp = Blueprint("main", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is None:
            flash("Wrong email or password", "error")
        else:
            login_user(user)
            nxt = form.next.data or request.args.get("next")
            if nxt and nxt.startswith("/"):
                return redirect(nxt)
            return redirect(url_for("main.index"))
    return render_template("login.html", form=form)


@bp.route("/logout")
def logout():
    logout_user()
    return redirect(url_for("main.login"))


@bp.route("/")
@login_required
def index():
    """Manager dashboard: today's takings per shop, plus a few widgets that
    got bolted on over the years (low stock, tomorrow's wholesale)."""
    today = datetime.date.today()
    takings = []
    for shop in active_shops():
        takings.append((shop, daily_takings(shop, today)))
    low_stock = []
    for site in production_sites():
        low_stock.extend(low_stock_ingredients(site.id))
    tomorrow_orders = (WholesaleOrder.select()
                       .where((WholesaleOrder.delivery_date == today + datetime.timedelta(days=1)) &
                              (WholesaleOrder.status != "cancelled"))
                       .count())
    return render_template("dashboard.html", takings=takings, low_stock=low_stock[:10],
                           tomorrow_orders=tomorrow_orders, user=g.user)


@bp.route("/temps", methods=["GET", "POST"])
@login_required
def temp_log():
    """The original fridge log screen. Shops that haven't been given probes
    still use this (HACCP module mirrors into the same table)."""
    form = TemperatureForm()
    shop_id = request.args.get("shop_id", type=int) or (g.employee.home_shop_id if g.employee else None)
    shop = Shop.get_or_none(Shop.id == shop_id)
    if form.validate_on_submit() and shop is not None:
        TemperatureLog.create(shop=shop, unit_name=form.unit_name.data, reading_c=form.reading_c.data,
                              corrective_action=form.corrective_action.data or None,
                              taken_by=g.employee.full_name if g.employee else g.user.email)
        flash("Reading saved")
        return redirect(url_for("main.temp_log", shop_id=shop.id))
    since = datetime.datetime.utcnow() - datetime.timedelta(days=2)
    recent = (TemperatureLog.select()
              .where((TemperatureLog.shop == shop) & (TemperatureLog.taken_at >= since))
              .order_by(TemperatureLog.taken_at.desc())) if shop else []
    return render_template("temps.html", form=form, shop=shop, recent=recent, shops=active_shops())
