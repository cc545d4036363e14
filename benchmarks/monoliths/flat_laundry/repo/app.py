"""
app.py - the LHS web app (office screens).

    python app.py            # dev server
    gunicorn app:app         # live

Every screen is in here. Sorry. New stuff should go in a blueprint like api.py.
"""
import datetime
import logging

from flask import Flask, request, session, redirect, render_template, flash, abort, Response, url_for

import config
import db
import util
import dates
import auth
import accounts
import invoicing
import pricing
import linen
import routes
import transport
import plant_ops
import maintenance
import quality
import complaints
import staff
import rota
import rfid
import pdfgen
import forms
from decorators import login_required, admin_required

log = logging.getLogger('lhs.app')

app = Flask(__name__)
app.secret_key = config.SECRET_KEY


def create_app():
    from api import bp
    import portal
    app.register_blueprint(bp)
    app.register_blueprint(portal.bp)
    logging.basicConfig(level=logging.DEBUG if config.DEBUG else logging.INFO)
    return app


@app.before_request
def _before_request():
    request.started = datetime.datetime.now()


@app.teardown_request
def _teardown(exc):
    db.release_conn()


@app.errorhandler(404)
def not_found(e):
    return render_template('404.html'), 404


@app.errorhandler(500)
def server_error(e):
    log.exception('500 on %s', request.path)
    return render_template('500.html'), 500


def render(tpl, **kw):
    kw.setdefault('user', auth.current_user())
    kw.setdefault('fmt_money', util.fmt_money)
    kw.setdefault('fmt_date', util.fmt_date)
    return render_template(tpl, **kw)


def _int_arg(name, default=None):
    return util.to_int(request.args.get(name), default)


# ---------------------------------------------------------------------------
# login
# ---------------------------------------------------------------------------

@app.route('/login', methods=['GET', 'POST'])
def login():
    if request.method == 'POST':
        u = auth.authenticate(request.form.get('username', ''), request.form.get('password', ''))
        if u:
            session['user_id'] = u['id']
            session['is_admin'] = u['is_admin']
            return redirect(request.args.get('next') or '/')
        flash('Wrong username or password')
    return render('login.html')


@app.route('/logout')
def logout():
    session.clear()
    return redirect('/login')


@app.route('/')
@login_required
def index():
    return redirect('/deliveries/today')


# ---------------------------------------------------------------------------
# customers / contracts
# ---------------------------------------------------------------------------

@app.route('/customers')
@login_required
def customer_list():
    rows = accounts.list_customers(sector=request.args.get('sector'), search=request.args.get('q'))
    return render('customers.html', customers=rows)


@app.route('/customers/new', methods=['GET', 'POST'])
@login_required
def customer_new():
    form = forms.CustomerForm(request.form)
    if request.method == 'POST' and form.is_valid():
        cid = accounts.create_customer(form.cleaned())
        return redirect('/customers/%d' % cid)
    return render('customer_edit.html', form=form)


@app.route('/customers/<int:customer_id>')
@login_required
def customer_view(customer_id):
    c = accounts.get_customer(customer_id)
    if not c:
        abort(404)
    contract = db.fetch_one("SELECT * FROM contracts WHERE customer_id = %s AND status = 'live'", (customer_id,))
    # balance box on the customer screen - accounts asked for it (2012)
    bal = db.fetch_value("SELECT balance FROM v_customer_balance WHERE customer_id = %s", (customer_id,), 0)
    return render('customer.html', customer=c, sites=accounts.sites_for_customer(customer_id),
                  contacts=accounts.contacts_for(customer_id), contract=contract, balance=bal,
                  complaints=complaints.complaints_for_customer(customer_id, 10))


@app.route('/customers/<int:customer_id>/sites/new', methods=['GET', 'POST'])
@login_required
def site_new(customer_id):
    form = forms.SiteForm(request.form)
    if request.method == 'POST' and form.is_valid():
        accounts.add_site(customer_id, form.cleaned())
        return redirect('/customers/%d' % customer_id)
    return render('site_edit.html', form=form, customer_id=customer_id)


@app.route('/customers/<int:customer_id>/contracts/new', methods=['GET', 'POST'])
@login_required
def contract_new(customer_id):
    form = forms.ContractForm(request.form)
    if request.method == 'POST' and form.is_valid():
        d = form.cleaned()
        ct = accounts.create_contract(customer_id, d['start_date'], d['billing_basis'],
                                      price_list_id=util.to_int(d.get('price_list_id'), None),
                                      min_weekly_charge=util.to_decimal(d.get('min_weekly_charge'), 0))
        return redirect('/contracts/%d' % ct)
    return render('contract_edit.html', form=form, customer_id=customer_id)


