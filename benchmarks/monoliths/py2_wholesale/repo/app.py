#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""KOPS - Kestrel Order Processing System.

web.py app, runs under mod_wsgi on KESTREL-APP01 (see kops.wsgi). All the screens are here.
"""
import datetime
import logging
import os

import web

import config
import db
import queries
import util
from util import (requires_login, requires_role, fmt_money, fmt_date, parse_date, to_decimal,
                  safe_int, json_response, csv_response)

log = logging.getLogger('kops.app')

urls = (
    '/', 'Index',
    '/login', 'Login',
    '/logout', 'Logout',
    # customers
    '/customers', 'CustomerList',
    '/customers/new', 'CustomerEdit',
    '/customers/(\d+)', 'CustomerView',
    '/customers/(\d+)/edit', 'CustomerEdit',
    '/customers/(\d+)/contacts', 'CustomerContacts',
    '/customers/(\d+)/shipto', 'ShipToEdit',
    '/customers/(\d+)/notes', 'CustomerNotes',
    '/customers/(\d+)/review', 'CreditReviewEdit',
    '/credit/holds', 'CreditHolds',
    '/credit/holds/(\d+)/release', 'CreditHoldRelease',
    '/credit/reviews', 'CreditReviewList',
    '/reps/(\d+)', 'RepCustomers',
    # orders
    '/orders', 'OrderList',
    '/orders/new', 'OrderNew',
    '/orders/(\d+)', 'OrderView',
    '/orders/(\d+)/lines', 'OrderAddLine',
    '/orders/(\d+)/release', 'OrderRelease',
    '/orders/(\d+)/cancel', 'OrderCancel',
    '/orders/(\d+)/ack', 'OrderAck',
    '/quotes', 'QuoteList',
    '/quotes/new', 'QuoteNew',
    '/quotes/(\d+)', 'QuoteView',
    '/quotes/(\d+)/convert', 'QuoteConvert',
    '/backorders', 'BackorderList',
    '/returns/new/(\d+)', 'RmaNew',
    '/returns/(\d+)/receive', 'RmaReceive',
    # prices
    '/prices/check', 'PriceCheck',
    '/prices/lists/(\d+)', 'PriceListView',
    '/prices/lists/(\d+)/increase', 'PriceIncrease',
    '/prices/contracts/(\d+)', 'ContractPrices',
    '/promotions', 'PromotionList',
    '/promotions/(\d+)', 'PromotionEdit',
    '/promotions/new', 'PromotionEdit',
    # stock & warehouse
    '/products', 'ProductList',
    '/products/(\d+)', 'ProductView',
    '/stock/(\d+)/adjust', 'StockAdjust',
    '/stock/count', 'StockCountEntry',
    '/stock/count/variances', 'StockCountVariance',
    '/warehouse/pick', 'PickQueue',
    '/warehouse/pick/(\d+)', 'PickListPrint',
    '/warehouse/pick/(\d+)/confirm', 'PickConfirm',
    '/warehouse/ship/(\d+)', 'ShipmentNew',
    '/warehouse/shipments/(\d+)/track', 'ShipmentTrack',
    # buying
    '/suppliers', 'SupplierList',
    '/suppliers/(\d+)', 'SupplierView',
    '/purchasing', 'PoList',
    '/purchasing/new', 'PoNew',
    '/purchasing/(\d+)', 'PoView',
    '/purchasing/(\d+)/send', 'PoSend',
    '/purchasing/(\d+)/receive', 'PoReceive',
    '/purchasing/reorder', 'ReorderReport',
    # accounts
    '/invoices', 'InvoiceList',
    '/invoices/(\d+)', 'InvoiceView',
    '/invoices/(\d+)/pdf', 'InvoicePdf',
    '/payments/new', 'PaymentEntry',
    '/payments/(\d+)/allocate', 'PaymentAllocate',
    '/creditnotes/new', 'CreditNoteNew',
    '/accounts/aged', 'AgedDebt',
    '/accounts/statement/(\d+)', 'StatementPrint',
    # edi
    '/edi', 'EdiInboxView',
    '/edi/(\d+)/retry', 'EdiReprocess',
    '/edi/partners', 'EdiPartners',
    '/edi/upload', 'EdiUpload',
    # reports
    '/reports/(\w+)', 'ReportRun',
)

app = web.application(urls, globals())
render = web.template.render(os.path.join(os.path.dirname(__file__), 'templates'),
                             base='layout', globals={'fmt_money': fmt_money, 'fmt_date': fmt_date,
                                                     'user': util.current_user})

if web.config.get('_session') is None:
    session = web.session.Session(app, web.session.DiskStore(config.SESSION_DIR),
                                  initializer={'user': None, 'flash': None})
    web.config._session = session
else:
    session = web.config._session


def load_session(handler):
    web.ctx.session = session
    try:
        return handler()
    finally:
        db.close()


app.add_processor(load_session)


def flash(msg):
    session.flash = msg


def _user():
    u = util.current_user()
    return u and u['username'] or 'system'


def notfound():
    return web.notfound(render.notfound())


def internalerror():
    util.log_exception(web.ctx.path)
    return web.internalerror(render.error())


app.notfound = notfound
app.internalerror = internalerror


class Login:
    def GET(self):
        return render.login(web.input(next='/').next, None)

    def POST(self):
        i = web.input(username='', password='', next='/')
        user = util.check_password(i.username.strip().lower(), i.password)
        if user is None:
            return render.login(i.next, 'Wrong username or password')
        session.user = user
        raise web.seeother(i.next)


class Logout:
    def GET(self):
        session.kill()
        raise web.seeother('/login')


class Index:
    @requires_login
    def GET(self):
        counts = db.query_one(
            "SELECT (SELECT COUNT(*) FROM SalesOrder WHERE Status = 'ENTERED') AS Entered, "
            "(SELECT COUNT(*) FROM SalesOrder WHERE Status IN ('RELEASED', 'PICKING')) AS InWarehouse, "
            "(SELECT COUNT(*) FROM Backorder WHERE ReleasedAt IS NULL) AS Backorders, "
            "(SELECT COUNT(*) FROM Quote WHERE Status = 'OPEN') AS Quotes, "
            "(SELECT ISNULL(SUM(TotalValue), 0) FROM SalesOrder WHERE OrderDate >= "
            "CAST(CONVERT(VARCHAR(10), GETDATE(), 120) AS DATETIME)) AS TodayValue")
        return render.index(counts, session.flash)


# ---------------------------------------------------------------- customers

def _customer_or_404(customer_id):
    c = queries.get_customer(int(customer_id))
    if c is None:
        raise web.notfound()
    return c


class CustomerList:
    @requires_login
    def GET(self):
        i = web.input(q='', inactive='')
        rows = queries.find_customers(i.q, include_inactive=bool(i.inactive)) if i.q else []
        if len(rows) == 1 and i.q:
            raise web.seeother('/customers/%d' % rows[0].CustomerID)
        return render.customer_list(rows, i.q)


class CustomerView:
    @requires_login
    def GET(self, customer_id):
        c = _customer_or_404(customer_id)
        contacts = queries.customer_contacts(c.CustomerID)
        shiptos = queries.customer_shiptos(c.CustomerID)
        orders = queries.orders_for_customer(c.CustomerID, limit=20)
        balance = queries.customer_balance(c.CustomerID)
        available = util.credit_available(c.CustomerID)
        notes = queries.customer_notes(c.CustomerID)[:5]
        return render.customer_view(c, contacts, shiptos, orders, balance, available, notes)


class CustomerEdit:
    @requires_role('sales')
    def GET(self, customer_id=None):
        c = customer_id and _customer_or_404(customer_id) or web.Storage()
        return render.customer_edit(c, queries.sales_reps(), queries.price_lists(), None)

    @requires_role('sales')
    def POST(self, customer_id=None):
        i = web.input()
        if not customer_id and queries.customer_by_account(i.AccountNo):
            return render.customer_edit(i, queries.sales_reps(), queries.price_lists(),
                                        'Account number already used')
        # only accounts may change credit terms
        if 'accounts' not in util.current_user()['roles']:
            old = customer_id and queries.get_customer(int(customer_id))
            i.CreditLimit = old and old.CreditLimit or 0
            i.TermsDays = old and old.TermsDays or config.DEFAULT_TERMS_DAYS
        new_id = queries.save_customer(i, customer_id and int(customer_id))
        raise web.seeother('/customers/%d' % new_id)


class CustomerContacts:
    @requires_login
    def POST(self, customer_id):
        i = web.input(name='', role='', phone='', email='', primary='', invoices='')
        if not i.name.strip():
            flash('Contact needs a name')
        else:
            queries.add_contact(int(customer_id), i.name.strip(), i.role, i.phone, i.email.strip(),
                                bool(i.primary), bool(i.invoices))
        raise web.seeother('/customers/%s' % customer_id)


class ShipToEdit:
    @requires_login
    def GET(self, customer_id):
        i = web.input(id=None)
        s = i.id and queries.get_shipto(int(i.id)) or web.Storage()
        return render.shipto_edit(_customer_or_404(customer_id), s)

    @requires_login
    def POST(self, customer_id):
        i = web.input(id=None)
        i.Postcode = (i.get('Postcode') or '').upper().strip()
        queries.save_shipto(int(customer_id), i, i.id and int(i.id))
        raise web.seeother('/customers/%s' % customer_id)


class CustomerNotes:
    @requires_login
    def GET(self, customer_id):
        c = _customer_or_404(customer_id)
        return render.customer_notes(c, queries.customer_notes(c.CustomerID))

    @requires_login
    def POST(self, customer_id):
        i = web.input(text='', follow_up='')
        if i.text.strip():
            queries.add_customer_note(int(customer_id), unicode(i.text.strip()), _user(),
                                      parse_date(i.follow_up))
        raise web.seeother('/customers/%s/notes' % customer_id)


class CreditHolds:
    @requires_role('accounts')
    def GET(self):
        return render.credit_holds(queries.open_credit_holds())

    @requires_role('accounts')
    def POST(self):
        i = web.input(customer_id=None, reason='')
        if i.customer_id and i.reason:
            queries.place_credit_hold(int(i.customer_id), i.reason, _user())
        raise web.seeother('/credit/holds')


class CreditHoldRelease:
    @requires_role('accounts')
    def POST(self, hold_id):
        if not queries.release_credit_hold(int(hold_id), _user()):
            flash('Hold already released')
        raise web.seeother('/credit/holds')


class CreditReviewList:
    @requires_role('accounts')
    def GET(self):
        rows = queries.customers_due_review()
        for r in rows:
            r.Balance = queries.customer_balance(r.CustomerID)
        return render.credit_reviews(rows)


class CreditReviewEdit:
    @requires_role('accounts')
    def POST(self, customer_id):
        i = web.input(new_limit='', notes='', months='')
        months = safe_int(i.months, config.CREDIT_REVIEW_MONTHS)
        next_review = util.today() + datetime.timedelta(days=months * 30)
        queries.record_credit_review(int(customer_id), to_decimal(i.new_limit), _user(), i.notes,
                                     next_review)
        raise web.seeother('/credit/reviews')


class RepCustomers:
    @requires_login
    def GET(self, rep_id):
        rows = queries.customers_for_rep(int(rep_id))
        return render.rep_customers(rows, queries.open_orders(rep_id=int(rep_id)))


# ---------------------------------------------------------------- sales orders

def _order_or_404(order_id):
    o = queries.get_order(int(order_id))
    if o is None:
        raise web.notfound()
    return o


class OrderList:
    @requires_login
    def GET(self):
        i = web.input(status=None, rep=None, q='')
        if i.q:
            o = queries.order_by_no(i.q.strip().upper())
            if o:
                raise web.seeother('/orders/%d' % o.SalesOrderID)
        rows = queries.open_orders(i.status, safe_int(i.rep))
        return render.order_list(rows, i)


class OrderNew:
    @requires_role('sales')
    def GET(self):
        i = web.input(customer_id=None)
        c = i.customer_id and _customer_or_404(i.customer_id)
        return render.order_new(c, c and queries.customer_shiptos(c.CustomerID) or [],
                                queries.warehouses(), queries.carriers())

    @requires_role('sales')
    def POST(self):
        i = web.input(customer_id=None, ship_to_id=None, customer_po='', required='',
                      warehouse_id=None, notes='')
        c = _customer_or_404(i.customer_id)
        if not c.Active:
            flash('Account %s is closed' % c.AccountNo)
            raise web.seeother('/customers/%d' % c.CustomerID)
        order_id = queries.create_order(c.CustomerID, safe_int(i.ship_to_id), i.customer_po.strip(),
                                        _user(), warehouse_id=safe_int(i.warehouse_id),
                                        required_date=parse_date(i.required), notes=i.notes)
        raise web.seeother('/orders/%d' % order_id)


class OrderView:
    @requires_login
    def GET(self, order_id):
        o = _order_or_404(order_id)
        shipments = queries.shipments_for_order(o.SalesOrderID)
        invoices = db.query("SELECT InvoiceID, InvoiceNo, TotalAmount, Status FROM Invoice "
                            "WHERE SalesOrderID = ?", (o.SalesOrderID,))
        return render.order_view(o, shipments, invoices, session.flash)


class OrderAddLine:
    @requires_role('sales')
    def POST(self, order_id):
        o = _order_or_404(order_id)
        if o.Status not in ('ENTERED', 'HELD'):
            flash('Order %s is %s, lines cannot be added' % (o.OrderNo, o.Status))
            raise web.seeother('/orders/%s' % order_id)
        i = web.input(sku='', qty='1', price='')
        p = queries.product_by_sku(i.sku)
        if p is None or p.Discontinued:
            flash('Unknown or discontinued product %s' % i.sku)
            raise web.seeother('/orders/%s' % order_id)
        qty = safe_int(i.qty, 1)
        price, source = queries.price_for(o.CustomerID, p.ProductID, qty)
        if i.price and 'pricing' in util.current_user()['roles']:
            price, source = to_decimal(i.price), 'MANUAL'
        queries.add_order_line(o.SalesOrderID, p.ProductID, qty, price, 0, source, p.TaxCode)
        raise web.seeother('/orders/%s' % order_id)


class OrderRelease:
    """Credit check, then allocate stock and hand the order to the warehouse."""

    @requires_role('sales')
    def POST(self, order_id):
        o = _order_or_404(order_id)
        if o.OnStop:
            queries.set_order_status(o.SalesOrderID, 'HELD')
            flash('Customer is on stop - order held for accounts')
            raise web.seeother('/orders/%s' % order_id)
        avail = util.credit_available(o.CustomerID)
        if to_decimal(o.TotalValue) > avail:
            queries.set_order_status(o.SalesOrderID, 'HELD')
            queries.add_customer_note(o.CustomerID, 'Order %s held: value %s, credit available %s'
                                      % (o.OrderNo, fmt_money(o.TotalValue), fmt_money(avail)), _user())
            flash('Over credit limit - order held')
            raise web.seeother('/orders/%s' % order_id)
        short = 0
        with db.transaction():
            for line in o.lines:
                got = queries.allocate_line(line.SalesOrderLineID, o.WarehouseID)
                missing = line.Qty - line.QtyAllocated - got
                if missing > 0:
                    queries.create_backorder(line.SalesOrderLineID, line.ProductID, missing)
                    short += 1
            db.execute("UPDATE SalesOrder SET Status = 'RELEASED' WHERE SalesOrderID = ?",
                       (o.SalesOrderID,), commit=False)
        if short:
            flash('%d line(s) short, backorders created' % short)
        raise web.seeother('/orders/%s' % order_id)


class OrderCancel:
    @requires_role('sales')
    def POST(self, order_id):
        o = _order_or_404(order_id)
        if o.Status in ('PICKING', 'COMPLETE'):
            flash('Too late to cancel, talk to the warehouse')
        else:
            queries.cancel_order(o.SalesOrderID, _user())
        raise web.seeother('/orders/%s' % order_id)


class OrderAck:
    @requires_login
    def GET(self, order_id):
        import pdfgen
        o = _order_or_404(order_id)
        web.header('Content-Type', 'application/pdf')
        return pdfgen.order_ack_pdf(o, queries.get_customer(o.CustomerID))


class QuoteList:
    @requires_login
    def GET(self):
        i = web.input(rep=None)
        return render.quote_list(queries.open_quotes(safe_int(i.rep)))


class QuoteNew:
    @requires_role('sales')
    def POST(self):
        i = web.input(customer_id=None, sku=[], qty=[], notes='')
        c = _customer_or_404(i.customer_id)
        lines = []
        for sku, qty in zip(i.sku, i.qty):
            p = queries.product_by_sku(sku)
            if p is None:
                continue
            price, _ = queries.price_for(c.CustomerID, p.ProductID, safe_int(qty, 1))
            lines.append((p.ProductID, safe_int(qty, 1), price))
        quote_id = queries.create_quote(c.CustomerID, c.SalesRepID, lines, i.notes)
        raise web.seeother('/quotes/%d' % quote_id)


class QuoteView:
    @requires_login
    def GET(self, quote_id):
        q = queries.get_quote(int(quote_id))
        if q is None:
            raise web.notfound()
        return render.quote_view(q)


class QuoteConvert:
    @requires_role('sales')
    def POST(self, quote_id):
        order_id = queries.convert_quote(int(quote_id), _user())
        if order_id is None:
            flash('Quote is not open')
            raise web.seeother('/quotes/%s' % quote_id)
        raise web.seeother('/orders/%d' % order_id)


class BackorderList:
    @requires_login
    def GET(self):
        i = web.input(product_id=None, format='html')
        rows = queries.open_backorders(safe_int(i.product_id))
        if i.format == 'csv':
            return csv_response('backorders.csv', ['Order', 'Customer', 'SKU', 'Qty', 'Since'],
                                [(r.OrderNo, r.CustomerName, r.Sku, r.QtyOutstanding,
                                  fmt_date(r.CreatedAt)) for r in rows])
        return render.backorders(rows)


class RmaNew:
    @requires_role('sales')
    def GET(self, order_id):
        return render.rma_new(_order_or_404(order_id))

    @requires_role('sales')
    def POST(self, order_id):
        o = _order_or_404(order_id)
        i = web.input(reason='')
        lines = []
        for line in o.lines:
            qty = safe_int(i.get('qty_%d' % line.SalesOrderLineID), 0)
            if 0 < qty <= line.QtyShipped:
                lines.append((line.SalesOrderLineID, line.ProductID, qty))
        if not lines:
            flash('Nothing to return')
            raise web.seeother('/orders/%s' % order_id)
        rma_id = queries.create_rma(o.SalesOrderID, lines, i.reason, _user())
        flash('Return %d raised' % rma_id)
        raise web.seeother('/orders/%s' % order_id)


class RmaReceive:
    @requires_role('warehouse')
    def POST(self, rma_id):
        i = web.input()
        conditions = {}
        for k, v in i.items():
            if k.startswith('cond_'):
                conditions[int(k[5:])] = v
        rma = queries.receive_rma(int(rma_id), conditions, _user())
        # credit the customer for what came back, at the price they paid
        inv_id = db.scalar("SELECT TOP 1 InvoiceID FROM Invoice WHERE SalesOrderID = ? "
                           "ORDER BY InvoiceDate DESC", (rma.SalesOrderID,))
        lines = [(l.ProductID, l.Qty, to_decimal(l.UnitPrice) * (100 - to_decimal(l.DiscountPct)) / 100,
                  config.DEFAULT_TAX_CODE) for l in rma.lines]
        queries.create_credit_note(rma.CustomerID, inv_id, rma.RmaID, lines, 'Return %s' % rma.RmaNo)
        raise web.seeother('/orders/%d' % rma.SalesOrderID)


# ---------------------------------------------------------------- prices

class PriceCheck:
    """AJAX from the order screen: price for customer/sku/qty."""

    @requires_login
    def GET(self):
        i = web.input(customer_id=None, sku='', qty='1')
        p = queries.product_by_sku(i.sku)
        if p is None:
            return json_response({'error': 'unknown sku'})
        price, source = queries.price_for(int(i.customer_id), p.ProductID, safe_int(i.qty, 1))
        return json_response({'sku': p.Sku, 'description': p.Description, 'price': str(price),
                              'source': source, 'margin': str(util.margin_pct(price, p.StdCost))})


class PriceListView:
    @requires_role('pricing')
    def GET(self, price_list_id):
        i = web.input(q='')
        items = queries.price_list_items(int(price_list_id), i.q or None)
        for it in items:
            it.Margin = util.margin_pct(it.UnitPrice, it.StdCost)
        return render.price_list(queries.price_lists(), int(price_list_id), items, i.q)

    @requires_role('pricing')
    def POST(self, price_list_id):
        i = web.input(product_id=None, price='')
        queries.set_list_price(int(price_list_id), int(i.product_id), to_decimal(i.price))
        raise web.seeother('/prices/lists/%s' % price_list_id)


class PriceIncrease:
    @requires_role('pricing')
    def POST(self, price_list_id):
        i = web.input(pct='', category_id=None)
        pct = to_decimal(i.pct)
        if pct <= 0 or pct > 25:
            flash('Increase must be between 0 and 25%')
        else:
            n = queries.bulk_price_increase(int(price_list_id), pct, safe_int(i.category_id), _user())
            flash('%d prices updated' % n)
        raise web.seeother('/prices/lists/%s' % price_list_id)


class ContractPrices:
    @requires_role('pricing')
    def GET(self, customer_id):
        c = _customer_or_404(customer_id)
        return render.contract_prices(c, queries.contract_prices(c.CustomerID))

    @requires_role('pricing')
    def POST(self, customer_id):
        i = web.input(sku='', price='', valid_from='', valid_to='', ref='')
        p = queries.product_by_sku(i.sku)
        if p is None:
            flash('Unknown product %s' % i.sku)
        else:
            queries.save_contract_price(int(customer_id), p.ProductID, to_decimal(i.price),
                                        parse_date(i.valid_from) or util.today(),
                                        parse_date(i.valid_to), i.ref)
        raise web.seeother('/prices/contracts/%s' % customer_id)


class PromotionList:
    @requires_role('pricing')
    def GET(self):
        i = web.input(all='')
        return render.promotions(queries.promotions(active_only=not i.all))


class PromotionEdit:
    @requires_role('pricing')
    def GET(self, promotion_id=None):
        promo = promotion_id and db.query_one("SELECT * FROM Promotion WHERE PromotionID = ?",
                                              (int(promotion_id),)) or web.Storage()
        items = promotion_id and db.query(
            "SELECT pi.*, p.Sku, p.Description FROM PromotionItem pi JOIN Product p "
            "ON p.ProductID = pi.ProductID WHERE pi.PromotionID = ?", (int(promotion_id),)) or []
        return render.promotion_edit(promo, items, queries.price_lists())

    @requires_role('pricing')
    def POST(self, promotion_id=None):
        i = web.input(sku=[], promo_price=[])
        data = dict(Code=i.get('Code', '').upper(), Description=i.Description,
                    StartDate=parse_date(i.StartDate), EndDate=parse_date(i.EndDate),
                    DiscountPct=to_decimal(i.get('DiscountPct'), None),
                    PriceListID=safe_int(i.get('PriceListID')))
        items = []
        for sku, price in zip(i.sku, i.promo_price):
            p = queries.product_by_sku(sku)
            if p:
                items.append((p.ProductID, to_decimal(price, None)))
        pid = queries.save_promotion(data, items, promotion_id and int(promotion_id))
        raise web.seeother('/promotions/%d' % pid)


# ---------------------------------------------------------------- products, stock, warehouse

class ProductList:
    @requires_login
    def GET(self):
        i = web.input(q='', category=None, disc='')
        rows = queries.find_products(i.q, safe_int(i.category), bool(i.disc)) if i.q else []
        return render.product_list(rows, queries.categories(), i)


class ProductView:
    @requires_login
    def GET(self, product_id):
        p = queries.get_product(int(product_id))
        if p is None:
            raise web.notfound()
        return render.product_view(p, queries.stock_levels(p.ProductID),
                                   queries.movements(p.ProductID),
                                   queries.open_backorders(p.ProductID),
                                   queries.preferred_supplier(p.ProductID))


class StockAdjust:
    @requires_role('warehouse')
    def POST(self, product_id):
        i = web.input(warehouse_id=None, qty='0', reason='')
        qty = safe_int(i.qty, 0)
        if qty and i.reason:
            p = queries.get_product(int(product_id))
            queries.post_stock_movement(p.ProductID, int(i.warehouse_id), qty, 'ADJ', i.reason[:10],
                                        unit_cost=p.StdCost, user=_user())
        raise web.seeother('/products/%s' % product_id)


class StockCountEntry:
    @requires_role('warehouse')
    def GET(self):
        i = web.input(warehouse_id=config.DEFAULT_WAREHOUSE)
        return render.stock_count(queries.bins(int(i.warehouse_id)), queries.warehouses())

    @requires_role('warehouse')
    def POST(self):
        i = web.input(warehouse_id=config.DEFAULT_WAREHOUSE, sku='', bin_id=None, qty='')
        p = queries.product_by_sku(i.sku)
        if p is None or i.qty == '':
            flash('Need a product and a quantity')
        else:
            queries.record_count(int(i.warehouse_id), p.ProductID, safe_int(i.bin_id),
                                 int(i.qty), _user())
        raise web.seeother('/stock/count?warehouse_id=%s' % i.warehouse_id)


class StockCountVariance:
    @requires_role('warehouse')
    def GET(self):
        i = web.input(warehouse_id=config.DEFAULT_WAREHOUSE)
        return render.count_variances(queries.count_variances(int(i.warehouse_id)))

    @requires_role('warehouse')
    def POST(self):
        i = web.input(count_id=[])
        for cid in i.count_id:
            queries.post_count(int(cid), _user())
        raise web.seeother('/stock/count/variances')


class PickQueue:
    @requires_role('warehouse')
    def GET(self):
        i = web.input(warehouse_id=config.DEFAULT_WAREHOUSE)
        return render.pick_queue(queries.orders_ready_to_pick(int(i.warehouse_id)))

    @requires_role('warehouse')
    def POST(self):
        i = web.input(order_id=[], warehouse_id=config.DEFAULT_WAREHOUSE)
        made = [queries.create_pick_list(int(oid), int(i.warehouse_id)) for oid in i.order_id]
        flash('%d pick lists created' % len(made))
        raise web.seeother('/warehouse/pick')


class PickListPrint:
    @requires_role('warehouse')
    def GET(self, pick_list_id):
        import pdfgen
        pl = queries.pick_list(int(pick_list_id))
        db.execute("UPDATE PickList SET Status = 'PRINTED', PrintedAt = GETDATE() "
                   "WHERE PickListID = ? AND Status = 'NEW'", (pl.PickListID,))
        web.header('Content-Type', 'application/pdf')
        return pdfgen.pick_list_pdf(pl)


class PickConfirm:
    @requires_role('warehouse')
    def POST(self, pick_list_id):
        i = web.input()
        picked = {}
        for k, v in i.items():
            if k.startswith('picked_'):
                picked[int(k[7:])] = safe_int(v, 0)
        queries.confirm_pick(int(pick_list_id), picked, _user())
        raise web.seeother('/warehouse/ship/%s' % pick_list_id)


class ShipmentNew:
    @requires_role('warehouse')
    def GET(self, pick_list_id):
        pl = queries.pick_list(int(pick_list_id))
        weight = sum([to_decimal(l.WeightKg) * (l.QtyPicked or 0) for l in pl.lines])
        return render.shipment_new(pl, queries.carriers(), weight)

    @requires_role('warehouse')
    def POST(self, pick_list_id):
        i = web.input(carrier_id=None, cartons='1', weight='0', freight='')
        carrier = queries.get_carrier(int(i.carrier_id))
        freight = to_decimal(i.freight) if i.freight else util.freight_estimate(i.weight, carrier)
        ship_id = queries.create_shipment(int(pick_list_id), carrier.CarrierID, safe_int(i.cartons, 1),
                                          to_decimal(i.weight), freight)
        flash('Shipment %d booked with %s' % (ship_id, carrier.Name))
        raise web.seeother('/warehouse/pick')


class ShipmentTrack:
    @requires_role('warehouse')
    def POST(self, shipment_id):
        i = web.input(tracking='')
        queries.set_tracking(int(shipment_id), i.tracking.strip())
        s = queries.get_shipment(int(shipment_id))
        raise web.seeother('/orders/%d' % s.SalesOrderID)


# ---------------------------------------------------------------- purchasing

class SupplierList:
    @requires_role('buying')
    def GET(self):
        return render.supplier_list(queries.suppliers(active_only=False))


class SupplierView:
    @requires_role('buying')
    def GET(self, supplier_id):
        s = queries.get_supplier(int(supplier_id))
        if s is None:
            raise web.notfound()
        return render.supplier_view(s, queries.supplier_items(s.SupplierID),
                                    queries.open_pos(s.SupplierID))


class PoList:
    @requires_role('buying')
    def GET(self):
        return render.po_list(queries.open_pos())


class PoNew:
    @requires_role('buying')
    def POST(self):
        i = web.input(supplier_id=None, warehouse_id=config.DEFAULT_WAREHOUSE, sku=[], qty=[])
        po_id = queries.create_po(int(i.supplier_id), int(i.warehouse_id), _user())
        for sku, qty in zip(i.sku, i.qty):
            p = queries.product_by_sku(sku)
            if p is None or not safe_int(qty):
                continue
            item = db.query_one("SELECT Cost, PackQty FROM SupplierItem WHERE SupplierID = ? "
                                "AND ProductID = ?", (int(i.supplier_id), p.ProductID))
            cost = item and item.Cost or p.StdCost
            qty = util.round_to_pack(int(qty), item and item.PackQty or 1)
            queries.add_po_line(po_id, p.ProductID, qty, cost)
        raise web.seeother('/purchasing/%d' % po_id)


class PoView:
    @requires_role('buying')
    def GET(self, po_id):
        po = queries.get_po(int(po_id))
        if po is None:
            raise web.notfound()
        return render.po_view(po, queries.bins(po.WarehouseID))


class PoSend:
    @requires_role('buying')
    def POST(self, po_id):
        import edi
        import pdfgen
        po = queries.get_po(int(po_id))
        if po.Status != 'DRAFT':
            flash('PO already sent')
            raise web.seeother('/purchasing/%s' % po_id)
        if po.SendPoBy == 'EMAIL' and po.SupplierEmail:
            util.send_mail(po.SupplierEmail, 'Purchase order %s from Kestrel Supply' % po.PoNo,
                           'Please find our order attached. Quote the PO number on your delivery note.',
                           [('%s.pdf' % po.PoNo, pdfgen.po_pdf(po))], sender=config.BUYING_EMAIL)
        elif po.SendPoBy == 'EDI':
            edi.transmit_po(po)
        else:
            flash('Supplier wants a fax: print it and fax it')
        queries.mark_po_sent(po.PurchaseOrderID)
        raise web.seeother('/purchasing/%s' % po_id)


class PoReceive:
    @requires_role('warehouse')
    def POST(self, po_id):
        i = web.input(delivery_note='')
        received = []
        for k, v in i.items():
            if k.startswith('rcv_') and safe_int(v):
                line_id = int(k[4:])
                received.append((line_id, int(v), safe_int(i.get('dmg_%d' % line_id), 0),
                                 safe_int(i.get('bin_%d' % line_id))))
        if received:
            queries.receive_po(int(po_id), received, _user(), i.delivery_note)
        raise web.seeother('/purchasing/%s' % po_id)


class ReorderReport:
    @requires_role('buying')
    def GET(self):
        i = web.input(warehouse_id=config.DEFAULT_WAREHOUSE)
        rows = queries.reorder_candidates(int(i.warehouse_id))
        for r in rows:
            need = r.ReorderPoint + r.ReorderQty - (r.OnHand - r.Allocated + r.OnOrder)
            r.Suggested = util.round_to_pack(max(need, r.ReorderQty), r.PackQty or 1)
        return render.reorder(rows)


# ---------------------------------------------------------------- accounts

class InvoiceList:
    @requires_role('accounts')
    def GET(self):
        i = web.input(customer_id=None, overdue='')
        if i.overdue:
            rows = queries.overdue_invoices()
        elif i.customer_id:
            rows = queries.invoices_for_customer(int(i.customer_id))
        else:
            rows = db.query("SELECT TOP 200 i.*, c.Name AS CustomerName FROM Invoice i "
                            "JOIN Customer c ON c.CustomerID = i.CustomerID ORDER BY i.InvoiceID DESC")
        return render.invoice_list(rows)


class InvoiceView:
    @requires_login
    def GET(self, invoice_id):
        inv = queries.get_invoice(int(invoice_id))
        if inv is None:
            raise web.notfound()
        allocs = db.query("SELECT a.*, p.Reference, p.Method, p.ReceivedDate FROM PaymentAllocation a "
                          "JOIN Payment p ON p.PaymentID = a.PaymentID WHERE a.InvoiceID = ?",
                          (inv.InvoiceID,))
        return render.invoice_view(inv, allocs)


class InvoicePdf:
    @requires_login
    def GET(self, invoice_id):
        import pdfgen
        inv = queries.get_invoice(int(invoice_id))
        web.header('Content-Type', 'application/pdf')
        web.header('Content-Disposition', 'inline; filename=%s.pdf' % inv.InvoiceNo)
        return pdfgen.invoice_pdf(inv)


class PaymentEntry:
    @requires_role('accounts')
    def GET(self):
        return render.payment_entry(queries.unallocated_payments())

    @requires_role('accounts')
    def POST(self):
        i = web.input(account='', amount='', method='CHQ', reference='', received='')
        c = queries.customer_by_account(i.account)
        if c is None:
            flash('No such account %s' % i.account)
            raise web.seeother('/payments/new')
        pay_id = queries.record_payment(c.CustomerID, to_decimal(i.amount), i.method, i.reference,
                                        parse_date(i.received) or util.today(), _user())
        raise web.seeother('/payments/%d/allocate' % pay_id)


class PaymentAllocate:
    @requires_role('accounts')
    def GET(self, payment_id):
        pay = db.query_one("SELECT * FROM Payment WHERE PaymentID = ?", (int(payment_id),))
        return render.payment_allocate(pay, queries.invoices_for_customer(pay.CustomerID, open_only=True))

    @requires_role('accounts')
    def POST(self, payment_id):
        i = web.input()
        for k, v in sorted(i.items()):
            if k.startswith('inv_') and v:
                queries.allocate_payment(int(payment_id), int(k[4:]), to_decimal(v), _user())
        raise web.seeother('/payments/new')


class CreditNoteNew:
    @requires_role('accounts')
    def POST(self):
        i = web.input(invoice_id=None, amount='', reason='')
        inv = queries.get_invoice(int(i.invoice_id))
        # goodwill credit: one line, no product. uses the first product on the invoice (sigh)
        amount = to_decimal(i.amount)
        queries.create_credit_note(inv.CustomerID, inv.InvoiceID, None,
                                   [(inv.lines[0].ProductID, 1, amount, config.DEFAULT_TAX_CODE)],
                                   i.reason or 'Goodwill')
        raise web.seeother('/invoices/%s' % i.invoice_id)


class AgedDebt:
    @requires_role('accounts')
    def GET(self):
        i = web.input(format='html')
        rows = queries.aged_debt()
        if i.format == 'csv':
            return csv_response('aged_debt.csv', ['Account', 'Name', 'Not due', '1-30', '31-60', '60+',
                                                  'Total', 'Limit'],
                                [(r.AccountNo, r.Name, r.NotDue, r.D30, r.D60, r.D90, r.Total,
                                  r.CreditLimit) for r in rows])
        return render.aged_debt(rows)


class StatementPrint:
    @requires_role('accounts')
    def GET(self, customer_id):
        import pdfgen
        c = _customer_or_404(customer_id)
        web.header('Content-Type', 'application/pdf')
        return pdfgen.statement_pdf(c, queries.invoices_for_customer(c.CustomerID, open_only=True))


# ---------------------------------------------------------------- EDI screens

class EdiInboxView:
    @requires_role('edi')
    def GET(self):
        i = web.input(status=None)
        return render.edi_inbox(queries.inbox_messages(i.status))


class EdiReprocess:
    @requires_role('edi')
    def POST(self, inbox_id):
        import edi
        msg = db.query_one("SELECT * FROM EdiInbox WHERE InboxID = ?", (int(inbox_id),))
        try:
            order_id = edi.import_850(msg)
            queries.mark_inbox(msg.InboxID, 'DONE', order_id=order_id)
        except edi.X12Error as e:
            queries.mark_inbox(msg.InboxID, 'ERROR', str(e))
            flash('Still failing: %s' % e)
        raise web.seeother('/edi')


class EdiPartners:
    @requires_role('edi')
    def GET(self):
        return render.edi_partners(queries.trading_partners())


class EdiUpload:
    """Some partners email the 850 instead of FTP. Paste it here."""

    @requires_role('edi')
    def POST(self):
        import edi
        i = web.input(data='')
        raw = i.data.strip()
        if not raw.startswith('ISA'):
            flash('That is not an X12 interchange')
            raise web.seeother('/edi')
        env = edi.parse_isa(raw)
        partner = queries.partner_by_isa(env['sender'])
        if partner is None:
            flash('Unknown sender %s' % env['sender'])
        else:
            queries.save_inbox(partner.PartnerID, env['doc_type'], env['control_no'], 'upload', raw)
        raise web.seeother('/edi')


class ReportRun:
    @requires_login
    def GET(self, name):
        import reports
        fn = getattr(reports, name, None)
        if fn is None or name.startswith('_'):
            raise web.notfound()
        i = web.input()
        header, rows = fn(**dict((k, v) for k, v in i.items() if k != 'format'))
        return csv_response('%s.csv' % name, header, rows)


application = app.wsgifunc()

if __name__ == '__main__':
    app.run()
