# -*- coding: utf-8 -*-
"""
LSBS - Leisure & Sport Booking System
Main Flask application: public site, customer account pages and the staff back office.
"""
import datetime
import logging

from flask import (Flask, render_template, request, redirect, url_for, session, flash, abort,
                   jsonify, Response, g)

import queries as q
import logic
import dateutils
import forms
import emails
import invoicing
import courses as courses_mod
import league_table
import fixtures_gen
import rota
import hire
import customer_accounts
import payments_gateway
import reports
from config import settings
from db import close_db, query_all, query_one, execute, table_count
from decorators import login_required, staff_required, role_required, json_view
from errors import AppError, NotFound, SlotUnavailable, PaymentDeclined, ValidationError
from auth import (authenticate_customer, authenticate_staff, create_password_reset,
                  consume_password_reset)
from utils import safe_int, paginate, pounds_to_pence, customer_display_name
from filters import register_filters
from helpers import register_helpers, flash_errors
from audit import audit

app = Flask(__name__)
app.config.from_object(settings)
register_filters(app)
register_helpers(app)

log = logging.getLogger('lsbs')


# ---------------------------------------------------------------------------
# plumbing
# ---------------------------------------------------------------------------

@app.teardown_appcontext
def teardown_db(exc):
    close_db(exc)


@app.context_processor
def inject_session_user():
    return {
        'logged_in_customer': session.get('customer_id'),
        'logged_in_staff': session.get('staff_id'),
        'staff_role': session.get('staff_role'),
        'today': dateutils.today(),
    }


@app.errorhandler(AppError)
def handle_app_error(e):
    if request.path.startswith('/api/'):
        return jsonify({'error': e.message}), e.status
    flash(e.message, 'error')
    return redirect(request.referrer or url_for('index'))


@app.errorhandler(404)
def not_found(e):
    return render_template('404.html'), 404


def current_customer():
    cid = session.get('customer_id')
    if not cid:
        return None
    if not hasattr(g, '_customer'):
        g._customer = q.get_customer(cid)
    return g._customer


def current_staff():
    sid = session.get('staff_id')
    if not sid:
        return None
    if not hasattr(g, '_staff'):
        g._staff = q.get_staff(sid)
    return g._staff


# ---------------------------------------------------------------------------
# public pages / facility bookings
# ---------------------------------------------------------------------------

@app.route('/')
def index():
    sites = q.list_sites()
    term = q.get_current_term()
    return render_template('index.html', sites=sites, term=term)


@app.route('/facilities')
def facilities_list():
    site_id = safe_int(request.args.get('site'))
    kind = request.args.get('kind') or None
    facilities = q.list_facilities(site_id=site_id, kind=kind)
    return render_template('facilities.html', facilities=facilities, sites=q.list_sites(), kind=kind)


@app.route('/facilities/<int:facility_id>')
def facility_detail(facility_id):
    fac = q.get_facility(facility_id)
    if not fac:
        abort(404)
    day = dateutils.parse_date(request.args.get('date')) or dateutils.today()
    slots = logic.free_slots(facility_id, day)
    return render_template('facility.html', facility=fac, day=day, slots=slots)


@app.route('/book', methods=['POST'])
@login_required
def book_facility():
    try:
        facility_id, starts, ends = forms.parse_booking_form(request.form)
        res = logic.make_booking(session['customer_id'], facility_id, starts, ends)
    except SlotUnavailable as e:
        flash(e.message, 'error')
        return redirect(url_for('facility_detail', facility_id=request.form.get('facility_id')))
    except ValidationError as e:
        flash(e.message, 'error')
        return redirect(request.referrer or url_for('facilities_list'))
    if res['invoice_id']:
        return redirect(url_for('pay_invoice', invoice_id=res['invoice_id']))
    flash('Booked! Your reference is %s' % res['ref'])
    return redirect(url_for('my_bookings'))


@app.route('/account/bookings')
@login_required
def my_bookings():
    rows = q.bookings_for_customer(session['customer_id'])
    return render_template('my_bookings.html', bookings=rows)


