#!/usr/bin/env python
# Valley Dairy office web app (web.py 0.3x)
# run: python main.py 8080   (behind apache mod_wsgi on the server, see dairy.wsgi)
import datetime
import json

import web

import settings
import db
import dbfuncs
import common
from common import require_login, require_perm, audit, format_money, parse_date, safe_int, safe_float

urls = (
    '/', 'Index',
    '/login', 'Login',
    '/logout', 'Logout',
    '/password', 'ChangePassword',
    '/admin/users', 'UserList',
    '/admin/users/(\d+|new)', 'UserEdit',
    '/admin/perms', 'Permissions',
    '/admin/audit', 'AuditLog',

    '/members', 'MemberList',
    '/members/search', 'MemberSearch',
    '/members/new', 'MemberNew',
    '/members/(\d+)', 'MemberView',
    '/members/(\d+)/edit', 'MemberEdit',
    '/members/(\d+)/status', 'MemberStatus',
    '/members/(\d+)/bank', 'BankDetails',
    '/members/(\d+)/shares', 'SharesView',
    '/members/(\d+)/shares/buy', 'ShareBuy',
    '/members/(\d+)/shares/redeem', 'ShareRedeem',
    '/farms/(\d+|new)', 'FarmEdit',

    '/routes', 'RouteList',
    '/routes/(\d+|new)', 'RouteEdit',
    '/routes/(\d+)/stops', 'RouteStops',
    '/farms/(\d+)/tanks', 'TankEdit',
    '/rounds', 'RoundsToday',
    '/rounds/new', 'RoundNew',
    '/rounds/(\d+)', 'RoundView',
    '/rounds/(\d+)/close', 'RoundClose',
    '/rounds/(\d+)/pickup', 'PickupEntry',
    '/pickups/(\d+)', 'PickupEdit',
    '/rounds/(\d+)/intake', 'PlantIntake',
    '/reports/variance', 'RoundVarianceReport',

    '/lab/samples', 'SampleList',
    '/lab/samples/(.+)', 'SampleView',
    '/lab/result', 'ResultEntry',
    '/lab/import', 'LabImport',
    '/quality/bands', 'PenaltyBands',
    '/quality/penalties', 'PenaltiesMonth',
    '/quality/penalties/(\d+)/waive', 'PenaltyWaive',
    '/quality/inhibitors', 'InhibitorList',
    '/quality/inhibitors/new', 'InhibitorNew',
    '/quality/inhibitors/(\d+)/close', 'InhibitorClose',
    '/quality/farm/(\d+)', 'FarmQualityHistory',

    '/payments/prices', 'PriceList',
    '/payments/prices/set', 'PriceSet',
    '/payments/runs', 'PaymentRuns',
    '/payments/runs/new', 'PaymentRunNew',
    '/payments/runs/(\d+)', 'PaymentRunView',
    '/payments/runs/(\d+)/approve', 'PaymentRunApprove',
    '/payments/runs/(\d+)/bacs', 'PaymentRunBankFile',
    '/payments/deductions', 'DeductionList',
    '/payments/deductions/add', 'DeductionAdd',
    '/payments/deductions/(\d+)/delete', 'DeductionDelete',
    '/payments/advance', 'AdvanceNew',
    '/payments/statement/(\d+)/(\d{4}-\d{2})', 'PaymentStatement',

    '/fleet/tankers', 'TankerList',
    '/fleet/tankers/(\d+|new)', 'TankerEdit',
    '/fleet/drivers', 'DriverList',
    '/fleet/drivers/(\d+|new)', 'DriverEdit',
    '/fleet/shifts', 'ShiftLog',
    '/fleet/service/(\d+)', 'ServiceLog',
    '/fleet/fuel', 'FuelEntry',
    '/fleet/mot', 'MotDue',
    '/fleet/hours', 'DriverHours',

    '/shop/products', 'ProductList',
    '/shop/products/(\d+|new)', 'ProductEdit',
    '/shop/stock', 'StockView',
    '/shop/stock/adjust', 'StockAdjust',
    '/shop/orders/new', 'ShopOrderNew',
    '/shop/orders/(\d+)', 'ShopOrderView',
    '/shop/orders/(\d+)/line', 'ShopOrderAddLine',
    '/shop/orders/(\d+)/complete', 'ShopOrderComplete',
    '/shop/orders/(\d+)/cancel', 'ShopOrderCancel',
    '/shop/lowstock', 'LowStock',

    '/sales/customers', 'CustomerList',
    '/sales/customers/(\d+|new)', 'CustomerEdit',
    '/sales/contracts', 'ContractList',
    '/sales/contracts/(\d+|new)', 'ContractEdit',
    '/sales/deliveries', 'DeliveryList',
    '/sales/deliveries/new', 'DeliveryNew',
    '/sales/invoices', 'InvoiceList',
    '/sales/invoices/new', 'InvoiceNew',
    '/sales/invoices/(\d+)', 'InvoiceView',
    '/sales/invoices/(\d+)/paid', 'InvoicePaid',
)

t_globals = {
    'money': format_money,
    'ppl': common.format_ppl,
    'litres': common.format_litres,
    'fdate': common.format_date,
    'month_label': common.month_label,
    'datestr': web.datestr,
}
render = web.template.render(settings.TEMPLATE_DIR, base='layout', globals=t_globals)
render_plain = web.template.render(settings.TEMPLATE_DIR, globals=t_globals)


def notfound():
    return web.notfound(render_plain.notfound())


def internalerror():
    common.log.exception('internal error on %s', web.ctx.path)
    return web.internalerror(render_plain.error())


def json_out(data):
    web.header('Content-Type', 'application/json')
    return json.dumps(data, default=str)


def csv_out(filename, rows):
    web.header('Content-Type', 'text/csv')
    web.header('Content-Disposition', 'attachment; filename="%s"' % filename)
    return '\r\n'.join([common.csv_row(r) for r in rows])


# ------------------------------------------------------------------
# login / admin
# ------------------------------------------------------------------

