# -*- coding: utf-8 -*-
# All the web pages. Started as 5 handlers in 2009...
# URL map is at the bottom. Workshop & parts pages moved to handlers_service.py (2017).
import datetime
import json

import db
import web
import auth
import utils
import dates
import templating as T
import inventory
import sales
import quotes
import tradein
import finance
import insurance
import warranty
import crm
import leads
import commissions
import payroll
import staff
import search
import reports


# ---------------------------------------------------------------------------
# login / dashboard
# ---------------------------------------------------------------------------

def login(req):
    err = ''
    if req.method == 'POST':
        user = auth.authenticate(req.param('username', ''), req.param('password', ''))
        if user:
            resp = web.redirect(req.param('next') or '/')
            resp.set_cookie(auth.COOKIE_NAME, auth.make_session_cookie(user),
                            max_age=auth.SESSION_HOURS * 3600)
            return resp
        err = 'Wrong username or password'
    return T.render('login.html', error=T.flash_box(err, 'error'), next=T.escape(req.param('next', '/')))


def logout(req):
    resp = web.redirect('/login')
    resp.set_cookie(auth.COOKIE_NAME, '', max_age=0)
    return resp


@auth.require_login
def change_password(req):
    msg = ''
    if req.method == 'POST':
        try:
            ok = auth.change_password(req.user['id'], req.param('old'), req.param('new'))
            msg = ok and 'Password changed' or 'Old password wrong'
        except ValueError, e:
            msg = str(e)
    body = T.flash_box(msg) + '<form method="post">' + T.form_field('Old', 'old', kind='password') + \
        T.form_field('New', 'new', kind='password') + '<button>Change</button></form>'
    return T.page('Change password', body, req.user)


@auth.require_login
def dashboard(req):
    today = dates.today()
    deals_today = db.query("SELECT d.deal_no, d.status, c.last_name, v.make, v.model "
                           "FROM deals d JOIN customers c ON c.id = d.customer_id "
                           "JOIN vehicles v ON v.id = d.vehicle_id "
                           "WHERE DATE(d.signed_at) = %s OR DATE(d.delivered_at) = %s", (today, today))
    board = sales.salesperson_board()
    out = ['<h2>Today</h2>', T.html_table(deals_today, [('deal_no', 'Deal'), ('status', 'Status'),
                                                        ('last_name', 'Customer'), ('make', 'Make'),
                                                        ('model', 'Model')])]
    out.append('<h2>League table</h2>')
    out.append(T.html_table(board, [('first_name', 'Name'), ('units', 'Units'),
                                    ('front', 'Front', utils.format_money),
                                    ('back', 'Back', utils.format_money)]))
    if req.user['role'] in ('sales', 'manager'):
        out.append('<h2>My follow-ups</h2>')
        out.append(T.html_table(crm.due_followups(req.user['id']),
                                [('due_on', 'Due', utils.fmt_date), ('last_name', 'Customer'),
                                 ('reason', 'Reason')]))
    return T.page('Dashboard', ''.join(out), req.user, 'home')


# ---------------------------------------------------------------------------
# stock
# ---------------------------------------------------------------------------

@auth.require_login
def stock_list(req):
    rows = inventory.list_stock(make=req.param('make'), status=req.param('status', 'in_stock'),
                                order=req.param('order', 'arrived_on'))
    for r in rows:
        r['days'] = dates.age_in_days(r['arrived_on'])
    body = T.html_table(rows, [('stock_no', 'Stock'), ('reg', 'Reg'), ('make', 'Make'),
                               ('model', 'Model'), ('mileage', 'Miles'),
                               ('retail_price', 'Price', utils.format_money),
                               ('days', 'Days'), ('location_code', 'Loc')],
                        link='/stock/%(id)s')
    return T.page('Stock', body, req.user, 'stock')