@app.route('/account/bookings/<int:booking_id>/cancel', methods=['POST'])
@login_required
def cancel_my_booking(booking_id):
    refund = logic.cancel_booking(booking_id, request.form.get('reason') or 'cancelled online',
                                  customer_id=session['customer_id'])
    if refund:
        flash('Booking cancelled.  %s will be refunded.' % invoicing.format_money(refund))
    else:
        flash('Booking cancelled.  No refund is due as it was less than 24 hours away.')
    return redirect(url_for('my_bookings'))


@app.route('/admin/bookings')
@staff_required
def admin_bookings_day():
    staff = current_staff()
    site_id = safe_int(request.args.get('site'), staff['site_id'])
    day = dateutils.parse_date(request.args.get('date')) or dateutils.today()
    rows = q.bookings_for_day(site_id, day)
    return render_template('admin/bookings_day.html', bookings=rows, day=day, site=q.get_site(site_id),
                           sites=q.list_sites())


@app.route('/admin/bookings/new', methods=['GET', 'POST'])
@staff_required
def admin_booking_new():
    if request.method == 'POST':
        try:
            facility_id, starts, ends = forms.parse_booking_form(request.form)
            cid = safe_int(request.form.get('customer_id'))
            res = logic.make_booking(cid, facility_id, starts, ends, staff_id=session['staff_id'],
                                     confirm=bool(request.form.get('confirm')))
            if request.form.get('paid_method') and res['invoice_id']:
                logic.record_payment(res['invoice_id'], res['price_pence'], request.form['paid_method'],
                                     staff_id=session['staff_id'])
            flash('Booking %s made' % res['ref'])
            return redirect(url_for('admin_bookings_day', date=starts.date().isoformat()))
        except AppError as e:
            flash(e.message, 'error')
    return render_template('admin/booking_new.html', facilities=q.list_facilities())


@app.route('/admin/bookings/<int:booking_id>/cancel', methods=['POST'])
@staff_required
def admin_cancel_booking(booking_id):
    refund = logic.cancel_booking(booking_id, request.form.get('reason') or 'cancelled by staff',
                                  staff_id=session['staff_id'])
    flash('Cancelled, refund %s' % invoicing.format_money(refund))
    return redirect(request.referrer or url_for('admin_bookings_day'))


@app.route('/admin/bookings/<int:booking_id>/noshow', methods=['POST'])
@staff_required
def admin_mark_noshow(booking_id):
    q.set_booking_status(booking_id, 'noshow')
    return redirect(request.referrer or url_for('admin_bookings_day'))


@app.route('/admin/block-bookings/new', methods=['GET', 'POST'])
@role_required('duty_manager')
def admin_block_booking_new():
    if request.method == 'POST':
        data = forms.parse_block_booking_form(request.form)
        bid = q.insert_block_booking(data['customer_id'], data['facility_id'], data['weekday'],
                                     data['start_time'], data['duration_mins'], data['from_date'],
                                     data['to_date'])
        block = query_one('SELECT * FROM block_bookings WHERE id = %s', (bid,))
        made, clashes = logic.expand_block_booking(block, dateutils.today() + datetime.timedelta(weeks=8))
        flash('Block booking created: %d sessions booked, %d clashes' % (made, len(clashes)))
        for d, why in clashes:
            flash('%s: %s' % (dateutils.fmt_date(d), why), 'warning')
        return redirect(url_for('admin_bookings_day'))
    return render_template('admin/block_booking.html', facilities=q.list_facilities())


@app.route('/admin/closures/new', methods=['GET', 'POST'])
@role_required('duty_manager')
def admin_closure_new():
    if request.method == 'POST':
        fid = safe_int(request.form.get('facility_id'))
        a = datetime.datetime.combine(dateutils.parse_date(request.form['date']),
                                      dateutils.parse_time(request.form['from']))
        b = datetime.datetime.combine(dateutils.parse_date(request.form['date']),
                                      dateutils.parse_time(request.form['to']))
        cid, cancelled = logic.close_facility(fid, a, b, request.form.get('reason'), session['staff_id'])
        flash('Closure added. %d bookings cancelled: %s' % (len(cancelled), ', '.join(cancelled)))
        return redirect(url_for('admin_bookings_day'))
    return render_template('admin/closure.html', facilities=q.list_facilities(bookable_only=False))