class Index:
    @require_login
    def GET(self):
        user = web.ctx.user
        menu = []
        for perm, label, url in [('members', 'Members', '/members'), ('collection', 'Rounds', '/rounds'),
                                 ('quality', 'Lab & Quality', '/lab/samples'),
                                 ('payments', 'Milk Payments', '/payments/runs'),
                                 ('fleet', 'Fleet', '/fleet/tankers'), ('shop', 'Shop', '/shop/products'),
                                 ('sales', 'Sales', '/sales/invoices'), ('admin', 'Admin', '/admin/users')]:
            if dbfuncs.user_has_perm(user, perm):
                menu.append((label, url))
        return render.index(user, menu)


class Login:
    def GET(self):
        return render_plain.login(web.input(next='/').next, None)

    def POST(self):
        i = web.input(username='', password='', next='/')
        user = dbfuncs.get_user_by_name(i.username.strip())
        if not user or not common.check_password(i.password, user['pwhash']):
            return render_plain.login(i.next, 'Wrong username or password')
        if user['pwhash'] and '$' not in user['pwhash']:
            # upgrade old md5 hash while we have the password
            dbfuncs.set_password(user['id'], common.hash_password(i.password))
        sid = common.random_token()
        dbfuncs.create_session(sid, user['id'], web.ctx.ip)
        web.setcookie('dairy_sid', sid, expires=settings.SESSION_HOURS * 3600)
        web.ctx.user = user
        audit('login', i.username)
        raise web.seeother(i.next)


class Logout:
    def GET(self):
        sid = web.cookies().get('dairy_sid')
        if sid:
            dbfuncs.delete_session(sid)
        web.setcookie('dairy_sid', '', expires=-1)
        raise web.seeother('/login')


class ChangePassword:
    @require_login
    def GET(self):
        return render.password(None)

    @require_login
    def POST(self):
        i = web.input()
        user = web.ctx.user
        if not common.check_password(i.old, user['pwhash']):
            return render.password('Old password wrong')
        if i.new1 != i.new2 or len(i.new1) < 6:
            return render.password('Passwords do not match or too short')
        dbfuncs.set_password(user['id'], common.hash_password(i.new1))
        audit('password', '')
        raise web.seeother('/')


class UserList:
    @require_perm('admin')
    def GET(self):
        return render.users(dbfuncs.list_users())


class UserEdit:
    @require_perm('admin')
    def GET(self, uid):
        user = uid != 'new' and dbfuncs.get_user(int(uid)) or {}
        return render.user_edit(user)

    @require_perm('admin')
    def POST(self, uid):
        i = web.input(active=0)
        data = dict(i)
        if uid != 'new':
            data['id'] = int(uid)
        new_id = dbfuncs.save_user(data)
        if i.get('password'):
            dbfuncs.set_password(new_id, common.hash_password(i.password))
        audit('user_save', i.get('username', uid))
        raise web.seeother('/admin/users')


class Permissions:
    @require_perm('admin')
    def GET(self):
        perms = {}
        for row in db.query("SELECT * FROM permissions ORDER BY role, perm"):
            perms.setdefault(row['role'], []).append(row['perm'])
        return render.perms(perms)

    @require_perm('admin')
    def POST(self):
        i = web.input(perm=[])
        db.execute("DELETE FROM permissions WHERE role = %s", (i.role,))
        for p in i.perm:
            db.execute("INSERT INTO permissions (role, perm) VALUES (%s, %s)", (i.role, p))
        audit('perms', '%s: %s' % (i.role, ','.join(i.perm)))
        raise web.seeother('/admin/perms')


class AuditLog:
    @require_perm('admin')
    def GET(self):
        i = web.input(action=None, limit=200)
        return render.audit(dbfuncs.get_audit_log(safe_int(i.limit, 200), i.action))


# ------------------------------------------------------------------
# members
# ------------------------------------------------------------------

class MemberList:
    @require_perm('members')
    def GET(self):
        i = web.input(status='active', order='name', fmt='html')
        members = dbfuncs.list_members(i.status, i.order)
        if i.fmt == 'csv':
            return csv_out('members.csv', [[m['member_no'], m['name'], m['postcode'], m['status']] for m in members])
        return render.members(members, i.status)


class MemberSearch:
    @require_perm('members')
    def GET(self):
        i = web.input(q='', fmt='html')
        q = i.q.strip()
        if common.valid_member_no(q.upper()):
            m = dbfuncs.get_member_by_no(q)
            if m:
                raise web.seeother('/members/%d' % m['id'])
        results = q and dbfuncs.search_members(q) or []
        if i.fmt == 'json':
            # used by the shop till and the pickup screen autocomplete
            return json_out([{'id': r['id'], 'no': r['member_no'], 'name': r['name']} for r in results])
        return render.member_search(q, results)


class MemberNew:
    @require_perm('members')
    def GET(self):
        return render.member_edit({}, None)

    @require_perm('members')
    def POST(self):
        i = web.input()
        data = dict(i)
        next_no = db.query_value("SELECT MAX(CAST(SUBSTRING(member_no, 2, 5) AS UNSIGNED)) FROM members", default=0)
        data['member_no'] = common.format_member_no(next_no + 1)
        data['joined'] = parse_date(i.get('joined')) or datetime.date.today()
        mid = dbfuncs.save_member(data)
        audit('member_new', data['member_no'])
        raise web.seeother('/members/%d' % mid)


class MemberView:
    @require_perm('members')
    def GET(self, mid):
        m = dbfuncs.get_member(int(mid))
        if not m:
            raise notfound()
        farms = dbfuncs.get_farms_for_member(m['id'])
        shares = dbfuncs.get_member_shares(m['id'])
        bank = dbfuncs.get_bank_account(m['id'])
        payments = dbfuncs.get_member_payment_history(m['id'], 6)
        orders = dbfuncs.list_shop_orders(member_id=m['id'], status='open')
        notes = dbfuncs.get_member_notes(m['id'])
        return render.member(m, farms, shares, bank, payments, orders, notes)

    @require_perm('members')
    def POST(self, mid):
        # quick note box on the member page
        i = web.input(note='')
        if i.note.strip():
            db.execute("INSERT INTO member_notes (member_id, user_id, note, created) VALUES (%s,%s,%s,NOW())",
                       (int(mid), web.ctx.user['id'], i.note.strip()))
        raise web.seeother('/members/%s' % mid)