@app.route('/contracts/<int:contract_id>', methods=['GET', 'POST'])
@login_required
def contract_view(contract_id):
    ct = accounts.get_contract(contract_id)
    if not ct:
        abort(404)
    if request.method == 'POST':
        if request.form.get('action') == 'activate':
            accounts.activate_contract(contract_id)
        elif request.form.get('action') == 'add_line':
            accounts.add_contract_line(contract_id, util.to_int(request.form['linen_type_id']),
                                       util.to_int(request.form.get('rental_qty')),
                                       util.to_decimal(request.form.get('unit_price')),
                                       util.to_decimal(request.form.get('wash_price')),
                                       site_id=util.to_int(request.form.get('site_id'), None))
        return redirect('/contracts/%d' % contract_id)
    lines = db.fetch_all("SELECT cl.*, lt.sku, lt.description FROM contract_lines cl JOIN linen_types lt "
                         "ON lt.id = cl.linen_type_id WHERE cl.contract_id = %s", (contract_id,))
    return render('contract.html', contract=ct, lines=lines, linen_types=linen.list_linen_types())


@app.route('/price-lists/<int:price_list_id>')
@login_required
def price_list_view(price_list_id):
    pl = db.fetch_one("SELECT * FROM price_lists WHERE id = %s", (price_list_id,))
    return render('price_list.html', price_list=pl, items=pricing.price_list_items(price_list_id))


# ---------------------------------------------------------------------------
# deliveries / routes / collections
# ---------------------------------------------------------------------------

@app.route('/deliveries/today')
@login_required
def deliveries_today():
    day = util.parse_date(request.args.get('day')) or util.today()
    return render('deliveries.html', day=day, deliveries=transport.deliveries_for_day(day, _int_arg('route')),
                  over_capacity=routes.check_van_capacity(day))


@app.route('/deliveries/<int:delivery_id>', methods=['GET', 'POST'])
@login_required
def delivery_view(delivery_id):
    d = transport.delivery_detail(delivery_id)
    if not d:
        abort(404)
    if request.method == 'POST':
        action = request.form.get('action')
        if action == 'load':
            transport.load_delivery(delivery_id, session.get('user_id'))
        elif action == 'confirm':
            delivered = dict((util.to_int(k[4:]), util.to_int(v)) for k, v in request.form.items()
                             if k.startswith('qty_'))
            transport.confirm_delivery(delivery_id, delivered, request.form.get('signed_by'))
        elif action == 'cancel':
            transport.cancel_delivery(delivery_id)
            return redirect('/deliveries/today')
        return redirect('/deliveries/%d' % delivery_id)
    return render('delivery.html', delivery=d)


@app.route('/routes')
@login_required
def route_list():
    return render('routes.html', routes=routes.list_routes(_int_arg('day')), unrouted=routes.unrouted_sites())


@app.route('/routes/<int:route_id>', methods=['GET', 'POST'])
@login_required
def route_view(route_id):
    if request.method == 'POST':
        if request.form.get('action') == 'add_stop':
            routes.add_stop(route_id, util.to_int(request.form['site_id']))
        elif request.form.get('action') == 'driver':
            routes.assign_driver(route_id, util.to_int(request.form['driver_id'], None))
        elif request.form.get('action') == 'resequence':
            routes.resequence(route_id, [util.to_int(x) for x in request.form.getlist('site_id')])
        return redirect('/routes/%d' % route_id)
    r = db.fetch_one("SELECT * FROM routes WHERE id = %s", (route_id,))
    stops = db.fetch_all("SELECT rs.*, s.name, s.postcode FROM route_stops rs JOIN customer_sites s "
                         "ON s.id = rs.site_id WHERE rs.route_id = %s ORDER BY rs.seq", (route_id,))
    return render('route.html', route=r, stops=stops, drivers=routes.available_drivers(util.today()))


@app.route('/routes/<int:route_id>/load-sheet')
@login_required
def load_sheet_view(route_id):
    day = util.parse_date(request.args.get('day')) or util.today()
    rows = routes.load_sheet(route_id, day)
    pdf = pdfgen.render_table_pdf('Load sheet %s' % util.fmt_date(day), ['Seq', 'Site', 'SKU', 'Qty'],
                                  [(r['seq'], r['site_name'], r['sku'], r['qty_ordered']) for r in rows],
                                  [15, 80, 30, 20])
    return Response(pdf, mimetype='application/pdf')


@app.route('/collections')
@login_required
def collections_today():
    day = util.parse_date(request.args.get('day')) or util.today()
    return render('collections.html', day=day, collections=transport.collections_for_day(day),
                  overdue=transport.unreceived_collections())