@auth.require_login
def stock_view(req):
    v = inventory.get_vehicle(utils.safe_int(req.param('id')))
    if not v:
        raise web.NotFound()
    costs = inventory.vehicle_cost_breakdown(v['id'])
    body = u'<h2>%s %s %s</h2>' % (T.escape(v['make']), T.escape(v['model']), T.escape(v['derivative']))
    body += u'<p>Stock %s &middot; Reg %s &middot; VIN %s &middot; %s miles &middot; %s</p>' % (
        v['stock_no'], T.escape(v['reg']), T.escape(v['vin']), v['mileage'], v['status'])
    body += u'<p>Price %s (cost %s)</p>' % (utils.format_money(v['retail_price']),
                                            utils.format_money(costs['total']))
    body += T.html_table(inventory.price_history(v['id']),
                         [('changed_at', 'When', utils.fmt_datetime), ('old_price', 'Old'),
                          ('new_price', 'New'), ('reason', 'Why')])
    body += u'<p><a href="/quotes/new?vehicle_id=%d">Quote this car</a></p>' % v['id']
    return T.page(v['stock_no'], body, req.user, 'stock')


@auth.require_role('manager', 'sales')
def stock_new(req):
    if req.method == 'POST':
        try:
            vid = inventory.create_vehicle(req.form)
            return web.redirect('/stock/%d' % vid)
        except inventory.InventoryError, e:
            return T.page('New vehicle', T.flash_box(str(e), 'error'), req.user, 'stock')
    return T.page('New vehicle', T.render('vehicle_form.html'), req.user, 'stock')


@auth.require_role('manager')
def stock_price(req):
    vid = utils.safe_int(req.param('id'))
    inventory.update_price(vid, req.param('price'), req.param('reason', 'manual'), req.user['id'])
    return web.redirect('/stock/%d' % vid)


@auth.require_login
def stock_photo_upload(req):
    vid = utils.safe_int(req.param('id'))
    inventory.add_photo(vid, req.form['photo'])
    return web.redirect('/stock/%d' % vid)


@auth.require_login
def stock_transfer(req):
    vid = utils.safe_int(req.param('vehicle_id'))
    inventory.request_transfer(vid, req.param('to_location_id'), req.user['id'])
    return web.redirect('/stock/%d' % vid)


# ---------------------------------------------------------------------------
# customers / leads
# ---------------------------------------------------------------------------

@auth.require_login
def customer_list(req):
    rows = crm.find_customers(req.param('q', ''))
    body = '<form><input name="q" value="%s"><button>Find</button></form>' % T.escape(req.param('q', ''))
    body += T.html_table(rows, [('last_name', 'Surname'), ('first_name', 'First'),
                                ('postcode', 'Postcode'), ('mobile', 'Mobile')],
                         link='/customers/%(id)s')
    return T.page('Customers', body, req.user, 'customers')


@auth.require_login
def customer_view(req):
    cid = utils.safe_int(req.param('id'))
    c = crm.get_customer(cid)
    if not c:
        raise web.NotFound()
    body = u'<h2>%s %s</h2><p>%s<br>%s %s<br>%s / %s</p>' % tuple(
        T.escape(c[k]) for k in ('first_name', 'last_name', 'address1', 'town', 'postcode',
                                 'mobile', 'email'))
    body += u'<h3>History</h3><ul>'
    for when, kind, text in crm.customer_timeline(cid):
        body += u'<li>%s <b>%s</b> %s</li>' % (utils.fmt_datetime(when), kind, T.escape(text))
    body += u'</ul>'
    body += u'<form method="post" action="/customers/note"><input type="hidden" name="customer_id" ' \
            u'value="%d"><textarea name="note"></textarea><button>Add note</button></form>' % cid
    return T.page(u'%s %s' % (c['first_name'], c['last_name']), body, req.user, 'customers')


@auth.require_login
def customer_new(req):
    if req.method == 'POST':
        dupe = db.customer_exists(req.param('email'), req.param('mobile'))
        if dupe and not req.param('force'):
            return T.page('New customer', T.flash_box('Possible duplicate: <a href="/customers/%d">'
                                                      'customer %d</a>' % (dupe, dupe), 'warn'),
                          req.user, 'customers')
        cid = crm.create_customer(req.form, req.user['id'])
        if req.param('sms_ok') or req.param('email_ok'):
            crm.set_marketing_prefs(cid, email_ok=bool(req.param('email_ok')),
                                    sms_ok=bool(req.param('sms_ok')))
        return web.redirect('/customers/%d' % cid)
    return T.page('New customer', T.render('customer_form.html'), req.user, 'customers')


