"""
portal.py - customer self-service portal (2014, JT).
Hotels log in to see their deliveries, order extra linen, download invoices
and raise complaints. Mounted at /portal by app.py.

Portal logins are in portal_users, NOT users (that's staff).
"""
import functools
import logging

from flask import Blueprint, request, session, redirect, abort, render_template, Response

import db
import util
import auth
import transport
import complaints
import pdfgen
import linen

log = logging.getLogger('lhs.portal')

bp = Blueprint('portal', __name__, url_prefix='/portal')


def portal_login_required(f):
    @functools.wraps(f)
    def wrapper(*a, **kw):
        if not session.get('portal_user_id'):
            return redirect('/portal/login')
        return f(*a, **kw)
    return wrapper


def current_portal_user():
    pid = session.get('portal_user_id')
    if not pid:
        return None
    return db.fetch_one("SELECT pu.*, c.name AS customer_name FROM portal_users pu "
                        "JOIN customers c ON c.id = pu.customer_id WHERE pu.id = %s", (pid,))


def create_portal_user(customer_id, email, password, contact_id=None, can_see_invoices=False):
    return db.insert(
        "INSERT INTO portal_users (customer_id, contact_id, email, password_hash, can_see_invoices) "
        "VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (customer_id, contact_id, email.lower().strip(), auth.hash_password(password), can_see_invoices))


def _own_site(site_id):
    pu = current_portal_user()
    ok = db.fetch_value("SELECT id FROM customer_sites WHERE id = %s AND customer_id = %s", (site_id, pu['customer_id']))
    if not ok:
        abort(403)
    return pu


@bp.route('/login', methods=['GET', 'POST'])
def portal_login():
    if request.method == 'POST':
        pu = db.fetch_one("SELECT * FROM portal_users WHERE email = %s", (request.form.get('email', '').lower().strip(),))
        if pu and auth.check_password(request.form.get('password', ''), pu['password_hash']):
            session['portal_user_id'] = pu['id']
            db.run("UPDATE portal_users SET last_login = now() WHERE id = %s", (pu['id'],))
            return redirect('/portal/')
    return render_template('portal/login.html')


@bp.route('/')
@portal_login_required
def portal_home():
    pu = current_portal_user()
    sites = db.fetch_all("SELECT * FROM customer_sites WHERE customer_id = %s AND active ORDER BY name",
                         (pu['customer_id'],))
    return render_template('portal/home.html', user=pu, sites=sites)


@bp.route('/sites/<int:site_id>/deliveries')
@portal_login_required
def portal_deliveries(site_id):
    _own_site(site_id)
    rows = db.fetch_all(
        "SELECT d.id, d.delivery_date, d.status, d.signed_by FROM deliveries d WHERE d.site_id = %s "
        "ORDER BY d.delivery_date DESC LIMIT 60", (site_id,))
    return render_template('portal/deliveries.html', deliveries=rows, site_id=site_id)


@bp.route('/sites/<int:site_id>/order', methods=['GET', 'POST'])
@portal_login_required
def portal_order(site_id):
    pu = _own_site(site_id)
    if not pu['can_order']:
        abort(403)
    if request.method == 'POST':
        day = util.parse_date(request.form['delivery_date'])
        lines = dict((util.to_int(k[4:]), util.to_int(v)) for k, v in request.form.items()
                     if k.startswith('qty_') and util.to_int(v) > 0)
        existing = db.fetch_value("SELECT id FROM deliveries WHERE site_id = %s AND delivery_date = %s AND status = 'planned'",
                                  (site_id, day))
        if existing:
            for lt_id, q in lines.items():
                transport.add_delivery_line(existing, lt_id, q)
        else:
            transport.create_adhoc_delivery(site_id, day, lines)
        return redirect('/portal/sites/%d/deliveries' % site_id)
    return render_template('portal/order.html', site_id=site_id, linen_types=linen.par_levels_for_site(site_id))


@bp.route('/invoices')
@portal_login_required
def portal_invoices():
    pu = current_portal_user()
    if not pu['can_see_invoices']:
        abort(403)
    rows = db.fetch_all("SELECT id, invoice_no, issue_date, due_date, gross, status FROM invoices "
                        "WHERE customer_id = %s AND status IN ('issued','paid') ORDER BY issue_date DESC LIMIT 100",
                        (pu['customer_id'],))
    return render_template('portal/invoices.html', invoices=rows)


@bp.route('/invoices/<int:invoice_id>.pdf')
@portal_login_required
def portal_invoice_pdf(invoice_id):
    pu = current_portal_user()
    owner = db.fetch_value("SELECT customer_id FROM invoices WHERE id = %s", (invoice_id,))
    if owner != pu['customer_id'] or not pu['can_see_invoices']:
        abort(403)
    return Response(pdfgen.render_invoice(invoice_id), mimetype='application/pdf')


@bp.route('/complaints/new', methods=['GET', 'POST'])
@portal_login_required
def portal_complaint():
    pu = current_portal_user()
    if request.method == 'POST':
        complaints.log_complaint(pu['customer_id'], request.form.get('category', 'other'),
                                 request.form.get('description', ''), util.to_int(request.form.get('site_id'), None),
                                 util.to_int(request.form.get('delivery_id'), None))
        return redirect('/portal/')
    return render_template('portal/complaint.html')