class MemberEdit:
    @require_perm('members')
    def GET(self, mid):
        return render.member_edit(dbfuncs.get_member(int(mid)), None)

    @require_perm('members')
    def POST(self, mid):
        i = web.input()
        data = dict(i)
        data['id'] = int(mid)
        if data.get('vat_no'):
            data['vat_no'] = data['vat_no'].replace(' ', '').upper()
        dbfuncs.save_member(data)
        audit('member_edit', mid)
        raise web.seeother('/members/%s' % mid)


class MemberStatus:
    @require_perm('members')
    def POST(self, mid):
        i = web.input(status='active', when='')
        dbfuncs.set_member_status(int(mid), i.status, parse_date(i.when))
        if i.status == 'left':
            # take them off every route
            db.execute("""DELETE rs FROM route_stops rs JOIN farms f ON f.id = rs.farm_id
                          WHERE f.member_id = %s""", (int(mid),))
        audit('member_status', '%s %s' % (mid, i.status))
        raise web.seeother('/members/%s' % mid)


class BankDetails:
    @require_perm('members')
    def GET(self, mid):
        return render.bank(dbfuncs.get_member(int(mid)), dbfuncs.get_bank_account(int(mid)), None)

    @require_perm('members')
    def POST(self, mid):
        i = web.input()
        sort_code = i.sort_code.replace('-', '').replace(' ', '')
        if len(sort_code) != 6 or not sort_code.isdigit() or len(i.account_no) != 8:
            return render.bank(dbfuncs.get_member(int(mid)), None, 'Bad sort code / account number')
        dbfuncs.save_bank_account(int(mid), i.account_name, sort_code, i.account_no,
                                  parse_date(i.valid_from) or datetime.date.today())
        audit('bank_change', mid)
        common.send_email(settings.OFFICE_EMAIL, 'Bank details changed for member %s' % mid,
                          'Changed by %s - please verify by phone.' % web.ctx.user['username'])
        raise web.seeother('/members/%s' % mid)


class SharesView:
    @require_perm('members')
    def GET(self, mid):
        m = dbfuncs.get_member(int(mid))
        return render.shares(m, dbfuncs.get_member_shares(m['id']), dbfuncs.get_share_transactions(m['id']))


class ShareBuy:
    @require_perm('members')
    def POST(self, mid):
        i = web.input(shares=0, by_instalment=0, instalments=12)
        n = safe_int(i.shares)
        amount = n * settings.SHARE_VALUE
        if safe_int(i.by_instalment):
            # spread over the next N milk cheques
            per = common.round_money(amount / safe_int(i.instalments, 12))
            d = datetime.date.today()
            for k in range(safe_int(i.instalments, 12)):
                month = common.month_key(d)
                dbfuncs.add_deduction(int(mid), month, 'shares', per, 'SH%s' % mid, 'shares')
                d = common.month_bounds(month)[1] + datetime.timedelta(days=1)
            dbfuncs.record_share_transaction(int(mid), 'instalment', n, amount, 'by deduction',
                                             web.ctx.user['id'])
        else:
            dbfuncs.record_share_transaction(int(mid), 'issue', n, amount, i.get('ref', ''), web.ctx.user['id'])
        audit('shares_buy', '%s %d' % (mid, n))
        raise web.seeother('/members/%s/shares' % mid)


class ShareRedeem:
    @require_perm('members')
    def POST(self, mid):
        i = web.input(shares=0)
        holding = dbfuncs.get_member_shares(int(mid))
        n = min(safe_int(i.shares), holding['shares'])
        m = dbfuncs.get_member(int(mid))
        if m['status'] == 'active' and not web.ctx.user['role'] == 'admin':
            # rule 14: active members can't go below target holding
            n = min(n, max(0, holding['shares'] - holding['target_shares']))
        dbfuncs.record_share_transaction(int(mid), 'redeem', n, n * settings.SHARE_VALUE, '', web.ctx.user['id'])
        audit('shares_redeem', '%s %d' % (mid, n))
        raise web.seeother('/members/%s/shares' % mid)



class FarmEdit:
    @require_perm('members')
    def GET(self, fid):
        farm = fid != 'new' and dbfuncs.get_farm(int(fid)) or {'member_id': web.input(member_id=0).member_id}
        return render.farm_edit(farm)

    @require_perm('members')
    def POST(self, fid):
        i = web.input()
        data = dict(i)
        if fid != 'new':
            data['id'] = int(fid)
        data['herd_size'] = safe_int(i.get('herd_size'))
        new_id = dbfuncs.save_farm(data)
        audit('farm_save', str(new_id))
        raise web.seeother('/members/%s' % i.member_id)


# ------------------------------------------------------------------
# collection
# ------------------------------------------------------------------

class RouteList:
    @require_perm('collection')
    def GET(self):
        return render.routes(dbfuncs.list_routes(active_only=False))


class RouteEdit:
    @require_perm('collection')
    def GET(self, rid):
        return render.route_edit(rid != 'new' and dbfuncs.get_route(int(rid)) or {}, settings.DEPOTS)

    @require_perm('collection')
    def POST(self, rid):
        i = web.input(active=0, frequency='daily')
        data = dict(i)
        if rid != 'new':
            data['id'] = int(rid)
        dbfuncs.save_route(data)
        raise web.seeother('/routes')


class RouteStops:
    @require_perm('collection')
    def GET(self, rid):
        route = dbfuncs.get_route(int(rid))
        return render.route_stops(route, dbfuncs.get_route_stops(route['id']))

    @require_perm('collection')
    def POST(self, rid):
        i = web.input(order='', farm_id=None, pickup_days='1111111', access_notes='')
        if i.order:
            dbfuncs.reorder_stops(int(rid), [int(x) for x in i.order.split(',') if x])
        elif i.farm_id:
            stops = dbfuncs.get_route_stops(int(rid))
            dbfuncs.save_route_stop(int(rid), int(i.farm_id), len(stops) + 1, i.pickup_days, i.access_notes)
        raise web.seeother('/routes/%s/stops' % rid)


class TankEdit:
    @require_perm('collection')
    def GET(self, fid):
        return render.tanks(dbfuncs.get_farm(int(fid)), dbfuncs.get_farm_tanks(int(fid)))

    @require_perm('collection')
    def POST(self, fid):
        i = web.input(tank_no=1, capacity_l=0, calibration='', calibrated_on='')
        dbfuncs.save_farm_tank(int(fid), safe_int(i.tank_no, 1), safe_int(i.capacity_l), i.calibration.strip(),
                               parse_date(i.calibrated_on))
        raise web.seeother('/farms/%s/tanks' % fid)