@auth.require_login
def customer_edit(req):
    cid = utils.safe_int(req.param('id'))
    if req.method == 'POST':
        crm.update_customer(cid, req.form)
        return web.redirect('/customers/%d' % cid)
    c = crm.get_customer(cid)
    return T.page('Edit customer', T.render('customer_form.html', **dict(
        (k, T.escape(v)) for k, v in c.iteritems())), req.user, 'customers')


@auth.require_login
def customer_note(req):
    cid = utils.safe_int(req.param('customer_id'))
    crm.add_note(cid, req.user['id'], req.param('note', '').strip())
    return web.redirect('/customers/%d' % cid)


@auth.require_role('manager', 'admin')
def customer_merge(req):
    crm.merge_customers(utils.safe_int(req.param('keep')), utils.safe_int(req.param('dupe')))
    return web.redirect('/customers/%s' % req.param('keep'))


@auth.require_login
def followup_done(req):
    crm.complete_followup(utils.safe_int(req.param('id')), req.param('note'), req.user['id'])
    return web.redirect('/')


@auth.require_login
def leads_mine(req):
    rows = leads.my_leads(req.user['id'])
    body = T.html_table(rows, [('created_at', 'When', utils.fmt_datetime), ('source', 'Source'),
                               ('last_name', 'Customer'), ('mobile', 'Mobile'),
                               ('stock_no', 'Vehicle')])
    return T.page('My leads', body, req.user, 'leads')


@auth.require_login
def lead_activity(req):
    lid = utils.safe_int(req.param('lead_id'))
    leads.log_activity(lid, req.user['id'], req.param('activity', 'call'), req.param('outcome', ''))
    if req.param('close'):
        leads.close_lead(lid, req.param('close') == 'won', req.user['id'])
    return web.redirect('/leads')


def website_enquiry(req):
    """POSTed from the public website (no login!). CSRF? what CSRF."""
    data = leads.parse_web_enquiry(req.form)
    veh = db.get_vehicle_by_stock(data.get('stock_no'))
    lid = leads.create_lead('web', data, veh and veh['id'])
    return web.json_response({'ok': True, 'lead': lid})


@auth.require_login
def search_page(req):
    q = req.param('q', '').strip()
    body = ''
    if q:
        body += '<h3>Customers</h3>' + T.html_table(search.search_customers(q),
                                                    [('last_name', 'Name'), ('postcode', 'Postcode')],
                                                    link='/customers/%(id)s')
        veh = search.search_vehicles(q)
        body += '<h3>Vehicles</h3>' + T.html_table(veh, [('stock_no', 'Stock'), ('reg', 'Reg'),
                                                         ('make', 'Make'), ('status', 'Status')],
                                                   link='/stock/%(id)s')
    return T.page('Search', body, req.user)


# ---------------------------------------------------------------------------
# quotes & deals
# ---------------------------------------------------------------------------

@auth.require_role('sales', 'manager')
def quote_new(req):
    if req.method == 'POST':
        qid = quotes.create_quote(utils.safe_int(req.param('customer_id')),
                                  utils.safe_int(req.param('vehicle_id')), req.user['id'],
                                  req.param('price') or None, req.param('discount') or 0)
        if req.param('appraisal_id'):
            quotes.attach_appraisal(qid, utils.safe_int(req.param('appraisal_id')))
        return web.redirect('/quotes/%d' % qid)
    v = inventory.get_vehicle(utils.safe_int(req.param('vehicle_id')))
    return T.page('New quote', T.render('quote_form.html', vehicle_id=v and v['id'] or '',
                                        price=v and v['retail_price'] or ''), req.user, 'sales')


@auth.require_login
def quote_view(req):
    qid = utils.safe_int(req.param('id'))
    q = quotes.get_quote(qid)
    if not q:
        raise web.NotFound()
    t = quotes.quote_totals(qid)
    body = u'<h2>Quote Q%06d (%s)</h2>' % (q['id'], q['status'])
    body += u'<p>%s %s &mdash; %s %s %s</p>' % (T.escape(q['first_name']), T.escape(q['last_name']),
                                              T.escape(q['make']), T.escape(q['model']),
                                              T.escape(q['reg']))
    body += T.html_table(q['lines'], [('description', 'Item'), ('amount', 'Amount', utils.format_money)])
    body += u'<p>Total %s, px %s, to change %s</p>' % (utils.format_money(t['total']),
                                                     utils.format_money(t['allowance']),
                                                     utils.format_money(t['to_change']))
    opts = finance.quote_options(t['to_change'])
    body += T.html_table(opts, [('term', 'Months'), ('lender', 'Lender'), ('apr', 'APR'),
                                ('monthly', 'Monthly', utils.format_money)])
    body += u'<a href="/quotes/pdf?id=%d">PDF</a> | <a href="/quotes/email?id=%d">Email</a> | ' \
            u'<a href="/deals/from_quote?id=%d">Convert to deal</a>' % (qid, qid, qid)
    return T.page('Quote', body, req.user, 'sales')