# ---------------------------------------------------------------------------
# customer accounts
# ---------------------------------------------------------------------------

@app.route('/register', methods=['GET', 'POST'])
def register():
    if request.method == 'POST':
        try:
            data = forms.parse_customer_form(request.form)
            data['email_ok'] = bool(request.form.get('email_ok'))
            cid = logic.register_customer(data)
        except ValidationError as e:
            flash(e.message, 'error')
            return render_template('register.html', form=request.form)
        session['customer_id'] = cid
        flash('Welcome! Your account has been created.')
        return redirect(url_for('account'))
    return render_template('register.html', form={})


@app.route('/login', methods=['GET', 'POST'])
def login():
    if request.method == 'POST':
        c = authenticate_customer(request.form.get('email', ''), request.form.get('password', ''))
        if c:
            session.clear()
            session['customer_id'] = c['id']
            return redirect(request.args.get('next') or url_for('account'))
        flash('Email or password not recognised', 'error')
    return render_template('login.html')


@app.route('/logout')
def logout():
    session.pop('customer_id', None)
    return redirect(url_for('index'))


@app.route('/account')
@login_required
def account():
    ov = logic.customer_overview(session['customer_id'])
    return render_template('account.html', **ov)


@app.route('/account/edit', methods=['GET', 'POST'])
@login_required
def account_edit():
    c = current_customer()
    if request.method == 'POST':
        try:
            data = forms.parse_customer_form(request.form, require_password=False)
            logic.update_customer_details(c['id'], data)
            flash('Details updated')
            return redirect(url_for('account'))
        except ValidationError as e:
            flash(e.message, 'error')
    return render_template('account_edit.html', customer=c, address=q.get_primary_address(c['id']))


@app.route('/account/preferences', methods=['GET', 'POST'])
@login_required
def marketing_preferences():
    cid = session['customer_id']
    if request.method == 'POST':
        q.set_marketing_prefs(cid, bool(request.form.get('email_ok')), bool(request.form.get('sms_ok')))
        flash('Preferences saved')
    return render_template('preferences.html', prefs=q.get_marketing_prefs(cid))


@app.route('/forgot-password', methods=['GET', 'POST'])
def forgot_password():
    if request.method == 'POST':
        c, token = create_password_reset(request.form.get('email', ''))
        if c:
            emails.password_reset_email(c, token, request.host_url.rstrip('/'))
        # same message either way so we don't leak which emails exist
        flash('If that email is registered you will receive a reset link shortly.')
        return redirect(url_for('login'))
    return render_template('forgot_password.html')


@app.route('/reset-password/<token>', methods=['GET', 'POST'])
def reset_password(token):
    if request.method == 'POST':
        pw = request.form.get('password', '')
        if len(pw) < 8 or pw != request.form.get('password2'):
            flash('Passwords must match and be at least 8 characters', 'error')
        elif consume_password_reset(token, pw):
            flash('Password changed - please log in')
            return redirect(url_for('login'))
        else:
            flash('That link has expired', 'error')
    return render_template('reset_password.html', token=token)


@app.route('/admin/customers')
@staff_required
def admin_customers():
    term = (request.args.get('q') or '').strip()
    rows = q.search_customers(term) if len(term) >= 2 else []
    return render_template('admin/customers.html', rows=rows, term=term)


@app.route('/admin/customers/<int:customer_id>')
@staff_required
def admin_customer_view(customer_id):
    ov = logic.customer_overview(customer_id)
    ov['notes'] = q.get_customer_notes(customer_id)
    return render_template('admin/customer.html', **ov)


@app.route('/admin/customers/<int:customer_id>/notes', methods=['POST'])
@staff_required
def admin_customer_note(customer_id):
    note = (request.form.get('note') or '').strip()
    if note:
        q.add_customer_note(customer_id, session['staff_id'], note)
    return redirect(url_for('admin_customer_view', customer_id=customer_id))


@app.route('/admin/customers/<int:customer_id>/sar')
@role_required('admin')
def admin_customer_sar(customer_id):
    audit('customer.sar', actor=session['staff_id'], customer_id=customer_id)
    return Response(customer_accounts.subject_access_export(customer_id), mimetype='application/json',
                    headers={'Content-Disposition': 'attachment; filename=sar-%d.json' % customer_id})


