# -*- coding: utf-8 -*-
"""Billing AND payments screens (finance wanted one menu)."""
import os

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for

from admin.auth import csv_response, current_user, date_arg, paginate, requires_auth
from lib import dbutil, dunning, invoice_pdf, invoicing, payments, reports
from lib.dates import first_of_month, today
from lib.money import D

bp = Blueprint("billing", __name__)


# -- invoices / bill runs ----------------------------------------------------------

@bp.route("/runs")
@requires_auth
def bill_runs():
    runs = dbutil.fetchall("""
        SELECT r.*, c.name AS cycle_name FROM billing_runs r
          JOIN bill_cycles c ON c.id = r.cycle_id ORDER BY r.id DESC LIMIT 100""")
    return render_template("billing/runs.html", runs=runs)


@bp.route("/runs/<int:run_id>")
@requires_auth
def run_detail(run_id):
    header, rows = reports.billing_run_summary(run_id)
    rows, page, pages = paginate(rows, 100)
    return render_template("billing/run.html", run_id=run_id, header=header, rows=rows, page=page, pages=pages)


@bp.route("/invoice/<int:invoice_id>")
@requires_auth
def invoice_detail(invoice_id):
    inv = dbutil.get_invoice(invoice_id)
    if inv is None:
        abort(404)
    allocations = dbutil.fetchall("""
        SELECT pa.*, p.reference, p.method FROM payment_allocations pa
          JOIN payments p ON p.id = pa.payment_id WHERE pa.invoice_id = %s""", (invoice_id,))
    credits = dbutil.fetchall("SELECT * FROM credit_notes WHERE invoice_id = %s", (invoice_id,))
    return render_template("billing/invoice.html", inv=inv, lines=invoicing.invoice_lines(invoice_id),
                           allocations=allocations, credits=credits)


@bp.route("/invoice/<int:invoice_id>/pdf")
@requires_auth
def invoice_pdf_download(invoice_id):
    inv = dbutil.get_invoice(invoice_id)
    path = inv["pdf_path"]
    if not path or not os.path.exists(path):
        path, _ = invoice_pdf.render_pdf(invoice_id)
    return send_file(path, mimetype="application/pdf", as_attachment=True,
                     download_name="%s.pdf" % inv["invoice_no"])


@bp.route("/invoice/<int:invoice_id>/credit", methods=["POST"])
@requires_auth
def credit_note(invoice_id):
    try:
        invoicing.issue_credit_note(invoice_id, D(request.form["amount"]), request.form["reason"], current_user())
        flash("Credit note issued", "info")
    except invoicing.BillingError as e:
        dbutil.rollback()
        flash(str(e), "error")
    return redirect(url_for("billing.invoice_detail", invoice_id=invoice_id))


@bp.route("/invoice/<int:invoice_id>/cancel", methods=["POST"])
@requires_auth
def cancel_invoice(invoice_id):
    try:
        invoicing.cancel_invoice(invoice_id, current_user())
    except invoicing.BillingError as e:
        flash(str(e), "error")
    return redirect(url_for("billing.invoice_detail", invoice_id=invoice_id))


@bp.route("/account/<int:account_id>/charge", methods=["POST"])
@requires_auth
def one_off_charge(account_id):
    f = request.form
    invoicing.add_one_off_charge(account_id, f["description"], D(f["amount"]),
                                 f.get("subscriber_id", type=int))
    dbutil.commit()
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/reports/revenue.csv")
@requires_auth
def revenue_csv():
    month = date_arg("month", first_of_month(today()))
    header, rows = reports.revenue_by_plan(month)
    return csv_response(reports.write_csv(header, rows), "revenue_%s.csv" % month.strftime("%Y%m"))


@bp.route("/reports/arpu.csv")
@requires_auth
def arpu_csv():
    month = date_arg("month", first_of_month(today()))
    header, rows = reports.arpu_report(month)
    return csv_response(reports.write_csv(header, rows), "arpu_%s.csv" % month.strftime("%Y%m"))


# -- payments / collections -----------------------------------------------------------

@bp.route("/payments/unmatched")
@requires_auth
def unmatched_payments():
    rows = dbutil.fetchall("SELECT * FROM payments WHERE account_id IS NULL ORDER BY received_at DESC")
    return render_template("billing/unmatched.html", rows=rows)


@bp.route("/payments/<int:payment_id>/assign", methods=["POST"])
@requires_auth
def assign_payment(payment_id):
    acc = dbutil.get_account_by_no(request.form["account_no"])
    if acc is None:
        flash("Unknown account", "error")
    else:
        payments.assign_unmatched(payment_id, acc["id"], current_user())
    return redirect(url_for("billing.unmatched_payments"))


@bp.route("/account/<int:account_id>/payment", methods=["POST"])
@requires_auth
def manual_payment(account_id):
    f = request.form
    payments.register_manual_payment(account_id, D(f["amount"]), f.get("method", "cash"),
                                     f.get("reference", ""), current_user())
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/payments/<int:payment_id>/refund", methods=["POST"])
@requires_auth
def refund(payment_id):
    payments.refund_payment(payment_id, current_user())
    flash("Payment %s refunded" % payment_id, "info")
    return redirect(request.referrer or url_for("billing.unmatched_payments"))


@bp.route("/account/<int:account_id>/mandate", methods=["POST"])
@requires_auth
def add_mandate(account_id):
    try:
        payments.add_payment_method(account_id, "dd", iban=request.form["iban"], bic=request.form.get("bic"))
        dbutil.commit()
    except payments.PaymentError as e:
        flash(str(e), "error")
    return redirect(url_for("customers.account_detail", account_id=account_id))


@bp.route("/dunning")
@requires_auth
def dunning_overview():
    cases = dbutil.fetchall("""
        SELECT c.*, a.account_no, a.name FROM dunning_cases c JOIN accounts a ON a.id = c.account_id
         WHERE c.status = 'open' ORDER BY c.current_step DESC, c.balance_due DESC""")
    return render_template("billing/dunning.html", cases=cases)


@bp.route("/dunning/<int:account_id>")
@requires_auth
def dunning_history(account_id):
    return render_template("billing/dunning_history.html", rows=dunning.case_history(account_id),
                           account=dbutil.get_account(account_id))


@bp.route("/reports/aged_debt.csv")
@requires_auth
def aged_debt_csv():
    header, rows = reports.aged_debt_report(date_arg("as_of", today()))
    return csv_response(reports.write_csv(header, rows), "aged_debt_%s.csv" % today().strftime("%Y%m%d"))