# ---------------------------------------------------------------------------
# invoices / payments
# ---------------------------------------------------------------------------

@app.route('/invoices')
@login_required
def invoice_list():
    status = request.args.get('status', 'issued')
    sql = ("SELECT i.*, c.name AS customer_name FROM invoices i JOIN customers c ON c.id = i.customer_id "
           "WHERE i.status = '%s'" % status.replace("'", ""))
    if request.args.get('customer'):
        sql += " AND i.customer_id = %d" % util.to_int(request.args['customer'])
    rows = db.fetch_all(sql + " ORDER BY i.issue_date DESC LIMIT 300")
    return render('invoices.html', invoices=rows, status=status)


@app.route('/invoices/<int:invoice_id>', methods=['GET', 'POST'])
@login_required
def invoice_view(invoice_id):
    if request.method == 'POST':
        if request.form.get('action') == 'issue':
            accounts.issue_invoice(invoice_id)
        elif request.form.get('action') == 'void':
            invoicing.void_invoice(invoice_id, request.form.get('reason', ''))
        return redirect('/invoices/%d' % invoice_id)
    inv = db.fetch_one("SELECT i.*, c.name AS customer_name FROM invoices i JOIN customers c ON c.id = i.customer_id "
                       "WHERE i.id = %s", (invoice_id,))
    if not inv:
        abort(404)
    lines = db.fetch_all("SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY id", (invoice_id,))
    pays = db.fetch_all("SELECT * FROM payments WHERE invoice_id = %s ORDER BY paid_on", (invoice_id,))
    return render('invoice.html', invoice=inv, lines=lines, payments=pays)


@app.route('/invoices/<int:invoice_id>.pdf')
@login_required
def invoice_pdf(invoice_id):
    pdf = pdfgen.render_invoice(invoice_id)
    if pdf is None:
        abort(404)
    return Response(pdf, mimetype='application/pdf')


@app.route('/payments/new', methods=['GET', 'POST'])
@login_required
def payment_new():
    form = forms.PaymentForm(request.form)
    if request.method == 'POST' and form.is_valid():
        d = form.cleaned()
        accounts.record_payment(util.to_int(d['invoice_id']), d['amount'], util.parse_date(d.get('paid_on')),
                                d.get('method', 'bacs'), d.get('reference'))
        return redirect('/invoices/%s' % d['invoice_id'])
    return render('payment.html', form=form)


@app.route('/billing/run', methods=['GET', 'POST'])
@admin_required
def billing_run_new():
    if request.method == 'POST':
        start = util.parse_date(request.form['period_start'])
        end = util.parse_date(request.form['period_end'])
        try:
            run_id, made = invoicing.run_billing(start, end, session.get('user_id'),
                                                 issue=bool(request.form.get('issue')))
        except ValueError as e:
            flash(str(e))
            return redirect('/billing/run')
        flash('%d invoices created' % len(made))
        return redirect('/invoices?status=draft')
    start, end = invoicing.previous_week_period()
    runs = db.fetch_all("SELECT * FROM billing_runs ORDER BY id DESC LIMIT 20")
    return render('billing_run.html', start=start, end=end, runs=runs)


@app.route('/customers/<int:customer_id>/statement')
@login_required
def statement_view(customer_id):
    return render('statement.html', customer=accounts.get_customer(customer_id),
                  rows=accounts.customer_statement(customer_id))


# ---------------------------------------------------------------------------
# linen / stock
# ---------------------------------------------------------------------------

@app.route('/linen')
@login_required
def linen_catalogue():
    return render('linen.html', types=linen.list_linen_types(request.args.get('cat'), active_only=False),
                  categories=linen.categories())


@app.route('/linen/new', methods=['GET', 'POST'])
@admin_required
def linen_type_new():
    form = forms.LinenTypeForm(request.form)
    if request.method == 'POST' and form.is_valid():
        d = form.cleaned()
        linen.create_linen_type(d['sku'], d['category'], d['description'], util.to_int(d['weight_g']),
                                d.get('colour', 'white'), util.to_int(d.get('max_washes'), 150),
                                util.to_decimal(d.get('replacement_cost')))
        return redirect('/linen')
    return render('linen_edit.html', form=form, categories=linen.categories())


@app.route('/stock')
@login_required
def stock_view():
    return render('stock.html', position=linen.stock_position(), reorder=linen.reorder_suggestions())


