import datetime

from flask import Blueprint, abort, render_template, request

from bakery import legacy_reports, reporting
from bakery.haccp.checks import allergen_matrix
from bakery.helpers.csv_export import csv_response
from bakery.helpers.dates import parse_date, week_start
from bakery.helpers.decorators import role_required
from bakery.models import Product, production_sites

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _period():
    today = datetime.date.today()
    start = parse_date(request.args.get("start"), today - datetime.timedelta(days=28))
    end = parse_date(request.args.get("end"), today)
    return start, end


def _render(name, rows, title, **extra):
    if request.args.get("format") == "csv":
        return csv_response(rows, "%s.csv" % name)
    return render_template("reports/table.html", rows=rows, title=title, name=name, **extra)


@bp.route("/sales")
@role_required("manager", "office")
def sales_report():
    start, end = _period()
    return _render("weekly_sales", reporting.weekly_sales_by_shop(start, end), "Weekly sales")


@bp.route("/products")
@role_required("manager", "office")
def product_report():
    start, end = _period()
    return _render("product_sales", reporting.product_sales(start, end, request.args.get("shop_id", type=int)),
                   "Product sales")


@bp.route("/margin")
@role_required("manager", "office")
def margin_report():
    start, end = _period()
    return _render("gross_margin", reporting.gross_margin_report(start, end), "Gross margin")


@bp.route("/waste")
@role_required("manager")
def waste_report():
    start, end = _period()
    return _render("waste_vs_sales", reporting.waste_vs_sales(start, end), "Waste vs sales")


@bp.route("/labour")
@role_required("manager")
def labour_report():
    start, end = _period()
    return _render("labour_vs_takings", reporting.labour_vs_takings(start, end), "Labour % of takings")


@bp.route("/suppliers")
@role_required("office")
def supplier_report():
    start, end = _period()
    return _render("supplier_spend", reporting.supplier_spend(start, end), "Supplier spend")


@bp.route("/stock-variance")
@role_required("office", "manager", "baker")
def stock_variance_report():
    start, end = _period()
    loc = request.args.get("location_id", type=int) or next(iter(production_sites())).id
    return _render("stock_variance", reporting.stock_variance(start, end, loc), "Stock variance")


@bp.route("/deliveries")
@role_required("office")
def delivery_report():
    start, end = _period()
    return _render("delivery_performance", reporting.delivery_performance(start, end), "Delivery performance")


@bp.route("/aged-debt")
@role_required("office")
def aged_debt_report():
    return _render("aged_debt", reporting.aged_debt(), "Aged debt")


@bp.route("/allergens")
@role_required("manager", "baker")
def allergen_report():
    products = Product.select().where(Product.active == True)  # noqa: E712
    return _render("allergens", allergen_matrix(products), "Allergen matrix")


@bp.route("/run/<name>")
@role_required("admin")
def run_named(name):
    """Generic runner for ad-hoc use: /reports/run/weekly_sales?start=..&end=.."""
    if name not in reporting.REPORTS:
        abort(404)
    start, end = _period()
    return _render(name, reporting.run_report(name, start=start, end=end), name)


@bp.route("/legacy/takings")
def legacy_takings():
    # no auth: the accountant's Excel macro can't log in. IP restricted in nginx.
    ws = parse_date(request.args.get("week"), week_start())
    rows = [{"shop": s, "takings": t} for s, t in legacy_reports.old_weekly_takings(ws)]
    return csv_response(rows, "takings.csv")
