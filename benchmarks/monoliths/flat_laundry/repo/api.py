"""
api.py - JSON API for the handhelds (drivers' PDAs, RFID readers, plant tablets).
Devices authenticate with a shared key per device type. (yes, I know. KT 2013)
"""
import functools
import logging

from flask import Blueprint, request, abort

import config
import db
import util
import transport
import rfid
import plant_ops
import staff
from decorators import json_response

log = logging.getLogger('lhs.api')

bp = Blueprint('api', __name__, url_prefix='/api')

DEVICE_KEYS = config.get('DEVICE_KEYS', {})


def require_device(kind):
    def deco(f):
        @functools.wraps(f)
        def wrapper(*a, **kw):
            key = request.headers.get('X-Device-Key', '')
            if not key or DEVICE_KEYS.get(kind) != key:
                abort(401)
            return f(*a, **kw)
        return wrapper
    return deco


def _payload():
    data = request.get_json(silent=True)
    if data is None:
        abort(400)
    return data


# --- drivers ---------------------------------------------------------------

@bp.route('/driver/<int:driver_id>/run')
@require_device('pda')
@json_response
def api_driver_run(driver_id):
    day = util.parse_date(request.args.get('day')) or util.today()
    route = db.fetch_one("SELECT id, code FROM routes WHERE driver_id = %s AND day_of_week = %s AND active",
                         (driver_id, day.weekday()))
    if not route:
        return {'route': None, 'deliveries': []}
    dels = transport.deliveries_for_day(day, route_id=route['id'])
    for d in dels:
        d['lines'] = transport.delivery_detail(d['id'])['lines']
    return {'route': route['code'], 'deliveries': dels}


@bp.route('/collections', methods=['POST'])
@require_device('pda')
@json_response
def api_collection():
    p = _payload()
    cid = transport.record_collection(p['site_id'], p['driver_id'], p.get('bags', []),
                                      route_id=p.get('route_id'), signed_by=p.get('signed_by'))
    return {'collection_id': cid}, 201


@bp.route('/bags/<barcode>')
@require_device('plant')
@json_response
def api_bag_lookup(barcode):
    bag = transport.bag_by_barcode(barcode)
    if not bag:
        return {'error': 'not found'}, 404
    return bag


@bp.route('/deliveries/<int:delivery_id>/pod', methods=['POST'])
@require_device('pda')
@json_response
def api_pod(delivery_id):
    p = _payload()
    delivered = dict((int(k), int(v)) for k, v in (p.get('delivered') or {}).items())
    status = transport.confirm_delivery(delivery_id, delivered, signed_by=p.get('signed_by'))
    if p.get('epcs'):
        site_id = db.fetch_value("SELECT site_id FROM deliveries WHERE id = %s", (delivery_id,))
        rfid.assign_tags_to_site(p['epcs'], site_id)
    return {'status': status}


# --- rfid --------------------------------------------------------------------

@bp.route('/rfid/reads', methods=['POST'])
@require_device('rfid')
@json_response
def api_rfid_reads():
    p = _payload()
    try:
        n = rfid.store_reads(p['reader'], p.get('epcs', []), util.parse_date(p.get('read_at')) if p.get('read_at') else None)
    except ValueError as e:
        return {'error': str(e)}, 400
    return {'stored': n}


@bp.route('/rfid/heartbeat', methods=['POST'])
@require_device('rfid')
@json_response
def api_rfid_heartbeat():
    p = _payload()
    return {'ok': bool(rfid.heartbeat(p['reader'], request.remote_addr))}


@bp.route('/rfid/tag/<epc>')
@require_device('rfid')
@json_response
def api_tag_lookup(epc):
    t = db.fetch_one("SELECT t.*, lt.sku FROM rfid_tags t LEFT JOIN linen_types lt ON lt.id = t.linen_type_id "
                     "WHERE t.epc = %s", (epc.upper(),))
    if not t:
        return {'error': 'unknown tag'}, 404
    return t


# --- plant -------------------------------------------------------------------

@bp.route('/batches/<int:batch_id>/bags', methods=['POST'])
@require_device('plant')
@json_response
def api_batch_add_bag(batch_id):
    try:
        w = plant_ops.add_bag_to_batch(batch_id, _payload()['barcode'])
    except ValueError as e:
        return {'error': str(e)}, 409
    return {'weight_kg': w}


@bp.route('/batches/<int:batch_id>/start', methods=['POST'])
@require_device('plant')
@json_response
def api_batch_start(batch_id):
    return {'started': bool(plant_ops.start_batch(batch_id))}


@bp.route('/batches/<int:batch_id>/finish', methods=['POST'])
@require_device('plant')
@json_response
def api_batch_finish(batch_id):
    ok = bool(_payload().get('ok', True))
    return {'status': plant_ops.finish_batch(batch_id, ok)}


@bp.route('/batches/<int:batch_id>/inspection', methods=['POST'])
@require_device('plant')
@json_response
def api_inspection(batch_id):
    p = _payload()
    insp, result = plant_ops.inspect_batch(batch_id, p.get('inspector_id'), int(p.get('checked', 0)),
                                           p.get('rejects', []))
    return {'inspection_id': insp, 'result': result}


# --- clocking ----------------------------------------------------------------

@bp.route('/clock/<int:staff_id>', methods=['POST'])
@require_device('clock')
@json_response
def api_clock(staff_id):
    if _payload().get('direction') == 'out':
        return {'hours': staff.clock_out(staff_id)}
    return {'timesheet_id': staff.clock_in(staff_id)}
