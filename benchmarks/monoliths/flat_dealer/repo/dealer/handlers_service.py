# -*- coding: utf-8 -*-
"""Aftersales pages (workshop, bookings, parts). Split out of handlers.py in
2017 when the service team got their own developer (hi, it's Dan)."""
import datetime

from dealer import db, web, auth, utils, dates
from dealer import templating as T
from dealer import workshop, appointments, parts, purchasing, warranty, crm


# -- workshop ---------------------------------------------------------------

@auth.require_role('service', 'manager')
def wip_board(req):
    mine = req.param('mine') == '1'
    rows = workshop.wip_list(req.user['id'] if mine else None)
    body = T.html_table(rows, [('ro_no', 'RO'), ('reg', 'Reg'), ('last_name', 'Customer'),
                               ('status', 'Status'), ('pay_type', 'Pay'),
                               ('total', 'Total', utils.format_money)], link='/ro/%(id)s')
    body += '<h3>Technicians</h3>' + T.html_table(workshop.technician_load(),
                                                  [('first_name', 'Tech'), ('booked', 'Booked'),
                                                   ('clocked', 'Clocked')])
    return T.page('Workshop', body, req.user, 'service')


@auth.require_role('service', 'manager')
def ro_new(req):
    if req.method == 'POST':
        cust_id = utils.safe_int(req.param('customer_id')) or None
        vid = utils.safe_int(req.param('vehicle_id'))
        if not vid:
            vid = workshop.find_or_create_customer_vehicle(cust_id, req.param('reg'),
                                                           req.param('make'), req.param('model'),
                                                           req.param('vin'))
        ro_id = workshop.open_ro(vid, cust_id, req.user['id'], req.param('pay_type', 'C'),
                                 utils.safe_int(req.param('mileage'), None))
        return web.redirect('/ro/%d' % ro_id)
    return T.page('New RO', T.render('ro_form.html'), req.user, 'service')


@auth.require_role('service', 'manager', 'tech')
def ro_view(req):
    ro = workshop.get_ro(utils.safe_int(req.param('id')))
    if not ro:
        raise web.NotFound()
    body = '<h2>%s &mdash; %s %s %s (%s)</h2>' % (ro['ro_no'], T.escape(ro['reg']),
                                                  T.escape(ro['make']), T.escape(ro['model']),
                                                  ro['status'])
    body += '<h3>Labour</h3>' + T.html_table(ro['labour'], [('op_code', 'Op'),
                                                            ('description', 'Description'),
                                                            ('sold_hours', 'Hrs'), ('tech', 'Tech')])
    body += '<h3>Parts</h3>' + T.html_table(ro['parts'], [('part_no', 'Part'),
                                                          ('description', 'Description'),
                                                          ('qty', 'Qty'),
                                                          ('unit_price', 'Price', utils.format_money)])
    body += '<p>Total %s</p>' % utils.format_money(ro['total'])
    hist = workshop.service_history(ro['vehicle_id'])
    body += '<h3>History</h3>' + T.html_table(hist, [('ro_no', 'RO'), ('opened_at', 'Date', utils.fmt_date),
                                                     ('work', 'Work')])
    return T.page(ro['ro_no'], body, req.user, 'service')


@auth.require_role('service', 'manager')
def ro_add_labour(req):
    ro_id = utils.safe_int(req.param('ro_id'))
    workshop.add_labour(ro_id, req.param('op_code'), req.param('description'),
                        utils.to_decimal(req.param('hours'), 0),
                        utils.safe_int(req.param('technician_id')) or None)
    return web.redirect('/ro/%d' % ro_id)


@auth.require_role('service', 'manager', 'parts')
def ro_add_part(req):
    ro_id = utils.safe_int(req.param('ro_id'))
    p = parts.find_part(req.param('part_no', ''))
    if not p:
        return T.page('Part not found', T.flash_box('No such part', 'error'), req.user, 'service')
    workshop.add_part_to_ro(ro_id, p['id'], utils.to_decimal(req.param('qty'), 1))
    return web.redirect('/ro/%d' % ro_id)


