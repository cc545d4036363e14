# -*- coding: utf-8 -*-
# CherryPy page handlers.  Mounted in app.py
import os
import logging

import cherrypy
from mako.lookup import TemplateLookup

import config
import db
import utils
import auth
import core
import billing
import arrears
import field
import quality
import reports
from models import Account, Customer, Meter, ServiceConnection, WorkOrder, LabSample

log = logging.getLogger('water.web')

_lookup = None


def render(template, **ctx):
    global _lookup
    if _lookup is None:
        _lookup = TemplateLookup(directories=[config.get('template_dir')], input_encoding='utf-8',
                                 default_filters=['h'])
    ctx.setdefault('user', auth.current_user())
    ctx.setdefault('fmt_money', utils.format_money)
    ctx.setdefault('fmt_date', utils.format_date)
    ctx.setdefault('flash', _pop_flash())
    return _lookup.get_template(template).render(**ctx)


def flash(msg, level='info'):
    cherrypy.session['flash'] = (level, msg)


def _pop_flash():
    try:
        return cherrypy.session.pop('flash', None)
    except AttributeError:
        return None


def require_post():
    if cherrypy.request.method != 'POST':
        raise cherrypy.HTTPError(405)


def int_param(v, name='id'):
    i = utils.safe_int(v)
    if i is None:
        raise cherrypy.HTTPError(400, 'bad %s' % name)
    return i


def account_or_404(account_id):
    a = core.get_account(int_param(account_id))
    if not a:
        raise cherrypy.NotFound()
    return a


class CustomersHandler(object):

    @cherrypy.expose
    @auth.require_login
    def index(self, q=None, page=1):
        rows = core.find_customers(q) if q else []
        return render('customers/list.html', q=q, result=utils.paginate(rows, page))

    @cherrypy.expose
    @auth.require_login
    def view(self, id):
        c = Customer.get(int_param(id))
        if c is None:
            raise cherrypy.NotFound()
        return render('customers/view.html', customer=c, accounts=c.accounts())

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def new(self, **kw):
        if cherrypy.request.method == 'POST':
            try:
                c = core.create_customer(kw)
            except core.ValidationError as e:
                return render('customers/edit.html', customer=kw, error=str(e))
            raise cherrypy.HTTPRedirect('/customers/view?id=%s' % c.id)
        return render('customers/edit.html', customer={}, error=None)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def edit(self, id, **kw):
        if cherrypy.request.method == 'POST':
            core.update_customer(int_param(id), kw)
            flash('Customer saved')
            raise cherrypy.HTTPRedirect('/customers/view?id=%s' % id)
        return render('customers/edit.html', customer=Customer.get(int_param(id)).to_dict(), error=None)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def merge(self, keep_id, dup_id):
        require_post()
        core.merge_customers(int_param(keep_id), int_param(dup_id))
        raise cherrypy.HTTPRedirect('/customers/view?id=%s' % keep_id)


class AccountsHandler(object):

    @cherrypy.expose
    @auth.require_login
    def view(self, id):
        summary = core.account_summary(int_param(id))
        if not summary:
            raise cherrypy.NotFound()
        return render('accounts/view.html', acct=summary, notes=core.list_account_notes(summary['id']),
                      bills=billing.bill_history(summary['id'], 6),
                      payments=billing.payment_history(summary['id'], 6))

    @cherrypy.expose
    @auth.require_login
    def lookup(self, account_no):
        a = core.get_account_by_no(account_no)
        if not a:
            flash('No account %s' % account_no, 'error')
            raise cherrypy.HTTPRedirect('/')
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % a['id'])

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def open(self, customer_id, premise_id=None, street=None, street_no=None, suburb=None, billing_cycle=1):
        require_post()
        if not premise_id:
            premise_id = core.create_premise(street, street_no, suburb)
        try:
            aid = core.open_account(int_param(customer_id), int_param(premise_id), int(billing_cycle))
        except core.ValidationError as e:
            flash(str(e), 'error')
            raise cherrypy.HTTPRedirect('/customers/view?id=%s' % customer_id)
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % aid)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def close(self, id, final_reading=None, read_date=None):
        require_post()
        bill_id = core.close_account(int_param(id), utils.safe_float(final_reading), read_date)
        flash('Account closed, final bill %s' % bill_id)
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_login
    def note(self, id, note):
        require_post()
        core.add_account_note(int_param(id), note)
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def flags(self, id, paperless=None, indigent=None, medical=None):
        require_post()
        aid = int_param(id)
        core.set_paperless(aid, bool(paperless))
        core.flag_indigent(aid, bool(indigent))
        # TODO move to core once the medical hold form is signed off
        db.execute('UPDATE accounts SET medical_hold = ? WHERE id = ?', (1 if medical else 0, aid))
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_login
    def premise(self, id):
        return render('accounts/premise.html', history=core.premise_history(int_param(id)))


