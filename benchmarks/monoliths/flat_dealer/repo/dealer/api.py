# -*- coding: utf-8 -*-
"""JSON endpoints for the website and the (abandoned) mobile app.
Mounted at /api by the wsgi config."""
import datetime
import hmac

from dealer import config, db, utils, web
from dealer import inventory, leads, appointments, finance, tradein


def api_key_ok(req):
    key = req.environ.get('HTTP_X_API_KEY', '')
    return hmac.compare_digest(key, config.get('secret'))


def _guard(req):
    if not api_key_ok(req):
        raise web.Forbidden('bad api key')


def api_stock(req):
    _guard(req)
    rows = inventory.list_stock(make=req.param('make'), max_price=req.param('max_price'))
    return web.json_response([{
        'id': r['id'], 'stock_no': r['stock_no'], 'make': r['make'], 'model': r['model'],
        'derivative': r['derivative'], 'year': r['year'], 'mileage': r['mileage'],
        'price': float(r['retail_price'] or 0), 'fuel': r['fuel'], 'colour': r['colour'],
    } for r in rows])


def api_vehicle(req):
    _guard(req)
    v = inventory.get_vehicle(utils.safe_int(req.param('id')))
    if not v or v['owner_customer_id']:
        raise web.NotFound()
    v['photos'] = [p['filename'] for p in inventory.photos_for(v['id'])]
    v['options'] = [o['description'] for o in
                    db.query('SELECT description FROM vehicle_options WHERE vehicle_id = %s', (v['id'],))]
    for k in ('purchase_price', 'owner_customer_id', 'location_id'):
        v.pop(k, None)
    return web.json_response(v)


def api_enquiry(req):
    _guard(req)
    data = leads.parse_web_enquiry(req.form)
    veh = db.get_vehicle_by_stock(data.get('stock_no'))
    lid = leads.create_lead('web', data, veh and veh['id'])
    return web.json_response({'lead_id': lid})


def api_service_slots(req):
    _guard(req)
    day = utils.parse_date(req.param('date')) or utils.parse_date(str(datetime.date.today()))
    return web.json_response({'date': str(day), 'slots': appointments.available_slots(day)})


def api_book_service(req):
    _guard(req)
    cust_id = db.customer_exists(req.param('email'), req.param('mobile'))
    if not cust_id:
        return web.json_response({'error': 'please call us to book'}, 400)
    from dealer import workshop
    vid = workshop.find_or_create_customer_vehicle(cust_id, req.param('reg'))
    when = datetime.datetime.strptime(req.param('when'), '%Y-%m-%dT%H:%M')
    try:
        aid = appointments.book(cust_id, vid, when, req.param('job', 'Service (web booking)'))
    except ValueError as e:
        return web.json_response({'error': str(e)}, 400)
    return web.json_response({'appointment_id': aid})


def api_finance_quote(req):
    _guard(req)
    price = utils.to_decimal(req.param('price'), 0)
    deposit = utils.to_decimal(req.param('deposit'), 0)
    return web.json_response(finance.quote_options(price, deposit, product=req.param('product', 'hp')))


def api_valuation(req):
    """'Value my car' widget. Gives a range, never the real number."""
    _guard(req)
    from dealer import bookvalue
    bv = bookvalue.lookup(req.param('reg'), utils.safe_int(req.param('mileage'), None))
    if not bv:
        return web.json_response({'error': 'no valuation'}, 404)
    low = float(bv['trade_value']) * 0.85
    return web.json_response({'low': int(low // 100 * 100), 'high': int(float(bv['trade_value']) // 100 * 100)})


API_URLS = {
    '/api/stock': api_stock,
    '/api/stock/<id>': api_vehicle,
    '/api/enquiry': api_enquiry,
    '/api/service/slots': api_service_slots,
    '/api/service/book': api_book_service,
    '/api/finance/quote': api_finance_quote,
    '/api/valuation': api_valuation,
}

application = web.make_app(API_URLS)