@app.route('/admin/customers/merge', methods=['GET', 'POST'])
@role_required('admin')
def admin_customer_merge():
    if request.method == 'POST':
        customer_accounts.merge_customers(safe_int(request.form['keep_id']), safe_int(request.form['dup_id']),
                                          session['staff_id'])
        flash('Merged')
    return render_template('admin/merge.html', dups=customer_accounts.find_duplicates())


# ---------------------------------------------------------------------------
# memberships & passes
# ---------------------------------------------------------------------------

@app.route('/memberships')
def plans():
    c = current_customer()
    if c:
        import membership_rules
        plans_ = membership_rules.eligible_plans(c)
    else:
        plans_ = q.list_plans()
    return render_template('plans.html', plans=plans_)


@app.route('/memberships/join', methods=['POST'])
@login_required
def join():
    try:
        mid, inv_id = logic.join_membership(session['customer_id'], request.form['plan_code'],
                                            request.form.get('freq', 'monthly'),
                                            request.form.get('dd_reference'),
                                            safe_int(request.form.get('home_site_id')))
    except ValidationError as e:
        flash(e.message, 'error')
        return redirect(url_for('plans'))
    return redirect(url_for('pay_invoice', invoice_id=inv_id))


@app.route('/account/membership')
@login_required
def my_membership():
    m = q.get_active_membership(session['customer_id'])
    freezes = q.freezes_for_membership(m['id']) if m else []
    return render_template('my_membership.html', membership=m, freezes=freezes)


@app.route('/account/membership/freeze', methods=['POST'])
@login_required
def freeze_request():
    import membership_rules
    m = q.get_active_membership(session['customer_id'])
    if not m:
        abort(404)
    try:
        logic.freeze_membership(m['id'], dateutils.parse_date(request.form['from_date']),
                                dateutils.parse_date(request.form['to_date']), request.form.get('reason'))
        flash('Your membership freeze is booked')
    except membership_rules.MembershipError as e:
        flash(str(e), 'error')
    return redirect(url_for('my_membership'))


@app.route('/account/membership/cancel', methods=['POST'])
@login_required
def cancel_my_membership():
    m = q.get_active_membership(session['customer_id'])
    end = logic.cancel_membership(m['id'])
    flash('Your membership will end on %s' % dateutils.fmt_date(end))
    return redirect(url_for('my_membership'))


@app.route('/passes/buy', methods=['POST'])
@login_required
def buy_pass():
    pid, barcode, inv_id = logic.sell_pass(session['customer_id'], request.form['pass_type'])
    return redirect(url_for('pay_invoice', invoice_id=inv_id))


@app.route('/admin/checkin', methods=['GET', 'POST'])
@staff_required
def admin_checkin():
    result = None
    if request.method == 'POST':
        staff = current_staff()
        ok, msg = logic.check_in(request.form['code'].strip(), staff['site_id'])
        result = {'ok': ok, 'msg': msg}
    return render_template('admin/checkin.html', result=result)


@app.route('/admin/customers/<int:customer_id>/concession', methods=['POST'])
@staff_required
def admin_concession_verify(customer_id):
    logic.verify_concession(customer_id, request.form['kind'], request.form.get('evidence_ref'),
                            session['staff_id'], safe_int(request.form.get('months'), 12))
    flash('Concession recorded')
    return redirect(url_for('admin_customer_view', customer_id=customer_id))


# ---------------------------------------------------------------------------
# leagues
# ---------------------------------------------------------------------------

@app.route('/leagues')
def leagues_list():
    season = request.args.get('season')
    return render_template('leagues.html', leagues=q.list_leagues(season))


@app.route('/leagues/<int:league_id>')
def league_detail(league_id):
    league = q.get_league(league_id)
    if not league:
        abort(404)
    table = league_table.compute_table(league_id)
    fixtures = q.fixtures_for_league(league_id)
    return render_template('league.html', league=league, table=table, fixtures=fixtures)