class MetersHandler(object):

    @cherrypy.expose
    @auth.require_login
    def index(self, serial=None):
        m = Meter.by_serial(serial) if serial else None
        readings = core.readings_for_meter(m.id) if m else []
        return render('meters/view.html', meter=m, readings=readings, serial=serial)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def register(self, serial_no, make=None, model=None, size_mm=20, dials=5):
        require_post()
        core.register_meter(serial_no, make, model, int(size_mm), int(dials))
        raise cherrypy.HTTPRedirect('/meters?serial=%s' % serial_no)

    @cherrypy.expose
    @auth.require_login
    def connection(self, id):
        sc = ServiceConnection.get(int_param(id))
        if sc is None:
            raise cherrypy.NotFound()
        return render('meters/connection.html', conn=sc, meter=sc.current_meter())

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def new_connection(self, premise_id, connection_type='DOMESTIC', pipe_size_mm=20):
        require_post()
        cid = core.create_connection(int_param(premise_id), connection_type, int(pipe_size_mm))
        field.create_work_order('NEWCONN', premise_id=int_param(premise_id), connection_id=cid,
                                description='New %s connection %smm' % (connection_type, pipe_size_mm),
                                source='CONNECTION', source_ref=cid)
        raise cherrypy.HTTPRedirect('/meters/connection?id=%s' % cid)


class ReadingsHandler(object):

    @cherrypy.expose
    @auth.require_login
    def capture(self, meter_id=None, reading=None, read_date=None, read_type='A'):
        if cherrypy.request.method == 'POST':
            try:
                rid = core.record_reading(int_param(meter_id), reading, read_date or utils.today().isoformat(),
                                          read_type, auth.current_user_id())
                flash('Reading %s captured' % rid)
            except core.ValidationError as e:
                flash(str(e), 'error')
        return render('readings/capture.html')

    @cherrypy.expose
    @auth.require_login
    def exceptions(self, route_id=None):
        return render('readings/exceptions.html', rows=core.open_read_exceptions(utils.safe_int(route_id)))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def resolve(self, id, accept='1', note=None):
        require_post()
        core.resolve_exception(int_param(id), accept == '1', note)
        raise cherrypy.HTTPRedirect('/readings/exceptions')

    @cherrypy.expose
    @auth.require_login
    def route_sheet(self, route_id, fmt='html'):
        rows = core.route_sheet(int_param(route_id))
        if fmt == 'csv':
            return utils.csv_response(rows, 'route_%s.csv' % route_id)
        return render('readings/route_sheet.html', rows=rows)

    @cherrypy.expose
    @auth.require_login
    def unread(self):
        return utils.csv_response(reports.unread_meters(), 'unread_meters.csv')

    @cherrypy.expose
    @auth.require_login
    def consumption(self, date_from=None, date_to=None):
        return render('reports/table.html', title='Consumption by zone',
                      rows=reports.consumption_by_zone(date_from, date_to))


class TariffsHandler(object):

    @cherrypy.expose
    @auth.require_login
    def index(self):
        rows = db.query_all('SELECT * FROM tariffs ORDER BY customer_class, effective_from DESC')
        return render('billing/tariffs.html', tariffs=rows)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def increase(self, id, effective_from, pct):
        require_post()
        new_id = billing.copy_tariff_for_new_year(int_param(id), effective_from, pct)
        flash('New tariff %s created' % new_id)
        raise cherrypy.HTTPRedirect('/tariffs')