class RoundsToday:
    @require_perm('collection')
    def GET(self):
        d = parse_date(web.input(d='').d) or datetime.date.today()
        return render.rounds(d, dbfuncs.list_rounds_for_date(d), dbfuncs.list_routes())


class RoundNew:
    @require_perm('collection')
    def GET(self):
        d = parse_date(web.input(d='').d) or datetime.date.today()
        return render.round_new(d, dbfuncs.list_routes(), dbfuncs.available_tankers(d),
                                dbfuncs.list_drivers(), None)

    @require_perm('collection')
    def POST(self):
        i = web.input(tanker_id=None, driver_id=None)
        d = parse_date(i.round_date) or datetime.date.today()
        if i.driver_id:
            # working time directive: 60h max in a week
            wk_start = d - datetime.timedelta(days=d.weekday())
            hrs = dbfuncs.driver_hours(int(i.driver_id), wk_start, d)
            if hrs > 48:
                return render.round_new(d, dbfuncs.list_routes(), dbfuncs.available_tankers(d),
                                        dbfuncs.list_drivers(), 'Driver has %.1f hours this week' % hrs)
        rid = dbfuncs.create_round(int(i.route_id), d, i.tanker_id and int(i.tanker_id),
                                   i.driver_id and int(i.driver_id))
        raise web.seeother('/rounds/%d' % rid)


class RoundView:
    @require_perm('collection')
    def GET(self, rid):
        r = dbfuncs.get_round(int(rid))
        if not r:
            raise notfound()
        pickups = dbfuncs.get_pickups_for_round(r['id'])
        stops = dbfuncs.get_route_stops(r['route_id'])
        done = set([p['farm_id'] for p in pickups])
        todo = [s for s in stops if s['farm_id'] not in done]
        return render.round(r, pickups, todo)


class RoundClose:
    @require_perm('collection')
    def POST(self, rid):
        i = web.input(notes='')
        r = dbfuncs.get_round(int(rid))
        dbfuncs.close_round(r['id'], i.notes)
        if r['driver_id'] and r['started']:
            end = datetime.datetime.now()
            dbfuncs.log_shift(r['driver_id'], r['started'], end, common.shift_hours(r['started'], end),
                              r['tanker_id'])
        audit('round_close', rid)
        raise web.seeother('/rounds?d=%s' % r['round_date'])


class PickupEntry:
    @require_perm('collection')
    def POST(self, rid):
        i = web.input(tank_id=None, dip_cm='', litres='', temp_c='', take_sample=1)
        farm_id = int(i.farm_id)
        litres = safe_int(i.litres)
        if not litres and i.dip_cm and i.tank_id:
            tank = db.query_one("SELECT * FROM farm_tanks WHERE id = %s", (int(i.tank_id),))
            litres = common.litres_from_dip(i.dip_cm, tank['calibration'])
        temp = i.temp_c and safe_float(i.temp_c) or None
        code = None
        if safe_int(i.take_sample):
            code = common.sample_code_for(farm_id, datetime.date.today())
        pid = dbfuncs.add_pickup(int(rid), farm_id, litres, i.tank_id, i.dip_cm or None, temp,
                                 sample_code=code)
        if code:
            dbfuncs.create_sample(code, farm_id, pid)
        if temp is not None and temp > 6.0:
            common.send_email(settings.OFFICE_EMAIL, 'Warm milk: farm %d at %.1fC' % (farm_id, temp),
                              'Round %s pickup %d' % (rid, pid))
        raise web.seeother('/rounds/%s' % rid)


class PickupEdit:
    @require_perm('collection')
    def POST(self, pid):
        i = web.input(rejected=0)
        p = db.query_one("SELECT * FROM pickups WHERE id = %s", (int(pid),))
        db.execute("UPDATE pickups SET litres=%s, temp_c=%s, rejected=%s WHERE id=%s",
                   (safe_int(i.litres), safe_float(i.temp_c), safe_int(i.rejected), int(pid)))
        audit('pickup_edit', '%s %s->%s' % (pid, p['litres'], i.litres))
        raise web.seeother('/rounds/%d' % p['round_id'])


class PlantIntake:
    @require_perm('collection')
    def POST(self, rid):
        i = web.input(site='Main', silo='', contract_id=None)
        litres = safe_int(i.litres)
        intake_id = dbfuncs.record_plant_intake(int(rid), i.site, litres, i.silo)
        if i.contract_id:
            # tipped straight into a customer's tanker / silo
            dbfuncs.record_delivery(int(i.contract_id), intake_id, datetime.date.today(), litres)
        raise web.seeother('/rounds/%s' % rid)


class RoundVarianceReport:
    @require_perm('collection')
    def GET(self):
        i = web.input(start='', end='', fmt='html')
        end = parse_date(i.end) or datetime.date.today()
        start = parse_date(i.start) or end - datetime.timedelta(days=7)
        rows = dbfuncs.round_variance(start, end)
        if i.fmt == 'csv':
            return csv_out('variance.csv', [[r['round_date'], r['code'], r['dip_litres'], r['weighbridge_litres'],
                                             r['variance']] for r in rows])
        return render.variance(start, end, rows)


# ------------------------------------------------------------------
# lab / quality
# ------------------------------------------------------------------

def compute_quality_penalties(month):
    """recalculate penalties for a month from lab averages and the bands in force"""
    start, end = common.month_bounds(month)
    dbfuncs.clear_penalties(month)
    litres = dict([(r['farm_id'], r['litres']) for r in dbfuncs.litres_by_farm(start, end)])
    count = 0
    for comp in dbfuncs.monthly_composition(start, end):
        for measure, value in (('scc', comp['scc']), ('tbc', comp['tbc_geo'])):
            if value is None:
                continue
            for band in dbfuncs.get_penalty_bands(measure):
                if band['valid_from'] > end:
                    continue
                if band['lower_limit'] <= value < (band['upper_limit'] or 10 ** 9):
                    l = litres.get(comp['farm_id'], 0)
                    amount = common.round_money(l * float(band['ppl']) / 100.0)
                    dbfuncs.save_penalty(comp['farm_id'], month, measure, int(value), band['ppl'], l, amount)
                    count += 1
                    break
    return count