@auth.require_login
def quote_line_add(req):
    qid = utils.safe_int(req.param('quote_id'))
    quotes.add_quote_line(qid, req.param('description'), req.param('amount'),
                          req.param('vatable', '1') == '1')
    return web.redirect('/quotes/%d' % qid)


@auth.require_login
def quote_discount(req):
    qid = utils.safe_int(req.param('quote_id'))
    try:
        quotes.set_discount(qid, req.param('discount'), req.user)
    except ValueError, e:
        return T.page('Quote', T.flash_box(str(e), 'error'), req.user, 'sales')
    return web.redirect('/quotes/%d' % qid)


@auth.require_login
def quote_pdf(req):
    r = web.Response(quotes.quote_pdf(utils.safe_int(req.param('id'))), 200, 'application/pdf')
    return r


@auth.require_login
def quote_email(req):
    qid = utils.safe_int(req.param('id'))
    quotes.email_quote(qid)
    return web.redirect('/quotes/%d' % qid)


@auth.require_login
def quote_lost(req):
    quotes.mark_lost(utils.safe_int(req.param('id')), req.param('reason', ''))
    return web.redirect('/quotes')


@auth.require_login
def quote_list(req):
    mine = req.param('all') is None and req.user['role'] == 'sales'
    rows = quotes.open_quotes(req.user['id'] if mine else None)
    body = T.html_table(rows, [('id', 'Quote'), ('last_name', 'Customer'), ('stock_no', 'Stock'),
                               ('make', 'Make'), ('model', 'Model'),
                               ('valid_until', 'Valid', utils.fmt_date)], link='/quotes/%(id)s')
    return T.page('Open quotes', body, req.user, 'sales')


@auth.require_role('sales', 'manager')
def deal_from_quote(req):
    try:
        did = sales.create_deal_from_quote(utils.safe_int(req.param('id')), req.user['id'])
    except sales.DealError, e:
        return T.page('Deal', T.flash_box(str(e), 'error'), req.user, 'sales')
    return web.redirect('/deals/%d' % did)


@auth.require_login
def deal_view(req):
    did = utils.safe_int(req.param('id'))
    d = sales.get_deal(did)
    if not d:
        raise web.NotFound()
    body = u'<h2>Deal %s (%s)</h2>' % (d['deal_no'], d['status'])
    body += u'<p>%s %s &mdash; %s %s %s</p>' % (T.escape(d['first_name']), T.escape(d['last_name']),
                                              d['stock_no'], T.escape(d['make']), T.escape(d['model']))
    body += u'<p>Price %s &middot; Front %s &middot; Back %s</p>' % (
        utils.format_money(d['sale_price']), utils.format_money(d['front_gross']),
        utils.format_money(d['back_gross']))
    body += u'<p>Balance due: %s</p>' % utils.format_money(sales.balance_due(did))
    body += T.html_table(insurance.policies_for_deal(did), [('product', 'Product'),
                                                            ('premium', 'Premium', utils.format_money)])
    if d['status'] == 'pending':
        body += u'<a href="/deals/sign?id=%d">Sign</a>' % did
    elif d['status'] == 'signed':
        body += u'<a href="/deals/deliver?id=%d">Deliver</a>' % did
    return T.page('Deal ' + d['deal_no'], body, req.user, 'sales')


@auth.require_role('sales', 'manager', 'fi')
def deal_sign(req):
    did = utils.safe_int(req.param('id'))
    fi = req.user['id'] if req.user['role'] == 'fi' else None
    sales.sign_deal(did, fi)
    return web.redirect('/deals/%d' % did)


@auth.require_role('sales', 'manager')
def deal_deliver(req):
    did = utils.safe_int(req.param('id'))
    try:
        sales.deliver_deal(did, req.user['id'])
    except sales.DealError, e:
        return T.page('Deliver', T.flash_box(str(e), 'error'), req.user, 'sales')
    return web.redirect('/deals/%d' % did)


