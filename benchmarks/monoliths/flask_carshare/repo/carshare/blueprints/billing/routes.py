from flask import abort, flash, redirect, render_template, request, url_for

from carshare import auth, payments_gateway, services
from carshare.blueprints.billing import bp
from carshare.db import fetch_all
from carshare import queries as Q
from carshare.errors import CarshareError, PaymentDeclined
from carshare.lib.decorators import admin_required, json_view, login_required
from carshare.lib.formatting import mask_card
from carshare.lib.money import format_money, to_pence


def _own_invoice(invoice_id):
    inv = services.get_invoice(invoice_id)
    if inv["member_id"] != auth.current_member_id() and not auth.current_member()["is_admin"]:
        abort(403)
    return inv


@bp.route("/invoices")
@login_required
def invoices():
    rows = services.member_invoices(auth.current_member_id())
    outstanding = sum(r["total_pence"] for r in rows if r["status"] in ("open", "overdue"))
    return render_template("billing/invoices.html", invoices=rows, outstanding=format_money(outstanding))


@bp.route("/invoices/<int:invoice_id>")
@login_required
def invoice(invoice_id):
    inv = _own_invoice(invoice_id)
    return render_template("billing/invoice.html", invoice=inv, lines=services.invoice_lines(invoice_id),
                           payments=fetch_all(Q.PAYMENTS_FOR_INVOICE, (invoice_id,)))


@bp.route("/invoices/<int:invoice_id>/pay", methods=["POST"])
@login_required
def pay(invoice_id):
    _own_invoice(invoice_id)
    try:
        services.charge_invoice(invoice_id)
        flash("Paid, thank you")
    except PaymentDeclined as e:
        flash("Payment failed: %s" % e.message, "error")
    return redirect(url_for("billing.invoice", invoice_id=invoice_id))


@bp.route("/invoices/<int:invoice_id>/promo", methods=["POST"])
@login_required
def promo(invoice_id):
    _own_invoice(invoice_id)
    try:
        discount = services.apply_promo_code(auth.current_member_id(), invoice_id, request.form.get("code", ""))
        flash("Discount of %s applied" % format_money(discount))
    except CarshareError as e:
        flash(e.message, "error")
    return redirect(url_for("billing.invoice", invoice_id=invoice_id))


@bp.route("/cards")
@login_required
def cards():
    member = auth.current_member()
    rows = fetch_all("SELECT * FROM payment_methods WHERE member_id = %s AND removed_at IS NULL ORDER BY id",
                     (member["id"],))
    for r in rows:
        r["label"] = mask_card(r["last4"], r["card_brand"])
    setup = payments_gateway.create_setup_intent(payments_gateway.ensure_customer(member))
    return render_template("billing/cards.html", cards=rows, client_secret=setup["client_secret"])


@bp.route("/cards", methods=["POST"])
@login_required
def add_card():
    token = request.form.get("payment_method")
    if not token:
        abort(400)
    details = payments_gateway.card_details(token)
    services.add_payment_method(auth.current_member_id(), token, details["brand"], details["last4"],
                                details["exp_month"], details["exp_year"])
    flash("Card added")
    return redirect(url_for("billing.cards"))


@bp.route("/cards/<int:pm_id>/remove", methods=["POST"])
@login_required
def remove_card(pm_id):
    services.execute(Q.REMOVE_PAYMENT_METHOD, (pm_id, auth.current_member_id()))
    return redirect(url_for("billing.cards"))


# --- ops ------------------------------------------------------------------

@bp.route("/admin/invoices/<int:invoice_id>/void", methods=["POST"])
@admin_required
def void_invoice(invoice_id):
    inv = services.get_invoice(invoice_id)
    if inv["status"] == "paid":
        flash("Refund it instead", "error")
    else:
        services.execute(Q.UPDATE_INVOICE_STATUS, ("void", invoice_id))
    return redirect(url_for("admin.member", member_id=inv["member_id"]))


@bp.route("/admin/payments/<int:payment_id>/refund", methods=["POST"])
@admin_required
def refund(payment_id):
    amount = request.form.get("amount")
    try:
        services.refund_payment(payment_id, to_pence(amount) if amount else None, request.form.get("reason"))
        flash("Refunded")
    except CarshareError as e:
        flash(e.message, "error")
    return redirect(request.referrer or url_for("admin.index"))


@bp.route("/admin/members/<int:member_id>/credit", methods=["POST"])
@admin_required
def goodwill_credit(member_id):
    amount = to_pence(request.form.get("amount"))
    if amount <= 0 or amount > 10000:
        flash("Credit must be between 0 and 100", "error")
    else:
        services.add_misc_charge(member_id, "discount", request.form.get("reason") or "Goodwill credit", -amount)
    return redirect(url_for("admin.member", member_id=member_id))


@bp.route("/admin/tariffs")
@admin_required
def tariffs():
    rows = fetch_all("SELECT * FROM tariffs ORDER BY vehicle_category, valid_from DESC")
    return render_template("billing/tariffs.html", tariffs=rows)


@bp.route("/admin/promos", methods=["GET", "POST"])
@admin_required
def promos():
    if request.method == "POST":
        f = request.form
        services.execute(
            "INSERT INTO promo_codes (code, description, discount_percent, discount_pence, max_redemptions, "
            "valid_from, valid_to) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (f["code"].upper(), f.get("description"), f.get("percent") or None,
             to_pence(f["amount"]) if f.get("amount") else None, f.get("max") or None,
             f.get("valid_from") or None, f.get("valid_to") or None))
        return redirect(url_for("billing.promos"))
    rows = fetch_all("""
        SELECT p.*, (SELECT count(*) FROM promo_redemptions r WHERE r.promo_code_id = p.id) AS used
          FROM promo_codes p ORDER BY p.id DESC""")
    return render_template("billing/promos.html", promos=rows)


@bp.route("/api/webhook", methods=["POST"])
@json_view
def stripe_webhook():
    event = request.get_json(force=True)
    if event.get("type") == "charge.dispute.created":
        ref = event["data"]["object"].get("payment_intent")
        pay = services.fetch_one("SELECT * FROM payments WHERE provider_ref = %s", (ref,))
        if pay:
            services.execute(Q.UPDATE_INVOICE_STATUS, ("overdue", pay["invoice_id"]))
    return {"received": True}