class SampleList:
    @require_perm('quality')
    def GET(self):
        i = web.input(status=None)
        return render.samples(dbfuncs.list_samples(i.status), i.status)


class SampleView:
    @require_perm('quality')
    def GET(self, code):
        s = dbfuncs.get_sample_by_code(code)
        if not s:
            raise notfound()
        res = db.query_one("SELECT * FROM sample_results WHERE sample_id = %s", (s['id'],))
        return render.sample(s, res, common.scc_band(res and res['scc']))


class ResultEntry:
    @require_perm('quality')
    def POST(self):
        i = web.input(inhibitor=0)
        s = dbfuncs.get_sample_by_code(i.sample_code.strip())
        if not s:
            return render.samples([], None)
        dbfuncs.save_sample_result(s['id'], safe_float(i.fat), safe_float(i.protein), safe_float(i.lactose),
                                   safe_int(i.scc), safe_int(i.tbc), safe_int(i.inhibitor))
        if safe_int(i.inhibitor):
            raise web.seeother('/quality/inhibitors/new?sample=%s' % s['sample_code'])
        raise web.seeother('/lab/samples/%s' % s['sample_code'])


class LabImport:
    @require_perm('quality')
    def GET(self):
        logs = db.query("SELECT * FROM lab_import_log ORDER BY imported_at DESC LIMIT 50")
        return render.lab_import(logs, None)

    @require_perm('quality')
    def POST(self):
        import labs
        x = web.input(labfile={})
        if 'labfile' not in x or not x.labfile.filename:
            raise web.seeother('/lab/import')
        ok, bad, errors = labs.import_lab_file(x.labfile.filename, x.labfile.file.read())
        audit('lab_import', '%s ok=%d bad=%d' % (x.labfile.filename, ok, bad))
        logs = db.query("SELECT * FROM lab_import_log ORDER BY imported_at DESC LIMIT 50")
        return render.lab_import(logs, errors)


class PenaltyBands:
    @require_perm('quality')
    def GET(self):
        return render.bands(dbfuncs.get_penalty_bands())

    @require_perm('quality')
    def POST(self):
        i = web.input(upper='')
        db.insert("""INSERT INTO penalty_bands (measure, lower_limit, upper_limit, ppl, valid_from)
                     VALUES (%s,%s,%s,%s,%s)""", (i.measure, safe_int(i.lower), i.upper and safe_int(i.upper) or None,
                                                safe_float(i.ppl), parse_date(i.valid_from)))
        audit('band_add', '%s %s-%s %s' % (i.measure, i.lower, i.upper, i.ppl))
        raise web.seeother('/quality/bands')


class PenaltiesMonth:
    @require_perm('quality')
    def GET(self):
        month = web.input(month=common.prev_month()).month
        return render.penalties(month, dbfuncs.get_penalties_for_month(month))

    @require_perm('quality')
    def POST(self):
        month = web.input(month=common.prev_month()).month
        run = db.query_one("SELECT * FROM payment_runs WHERE month = %s AND status IN ('approved','paid')", (month,))
        if run:
            raise web.badrequest()
        n = compute_quality_penalties(month)
        audit('penalties_calc', '%s n=%d' % (month, n))
        raise web.seeother('/quality/penalties?month=%s' % month)


class PenaltyWaive:
    @require_perm('quality')
    def POST(self, pid):
        i = web.input(reason='')
        dbfuncs.waive_penalty(int(pid), web.ctx.user['id'], i.reason)
        audit('penalty_waive', '%s %s' % (pid, i.reason))
        raise web.seeother(web.ctx.env.get('HTTP_REFERER', '/quality/penalties'))


class InhibitorList:
    @require_perm('quality')
    def GET(self):
        i = web.input(all=0)
        return render.inhibitors(dbfuncs.list_inhibitor_incidents(not safe_int(i.all)))


class InhibitorNew:
    @require_perm('quality')
    def GET(self):
        s = dbfuncs.get_sample_by_code(web.input(sample='').sample)
        return render.inhibitor_new(s)

    @require_perm('quality')
    def POST(self):
        i = web.input(condemn_load=0)
        s = dbfuncs.get_sample_by_code(i.sample_code)
        pickup = s['pickup_id'] and db.query_one("SELECT * FROM pickups WHERE id=%s", (s['pickup_id'],))
        round_id = pickup and pickup['round_id'] or None
        litres = safe_int(i.litres_discarded)
        cost = common.round_money(litres * safe_float(i.cost_ppl, 30.0) / 100.0)
        iid = dbfuncs.open_inhibitor_incident(s['farm_id'], s['id'], round_id, litres, cost)
        if round_id and safe_int(i.condemn_load):
            dbfuncs.reject_round_pickups(round_id)
        common.send_email(settings.OFFICE_EMAIL, 'INHIBITOR FAILURE farm %s' % s['farm_id'],
                          'Sample %s, incident %d' % (s['sample_code'], iid))
        audit('inhibitor', str(iid))
        raise web.seeother('/quality/inhibitors')


class InhibitorClose:
    @require_perm('quality')
    def POST(self, iid):
        i = web.input(charge=0, notes='')
        inc = db.query_one("SELECT * FROM inhibitor_incidents WHERE id = %s", (int(iid),))
        if safe_int(i.charge) and not inc['charged']:
            farm = dbfuncs.get_farm(inc['farm_id'])
            dbfuncs.add_deduction(farm['member_id'], common.month_key(datetime.date.today()), 'inhibitor',
                                  float(inc['cost']), 'INH%s' % iid, 'quality')
        dbfuncs.close_inhibitor_incident(int(iid), i.notes, safe_int(i.charge))
        raise web.seeother('/quality/inhibitors')


class FarmQualityHistory:
    @require_perm('quality')
    def GET(self, fid):
        end = datetime.date.today()
        start = end - datetime.timedelta(days=365)
        results = dbfuncs.get_results_for_farm(int(fid), start, end)
        pens = db.query("SELECT * FROM quality_penalties WHERE farm_id = %s ORDER BY month DESC", (int(fid),))
        return render.farm_quality(dbfuncs.get_farm(int(fid)), results, pens)


# ------------------------------------------------------------------
# milk payments
# ------------------------------------------------------------------

