import csv
import io
from datetime import date

from flask import Blueprint, Response, request

from cellar.auth import role_required
from cellar.services import report_service
from cellar.utils.dates import parse_date
from cellar.utils.decorators import json_response

bp = Blueprint("reports", __name__, url_prefix="/api/reports")


def _csv(rows):
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    return Response(buf.getvalue(), mimetype="text/csv")


def _range():
    today = date.today()
    return (parse_date(request.args.get("start")) or today.replace(day=1),
            parse_date(request.args.get("end")) or today)


@bp.route("/sales-by-producer")
@role_required("sales", "buyer", "accounts")
def sales_by_producer():
    rows = report_service.sales_by_producer(*_range())
    return _csv(rows) if request.args.get("format") == "csv" else {"rows": rows}


@bp.route("/stock-valuation")
@role_required("accounts", "warehouse")
@json_response
def stock_valuation():
    return report_service.stock_valuation(request.args.get("warehouse_id", type=int))


@bp.route("/aged-debtors")
@role_required("accounts")
def aged_debtors():
    return _csv(report_service.aged_debtors(parse_date(request.args.get("as_of"))))


@bp.route("/reps")
@role_required("sales")
@json_response
def reps():
    today = date.today()
    return report_service.rep_performance(int(request.args.get("year", today.year)),
                                          int(request.args.get("month", today.month)))


@bp.route("/dashboard")
@role_required("sales", "accounts", "buyer", "warehouse")
@json_response
def dashboard():
    return report_service.dashboard_figures()
