"""
JSON API for the mobile app (v2).  v1 was the Cordova app, switched off 2020.

Auth: Authorization: Bearer <login token>
"""
import datetime
import functools

from flask import Blueprint, request, jsonify, g

import queries as q
import logic
import dateutils
import courses as courses_mod
from auth import authenticate_customer, create_login_token, customer_from_token
from errors import AppError, SlotUnavailable
from utils import to_json, safe_int

api = Blueprint('api_v2', __name__)


def json_error(message, status=400):
    resp = jsonify({'error': message})
    resp.status_code = status
    return resp


def token_required(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        hdr = request.headers.get('Authorization', '')
        if not hdr.startswith('Bearer '):
            return json_error('missing token', 401)
        cust = customer_from_token(hdr[7:].strip())
        if not cust:
            return json_error('invalid token', 401)
        g.api_customer = cust
        return f(*args, **kwargs)
    return wrapper


@api.route('/auth', methods=['POST'])
def api_auth():
    body = request.get_json(force=True) or {}
    c = authenticate_customer(body.get('email', ''), body.get('password', ''))
    if not c:
        return json_error('bad credentials', 401)
    return jsonify({'token': create_login_token(c['id'], body.get('device')), 'customer_id': c['id'],
                    'first_name': c['first_name']})


@api.route('/facilities')
def api_facilities():
    rows = q.list_facilities(site_id=safe_int(request.args.get('site')), kind=request.args.get('kind'))
    return jsonify([{'id': r['id'], 'name': r['name'], 'kind': r['kind'], 'site_id': r['site_id']} for r in rows])


@api.route('/facilities/<int:facility_id>/slots')
def api_availability(facility_id):
    day = dateutils.parse_date(request.args.get('date')) or dateutils.today()
    slots = logic.free_slots(facility_id, day, safe_int(request.args.get('mins'), 60))
    return jsonify([{'start': a.isoformat(), 'end': b.isoformat(), 'price_pence': p} for a, b, p in slots])


@api.route('/bookings', methods=['GET', 'POST'])
@token_required
def api_bookings():
    if request.method == 'GET':
        rows = q.bookings_for_customer(g.api_customer['id'], upcoming_only=True)
        return to_json(rows), 200, {'Content-Type': 'application/json'}
    body = request.get_json(force=True) or {}
    try:
        starts = datetime.datetime.strptime(body['start'], '%Y-%m-%dT%H:%M')
        ends = starts + datetime.timedelta(minutes=int(body.get('mins', 60)))
        res = logic.make_booking(g.api_customer['id'], int(body['facility_id']), starts, ends)
    except SlotUnavailable as e:
        return json_error(e.message, 409)
    except (KeyError, ValueError):
        return json_error('bad request')
    except AppError as e:
        return json_error(e.message, e.status)
    return jsonify(res), 201


@api.route('/bookings/<int:booking_id>', methods=['DELETE'])
@token_required
def api_cancel_booking(booking_id):
    refund = logic.cancel_booking(booking_id, 'cancelled in app', customer_id=g.api_customer['id'])
    return jsonify({'refund_pence': refund})


@api.route('/membership')
@token_required
def api_membership_card():
    m = q.get_active_membership(g.api_customer['id'])
    if not m:
        return json_error('no membership', 404)
    return jsonify({'plan': m['plan_name'], 'status': m['status'], 'member_no': 'M%07d' % m['id'],
                    'since': m['start_date'].isoformat(), 'peak_access': m['peak_access']})


@api.route('/timetable')
def api_timetable():
    term = q.get_current_term()
    if not term:
        return jsonify([])
    out = []
    for c in q.list_courses(term['id'], request.args.get('sport')):
        out.append({'id': c['id'], 'title': courses_mod.course_label(c), 'sport': c['sport'],
                    'places': max(0, c['capacity'] - c['enrolled']), 'price_pence': c['price_pence']})
    return jsonify(out)


@api.route('/invoices')
@token_required
def api_my_invoices():
    rows = q.invoices_for_customer(g.api_customer['id'])
    return jsonify([{'number': r['number'], 'issued': r['issued_on'].isoformat(), 'total_pence': r['total_pence'],
                     'status': r['status']} for r in rows])
