"""
web.py - all the HTTP handlers (bottle).  Staff back office + the little
patient portal (refill requests, click & collect, rewards balance).

Routes are registered at the bottom with app.route(...) because the
decorators got confusing when we added the portal.  Templates in views/.
"""
import functools
import json

from bottle import Bottle, request, response, template, abort, redirect, static_file

import admin
import common
import config
import dispensing_and_stock
import dt_helpers
import insurance
import money
import notify
import pharmacy
import rota
import suppliers
from common import AppError, audit
from dbconn import query, query_one, query_scalar, execute, insert_and_get_id

app = Bottle()
log = common.get_logger('rxbo.web')

SESSION_COOKIE = 'rxbo_sess'


# ===========================================================================
# plumbing
# ===========================================================================

def json_response(obj, status=200):
    response.status = status
    response.content_type = 'application/json'
    return common.to_json(obj)


def render(tpl, **ctx):
    ctx.setdefault('user', common.current_user())
    ctx.setdefault('fmt_money', money.fmt_money)
    ctx.setdefault('fmt_date', dt_helpers.fmt_date)
    return template(tpl, **ctx)


def current_branch_id():
    u = common.current_user() or {}
    return int(request.get_cookie('branch', secret=config.SECRET_KEY) or u.get('branch_id') or 0)