@app.route('/leagues/<int:league_id>/enter', methods=['POST'])
@login_required
def team_register(league_id):
    data = forms.parse_team_form(dict(request.form, league_id=league_id))
    tid = logic.register_team(league_id, data['name'], session['customer_id'])
    team = q.get_team(tid)
    if team['fee_invoice_id']:
        return redirect(url_for('pay_invoice', invoice_id=team['fee_invoice_id']))
    flash('Team entered')
    return redirect(url_for('league_detail', league_id=league_id))


@app.route('/teams/<int:team_id>/players', methods=['GET', 'POST'])
@login_required
def team_players(team_id):
    team = q.get_team(team_id)
    if team['captain_id'] != session['customer_id']:
        abort(403)
    if request.method == 'POST':
        other = q.get_customer_by_email(request.form.get('email', ''))
        if not other:
            flash('That person needs to register an account first', 'error')
        else:
            q.add_team_player(team_id, other['id'], safe_int(request.form.get('shirt_no')))
    return render_template('team_players.html', team=team, players=q.players_for_team(team_id))


@app.route('/admin/leagues/<int:league_id>/fixtures', methods=['POST'])
@role_required('duty_manager', 'leagues')
def admin_generate_fixtures(league_id):
    try:
        ids = fixtures_gen.generate_fixtures(league_id, dateutils.parse_date(request.form['first_date']),
                                             dateutils.parse_time(request.form['kickoff']),
                                             safe_int(request.form.get('slot'), 60),
                                             double=bool(request.form.get('double')))
        done, failed = fixtures_gen.book_pitches(league_id, session['staff_id'])
        flash('%d fixtures created, %d pitches booked, %d clashes' % (len(ids), done, len(failed)))
    except ValueError as e:
        flash(str(e), 'error')
    return redirect(url_for('league_detail', league_id=league_id))


@app.route('/admin/fixtures/<int:fixture_id>/result', methods=['POST'])
@role_required('duty_manager', 'leagues')
def admin_record_result(fixture_id):
    logic.record_result(fixture_id, safe_int(request.form['home']), safe_int(request.form['away']),
                        session['staff_id'])
    fx = q.get_fixture(fixture_id)
    return redirect(url_for('league_detail', league_id=fx['league_id']))


@app.route('/admin/fixtures/<int:fixture_id>/postpone', methods=['POST'])
@role_required('duty_manager', 'leagues')
def admin_postpone_fixture(fixture_id):
    fx = fixtures_gen.postpone_fixture(fixture_id, request.form.get('reason'))
    return redirect(url_for('league_detail', league_id=fx['league_id']))


@app.route('/admin/fixtures/<int:fixture_id>/referee', methods=['POST'])
@role_required('duty_manager', 'leagues')
def admin_assign_referee(fixture_id):
    q.assign_referee(fixture_id, safe_int(request.form['referee_id']), pounds_to_pence(request.form.get('fee')))
    fx = q.get_fixture(fixture_id)
    return redirect(url_for('league_detail', league_id=fx['league_id']))


# ---------------------------------------------------------------------------
# courses
# ---------------------------------------------------------------------------

@app.route('/courses')
def courses_list():
    term = q.get_current_term()
    sport = request.args.get('sport') or None
    rows = q.list_courses(term['id'] if term else None, sport)
    return render_template('courses.html', courses=rows, term=term)


@app.route('/courses/<int:course_id>')
def course_detail(course_id):
    course = q.get_course(course_id)
    if not course:
        abort(404)
    return render_template('course.html', course=course, sessions=q.sessions_for_course(course_id),
                           places=courses_mod.places_left(course))


@app.route('/courses/<int:course_id>/enrol', methods=['POST'])
@login_required
def enrol_course(course_id):
    who = safe_int(request.form.get('participant_id')) or session['customer_id']
    eid = logic.enrol(course_id, who, booked_by_customer_id=session['customer_id'])
    if eid is None:
        flash('The course is full - you have been added to the waiting list')
        return redirect(url_for('course_detail', course_id=course_id))
    e = q.get_enrolment(eid)
    return redirect(url_for('pay_invoice', invoice_id=e['invoice_id']))


@app.route('/account/enrolments/<int:enrolment_id>/withdraw', methods=['POST'])
@login_required
def withdraw_enrolment(enrolment_id):
    logic.withdraw_enrolment(enrolment_id, customer_id=session['customer_id'])
    flash('Withdrawn from course')
    return redirect(url_for('account'))


