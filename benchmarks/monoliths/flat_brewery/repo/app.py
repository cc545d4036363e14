#!/usr/bin/env python3
"""
Hopyard back office -- web.py app.

    uwsgi --http :8080 --wsgi-file app.py --callable application --processes 4

URL map below.  Handler names are 'module.Class' strings (web.py style),
so grep for the class name, not the URL.
"""
import logging
import os
import sys
import traceback

import web

import config
from lib import db
from lib.handlers import render, render_plain, get_flashes

# web.py needs these importable by name from urls
import admin_views
import brewery
import kegs
import mugclub
import purchasing
import reports
import taproom
import ttb
import wholesale

log = logging.getLogger('hopyard')

urls = (
    '/', 'brewery.FermenterBoard',

    # brewing
    '/recipes', 'brewery.RecipeList',
    '/recipes/(\\d+)', 'brewery.RecipeDetail',
    '/recipes/(\\d+)/new-version', 'brewery.RecipeNewVersion',
    '/batches', 'brewery.BatchList',
    '/batches/new', 'brewery.NewBatch',
    '/batches/(\\d+)', 'brewery.BatchDetail',
    '/batches/(\\d+)/brew', 'brewery.BrewDay',
    '/batches/(\\d+)/knockout', 'brewery.KnockOut',
    '/batches/(\\d+)/cancel-brew', 'brewery.CancelBrew',
    '/batches/(\\d+)/gravity', 'brewery.GravityLog',
    '/batches/(\\d+)/sheet', 'brewery.BrewSheet',
    '/batches/(\\d+)/yeast', 'brewery.YeastHarvest',
    '/batches/(\\d+)/transfer', 'brewery.TransferBatch',
    '/batches/(\\d+)/dump', 'brewery.DumpBatch',
    '/batches/(\\d+)/package', 'brewery.PackageBatch',
    '/fermenters', 'brewery.FermenterBoard',
    '/fermenters/(\\d+)/cip', 'brewery.CipLog',

    # packaging
    '/packaging', 'brewery.PackagingRunList',
    '/cooler', 'brewery.FinishedGoods',
    '/kegs', 'kegs.KegList',
    '/kegs/scan', 'kegs.KegScan',
    '/kegs/returns', 'kegs.KegReturns',
    '/kegs/fleet', 'kegs.KegFleet',
    '/kegs/([A-Za-z0-9-]+)', 'kegs.KegDetail',

    # purchasing
    '/materials', 'purchasing.MaterialList',
    '/materials/(\\d+)', 'purchasing.MaterialDetail',
    '/materials/(\\d+)/adjust', 'purchasing.AdjustStock',
    '/suppliers', 'purchasing.SupplierList',
    '/purchasing/orders', 'purchasing.OrderList',
    '/purchasing/orders/new', 'purchasing.NewOrder',
    '/purchasing/orders/(\\d+)', 'purchasing.OrderDetail',
    '/purchasing/orders/(\\d+)/send', 'purchasing.SendOrder',
    '/purchasing/orders/(\\d+)/receive', 'purchasing.ReceiveOrder',
    '/purchasing/orders/(\\d+)/cancel', 'purchasing.CancelOrder',

    # wholesale
    '/wholesale/distributors', 'wholesale.DistributorList',
    '/wholesale/distributors/(\\d+)', 'wholesale.DistributorDetail',
    '/wholesale/orders', 'wholesale.OrderList',
    '/wholesale/orders/new', 'wholesale.NewOrder',
    '/wholesale/orders/(\\d+)', 'wholesale.OrderDetail',
    '/wholesale/orders/(\\d+)/confirm', 'wholesale.ConfirmOrder',
    '/wholesale/orders/(\\d+)/pick', 'wholesale.PickOrder',
    '/wholesale/orders/(\\d+)/ship', 'wholesale.ShipOrder',
    '/wholesale/invoices/(\\d+)', 'wholesale.InvoiceDetail',
    '/wholesale/invoices/(\\d+)/payment', 'wholesale.RecordPayment',
    '/wholesale/aging', 'wholesale.ArAging',

    # taproom POS
    '/pos', 'taproom.PosHome',
    '/pos/login', 'taproom.PosLogin',
    '/pos/logout', 'taproom.PosLogout',
    '/pos/shift/open', 'taproom.OpenShift',
    '/pos/shift/close', 'taproom.CloseShift',
    '/pos/taps', 'taproom.TapList',
    '/pos/taps/(\\d+)/keg', 'taproom.TapKeg',
    '/pos/tabs', 'taproom.OpenTab',
    '/pos/tabs/(\\d+)', 'taproom.TabView',
    '/pos/tabs/(\\d+)/items', 'taproom.AddItem',
    '/pos/tabs/(\\d+)/items/(\\d+)/void', 'taproom.VoidLine',
    '/pos/tabs/(\\d+)/member', 'taproom.AttachMember',
    '/pos/tabs/(\\d+)/pay', 'taproom.PayTab',
    '/pos/payments/(\\d+)/refund', 'taproom.RefundPayment',
    '/taplist', 'taproom.TapList',

    # mug club
    '/mugclub', 'mugclub.MemberList',
    '/mugclub/join', 'mugclub.JoinClub',
    '/mugclub/lookup', 'mugclub.MemberLookup',
    '/mugclub/redeem', 'mugclub.Redeem',
    '/mugclub/members/(\\d+)', 'mugclub.MemberDetail',
    '/mugclub/members/(\\d+)/renew', 'mugclub.RenewMember',

    # TTB
    '/ttb', 'ttb.ReportList',
    '/ttb/reports/generate', 'ttb.GenerateReport',
    '/ttb/reports/(\\d+)', 'ttb.ReportDetail',
    '/ttb/reports/(\\d+)/file', 'ttb.FileReport',
    '/ttb/excise/new', 'ttb.NewExciseReturn',
    '/ttb/excise/(\\d+)', 'ttb.ExciseReturnView',
    '/ttb/excise/(\\d+)/paid', 'ttb.MarkExcisePaid',
    '/ttb/labels', 'ttb.LabelList',

    # reports
    '/reports', 'reports.ReportIndex',
    '/reports/production', 'reports.ProductionReport',
    '/reports/batch-costs', 'reports.BatchCostReport',
    '/reports/inventory', 'reports.InventoryValuation',
    '/reports/packaging', 'reports.PackagingReport',
    '/reports/distributors', 'reports.DistributorSales',
    '/reports/sales-by-beer', 'reports.SalesByBeer',
    '/reports/taproom', 'reports.TaproomSales',
    '/reports/mugclub', 'reports.MugClubReport',
    '/reports/excise', 'reports.ExciseEstimate',

    # admin
    '/admin', 'admin_views.AdminHome',
    '/admin/recipes', 'admin_views.RecipeAdmin',
    '/admin/recipes/(\\d+)', 'admin_views.RecipeAdmin',
    '/admin/recipes/(\\d+)/ingredients', 'admin_views.RecipeIngredientAdmin',
    '/admin/recipes/(\\d+)/retire', 'admin_views.RecipeRetire',
    '/admin/batches/(\\d+)', 'admin_views.BatchAdmin',
    '/admin/fermenters', 'admin_views.FermenterAdmin',
    '/admin/suppliers', 'admin_views.SupplierAdmin',
    '/admin/suppliers/merge', 'admin_views.SupplierMerge',
    '/admin/materials', 'admin_views.MaterialAdmin',
    '/admin/purchase-orders/(\\d+)', 'admin_views.PurchaseOrderAdmin',
    '/admin/formats', 'admin_views.PackageFormatAdmin',
    '/admin/kegs', 'admin_views.KegAdmin',
    '/admin/distributors', 'admin_views.DistributorAdmin',
    '/admin/credit', 'admin_views.DistributorCreditReview',
    '/admin/prices', 'admin_views.PriceListAdmin',
    '/admin/taps', 'admin_views.TapAdmin',
    '/admin/menu', 'admin_views.MenuItemAdmin',
    '/admin/menu/reprice', 'admin_views.MenuBulkPrice',
    '/admin/staff', 'admin_views.StaffAdmin',
    '/admin/shifts', 'admin_views.ShiftAdmin',
    '/admin/tabs/(\\d+)/void', 'admin_views.TabAdmin',
    '/admin/excise-rates', 'admin_views.ExciseRateAdmin',
    '/admin/removals', 'admin_views.RemovalAdmin',
    '/admin/labels', 'admin_views.LabelApprovalAdmin',
    '/admin/mugclub', 'admin_views.MugClubAdmin',
    '/admin/rewards', 'admin_views.RewardAdmin',
    '/admin/export/([a-z_]+)', 'admin_views.MasterDataExport',
)

web.config.debug = config.DEBUG
app = web.application(urls, globals())

_session_dir = config.get('SESSION_DIR', '/var/lib/hopyard/sessions')
if web.config.get('_session') is None:
    session = web.session.Session(app, web.session.DiskStore(_session_dir),
                                  initializer={'flash': [], 'pos_staff_id': None})
    web.config._session = session
else:
    session = web.config._session


def session_hook():
    web.ctx.session = session
    web.template.Template.globals['flashes'] = get_flashes


def db_hook(handler):
    """roll back anything a handler left uncommitted (exceptions etc)"""
    try:
        return handler()
    except web.HTTPError:
        db.rollback()
        raise
    except Exception:
        db.rollback()
        raise


def notfound():
    return web.notfound(render_plain.notfound())


def internalerror():
    log.error('500 on %s\n%s', web.ctx.path, traceback.format_exc())
    return web.internalerror(render_plain.error())


app.add_processor(web.loadhook(session_hook))
app.add_processor(db_hook)
app.notfound = notfound
app.internalerror = internalerror

application = app.wsgifunc()


def main():
    logging.basicConfig(level=logging.DEBUG if config.DEBUG else logging.INFO)
    app.run()


if __name__ == '__main__':
    main()