class BillsHandler(object):

    @cherrypy.expose
    @auth.require_login
    def view(self, id):
        b = billing.get_bill(int_param(id))
        if not b:
            raise cherrypy.NotFound()
        return render('billing/bill.html', bill=b)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def void(self, id, reason):
        require_post()
        try:
            billing.void_bill(int_param(id), reason)
        except billing.BillingError as e:
            flash(str(e), 'error')
        raise cherrypy.HTTPRedirect('/bills/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def rebill(self, id):
        require_post()
        new_id = billing.rebill(int_param(id))
        raise cherrypy.HTTPRedirect('/bills/view?id=%s' % new_id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def run(self, cycle=None, period_start=None, period_end=None):
        if cherrypy.request.method == 'POST':
            run_id, n, errors = billing.run_billing_cycle(int(cycle), period_start, period_end)
            return render('billing/run_result.html', summary=reports.billing_run_summary(run_id), errors=errors)
        runs = db.query_all('SELECT * FROM billing_runs ORDER BY id DESC LIMIT 20')
        return render('billing/runs.html', runs=runs)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def revenue(self, date_from=None, date_to=None):
        return render('reports/table.html', title='Revenue by tariff',
                      rows=reports.revenue_by_tariff(date_from, date_to))


class AdjustmentsHandler(object):

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def index(self):
        return render('billing/adjustments.html', rows=billing.pending_adjustments())

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def create(self, account_id, amount, reason, bill_id=None):
        require_post()
        billing.create_adjustment(int_param(account_id), amount, reason, utils.safe_int(bill_id))
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % account_id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def approve(self, id):
        require_post()
        billing.approve_adjustment(int_param(id))
        raise cherrypy.HTTPRedirect('/adjustments')


class PaymentsHandler(object):

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CASHIER)
    def capture(self, account_no=None, amount=None, method='CASH', reference=None):
        if cherrypy.request.method == 'POST':
            a = core.get_account_by_no(account_no)
            if not a:
                flash('Unknown account', 'error')
            else:
                pid = billing.record_payment(a['id'], amount, method, reference)
                try:
                    import notify
                    notify.send_payment_receipt(pid)
                except Exception:
                    log.warning('receipt failed')
                flash('Payment %s posted' % pid)
        return render('payments/capture.html')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def reverse(self, id, reason):
        require_post()
        p = billing.reverse_payment(int_param(id), reason)
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % p.account_id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def refund(self, account_id, amount, reason):
        require_post()
        try:
            billing.create_refund(int_param(account_id), amount, reason)
        except billing.BillingError as e:
            flash(str(e), 'error')
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % account_id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def performance(self, date_from=None, date_to=None):
        return render('reports/collections.html', data=reports.collections_performance(date_from, date_to))


class CreditControlHandler(object):

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def index(self):
        return render('arrears/list.html', rows=arrears.accounts_in_arrears())

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def aged(self, fmt='html'):
        rows = reports.aged_debt_report()
        if fmt == 'csv':
            return utils.csv_response(rows, 'aged_debt.csv')
        return render('reports/table.html', title='Aged debt', rows=rows)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def plan(self, account_id, installments=6):
        require_post()
        try:
            arrears.create_payment_plan(int_param(account_id), int(installments))
        except ValueError as e:
            flash(str(e), 'error')
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % account_id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def disconnections(self, status=None):
        return render('arrears/disconnections.html', rows=reports.disconnection_report(status))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_BILLING)
    def cancel(self, id, reason):
        require_post()
        arrears.cancel_disconnection(int_param(id), reason)
        raise cherrypy.HTTPRedirect('/credit/disconnections')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def reconnect(self, account_id):
        require_post()
        wo = arrears.request_reconnection(int_param(account_id))
        flash('Reconnection job %s raised' % wo if wo else 'Cannot reconnect - arrears outstanding')
        raise cherrypy.HTTPRedirect('/accounts/view?id=%s' % account_id)