def build_payment_run(run_id):
    """The big one. Works out every member's milk cheque for the month."""
    run = dbfuncs.get_payment_run(run_id)
    month = run['month']
    price = dbfuncs.get_milk_price(month)
    if not price:
        raise ValueError('No milk price set for %s' % month)
    start, end = common.month_bounds(month)
    dbfuncs.clear_payment_lines(run_id)

    comp_by_farm = dict([(c['farm_id'], c) for c in dbfuncs.monthly_composition(start, end)])
    penalties = dict([(p['member_id'], float(p['amount'])) for p in dbfuncs.penalty_total_by_member(month)])
    farm_litres = dbfuncs.litres_by_farm(start, end)
    farm_member = dict([(r['id'], r['member_id']) for r in db.query("SELECT id, member_id FROM farms")])

    comp_adj = {}
    for fl in farm_litres:
        c = comp_by_farm.get(fl['farm_id'])
        if c:
            adj_ppl = common.composition_ppl(c['fat'], c['protein'], price)
            mid = farm_member[fl['farm_id']]
            comp_adj[mid] = comp_adj.get(mid, 0.0) + float(fl['litres']) * adj_ppl / 100.0

    for row in dbfuncs.litres_by_member(start, end):
        mid = row['member_id']
        member = dbfuncs.get_member(mid)
        litres = int(row['litres'])
        base = common.round_money(litres * float(price['base_ppl']) / 100.0)
        cadj = common.round_money(comp_adj.get(mid, 0.0))
        qadj = -penalties.get(mid, 0.0)
        gross = base + cadj + qadj
        vat = member['vat_no'] and common.vat_amount(gross) or 0.0
        ded = sum([float(d['amount']) for d in dbfuncs.get_deductions(month, mid)])
        for adv in dbfuncs.outstanding_advances(mid):
            owed = float(adv['amount']) - float(adv['recovered'])
            take = min(owed, max(0, gross + vat - ded))
            if take > 0:
                dbfuncs.add_deduction(mid, month, 'advance', take, 'ADV%d' % adv['id'], 'advance')
                dbfuncs.mark_advance_recovered(adv['id'], take)
                ded += take
        net = common.round_money(gross + vat - ded)
        dbfuncs.save_payment_line(run_id, mid, litres, base, cadj, qadj, ded, vat, net)
        dbfuncs.assign_deductions_to_run(run_id, mid, month)
    return run_id


class PriceList:
    @require_perm('payments')
    def GET(self):
        return render.prices(db.query("SELECT * FROM milk_prices ORDER BY month DESC LIMIT 36"))


class PriceSet:
    @require_perm('payments_admin')
    def POST(self):
        i = web.input(fat_ppl=0, protein_ppl=0)
        dbfuncs.set_milk_price(i.month, safe_float(i.base_ppl), safe_float(i.fat_ppl), safe_float(i.protein_ppl),
                               web.ctx.user['id'])
        audit('price_set', '%s %s' % (i.month, i.base_ppl))
        raise web.seeother('/payments/prices')


class PaymentRuns:
    @require_perm('payments')
    def GET(self):
        return render.payment_runs(dbfuncs.list_payment_runs())


class PaymentRunNew:
    @require_perm('payments')
    def POST(self):
        month = web.input(month=common.prev_month()).month
        run_id = dbfuncs.create_payment_run(month, web.ctx.user['id'])
        try:
            build_payment_run(run_id)
        except ValueError as e:
            return render.payment_runs(dbfuncs.list_payment_runs(), str(e))
        audit('payrun_build', month)
        raise web.seeother('/payments/runs/%d' % run_id)


class PaymentRunView:
    @require_perm('payments')
    def GET(self, rid):
        run = dbfuncs.get_payment_run(int(rid))
        lines = dbfuncs.get_payment_lines(run['id'])
        if web.input(fmt='html').fmt == 'csv':
            return csv_out('payrun_%s.csv' % run['month'],
                           [[l['member_no'], l['name'], l['litres'], l['base_amount'], l['composition_adj'],
                             l['quality_adj'], l['deductions'], l['vat'], l['net']] for l in lines])
        return render.payment_run(run, lines)


class PaymentRunApprove:
    @require_perm('payments_admin')
    def POST(self, rid):
        run = dbfuncs.get_payment_run(int(rid))
        if run['created_by'] == web.ctx.user['id']:
            # two-person rule, auditors 2012
            raise web.forbidden()
        dbfuncs.approve_payment_run(run['id'], web.ctx.user['id'])
        audit('payrun_approve', rid)
        raise web.seeother('/payments/runs/%s' % rid)


class PaymentRunBankFile:
    @require_perm('payments_admin')
    def GET(self, rid):
        import exports
        run = dbfuncs.get_payment_run(int(rid))
        if run['status'] not in ('approved', 'paid'):
            raise web.badrequest()
        web.header('Content-Type', 'text/plain')
        web.header('Content-Disposition', 'attachment; filename="bacs_%s.txt"' % run['month'])
        audit('bacs_download', rid)
        return exports.bacs_file(run['id'])


class DeductionList:
    @require_perm('payments')
    def GET(self):
        month = web.input(month=common.month_key(datetime.date.today())).month
        return render.deductions(month, dbfuncs.get_deductions(month))


class DeductionAdd:
    @require_perm('payments')
    def POST(self):
        i = web.input(ref='')
        m = dbfuncs.get_member_by_no(i.member_no)
        if not m:
            raise web.badrequest()
        dbfuncs.add_deduction(m['id'], i.month, i.kind, safe_float(i.amount), i.ref, 'manual')
        audit('deduction_add', '%s %s %s' % (i.member_no, i.kind, i.amount))
        raise web.seeother('/payments/deductions?month=%s' % i.month)


class DeductionDelete:
    @require_perm('payments')
    def POST(self, did):
        dbfuncs.delete_deduction(int(did))
        audit('deduction_del', did)
        raise web.seeother(web.ctx.env.get('HTTP_REFERER', '/payments/deductions'))


class AdvanceNew:
    @require_perm('payments_admin')
    def POST(self):
        i = web.input(notes='')
        m = dbfuncs.get_member_by_no(i.member_no)
        dbfuncs.record_advance(m['id'], safe_float(i.amount), parse_date(i.paid_on) or datetime.date.today(),
                               i.notes)
        audit('advance', '%s %s' % (i.member_no, i.amount))
        raise web.seeother('/members/%d' % m['id'])