@app.route('/admin/courses/new', methods=['GET', 'POST'])
@role_required('duty_manager', 'coach')
def admin_new_course():
    if request.method == 'POST':
        data = forms.parse_course_form(request.form)
        cid = logic.create_course(data)
        return redirect(url_for('course_detail', course_id=cid))
    return render_template('admin/course_new.html', facilities=q.list_facilities(),
                           coaches=q.list_staff(role='coach'))


@app.route('/admin/courses/<int:course_id>/register')
@staff_required
def admin_course_register(course_id):
    sessions, rows = courses_mod.register_sheet(course_id)
    return render_template('admin/register.html', course=q.get_course(course_id), sessions=sessions, rows=rows)


@app.route('/admin/sessions/<int:session_id>/attendance', methods=['POST'])
@staff_required
def admin_mark_attendance(session_id):
    present = set(int(x) for x in request.form.getlist('present'))
    for eid in request.form.getlist('enrolment_id'):
        q.mark_attendance(session_id, int(eid), int(eid) in present, session['staff_id'])
    sess = query_one('SELECT course_id FROM course_sessions WHERE id = %s', (session_id,))
    return redirect(url_for('admin_course_register', course_id=sess['course_id']))


@app.route('/admin/sessions/<int:session_id>/cancel', methods=['POST'])
@role_required('duty_manager', 'coach')
def admin_cancel_session(session_id):
    execute('UPDATE course_sessions SET cancelled = TRUE WHERE id = %s', (session_id,))
    # TODO: email parents (LSBS-301)
    sess = query_one('SELECT course_id FROM course_sessions WHERE id = %s', (session_id,))
    return redirect(url_for('admin_course_register', course_id=sess['course_id']))


# ---------------------------------------------------------------------------
# invoices & payments
# ---------------------------------------------------------------------------

@app.route('/account/invoices')
@login_required
def my_invoices():
    return render_template('my_invoices.html', invoices=q.invoices_for_customer(session['customer_id']))


@app.route('/account/invoices/<int:invoice_id>')
@login_required
def invoice_view(invoice_id):
    inv = q.get_invoice(invoice_id)
    if not inv or inv['customer_id'] != session['customer_id']:
        abort(404)
    return render_template('invoice.html', invoice=inv, lines=q.invoice_lines(invoice_id),
                           payments=q.payments_for_invoice(invoice_id),
                           balance=invoicing.invoice_balance(invoice_id))


@app.route('/pay/<int:invoice_id>')
@login_required
def pay_invoice(invoice_id):
    inv = q.get_invoice(invoice_id)
    if not inv or inv['customer_id'] != session['customer_id']:
        abort(404)
    url = payments_gateway.start_card_payment(invoice_id, url_for('payment_return', invoice_id=invoice_id,
                                                                  _external=True))
    if url is None:
        flash('Nothing to pay')
        return redirect(url_for('account'))
    return redirect(url)


@app.route('/pay/<int:invoice_id>/return')
@login_required
def payment_return(invoice_id):
    # the callback may not have arrived yet; the page polls
    return render_template('payment_return.html', invoice=q.get_invoice(invoice_id))


@app.route('/payments/callback', methods=['POST'])
def payment_callback():
    try:
        invoice_id = payments_gateway.handle_callback(request.get_data(), request.headers.get('X-Signature'))
    except PaymentDeclined as e:
        log.info('declined: %s %s', e.message, e.gateway_code)
        return 'declined', 200
    except payments_gateway.GatewayError as e:
        log.error('bad callback: %s', e)
        return 'bad', 400
    bal = invoicing.mark_paid_if_settled(invoice_id)
    if bal <= 0:
        logic.after_invoice_paid(invoice_id)
    return 'ok', 200


@app.route('/admin/invoices/<int:invoice_id>')
@staff_required
def admin_invoice(invoice_id):
    inv = q.get_invoice(invoice_id)
    return render_template('admin/invoice.html', invoice=inv, lines=q.invoice_lines(invoice_id),
                           payments=q.payments_for_invoice(invoice_id),
                           balance=invoicing.invoice_balance(invoice_id),
                           customer=q.get_customer(inv['customer_id']))