@app.route('/sites/<int:site_id>/par', methods=['GET', 'POST'])
@login_required
def par_levels_edit(site_id):
    if request.method == 'POST':
        for k, v in request.form.items():
            if k.startswith('par_'):
                linen.set_par_level(site_id, util.to_int(k[4:]), util.to_int(v))
        return redirect('/sites/%d/par' % site_id)
    return render('par_levels.html', site_id=site_id, pars=linen.par_levels_for_site(site_id),
                  linen_types=linen.list_linen_types())


# ---------------------------------------------------------------------------
# plant
# ---------------------------------------------------------------------------

@app.route('/plant')
@login_required
def plant_board():
    return render('plant.html', machines=plant_ops.list_machines(), batches=plant_ops.open_batches(),
                  faults=maintenance.open_faults(), jobs=maintenance.jobs_due(7),
                  utilisation=plant_ops.machine_utilisation(util.today()))


@app.route('/plant/machines/<int:machine_id>/fault', methods=['POST'])
@login_required
def machine_fault(machine_id):
    user = auth.current_user()
    maintenance.report_fault(machine_id, user['staff_id'] if user else None, request.form.get('description', ''))
    return redirect('/plant')


@app.route('/plant/batches/<int:batch_id>')
@login_required
def batch_view(batch_id):
    b = plant_ops.batch_detail(batch_id)
    if not b:
        abort(404)
    return render('batch.html', batch=b, inspections=plant_ops.inspections_for_batch(batch_id))


# ---------------------------------------------------------------------------
# quality / complaints
# ---------------------------------------------------------------------------

@app.route('/complaints')
@login_required
def complaints_list():
    return render('complaints.html', complaints=complaints.open_complaints())


@app.route('/complaints/new', methods=['GET', 'POST'])
@login_required
def complaint_new():
    form = forms.ComplaintForm(request.form)
    if request.method == 'POST' and form.is_valid():
        d = form.cleaned()
        complaints.log_complaint(util.to_int(d['customer_id']), d['category'], d['description'],
                                 util.to_int(d.get('site_id'), None), util.to_int(d.get('delivery_id'), None),
                                 d.get('credit_requested'))
        return redirect('/complaints')
    return render('complaint_edit.html', form=form)


@app.route('/complaints/<int:complaint_id>/resolve', methods=['POST'])
@login_required
def complaint_resolve(complaint_id):
    complaints.resolve_complaint(complaint_id, bool(request.form.get('credit')), request.form.get('note'))
    return redirect('/complaints')


@app.route('/quality/rejects')
@login_required
def rejects_view():
    end = util.today()
    start = end - datetime.timedelta(days=_int_arg('days', 7))
    return render('rejects.html', by_reason=quality.reject_stats_by_reason(start, end),
                  by_type=quality.reject_stats_by_type(start, end), rewash=quality.rewash_pending(),
                  rate=plant_ops.reject_rate(start, end))


# ---------------------------------------------------------------------------
# rfid
# ---------------------------------------------------------------------------

@app.route('/rfid/sites/<int:site_id>')
@login_required
def rfid_site_view(site_id):
    return render('rfid_site.html', tags=linen.tags_for_site(site_id), lost=linen.tags_for_site(site_id, 'lost'))


@app.route('/rfid/tags/<epc>')
@login_required
def tag_view(epc):
    t = db.fetch_one("SELECT * FROM rfid_tags WHERE epc = %s", (epc.upper(),))
    if not t:
        abort(404)
    return render('tag.html', tag=t, history=rfid.tag_history(epc))


# ---------------------------------------------------------------------------
# staff
# ---------------------------------------------------------------------------

@app.route('/staff')
@login_required
def staff_list():
    return render('staff.html', staff=staff.list_staff(request.args.get('role')))


@app.route('/staff/<int:staff_id>', methods=['GET', 'POST'])
@admin_required
def staff_edit(staff_id):
    form = forms.StaffForm(request.form)
    if request.method == 'POST' and form.is_valid():
        staff.update_staff(staff_id, form.cleaned())
        return redirect('/staff')
    return render('staff_edit.html', form=form, person=staff.get_staff(staff_id),
                  training=staff.training_for(staff_id))


@app.route('/timesheets')
@login_required
def timesheets_week():
    ws = util.parse_date(request.args.get('week')) or dates.week_start()
    return render('timesheets.html', week=ws, rows=staff.timesheets_for_week(ws),
                  missing=staff.missing_clock_outs())


@app.route('/rota')
@login_required
def rota_week():
    ws = util.parse_date(request.args.get('week')) or dates.week_start()
    return render('rota.html', week=ws, rota=rota.rota_for_week(ws, request.args.get('area')),
                  short=rota.understaffed_shifts(ws))


if __name__ == '__main__':
    create_app()
    app.run(debug=True, port=5000)