class PaymentStatement:
    @require_perm('payments')
    def GET(self, mid, month):
        m = dbfuncs.get_member(int(mid))
        line = db.query_one("""SELECT l.* FROM payment_lines l JOIN payment_runs r ON r.id = l.run_id
                               WHERE l.member_id = %s AND r.month = %s AND r.status != 'void'""", (m['id'], month))
        deds = dbfuncs.get_deductions(month, m['id'])
        litres = dbfuncs.old_get_member_litres(m['id'], month)
        return render.statement(m, month, line, deds, litres, dbfuncs.get_milk_price(month))


# ------------------------------------------------------------------
# fleet
# ------------------------------------------------------------------

class TankerList:
    @require_perm('fleet')
    def GET(self):
        return render.tankers(dbfuncs.list_tankers(web.input(sold=0).sold == '1'))


class TankerEdit:
    @require_perm('fleet')
    def GET(self, tid):
        t = tid != 'new' and dbfuncs.get_tanker(int(tid)) or {}
        return render.tanker_edit(t, settings.DEPOTS)

    @require_perm('fleet')
    def POST(self, tid):
        i = web.input(status='available')
        data = dict(i)
        if tid != 'new':
            data['id'] = int(tid)
        data['reg_no'] = i.reg_no.replace(' ', '').upper()
        data['mot_due'] = parse_date(i.mot_due)
        dbfuncs.save_tanker(data)
        raise web.seeother('/fleet/tankers')


class DriverList:
    @require_perm('fleet')
    def GET(self):
        return render.drivers(dbfuncs.list_drivers(active_only=False))


class DriverEdit:
    @require_perm('fleet')
    def GET(self, did):
        return render.driver_edit(did != 'new' and dbfuncs.get_driver(int(did)) or {}, settings.DEPOTS)

    @require_perm('fleet')
    def POST(self, did):
        i = web.input(agency=0, active=0)
        data = dict(i)
        if did != 'new':
            data['id'] = int(did)
        data['cpc_expiry'] = parse_date(i.cpc_expiry)
        dbfuncs.save_driver(data)
        raise web.seeother('/fleet/drivers')


class ShiftLog:
    @require_perm('fleet')
    def POST(self):
        i = web.input(tanker_id=None)
        d = parse_date(i.shift_date)
        start = datetime.datetime.combine(d, datetime.datetime.strptime(i.start, '%H:%M').time())
        end = datetime.datetime.combine(d, datetime.datetime.strptime(i.end, '%H:%M').time())
        if end < start:
            end += datetime.timedelta(days=1)
        dbfuncs.log_shift(int(i.driver_id), start, end, common.shift_hours(start, end), i.tanker_id)
        raise web.seeother('/fleet/hours')


class ServiceLog:
    @require_perm('fleet')
    def GET(self, tid):
        history = db.query("SELECT * FROM vehicle_services WHERE tanker_id=%s ORDER BY service_date DESC", (int(tid),))
        return render.service(dbfuncs.get_tanker(int(tid)), history)

    @require_perm('fleet')
    def POST(self, tid):
        i = web.input(notes='', new_mot='')
        dbfuncs.add_service_record(int(tid), parse_date(i.service_date), safe_int(i.odometer), i.kind,
                                   safe_float(i.cost), i.notes)
        if i.kind == 'MOT' and i.new_mot:
            db.execute("UPDATE tankers SET mot_due = %s WHERE id = %s", (parse_date(i.new_mot), int(tid)))
        raise web.seeother('/fleet/service/%s' % tid)


class FuelEntry:
    @require_perm('fleet')
    def POST(self):
        i = web.input()
        dbfuncs.add_fuel(int(i.tanker_id), parse_date(i.filled_on) or datetime.date.today(), safe_float(i.litres),
                         safe_float(i.cost), safe_int(i.odometer))
        raise web.seeother('/fleet/tankers')


class MotDue:
    @require_perm('fleet')
    def GET(self):
        return render.mot(dbfuncs.tankers_due_mot(60), dbfuncs.drivers_cpc_expiring(90))


class DriverHours:
    @require_perm('fleet')
    def GET(self):
        d = parse_date(web.input(week='').week) or datetime.date.today()
        wk = d - datetime.timedelta(days=d.weekday())
        rows = []
        for drv in dbfuncs.list_drivers():
            rows.append((drv, dbfuncs.driver_hours(drv['id'], wk, wk + datetime.timedelta(days=6))))
        return render.driver_hours(wk, rows)


# ------------------------------------------------------------------
# shop
# ------------------------------------------------------------------

class ProductList:
    @require_perm('shop')
    def GET(self):
        i = web.input(category=None)
        return render.products(dbfuncs.list_products(i.category), i.category)


class ProductEdit:
    @require_perm('shop')
    def GET(self, pid):
        return render.product_edit(pid != 'new' and dbfuncs.get_product(int(pid)) or {})

    @require_perm('shop')
    def POST(self, pid):
        i = web.input(active=0, vat_rate=0)
        data = dict(i)
        data['sku'] = common.normalise_sku(i.sku)
        if pid != 'new':
            data['id'] = int(pid)
        dbfuncs.save_product(data)
        raise web.seeother('/shop/products')


class StockView:
    @require_perm('shop')
    def GET(self):
        depot = web.input(depot=None).depot
        return render.stock(dbfuncs.get_stock(depot), settings.DEPOTS, depot)


class StockAdjust:
    @require_perm('shop')
    def POST(self):
        i = web.input(ref='', reason='adjust')
        p = dbfuncs.get_product_by_sku(common.normalise_sku(i.sku))
        dbfuncs.adjust_stock(p['id'], i.depot, safe_float(i.qty), i.reason, i.ref)
        audit('stock_adjust', '%s %s %s' % (p['sku'], i.depot, i.qty))
        raise web.seeother('/shop/stock?depot=%s' % i.depot)


class ShopOrderNew:
    @require_perm('shop')
    def POST(self):
        i = web.input(depot=settings.DEFAULT_DEPOT, charge_to_milk=1)
        m = dbfuncs.get_member_by_no(i.member_no)
        if not m or m['status'] != 'active':
            raise web.badrequest()
        oid = dbfuncs.create_shop_order(m['id'], i.depot, safe_int(i.charge_to_milk))
        raise web.seeother('/shop/orders/%d' % oid)