def require_login(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        user = request.get_cookie(SESSION_COOKIE, secret=config.SECRET_KEY)
        if not user:
            return redirect('/login?next=' + request.path)
        common.set_current_user(user)
        try:
            return fn(*a, **kw)
        except AppError as e:
            return json_response(e.to_dict(), e.http_status)
        finally:
            common.clear_current_user()
    return wrapper


def error_handler(err):
    log.error('HTTP %s %s: %s', err.status_code, request.path, err.body)
    return render('error', error=err)


# ===========================================================================
# login / staff
# ===========================================================================

def login_page():
    return render('login', next=request.query.get('next', '/'), error=None)


def login_post():
    user = admin.authenticate(request.forms.get('username'), request.forms.get('password'))
    if not user:
        return render('login', next=request.forms.get('next', '/'), error='Invalid username or password')
    response.set_cookie(SESSION_COOKIE, dict(user), secret=config.SECRET_KEY, httponly=True)
    response.set_cookie('branch', str(user['branch_id']), secret=config.SECRET_KEY)
    redirect(request.forms.get('next') or '/')


def logout():
    response.delete_cookie(SESSION_COOKIE)
    redirect('/login')


@require_login
def rota_view():
    week = dt_helpers.start_of_week(dt_helpers.parse_date(request.query.get('week')) or dt_helpers.today())
    shifts = rota.week_shifts(current_branch_id(), week)
    gaps = rota.coverage_gaps(current_branch_id(), week)
    return render('rota', week=week, shifts=shifts, gaps=gaps)


@require_login
def timeclock_in():
    u = common.current_user()
    admin.clock_in(u['id'], current_branch_id())
    return json_response({'ok': True})


@require_login
def timeclock_out():
    admin.clock_out(common.current_user()['id'])
    return json_response({'ok': True})


# ===========================================================================
# patients
# ===========================================================================

@require_login
def patient_search():
    term = request.query.get('q', '')
    rows = pharmacy.find_patients(term, current_branch_id())
    if request.query.get('format') == 'json':
        return json_response(rows)
    return render('patient_search', q=term, rows=rows)


@require_login
def patient_view(patient_id):
    p = pharmacy.patient_summary(int(patient_id))
    p['history'] = dispensing_and_stock.dispense_history_for_patient(int(patient_id), 20)
    return render('patient', p=p)


@require_login
def patient_create():
    data = dict(request.forms)
    try:
        pid = pharmacy.create_patient(data, branch_id=current_branch_id())
    except common.ValidationError as e:
        return render('patient_new', data=data, error=e.message, candidates=e.extra.get('candidates'))
    redirect('/patients/%s' % pid)


@require_login
def patient_edit(patient_id):
    pharmacy.update_patient(int(patient_id), dict(request.forms))
    redirect('/patients/%s' % patient_id)


@require_login
def patient_allergy_add(patient_id):
    pharmacy.add_allergy(int(patient_id), request.forms.get('allergen'), request.forms.get('reaction'),
                         request.forms.get('severity') or 'MOD', request.forms.get('allergen_class'),
                         common.current_user_id())
    redirect('/patients/%s' % patient_id)


# ===========================================================================
# prescriptions
# ===========================================================================

@require_login
def rx_new():
    f = request.forms
    prescriber_id = f.get('prescriber_id') or pharmacy.get_or_create_prescriber(
        {'npi': f.get('npi'), 'first_name': f.get('dr_first'), 'last_name': f.get('dr_last'),
         'dea_number': f.get('dea')})
    items = json.loads(f.get('items') or '[]')
    rx_id = pharmacy.create_prescription(int(f.get('patient_id')), prescriber_id, current_branch_id(),
                                         f.get('written_date'), f.get('source') or 'paper', items,
                                         common.current_user_id())
    warnings = pharmacy.screen_prescription(rx_id)
    if warnings:
        return render('rx_screen', rx_id=rx_id, warnings=warnings)
    redirect('/rx/%s' % rx_id)


@require_login
def rx_view(rx_id):
    return render('rx', rx=pharmacy.get_prescription(int(rx_id)))


@require_login
def refill_requests_view():
    return render('refill_requests', rows=pharmacy.pending_refill_requests(current_branch_id()))


@require_login
def refill_request_approve(request_id):
    ev = pharmacy.approve_refill_request(int(request_id), common.current_user_id())
    return json_response({'queued': ev})


def portal_request_refill():
    """patient portal (no staff login).  Patient identifies with rx number + dob."""
    rx_number = request.forms.get('rx_number', '').strip()
    dob = dt_helpers.parse_date(request.forms.get('dob'))
    row = query_one("SELECT pi.id AS item_id, rx.patient_id FROM prescriptions rx "
                    "JOIN prescription_items pi ON pi.prescription_id = rx.id "
                    "JOIN patients pa ON pa.id = rx.patient_id "
                    "WHERE rx.rx_number = %s AND pa.dob = %s LIMIT 1", (rx_number, dob))
    if not row:
        return json_response({'error': 'We could not find that prescription'}, 404)
    ok, why = pharmacy.can_refill(row['item_id'])
    if not ok:
        return json_response({'error': why}, 409)
    rid = pharmacy.request_refill(row['item_id'], row['patient_id'], channel='web')
    return json_response({'request_id': rid})


# ===========================================================================
# fill / verify / collect
# ===========================================================================

@require_login
def queue_view():
    return render('queue', rows=dispensing_and_stock.get_queue(current_branch_id(), request.query.get('status')),
                  stats=dispensing_and_stock.fill_stats_today(current_branch_id()))


@require_login
def fill_start(event_id):
    dispensing_and_stock.start_fill(int(event_id), common.current_user_id())
    return json_response({'ok': True})


@require_login
def fill_complete(event_id):
    dispensing_and_stock.complete_fill(int(event_id), common.current_user_id(), request.forms.get('qty'),
                                       request.forms.get('scan'))
    return json_response({'ok': True})


@require_login
def verify_post(event_id):
    if request.forms.get('result') == 'fail':
        dispensing_and_stock.reject_fill(int(event_id), common.current_user_id(), request.forms.get('reason'))
        return json_response({'ok': True, 'rejected': True})
    copay = dispensing_and_stock.pharmacist_verify(int(event_id), common.current_user_id(), request.forms.get('notes'))
    return json_response({'ok': True, 'copay': copay})


@require_login
def collect_post(event_id):
    dispensing_and_stock.mark_collected(int(event_id), common.current_user_id(),
                                        common.str2bool(request.forms.get('counselled')))
    return json_response({'ok': True})


def _collection_order_ref():
    return common.generate_ref('CC', 8)


def create_order():
    """Click & collect: patient picks which of their refills they want ready.
    (NOT a purchase order - see suppliers.create_order for those.)"""
    patient_id = int(request.forms.get('patient_id'))
    branch_id = int(request.forms.get('branch_id'))
    item_ids = [int(x) for x in request.forms.getall('item_id')]
    ref = _collection_order_ref()
    oid = insert_and_get_id("INSERT INTO collection_orders (order_ref, patient_id, branch_id, channel, status, "
                            "requested_at, notes) VALUES (%s, %s, %s, 'web', 'REQUESTED', NOW(), %s)",
                            (ref, patient_id, branch_id, request.forms.get('notes')))
    queued = []
    for item_id in item_ids:
        ok, why = pharmacy.can_refill(item_id)
        if not ok:
            continue
        queued.append(dispensing_and_stock.queue_for_dispensing(item_id, branch_id, collection_order_id=oid))
    if not queued:
        execute("UPDATE collection_orders SET status = 'CANCELLED' WHERE id = %s", (oid,))
        return json_response({'error': 'none of those items can be refilled right now'}, 409)
    return json_response({'order_ref': ref, 'items': len(queued)})


def order_status(order_ref):
    o = query_one("SELECT id, order_ref, status, requested_at, ready_at, branch_id FROM collection_orders "
                  "WHERE order_ref = %s", (order_ref,))
    if not o:
        abort(404)
    o['branch'] = common.get_branch_name(o['branch_id'])
    return json_response(o)


def notify_collection_ready(collection_order_id):
    o = query_one("SELECT co.order_ref, co.branch_id, pa.first_name, pa.mobile, pa.email, pa.id AS patient_id "
                  "FROM collection_orders co JOIN patients pa ON pa.id = co.patient_id WHERE co.id = %s",
                  (collection_order_id,))
    text = 'Hi %s, your order %s is ready to collect at %s.' % (
        (o['first_name'] or '').title(), o['order_ref'], common.get_branch_name(o['branch_id']))
    if o['mobile'] and pharmacy.has_consent(o['patient_id'], 'sms'):
        notify.send_sms(o['mobile'], text)
    elif o['email']:
        notify.send_email(o['email'], 'Your order is ready', text)


# ===========================================================================
# stock
# ===========================================================================

@require_login
def stock_lookup():
    p = dispensing_and_stock.find_product(request.query.get('code'))
    if not p:
        return json_response({'error': 'not found'}, 404)
    p['stock'] = dispensing_and_stock.get_stock_level(p['id'], current_branch_id())
    p['batches'] = dispensing_and_stock.get_batches(p['id'], current_branch_id())
    return json_response(p)


@require_login
def stock_adjust_post():
    dispensing_and_stock.adjust_stock(int(request.forms.get('product_id')), current_branch_id(),
                                      money.to_decimal(request.forms.get('qty')), request.forms.get('reason'),
                                      common.current_user_id())
    return json_response({'ok': True})


@require_login
def product_search():
    return json_response(suppliers.search_products(request.query.get('q', '')))


# ===========================================================================
# purchasing
# ===========================================================================

@require_login
def po_list():
    return render('po_list', orders=suppliers.get_open_orders(current_branch_id()))


@require_login
def po_view(order_id):
    return render('po', po=suppliers.SupplierOrder(int(order_id)))


@require_login
def po_new_post():
    lines = [(int(l['product_id']), l['qty']) for l in json.loads(request.forms.get('lines') or '[]')]
    oid = suppliers.create_order(int(request.forms.get('supplier_id')), current_branch_id(), lines,
                                 common.current_user_id())
    redirect('/po/%s' % oid)


@require_login
def po_receive_post(order_id):
    lines = json.loads(request.forms.get('lines') or '[]')
    grn = suppliers.receive_goods(int(order_id), lines, common.current_user_id(), request.forms.get('invoice_ref'))
    return json_response({'grn': grn})


# ===========================================================================
# claims / coverage
# ===========================================================================

@require_login
def claim_view(claim_id):
    return render('claim', c=insurance.claim_detail(int(claim_id)))


@require_login
def claim_resubmit(claim_id):
    resp = insurance.submit_claim(int(claim_id))
    return json_response(resp or {'error': 'switch unavailable'})


@require_login
def coverage_add_post(patient_id):
    f = request.forms
    insurance.add_coverage(int(patient_id), int(f.get('plan_id')), f.get('member_id'), f.get('person_code') or '01',
                           f.get('relationship') or '1', int(f.get('priority') or 1), f.get('effective_from'))
    redirect('/patients/%s' % patient_id)


# ===========================================================================
# rewards
# ===========================================================================

def loyalty_balance():
    """portal + counter.  card number or patient id"""
    card = request.query.get('card')
    m = admin.card_lookup(card) if card else None
    if not m:
        return json_response({'error': 'card not found'}, 404)
    return json_response({'tier': common.loyalty_tier_label(m['tier']), 'points': m['points_balance'],
                          'value': money.fmt_money(m['points_balance'] / 100.0)})


@require_login
def loyalty_redeem_post():
    rid = admin.redeem_reward(int(request.forms.get('member_id')), int(request.forms.get('reward_id')),
                              current_branch_id(), common.current_user_id())
    return json_response({'redemption_id': rid})


# ===========================================================================
# routes
# ===========================================================================

app.route('/login', 'GET', login_page)
app.route('/login', 'POST', login_post)
app.route('/logout', 'GET', logout)
app.route('/rota', 'GET', rota_view)
app.route('/clock/in', 'POST', timeclock_in)
app.route('/clock/out', 'POST', timeclock_out)
app.route('/patients', 'GET', patient_search)
app.route('/patients', 'POST', patient_create)
app.route('/patients/<patient_id:int>', 'GET', patient_view)
app.route('/patients/<patient_id:int>', 'POST', patient_edit)
app.route('/patients/<patient_id:int>/allergies', 'POST', patient_allergy_add)
app.route('/patients/<patient_id:int>/coverage', 'POST', coverage_add_post)
app.route('/rx', 'POST', rx_new)
app.route('/rx/<rx_id:int>', 'GET', rx_view)
app.route('/refills', 'GET', refill_requests_view)
app.route('/refills/<request_id:int>/approve', 'POST', refill_request_approve)
app.route('/portal/refill', 'POST', portal_request_refill)
app.route('/portal/order', 'POST', create_order)
app.route('/portal/order/<order_ref>', 'GET', order_status)
app.route('/portal/rewards', 'GET', loyalty_balance)
app.route('/queue', 'GET', queue_view)
app.route('/fill/<event_id:int>/start', 'POST', fill_start)
app.route('/fill/<event_id:int>/complete', 'POST', fill_complete)
app.route('/fill/<event_id:int>/verify', 'POST', verify_post)
app.route('/fill/<event_id:int>/collect', 'POST', collect_post)
app.route('/stock', 'GET', stock_lookup)
app.route('/stock/adjust', 'POST', stock_adjust_post)
app.route('/products', 'GET', product_search)
app.route('/po', 'GET', po_list)
app.route('/po', 'POST', po_new_post)
app.route('/po/<order_id:int>', 'GET', po_view)
app.route('/po/<order_id:int>/receive', 'POST', po_receive_post)
app.route('/claims/<claim_id:int>', 'GET', claim_view)
app.route('/claims/<claim_id:int>/resubmit', 'POST', claim_resubmit)
app.route('/rewards/redeem', 'POST', loyalty_redeem_post)
app.error(500)(error_handler)
app.error(404)(error_handler)