@auth.require_role('manager')
def deal_unwind(req):
    did = utils.safe_int(req.param('id'))
    sales.unwind_deal(did, req.param('reason', ''))
    return web.redirect('/deals/%d' % did)


@auth.require_login
def deal_deposit(req):
    did = utils.safe_int(req.param('deal_id')) or None
    qid = utils.safe_int(req.param('quote_id')) or None
    try:
        sales.take_deposit(req.param('amount'), req.param('method'), req.user['id'], did, qid)
    except sales.DealError, e:
        return T.page('Deposit', T.flash_box(str(e), 'error'), req.user, 'sales')
    return web.redirect(did and '/deals/%d' % did or '/quotes/%d' % qid)


@auth.require_login
def deal_invoice(req):
    import pdf
    data = pdf.deal_invoice_pdf(utils.safe_int(req.param('id')))
    return web.Response(data, 200, 'application/pdf')


@auth.require_login
def test_drive_out(req):
    try:
        sales.book_test_drive(utils.safe_int(req.param('customer_id')),
                              utils.safe_int(req.param('vehicle_id')), req.user['id'],
                              req.param('licence_checked') == '1', utils.safe_int(req.param('miles')))
    except sales.DealError, e:
        return T.page('Test drive', T.flash_box(str(e), 'error'), req.user, 'sales')
    return web.redirect('/testdrives')


@auth.require_login
def test_drive_list(req):
    body = T.html_table(sales.test_drives_out(), [('stock_no', 'Stock'), ('reg', 'Reg'),
                                                  ('last_name', 'Customer'),
                                                  ('out_at', 'Out', utils.fmt_datetime)])
    return T.page('Cars out on test drive', body, req.user, 'sales')


# ---------------------------------------------------------------------------
# appraisals
# ---------------------------------------------------------------------------

@auth.require_login
def appraisal_new(req):
    if req.method == 'POST':
        aid = tradein.create_appraisal(req.form, req.user['id'])
        return web.redirect('/appraisals/%d' % aid)
    return T.page('New appraisal', T.render('appraisal_form.html',
                                            customer_id=T.escape(req.param('customer_id', ''))),
                  req.user, 'sales')


@auth.require_login
def appraisal_view(req):
    aid = utils.safe_int(req.param('id'))
    a = tradein.get_appraisal(aid)
    if not a:
        raise web.NotFound()
    body = u'<h2>%s %s %s (%s)</h2>' % (T.escape(a['reg']), T.escape(a['make']), T.escape(a['model']),
                                        a['status'])
    body += u'<p>Book %s, recon %s, suggested offer %s</p>' % (
        utils.format_money(a['book_value']), utils.format_money(a['recon_estimate']),
        utils.format_money(tradein.suggested_offer(aid)))
    body += T.html_table(a['damage'], [('panel', 'Panel'), ('severity', 'Sev'),
                                       ('cost_estimate', 'Cost', utils.format_money)])
    return T.page('Appraisal', body, req.user, 'sales')


@auth.require_login
def appraisal_damage(req):
    aid = utils.safe_int(req.param('appraisal_id'))
    tradein.add_damage(aid, req.param('panel'), req.param('severity'),
                       req.param('cost') and utils.to_decimal(req.param('cost')) or None)
    return web.redirect('/appraisals/%d' % aid)


@auth.require_role('manager')
def appraisal_offer(req):
    aid = utils.safe_int(req.param('appraisal_id'))
    tradein.make_offer(aid, req.param('offer'))
    return web.redirect('/appraisals/%d' % aid)


@auth.require_login
def appraisal_accept(req):
    aid = utils.safe_int(req.param('appraisal_id'))
    try:
        tradein.accept_appraisal(aid, req.param('allowance') or None,
                                 req.param('settlement') or 0, req.param('lender'))
    except ValueError, e:
        return T.page('Appraisal', T.flash_box(str(e), 'error'), req.user, 'sales')
    return web.redirect('/appraisals/%d' % aid)


# ---------------------------------------------------------------------------
# F&I
# ---------------------------------------------------------------------------