class ShopOrderView:
    @require_perm('shop')
    def GET(self, oid):
        return render.shop_order(dbfuncs.get_shop_order(int(oid)), dbfuncs.list_products())


class ShopOrderAddLine:
    @require_perm('shop')
    def POST(self, oid):
        i = web.input(qty=1)
        p = dbfuncs.get_product_by_sku(common.normalise_sku(i.sku))
        if p:
            dbfuncs.add_order_line(int(oid), p['id'], safe_float(i.qty, 1))
        raise web.seeother('/shop/orders/%s' % oid)


class ShopOrderComplete:
    @require_perm('shop')
    def POST(self, oid):
        dbfuncs.complete_shop_order(int(oid))
        audit('shop_complete', oid)
        raise web.seeother('/shop/orders/%s' % oid)


class ShopOrderCancel:
    @require_perm('shop')
    def POST(self, oid):
        db.execute("UPDATE shop_orders SET status='cancelled' WHERE id=%s AND status='open'", (int(oid),))
        audit('shop_cancel', oid)
        raise web.seeother('/shop/orders/%s' % oid)


class LowStock:
    @require_perm('shop')
    def GET(self):
        return render.lowstock(dbfuncs.low_stock_products())


# ------------------------------------------------------------------
# sales to processors
# ------------------------------------------------------------------

def invoice_customer(customer_id, period):
    """invoice all un-invoiced deliveries of the period for one customer"""
    start, end = common.month_bounds(period)
    cust = dbfuncs.get_customer(customer_id)
    deliveries = [d for d in dbfuncs.get_deliveries(start, end, uninvoiced=True) if d['customer_id'] == customer_id]
    if not deliveries:
        return None
    inv_no = common.next_invoice_no(dbfuncs.last_invoice_no())
    issued = datetime.date.today()
    inv_id = dbfuncs.create_sales_invoice(customer_id, inv_no, period, issued,
                                          issued + datetime.timedelta(days=cust['payment_days'] or 30))
    for d in deliveries:
        ppl = float(d['price_ppl'])
        if d['fat_pct'] and d['fat_bonus_ppl']:
            ppl += (float(d['fat_pct']) - 4.0) * 10 * float(d['fat_bonus_ppl'])
        dbfuncs.add_invoice_line(inv_id, d['id'], d['litres'], ppl, common.round_money(d['litres'] * ppl / 100.0))
    # milk is zero rated but keep the column
    db.execute("UPDATE sales_invoices SET vat = 0 WHERE id = %s", (inv_id,))
    return inv_id


class CustomerList:
    @require_perm('sales')
    def GET(self):
        return render.customers(dbfuncs.list_customers())


class CustomerEdit:
    @require_perm('sales')
    def GET(self, cid):
        return render.customer_edit(cid != 'new' and dbfuncs.get_customer(int(cid)) or {})

    @require_perm('sales')
    def POST(self, cid):
        i = web.input(payment_days=30, credit_limit=0)
        data = dict(i)
        if cid != 'new':
            data['id'] = int(cid)
        dbfuncs.save_customer(data)
        raise web.seeother('/sales/customers')


class ContractList:
    @require_perm('sales')
    def GET(self):
        return render.contracts(dbfuncs.list_contracts())


class ContractEdit:
    @require_perm('sales')
    def GET(self, cid):
        c = cid != 'new' and db.query_one("SELECT * FROM sales_contracts WHERE id = %s", (int(cid),)) or {}
        return render.contract_edit(c, dbfuncs.list_customers())

    @require_perm('sales')
    def POST(self, cid):
        i = web.input(fat_bonus_ppl=0, end_date='', status='draft')
        data = dict(i)
        if cid != 'new':
            data['id'] = int(cid)
        data['start_date'] = parse_date(i.start_date)
        data['end_date'] = parse_date(i.end_date)
        dbfuncs.save_contract(data)
        audit('contract_save', str(cid))
        raise web.seeother('/sales/contracts')


class DeliveryList:
    @require_perm('sales')
    def GET(self):
        i = web.input(month=common.month_key(datetime.date.today()))
        start, end = common.month_bounds(i.month)
        return render.deliveries(i.month, dbfuncs.get_deliveries(start, end))


class DeliveryNew:
    @require_perm('sales')
    def GET(self):
        d = datetime.date.today()
        return render.delivery_new(dbfuncs.active_contracts(d), dbfuncs.get_intakes_for_day(d))

    @require_perm('sales')
    def POST(self):
        i = web.input(intake_id=None, fat='', protein='')
        dbfuncs.record_delivery(int(i.contract_id), i.intake_id, parse_date(i.delivered_on), safe_int(i.litres),
                                i.fat and safe_float(i.fat) or None, i.protein and safe_float(i.protein) or None)
        raise web.seeother('/sales/deliveries')


class InvoiceList:
    @require_perm('sales')
    def GET(self):
        return render.invoices(dbfuncs.list_sales_invoices(web.input(period=None).period))


class InvoiceNew:
    @require_perm('sales')
    def POST(self):
        i = web.input(period=common.prev_month())
        made = []
        for c in dbfuncs.list_customers():
            inv = invoice_customer(c['id'], i.period)
            if inv:
                made.append(inv)
        audit('sales_invoice', '%s n=%d' % (i.period, len(made)))
        raise web.seeother('/sales/invoices?period=%s' % i.period)


class InvoiceView:
    @require_perm('sales')
    def GET(self, iid):
        return render.invoice(dbfuncs.get_sales_invoice(int(iid)))


class InvoicePaid:
    @require_perm('sales')
    def POST(self, iid):
        i = web.input(paid_on='')
        db.execute("UPDATE sales_invoices SET paid_on = %s WHERE id = %s",
                   (parse_date(i.paid_on) or datetime.date.today(), int(iid)))
        raise web.seeother('/sales/invoices/%s' % iid)


app = web.application(urls, globals())
app.notfound = notfound
app.internalerror = internalerror


def close_db_hook():
    db.close_connection()

app.add_processor(web.unloadhook(close_db_hook))
application = app.wsgifunc()

if __name__ == '__main__':
    app.run()