@app.route('/admin/invoices/<int:invoice_id>/pay', methods=['POST'])
@staff_required
def admin_take_payment(invoice_id):
    amount = pounds_to_pence(request.form['amount'])
    logic.record_payment(invoice_id, amount, request.form['method'], request.form.get('ref'),
                         staff_id=session['staff_id'])
    flash('Payment recorded')
    return redirect(url_for('admin_invoice', invoice_id=invoice_id))


@app.route('/admin/payments/<int:payment_id>/refund', methods=['POST'])
@role_required('duty_manager', 'finance')
def admin_refund(payment_id):
    p = q.get_payment(payment_id)
    amount = pounds_to_pence(request.form['amount'])
    try:
        logic.refund_payments_for_invoice(p['invoice_id'], amount, request.form.get('reason') or 'staff refund')
        flash('Refund processed')
    except payments_gateway.GatewayError as e:
        flash('Refund failed: %s' % e, 'error')
    return redirect(url_for('admin_invoice', invoice_id=p['invoice_id']))


@app.route('/admin/invoices/overdue')
@role_required('finance')
def admin_invoices_overdue():
    rows = q.overdue_invoices()
    page = paginate(rows, request.args.get('page'))
    return render_template('admin/overdue.html', page=page)


# ---------------------------------------------------------------------------
# equipment hire
# ---------------------------------------------------------------------------

@app.route('/admin/equipment')
@staff_required
def admin_equipment():
    staff = current_staff()
    items = q.list_equipment(staff['site_id'])
    for i in items:
        i['available'] = hire.available_qty(i['id'])
    out = query_all(
        """SELECT h.*, i.name AS item_name, c.first_name, c.last_name FROM equipment_hires h
           JOIN equipment_items i ON i.id = h.item_id JOIN customers c ON c.id = h.customer_id
           WHERE h.returned_at IS NULL AND i.site_id = %s ORDER BY h.due_back""", (staff['site_id'],))
    return render_template('admin/equipment.html', items=items, out=out)


@app.route('/admin/equipment/hire', methods=['POST'])
@staff_required
def admin_hire_out():
    data = forms.parse_hire_form(request.form)
    try:
        logic.hire_equipment(data['item_id'], data['customer_id'], data['qty'], data['hours'],
                             data['booking_id'], data['paid_at_desk'])
    except hire.HireError as e:
        flash(str(e), 'error')
    return redirect(url_for('admin_equipment'))


@app.route('/admin/equipment/return/<int:hire_id>', methods=['POST'])
@staff_required
def admin_hire_return(hire_id):
    res = logic.return_equipment(hire_id, request.form.get('damage') or None,
                                 pounds_to_pence(request.form.get('damage_charge')))
    flash('Returned. Deposit to give back: %s' % invoicing.format_money(res['deposit_back']))
    return redirect(url_for('admin_equipment'))


@app.route('/admin/equipment/stock-check', methods=['GET', 'POST'])
@staff_required
def admin_stock_check():
    staff = current_staff()
    if request.method == 'POST':
        for key, val in request.form.items():
            if key.startswith('item_'):
                q.insert_stock_check(int(key[5:]), safe_int(val, 0), staff['id'])
        flash('Stock check saved')
    return render_template('admin/stock_check.html', rows=hire.stock_variance(staff['site_id']))


# ---------------------------------------------------------------------------
# staff, rota
# ---------------------------------------------------------------------------

@app.route('/staff/login', methods=['GET', 'POST'])
def staff_login():
    if request.method == 'POST':
        s = authenticate_staff(request.form.get('email', ''), request.form.get('password', ''))
        if s:
            session['staff_id'] = s['id']
            session['staff_role'] = s['role']
            return redirect(request.args.get('next') or url_for('admin_bookings_day'))
        flash('Login failed', 'error')
    return render_template('staff_login.html')


@app.route('/staff/logout')
def staff_logout():
    session.pop('staff_id', None)
    session.pop('staff_role', None)
    return redirect(url_for('staff_login'))


