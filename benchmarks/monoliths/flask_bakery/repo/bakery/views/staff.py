import datetime

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from bakery.auth import create_user
from bakery.forms import EmployeeForm, LeaveRequestForm, ShiftForm
from bakery.helpers.dates import daterange, parse_date, week_bounds
from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.models import (Employee, LeaveRequest, Shift, Shop, TimesheetEntry, User,
                           active_shops)
from bakery.services import (ServiceError, add_shift, clock_in, clock_out,
                             decide_leave, hours_for_week, publish_rota)

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("/")
@role_required("manager")
def employees():
    show_leavers = request.args.get("leavers") == "1"
    query = Employee.select().order_by(Employee.last_name)
    if not show_leavers:
        query = query.where(Employee.leave_date.is_null())
    return render_template("staff/employees.html", employees=query, show_leavers=show_leavers)


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:employee_id>", methods=["GET", "POST"])
@role_required("manager")
def edit_employee(employee_id=None):
    employee = get_or_404(Employee, id=employee_id) if employee_id else Employee()
    form = EmployeeForm(obj=employee)
    form.home_shop_id.choices = [(s.id, s.name) for s in active_shops()]
    if form.validate_on_submit():
        form.populate(employee)
        employee.home_shop = form.home_shop_id.data
        employee.save()
        if request.form.get("create_login") and employee.email:
            if not User.select().where(User.email == employee.email.lower()).exists():
                create_user(employee.email, request.form.get("password") or "changeme",
                            role=request.form.get("role", "staff"), employee=employee)
        flash("Saved %s" % employee.full_name)
        return redirect(url_for("staff.employees"))
    return render_template("staff/employee_form.html", form=form, employee=employee,
                           hours=hours_for_week(employee) if employee.id else None)


@bp.route("/rota/<int:shop_id>")
@login_required
def rota(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    start, end = week_bounds(parse_date(request.args.get("week")))
    shifts = (Shift.select().join(Employee)
              .where((Shift.shop == shop) & (Shift.shift_date.between(start, end)))
              .order_by(Shift.shift_date, Shift.start_time))
    if g.user.role not in ("manager", "admin"):
        shifts = shifts.where(Shift.published == True)  # noqa: E712
    grid = {}
    for s in shifts:
        grid.setdefault(s.employee, {}).setdefault(s.shift_date, []).append(s)
    return render_template("staff/rota.html", shop=shop, days=list(daterange(start, end)), grid=grid,
                           form=ShiftForm(), start=start)


@bp.route("/rota/shift", methods=["POST"])
@role_required("manager")
def rota_add_shift():
    form = ShiftForm()
    form.employee_id.choices = [(e.id, e.full_name) for e in Employee.select()]
    form.shop_id.choices = [(s.id, s.name) for s in Shop.select()]
    if form.validate_on_submit():
        try:
            add_shift(Employee.get_by_id(form.employee_id.data), Shop.get_by_id(form.shop_id.data),
                      form.shift_date.data, form.start_time.data, form.end_time.data, form.role.data)
        except ServiceError as exc:
            flash(str(exc), "error")
    return redirect(url_for("staff.rota", shop_id=form.shop_id.data, week=form.shift_date.data))


@bp.route("/rota/shift/<int:shift_id>/delete", methods=["POST"])
@role_required("manager")
def rota_delete_shift(shift_id):
    shift = get_or_404(Shift, id=shift_id)
    shop_id, day = shift.shop_id, shift.shift_date
    shift.delete_instance()
    return redirect(url_for("staff.rota", shop_id=shop_id, week=day))


@bp.route("/rota/<int:shop_id>/publish", methods=["POST"])
@role_required("manager")
def rota_publish(shop_id):
    shop = get_or_404(Shop, id=shop_id)
    n = publish_rota(shop, parse_date(request.form.get("week")))
    flash("Published %d shifts" % n)
    return redirect(url_for("staff.rota", shop_id=shop.id, week=request.form.get("week")))


@bp.route("/clock", methods=["POST"])
@login_required
def clock():
    employee = g.employee
    if employee is None:
        abort(400)
    try:
        if request.form.get("action") == "in":
            clock_in(employee)
        else:
            clock_out(employee, break_minutes=request.form.get("break_minutes", type=int) or 0)
    except ServiceError as exc:
        flash(str(exc), "error")
    return redirect(request.referrer or url_for("main.index"))


@bp.route("/timesheets")
@role_required("manager")
def timesheets():
    start, end = week_bounds(parse_date(request.args.get("week")))
    entries = (TimesheetEntry.select().join(Employee)
               .where((TimesheetEntry.clock_in >= start) &
                      (TimesheetEntry.clock_in < end + datetime.timedelta(days=1)))
               .order_by(Employee.last_name, TimesheetEntry.clock_in))
    return render_template("staff/timesheets.html", entries=entries, start=start)


@bp.route("/timesheets/approve", methods=["POST"])
@role_required("manager")
def timesheets_approve():
    ids = [int(i) for i in request.form.getlist("entry_id")]
    n = TimesheetEntry.update(approved=True).where(TimesheetEntry.id.in_(ids)).execute()
    flash("Approved %d entries" % n)
    return redirect(request.referrer or url_for("staff.timesheets"))


@bp.route("/leave", methods=["GET", "POST"])
@login_required
def leave():
    form = LeaveRequestForm()
    if form.validate_on_submit() and g.employee is not None:
        LeaveRequest.create(employee=g.employee, start_date=form.start_date.data,
                            end_date=form.end_date.data, kind=form.kind.data)
        flash("Request sent to your manager")
        return redirect(url_for("staff.leave"))
    mine = (LeaveRequest.select().where(LeaveRequest.employee == g.employee)
            .order_by(LeaveRequest.start_date.desc())) if g.employee else []
    pending = []
    if g.user.role in ("manager", "admin"):
        pending = LeaveRequest.select().where(LeaveRequest.status == "pending").order_by(LeaveRequest.start_date)
    return render_template("staff/leave.html", form=form, mine=mine, pending=pending)


@bp.route("/leave/<int:request_id>/decide", methods=["POST"])
@role_required("manager")
def leave_decide(request_id):
    req = get_or_404(LeaveRequest, id=request_id)
    decide_leave(req, request.form.get("decision") == "approve", g.user.email)
    return redirect(url_for("staff.leave"))