class WorkOrdersHandler(object):

    @cherrypy.expose
    @auth.require_login
    def index(self, crew_id=None):
        if crew_id:
            rows = field.daily_schedule(int_param(crew_id))
        else:
            rows = db.query_all('SELECT * FROM v_open_work_orders ORDER BY priority, scheduled_for LIMIT 500')
        return render('workorders/list.html', rows=rows, crews=field.list_crews())

    @cherrypy.expose
    @auth.require_login
    def view(self, id):
        wo = field.get_work_order(int_param(id))
        if not wo:
            raise cherrypy.NotFound()
        return render('workorders/view.html', wo=wo, cost=field.wo_material_cost(wo['id']))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD, auth.ROLE_CSR)
    def create(self, wo_type, premise_id=None, description=None, priority=3):
        require_post()
        conn = core.get_connection_for_premise(int_param(premise_id)) if premise_id else None
        wid = field.create_work_order(wo_type, utils.safe_int(premise_id), conn['id'] if conn else None,
                                      description=description, priority=int(priority), source='MANUAL')
        raise cherrypy.HTTPRedirect('/workorders/view?id=%s' % wid)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def assign(self, id, crew_id, scheduled_for=None):
        require_post()
        field.assign_crew(int_param(id), int_param(crew_id), scheduled_for)
        raise cherrypy.HTTPRedirect('/workorders/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def complete(self, id, notes=None, final_read=None, new_serial=None, new_read=None):
        require_post()
        result = {}
        if new_serial:
            m = Meter.by_serial(new_serial)
            if m:
                result['new_meter_id'] = m.id
        if final_read:
            result['final_read'] = utils.safe_float(final_read)
        if new_read:
            result['new_read'] = utils.safe_float(new_read)
        try:
            field.complete_work_order(int_param(id), notes, **result)
        except field.WorkflowError as e:
            flash(str(e), 'error')
        raise cherrypy.HTTPRedirect('/workorders/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def material(self, id, item_code, qty=1, unit_cost=0):
        require_post()
        field.add_material(int_param(id), item_code, qty, unit_cost)
        raise cherrypy.HTTPRedirect('/workorders/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_login
    def backlog(self):
        return render('reports/table.html', title='Work order backlog', rows=reports.work_order_backlog())


class CrewsHandler(object):

    @cherrypy.expose
    @auth.require_login
    def index(self):
        return render('crews/list.html', crews=field.list_crews(False))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def create(self, name, depot, supervisor_id=None):
        require_post()
        field.create_crew(name, depot, utils.safe_int(supervisor_id))
        raise cherrypy.HTTPRedirect('/crews')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def member(self, crew_id, name, role=None):
        require_post()
        field.add_crew_member(int_param(crew_id), name, role)
        raise cherrypy.HTTPRedirect('/crews')

    @cherrypy.expose
    @auth.require_login
    def productivity(self, date_from=None, date_to=None):
        return render('reports/table.html', title='Crew productivity',
                      rows=reports.crew_productivity(date_from, date_to))


class LabHandler(object):

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def index(self):
        samples = db.query_all("SELECT s.*, sp.code FROM lab_samples s JOIN sampling_points sp ON sp.id = s.point_id "
                               "WHERE s.status IN ('COLLECTED', 'RECEIVED') ORDER BY s.collected_at")
        return render('lab/index.html', samples=samples, violations=quality.open_violations())

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def sample(self, id):
        s = LabSample.get(int_param(id))
        return render('lab/sample.html', sample=s, results=quality.results_for_sample(s.id))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def receive(self, sample_no, lab_ref=None):
        require_post()
        sid = field.receive_sample_at_lab(sample_no, lab_ref)
        raise cherrypy.HTTPRedirect('/lab/sample?id=%s' % sid)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def result(self, sample_id, param_code, value, qualifier=None):
        require_post()
        quality.record_result(int_param(sample_id), param_code, utils.safe_float(value), qualifier,
                              auth.current_user()['username'])
        raise cherrypy.HTTPRedirect('/lab/sample?id=%s' % sample_id)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def advisory(self, violation_id):
        require_post()
        n = quality.issue_boil_water_advisory(int_param(violation_id))
        flash('Advisory sent to %s customers' % n)
        raise cherrypy.HTTPRedirect('/lab')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def points(self, zone=None):
        rows = field.sampling_points_for_zone(zone) if zone else db.query_all('SELECT * FROM sampling_points')
        return render('lab/points.html', points=rows, due=field.samples_due())

    @cherrypy.expose
    @auth.require_role(auth.ROLE_LAB)
    def compliance(self, date_from=None, date_to=None):
        return render('reports/table.html', title='Compliance', rows=reports.compliance_report(date_from, date_to))


class ComplaintsHandler(object):

    @cherrypy.expose
    @auth.require_login
    def index(self, category_id=None):
        cats = db.query_all('SELECT * FROM complaint_categories ORDER BY name')
        return render('complaints/list.html', rows=core.list_open_complaints(utils.safe_int(category_id)), cats=cats)

    @cherrypy.expose
    @auth.require_login
    def view(self, id):
        c = core.get_complaint(int_param(id))
        if not c:
            raise cherrypy.NotFound()
        return render('complaints/view.html', c=c)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def log(self, category, description, account_no=None, channel='PHONE', caller_name=None, caller_phone=None):
        require_post()
        acct = core.get_account_by_no(account_no) if account_no else None
        cid = core.log_complaint(category, description, acct['id'] if acct else None, channel=channel,
                                 caller_name=caller_name, caller_phone=caller_phone)
        raise cherrypy.HTTPRedirect('/complaints/view?id=%s' % cid)

    @cherrypy.expose
    @auth.require_role(auth.ROLE_CSR)
    def action(self, id, action, note=None):
        require_post()
        if action == 'CLOSE':
            core.close_complaint(int_param(id), note)
        else:
            core.add_complaint_action(int_param(id), action, note)
        raise cherrypy.HTTPRedirect('/complaints/view?id=%s' % id)

    @cherrypy.expose
    @auth.require_login
    def stats(self, date_from=None, date_to=None):
        return render('reports/table.html', title='Complaints', rows=reports.complaints_by_category(date_from, date_to),
                      extra=reports.sla_breaches())


class UsersHandler(object):

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def index(self):
        return render('admin/users.html', users=auth.list_users(True))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def create(self, username, full_name, email, password, roles=''):
        require_post()
        auth.create_user(username, full_name, email, password, [r for r in roles.split(',') if r])
        raise cherrypy.HTTPRedirect('/admin/users')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def deactivate(self, id):
        require_post()
        auth.deactivate_user(int_param(id))
        raise cherrypy.HTTPRedirect('/admin/users')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def reset(self, username):
        require_post()
        res = auth.reset_password(username)
        if res:
            import notify
            notify.send_password_reset(res[0].id, res[1])
        raise cherrypy.HTTPRedirect('/admin/users')

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def activity(self, days=30):
        return render('reports/table.html', title='User activity', rows=reports.user_activity(int(days)))