@auth.require_role('fi', 'manager')
def fi_menu(req):
    did = utils.safe_int(req.param('deal_id'))
    d = sales.get_deal(did)
    bal = sales.balance_due(did)
    body = u'<h2>F&amp;I menu &mdash; deal %s</h2>' % d['deal_no']
    for product in ('hp', 'pcp'):
        body += u'<h3>%s</h3>' % product.upper()
        body += T.html_table(finance.quote_options(bal, product=product),
                             [('term', 'Months'), ('lender', 'Lender'), ('apr', 'APR'),
                              ('monthly', 'Monthly', utils.format_money)])
    body += u'<h3>Warranty</h3>'
    body += T.html_table(warranty.eligible_products(d['vehicle_id']),
                         [('name', 'Product'), ('months', 'Months'),
                          ('retail', 'Price', utils.format_money)])
    gap_ok = insurance.gap_cooling_off_ok(did)
    body += u'<p>GAP: %s</p>' % (gap_ok and 'can be sold' or 'cooling-off period not over')
    return T.page('F&I', body, req.user, 'fi')


@auth.require_role('fi', 'manager')
def finance_apply(req):
    did = utils.safe_int(req.param('deal_id'))
    d = sales.get_deal(did)
    try:
        app_id = finance.create_application(d['customer_id'], d['vehicle_id'], req.param('amount'),
                                            req.param('deposit') or 0,
                                            utils.safe_int(req.param('term')), req.param('product'),
                                            utils.safe_int(req.param('lender_id')), req.user['id'],
                                            req.param('balloon') or 0)
    except finance.FinanceError, e:
        return T.page('Finance', T.flash_box(str(e), 'error'), req.user, 'fi')
    finance.link_to_deal(app_id, did)
    if req.param('submit'):
        finance.submit_application(app_id)
    return web.redirect('/fi?deal_id=%d' % did)


@auth.require_role('fi', 'manager')
def finance_decision(req):
    finance.record_decision(utils.safe_int(req.param('app_id')), req.param('decision'),
                            req.param('reference'), req.param('conditions'))
    return web.redirect(req.param('back', '/'))


@auth.require_role('fi', 'manager')
def insurance_sell(req):
    did = utils.safe_int(req.param('deal_id'))
    product = req.param('product')
    if product == 'gap' and not insurance.gap_cooling_off_ok(did):
        return T.page('Insurance', T.flash_box('GAP cooling-off not met', 'error'), req.user, 'fi')
    d = sales.get_deal(did)
    premium = req.param('premium') or insurance.premium_quote(product, d['sale_price'], 36)
    insurance.sell_policy(did, product, premium)
    sales.recalc_gross(did)
    return web.redirect('/deals/%d' % did)


@auth.require_role('fi', 'manager')
def warranty_sell(req):
    did = utils.safe_int(req.param('deal_id'))
    warranty.sell_warranty(did, utils.safe_int(req.param('product_id')), req.param('price') or None)
    return web.redirect('/deals/%d' % did)


# ---------------------------------------------------------------------------
# staff, commission, payroll
# ---------------------------------------------------------------------------

@auth.require_login
def my_commission(req):
    period = req.param('period') or utils.period_of(dates.today())
    emp_id = req.user['id']
    if req.user['role'] in ('manager', 'admin') and req.param('employee_id'):
        emp_id = utils.safe_int(req.param('employee_id'))
    rows, total = commissions.statement(emp_id, period)
    body = T.html_table(rows, [('created_at', 'Date', utils.fmt_date), ('deal_no', 'Deal'),
                               ('kind', 'Type'), ('amount', 'Amount', utils.format_money)])
    body += '<p><b>Total %s</b></p>' % utils.format_money(total)
    return T.page('Commission ' + period, body, req.user, 'staff')


@auth.require_role('admin')
def payroll_run(req):
    period = req.param('period') or dates.previous_period()
    if req.method == 'POST':
        commissions.volume_bonuses(period)
        commissions.technician_bonuses(period)
        run_id = payroll.run_payroll(period, req.user['id'])
        return web.redirect('/payroll?run_id=%d' % run_id)
    run_id = utils.safe_int(req.param('run_id'))
    body = ''
    if run_id:
        body = T.html_table(payroll.payslips_for_run(run_id),
                            [('last_name', 'Name'), ('gross', 'Gross', utils.format_money),
                             ('commission', 'Commission', utils.format_money),
                             ('net', 'Net', utils.format_money)])
    body += '<form method="post"><input name="period" value="%s"><button>Run</button></form>' % period
    return T.page('Payroll', body, req.user, 'staff')


