import datetime

from flask import (Blueprint, abort, flash, g, redirect, render_template,
                   request, url_for)

from bakery.delivery import (close_run, drop_sheet, plan_delivery_runs,
                             resequence_run, run_distance_km)
from bakery.forms import WholesaleCustomerForm, WholesaleOrderForm
from bakery.helpers.dates import next_delivery_day, parse_date
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.helpers.formatting import Paginator, format_order_ref
from bakery.models import (DeliveryDrop, DeliveryRun, Employee, Product,
                           StandingOrder, WholesaleCustomer, WholesaleInvoice,
                           WholesaleOrder, WholesaleOrderLine, open_orders_for)
from bakery.services import (ServiceError, assign_driver, cancel_order,
                             confirm_order, create_wholesale_order,
                             customer_balance, invoice_customer,
                             run_summary, uninvoiced_orders)

bp = Blueprint("wholesale", __name__, url_prefix="/wholesale")


@bp.route("/customers")
@login_required
def customers():
    q = request.args.get("q", "")
    query = WholesaleCustomer.select().order_by(WholesaleCustomer.name)
    if q:
        query = query.where(WholesaleCustomer.name.contains(q) | WholesaleCustomer.account_code.contains(q))
    return render_template("wholesale/customers.html", customers=query, q=q)


@bp.route("/customers/new", methods=["GET", "POST"])
@bp.route("/customers/<int:customer_id>/edit", methods=["GET", "POST"])
@role_required("office", "manager")
def edit_customer(customer_id=None):
    customer = get_or_404(WholesaleCustomer, id=customer_id) if customer_id else WholesaleCustomer()
    form = WholesaleCustomerForm(obj=customer)
    if form.validate_on_submit():
        form.populate(customer)
        customer.postcode = customer.postcode.upper().strip()
        customer.save()
        flash("Saved %s" % customer.name)
        return redirect(url_for("wholesale.customer_detail", customer_id=customer.id))
    return render_template("wholesale/customer_form.html", form=form, customer=customer)


@bp.route("/customers/<int:customer_id>")
@login_required
def customer_detail(customer_id):
    customer = get_or_404(WholesaleCustomer, id=customer_id)
    return render_template(
        "wholesale/customer.html", customer=customer,
        open_orders=open_orders_for(customer), balance=customer_balance(customer),
        standing=StandingOrder.select().where(StandingOrder.customer == customer).order_by(StandingOrder.weekday),
        next_day=next_delivery_day(customer),
        invoices=customer.invoices.order_by(WholesaleInvoice.issue_date.desc()).limit(20),
    )


@bp.route("/customers/<int:customer_id>/standing", methods=["POST"])
@role_required("office", "manager")
def save_standing(customer_id):
    customer = get_or_404(WholesaleCustomer, id=customer_id)
    StandingOrder.delete().where(StandingOrder.customer == customer).execute()
    for key, value in request.form.items():
        # key: so_<product_id>_<weekday>
        if not key.startswith("so_") or not value.strip():
            continue
        _, product_id, weekday = key.split("_")
        qty = int(value)
        if qty > 0:
            StandingOrder.create(customer=customer, product=int(product_id), weekday=int(weekday), quantity=qty)
    flash("Standing order updated")
    return redirect(url_for("wholesale.customer_detail", customer_id=customer.id))


@bp.route("/customers/<int:customer_id>/pause", methods=["POST"])
@role_required("office", "manager")
def pause_standing(customer_id):
    until = parse_date(request.form.get("until"))
    (StandingOrder.update(paused_until=until)
     .where(StandingOrder.customer == customer_id).execute())
    return redirect(url_for("wholesale.customer_detail", customer_id=customer_id))


@bp.route("/orders")
@login_required
def orders():
    day = parse_date(request.args.get("date"))
    query = WholesaleOrder.select().join(WholesaleCustomer).order_by(WholesaleOrder.delivery_date.desc(),
                                                                     WholesaleCustomer.name)
    if day:
        query = query.where(WholesaleOrder.delivery_date == day)
    status = request.args.get("status")
    if status:
        query = query.where(WholesaleOrder.status == status)
    return render_template("wholesale/orders.html", page=Paginator(query, request.args.get("page", 1)),
                           day=day, status=status)


@bp.route("/orders/new", methods=["GET", "POST"])
@role_required("office", "manager")
def new_order():
    form = WholesaleOrderForm()
    form.customer_id.choices = [(c.id, c.name) for c in WholesaleCustomer.select()
                                .where(WholesaleCustomer.on_stop == False).order_by(WholesaleCustomer.name)]  # noqa: E712
    products = Product.select().where((Product.sold_wholesale == True) & (Product.active == True))  # noqa: E712
    if form.validate_on_submit():
        customer = WholesaleCustomer.get_by_id(form.customer_id.data)
        lines = []
        for p in products:
            qty = request.form.get("qty_%d" % p.id, type=int)
            if qty:
                lines.append((p, qty))
        try:
            order = create_wholesale_order(customer, form.delivery_date.data, lines,
                                           source=request.form.get("source", "phone"), notes=form.notes.data)
        except ServiceError as exc:
            flash(str(exc), "error")
        else:
            flash("Order %s created" % format_order_ref(order))
            return redirect(url_for("wholesale.order_detail", order_id=order.id))
    return render_template("wholesale/order_form.html", form=form, products=products)