@app.route('/admin/rota')
@staff_required
def admin_rota():
    staff = current_staff()
    site_id = safe_int(request.args.get('site'), staff['site_id'])
    ws = dateutils.week_start(dateutils.parse_date(request.args.get('week')) or dateutils.today())
    days, grid = rota.rota_grid(site_id, ws)
    gaps = dict((d, rota.pool_cover_gaps(site_id, d)) for d in days)
    return render_template('admin/rota.html', days=days, grid=grid, gaps=gaps, week=q.get_rota_week(site_id, ws),
                           staff=q.list_staff(site_id), site_id=site_id)


@app.route('/admin/rota/shift', methods=['POST'])
@role_required('duty_manager')
def admin_rota_add_shift():
    staff = current_staff()
    data = forms.parse_shift_form(request.form)
    try:
        logic.add_shift(staff['site_id'], data, staff['id'])
    except rota.RotaError as e:
        flash(str(e), 'error')
    return redirect(url_for('admin_rota', week=dateutils.week_start(data['shift_date']).isoformat()))


@app.route('/admin/rota/shift/<int:shift_id>/delete', methods=['POST'])
@role_required('duty_manager')
def admin_rota_delete_shift(shift_id):
    q.delete_shift(shift_id)
    return redirect(request.referrer or url_for('admin_rota'))


@app.route('/admin/rota/publish', methods=['POST'])
@role_required('duty_manager')
def admin_rota_publish():
    staff = current_staff()
    ws = dateutils.parse_date(request.form['week'])
    n = logic.publish_rota(staff['site_id'], ws, staff['id'])
    flash('Rota published to %d staff' % n)
    return redirect(url_for('admin_rota', week=ws.isoformat()))


@app.route('/admin/rota/copy', methods=['POST'])
@role_required('duty_manager')
def admin_rota_copy():
    staff = current_staff()
    ws = dateutils.parse_date(request.form['week'])
    n = rota.copy_previous_week(staff['site_id'], ws)
    flash('%d shifts copied' % n)
    return redirect(url_for('admin_rota', week=ws.isoformat()))


@app.route('/staff/leave', methods=['GET', 'POST'])
@staff_required
def leave_request():
    if request.method == 'POST':
        q.insert_leave_request(session['staff_id'], dateutils.parse_date(request.form['from_date']),
                               dateutils.parse_date(request.form['to_date']), request.form.get('reason'))
        flash('Leave requested')
    mine = query_all('SELECT * FROM leave_requests WHERE staff_id = %s ORDER BY from_date DESC',
                     (session['staff_id'],))
    return render_template('leave.html', requests=mine)


@app.route('/admin/leave/<int:leave_id>', methods=['POST'])
@role_required('duty_manager')
def admin_leave_decide(leave_id):
    logic.approve_leave(leave_id, session['staff_id'], approve=request.form.get('decision') == 'approve')
    return redirect(url_for('admin_rota'))


@app.route('/staff/clock', methods=['POST'])
@staff_required
def staff_clock():
    if request.form.get('action') == 'in':
        rota.clock_in(session['staff_id'])
    else:
        rota.clock_out(session['staff_id'])
    return redirect(url_for('admin_rota'))


# ---------------------------------------------------------------------------
# reports & misc admin
# ---------------------------------------------------------------------------

@app.route('/admin/reports')
@role_required('duty_manager', 'finance')
def admin_reports():
    return render_template('admin/reports.html', reports=reports.list_reports())


@app.route('/admin/reports/<name>')
@role_required('duty_manager', 'finance')
def admin_report_view(name):
    fn = reports.get_report(name)
    if fn is None:
        abort(404)
    d1 = dateutils.parse_date(request.args.get('from')) or dateutils.today().replace(day=1)
    d2 = dateutils.parse_date(request.args.get('to')) or dateutils.today()
    result = fn(d1, d2)
    if request.args.get('format') == 'csv':
        return Response(reports.to_csv(result), mimetype='text/csv')
    return render_template('admin/report.html', name=name, result=result, d1=d1, d2=d2)


@app.route('/admin/health')
def health():
    return jsonify({'ok': True, 'customers': table_count('customers'), 'bookings': table_count('bookings')})


from api_v2 import api as api_v2_blueprint  # noqa - circular-ish, keep at bottom
app.register_blueprint(api_v2_blueprint, url_prefix='/api/v2')


if __name__ == '__main__':
    app.run(debug=True)