@auth.require_role('tech', 'service', 'manager')
def ro_clock(req):
    workshop.clock_job(utils.safe_int(req.param('labour_id')), utils.to_decimal(req.param('hours'), 0))
    return web.redirect('/ro/%s' % req.param('ro_id'))


@auth.require_role('service', 'manager')
def ro_complete(req):
    ro_id = utils.safe_int(req.param('id'))
    workshop.complete_ro(ro_id)
    return web.redirect('/ro/%d' % ro_id)


@auth.require_role('service', 'manager')
def ro_invoice(req):
    ro_id = utils.safe_int(req.param('id'))
    try:
        data = workshop.invoice_ro(ro_id)
    except workshop.ROError as e:
        return T.page('Invoice', T.flash_box(str(e), 'error'), req.user, 'service')
    if data:
        return web.Response(data, 200, 'application/pdf')
    return web.redirect('/ro/%d' % ro_id)


@auth.require_role('manager')
def ro_void(req):
    workshop.void_ro(utils.safe_int(req.param('id')), req.param('reason', ''))
    return web.redirect('/workshop')


@auth.require_role('service', 'manager')
def warranty_claims(req):
    rows = warranty.outstanding_claims(utils.safe_int(req.param('days'), 0))
    body = T.html_table(rows, [('ro_no', 'RO'), ('manufacturer', 'Make'), ('claim_no', 'Claim'),
                               ('amount_claimed', 'Claimed', utils.format_money),
                               ('submitted_at', 'Submitted', utils.fmt_date)])
    return T.page('Warranty claims', body, req.user, 'service')


# -- bookings ---------------------------------------------------------------

@auth.require_role('service', 'manager')
def diary(req):
    day = utils.parse_date(req.param('day')) or dates.today()
    body = '<h2>%s</h2>' % utils.fmt_date(day, '%A %d %B %Y')
    body += T.html_table(appointments.booked_on(day), [('booked_for', 'Time', lambda d: d.strftime('%H:%M')),
                                                       ('reg', 'Reg'), ('last_name', 'Customer'),
                                                       ('job_summary', 'Job'), ('status', 'Status')])
    body += '<h3>Free slots</h3>' + T.html_table(appointments.available_slots(day),
                                                 [('time', 'Time'), ('free', 'Free')])
    return T.page('Service diary', body, req.user, 'service')


@auth.require_role('service', 'manager')
def booking_new(req):
    when = datetime.datetime.strptime(req.param('date') + ' ' + req.param('time'), '%d/%m/%Y %H:%M')
    try:
        appointments.book(utils.safe_int(req.param('customer_id')),
                          utils.safe_int(req.param('vehicle_id')), when,
                          req.param('job_summary', ''), req.param('courtesy') == '1')
    except ValueError as e:
        return T.page('Booking', T.flash_box(str(e), 'error'), req.user, 'service')
    crm.touch_customer(utils.safe_int(req.param('customer_id')), 'service booked for %s' % when,
                       req.user['id'])
    return web.redirect('/diary?day=' + when.strftime('%d/%m/%Y'))


@auth.require_role('service', 'manager')
def booking_checkin(req):
    ro_id = appointments.check_in(utils.safe_int(req.param('id')), req.user['id'],
                                  utils.safe_int(req.param('mileage'), None))
    return web.redirect('/ro/%d' % ro_id)


# -- parts ------------------------------------------------------------------

@auth.require_role('parts', 'service', 'manager')
def parts_search(req):
    q = req.param('q', '')
    rows = parts.search_parts(q) if q else []
    body = '<form><input name="q" value="%s"><button>Search</button></form>' % T.escape(q)
    body += T.html_table(rows, [('part_no', 'Part'), ('description', 'Description'), ('bin', 'Bin'),
                                ('qty_on_hand', 'Stock'), ('retail', 'Retail', utils.format_money)],
                         link='/parts/%(id)s')
    return T.page('Parts', body, req.user, 'parts')