@bp.route("/orders/<int:order_id>")
@login_required
def order_detail(order_id):
    order = get_or_404(WholesaleOrder, id=order_id)
    return render_template("wholesale/order.html", order=order, ref=format_order_ref(order),
                           lines=order.lines.join(Product).order_by(Product.name))


@bp.route("/orders/<int:order_id>/lines", methods=["POST"])
@role_required("office", "manager")
def update_lines(order_id):
    order = get_or_404(WholesaleOrder, id=order_id)
    if order.status not in ("pending", "confirmed"):
        abort(400)
    total = 0
    for line in order.lines:
        qty = request.form.get("line_%d" % line.id, type=int)
        if qty is None:
            total += line.unit_price * line.quantity
            continue
        if qty <= 0:
            line.delete_instance()
        else:
            WholesaleOrderLine.update(quantity=qty).where(WholesaleOrderLine.id == line.id).execute()
            total += line.unit_price * qty
    order.total = total
    order.save()
    return redirect(url_for("wholesale.order_detail", order_id=order.id))


@bp.route("/orders/<int:order_id>/confirm", methods=["POST"])
@role_required("office", "manager")
def order_confirm(order_id):
    try:
        confirm_order(get_or_404(WholesaleOrder, id=order_id))
    except ServiceError as exc:
        flash(str(exc), "error")
    return redirect(url_for("wholesale.order_detail", order_id=order_id))


@bp.route("/orders/<int:order_id>/cancel", methods=["POST"])
@role_required("office", "manager")
def order_cancel(order_id):
    try:
        cancel_order(get_or_404(WholesaleOrder, id=order_id), request.form.get("reason"))
    except ServiceError as exc:
        flash(str(exc), "error")
    return redirect(url_for("wholesale.order_detail", order_id=order_id))


@bp.route("/runs")
@login_required
def runs():
    day = parse_date(request.args.get("date"), datetime.date.today() + datetime.timedelta(days=1))
    runs = DeliveryRun.select().where(DeliveryRun.run_date == day).order_by(DeliveryRun.name)
    drivers = Employee.select().where(Employee.job_title.contains("river") & Employee.leave_date.is_null())
    return render_template("wholesale/runs.html", day=day, runs=[(r, run_summary(r), run_distance_km(r)) for r in runs],
                           drivers=drivers)


@bp.route("/runs/plan", methods=["POST"])
@role_required("office", "manager")
def runs_plan():
    day = parse_date(request.form.get("date"))
    created = plan_delivery_runs(day)
    flash("Planned %d runs" % len(created))
    return redirect(url_for("wholesale.runs", date=day.isoformat()))


@bp.route("/runs/<int:run_id>")
@login_required
def run_detail(run_id):
    run = get_or_404(DeliveryRun, id=run_id)
    return render_template("wholesale/run.html", run=run, sheet=drop_sheet(run), summary=run_summary(run))


@bp.route("/runs/<int:run_id>/driver", methods=["POST"])
@role_required("office", "manager")
def run_driver(run_id):
    run = get_or_404(DeliveryRun, id=run_id)
    assign_driver(run, get_or_404(Employee, id=request.form.get("employee_id", type=int)))
    return redirect(url_for("wholesale.run_detail", run_id=run.id))


@bp.route("/runs/<int:run_id>/move-drop", methods=["POST"])
@role_required("office", "manager")
def move_drop(run_id):
    drop = get_or_404(DeliveryDrop, id=request.form.get("drop_id", type=int))
    target = get_or_404(DeliveryRun, id=request.form.get("target_run_id", type=int))
    drop.run = target
    drop.save()
    resequence_run(target)
    resequence_run(get_or_404(DeliveryRun, id=run_id))
    return redirect(url_for("wholesale.run_detail", run_id=target.id))


@bp.route("/runs/<int:run_id>/close", methods=["POST"])
@role_required("office", "manager", "driver")
def run_close(run_id):
    run = get_or_404(DeliveryRun, id=run_id)
    undelivered = close_run(run, request.form.get("mileage", type=int))
    if undelivered:
        flash("%d drops not delivered - office will call the customers" % len(undelivered), "error")
    return redirect(url_for("wholesale.runs", date=run.run_date.isoformat()))


@bp.route("/invoicing", methods=["GET", "POST"])
@role_required("office")
def invoicing():
    if request.method == "POST":
        made = 0
        for cid in request.form.getlist("customer_id"):
            customer = WholesaleCustomer.get_by_id(int(cid))
            orders = list(uninvoiced_orders(customer))
            if orders:
                invoice_customer(customer, orders)
                made += 1
        flash("Created %d invoices" % made)
        return redirect(url_for("wholesale.invoicing"))
    pending = {}
    for order in uninvoiced_orders():
        pending.setdefault(order.customer, []).append(order)
    return render_template("wholesale/invoicing.html", pending=pending, user=g.user)


@bp.route("/invoices/<int:invoice_id>/paid", methods=["POST"])
@role_required("office")
def invoice_paid(invoice_id):
    invoice = get_or_404(WholesaleInvoice, id=invoice_id)
    invoice.paid = True
    invoice.paid_on = parse_date(request.form.get("paid_on"), datetime.date.today())
    invoice.save()
    return redirect(url_for("wholesale.customer_detail", customer_id=invoice.customer_id))