@auth.require_role('admin')
def payroll_lock_export(req):
    run_id = utils.safe_int(req.param('run_id'))
    payroll.lock_run(run_id)
    path = payroll.export_run(run_id)
    return T.page('Payroll exported', '<p>Written to %s</p>' % T.escape(path), req.user, 'staff')


@auth.require_role('admin', 'manager')
def staff_list(req):
    body = T.html_table(staff.list_staff(), [('username', 'User'), ('first_name', 'First'),
                                             ('last_name', 'Last'), ('role', 'Role')])
    return T.page('Staff', body, req.user, 'staff')


@auth.require_login
def clock(req):
    if req.param('action') == 'out':
        payroll.clock_out(req.user['id'])
    else:
        payroll.clock_in(req.user['id'])
    return web.redirect('/')


# ---------------------------------------------------------------------------
# reports
# ---------------------------------------------------------------------------

@auth.require_role('manager', 'admin')
def report_page(req):
    name = req.param('r')
    period = req.param('period') or dates.previous_period()
    fn = reports.REPORTS.get(name)
    if fn is None:
        links = ''.join(['<li><a href="/reports?r=%s">%s</a></li>' % (k, k) for k in sorted(reports.REPORTS)])
        return T.page('Reports', '<ul>%s</ul>' % links, req.user, 'reports')
    rows = fn(period)
    if req.param('csv'):
        return web.csv_response(reports.to_csv(rows), '%s_%s.csv' % (name, period))
    cols = rows and [(k, k) for k in rows[0].keys()] or []
    return T.page(name, T.html_table(rows, cols), req.user, 'reports')


# old RO list before handlers_service.py existed -- not routed any more
def old_ro_list(req):
    rows = db.query("SELECT * FROM repair_orders WHERE status = 'open' ORDER BY id DESC LIMIT 100")
    return T.html_table(rows, [('ro_no', 'RO'), ('status', 'Status')])


import handlers_service

URLS = {
    '/': dashboard,
    '/login': login,
    '/logout': logout,
    '/password': change_password,
    '/search': search_page,
    '/stock': stock_list,
    '/stock/<id>': stock_view,
    '/stock/new': stock_new,
    '/stock/price': stock_price,
    '/stock/photo': stock_photo_upload,
    '/stock/transfer': stock_transfer,
    '/customers': customer_list,
    '/customers/<id>': customer_view,
    '/customers/new': customer_new,
    '/customers/edit': customer_edit,
    '/customers/note': customer_note,
    '/customers/merge': customer_merge,
    '/followups/done': followup_done,
    '/leads': leads_mine,
    '/leads/activity': lead_activity,
    '/enquiry': website_enquiry,
    '/quotes': quote_list,
    '/quotes/new': quote_new,
    '/quotes/<id>': quote_view,
    '/quotes/line': quote_line_add,
    '/quotes/discount': quote_discount,
    '/quotes/pdf': quote_pdf,
    '/quotes/email': quote_email,
    '/quotes/lost': quote_lost,
    '/deals/from_quote': deal_from_quote,
    '/deals/<id>': deal_view,
    '/deals/sign': deal_sign,
    '/deals/deliver': deal_deliver,
    '/deals/unwind': deal_unwind,
    '/deals/deposit': deal_deposit,
    '/deals/invoice': deal_invoice,
    '/testdrives': test_drive_list,
    '/testdrives/out': test_drive_out,
    '/appraisals/new': appraisal_new,
    '/appraisals/<id>': appraisal_view,
    '/appraisals/damage': appraisal_damage,
    '/appraisals/offer': appraisal_offer,
    '/appraisals/accept': appraisal_accept,
    '/fi': fi_menu,
    '/fi/apply': finance_apply,
    '/fi/decision': finance_decision,
    '/fi/insurance': insurance_sell,
    '/fi/warranty': warranty_sell,
    '/commission': my_commission,
    '/payroll': payroll_run,
    '/payroll/export': payroll_lock_export,
    '/staff': staff_list,
    '/clock': clock,
    '/reports': report_page,
}
URLS.update(handlers_service.URLS)

application = web.make_app(URLS)