@auth.require_role('parts', 'manager')
def parts_view(req):
    pid = utils.safe_int(req.param('id'))
    p = db.query_one('SELECT * FROM parts WHERE id = %s', (pid,))
    s = parts.get_stock(pid)
    body = '<h2>%s %s</h2><p>On hand %s, reserved %s, on order %s</p>' % (
        T.escape(p['part_no']), T.escape(p['description']), s['qty_on_hand'], s['qty_reserved'],
        s['qty_on_order'])
    body += T.html_table(parts.movements(pid), [('moved_at', 'When', utils.fmt_datetime),
                                                ('kind', 'Kind'), ('qty', 'Qty'), ('ref', 'Ref')])
    return T.page(p['part_no'], body, req.user, 'parts')


@auth.require_role('parts', 'manager')
def parts_counter_sale(req):
    p = parts.find_part(req.param('part_no', ''))
    if not p:
        raise web.NotFound('part')
    sid = parts.counter_sale(p['id'], utils.to_decimal(req.param('qty'), 1), req.user['id'],
                             utils.safe_int(req.param('customer_id')) or None,
                             trade=req.param('trade') == '1')
    return T.page('Counter sale', '<p>Sale CS%d recorded</p>' % sid, req.user, 'parts')


@auth.require_role('parts', 'manager')
def parts_stocktake(req):
    diff = parts.adjust_stock(utils.safe_int(req.param('part_id')),
                              utils.to_decimal(req.param('counted')), req.user['id'])
    return T.page('Stocktake', '<p>Adjusted by %s</p>' % diff, req.user, 'parts')


@auth.require_role('parts', 'manager')
def po_list(req):
    body = T.html_table(purchasing.open_pos(), [('po_no', 'PO'), ('supplier', 'Supplier'),
                                                ('status', 'Status'),
                                                ('created_at', 'Created', utils.fmt_date)],
                        link='/po/%(id)s')
    return T.page('Purchase orders', body, req.user, 'parts')


@auth.require_role('parts', 'manager')
def po_view(req):
    po = purchasing.get_po(utils.safe_int(req.param('id')))
    body = '<h2>%s %s (%s)</h2>' % (po['po_no'], T.escape(po['supplier']), po['status'])
    body += T.html_table(po['lines'], [('part_no', 'Part'), ('qty', 'Qty'), ('qty_received', 'Recv'),
                                       ('cost', 'Cost', utils.format_money)])
    return T.page(po['po_no'], body, req.user, 'parts')


@auth.require_role('parts', 'manager')
def po_receive(req):
    purchasing.receive_line(utils.safe_int(req.param('line_id')), utils.to_decimal(req.param('qty')))
    return web.redirect('/po/%s' % req.param('po_id'))


@auth.require_role('parts', 'manager')
def po_send(req):
    purchasing.send_po(utils.safe_int(req.param('id')))
    return web.redirect('/po')


@auth.require_role('parts', 'manager')
def po_auto(req):
    ids = purchasing.auto_reorder(send=False)
    return T.page('Auto reorder', '<p>%d draft POs</p>' % len(ids), req.user, 'parts')


URLS = {
    '/workshop': wip_board,
    '/ro/new': ro_new,
    '/ro/<id>': ro_view,
    '/ro/labour': ro_add_labour,
    '/ro/part': ro_add_part,
    '/ro/clock': ro_clock,
    '/ro/complete': ro_complete,
    '/ro/invoice': ro_invoice,
    '/ro/void': ro_void,
    '/warranty/claims': warranty_claims,
    '/diary': diary,
    '/diary/book': booking_new,
    '/diary/checkin': booking_checkin,
    '/parts': parts_search,
    '/parts/<id>': parts_view,
    '/parts/counter': parts_counter_sale,
    '/parts/stocktake': parts_stocktake,
    '/po': po_list,
    '/po/<id>': po_view,
    '/po/receive': po_receive,
    '/po/send': po_send,
    '/po/auto': po_auto,
}
