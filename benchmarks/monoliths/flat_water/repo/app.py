#!/usr/bin/env python3
"""Riverbend Water - customer & operations system.  python app.py [--initdb]"""
import os
import sys
import logging

import cherrypy

import config
import db
import utils
import auth
import handlers

log = logging.getLogger('water')

HERE = os.path.dirname(os.path.abspath(__file__))


class LoginPage(object):

    @cherrypy.expose
    def index(self, username=None, password=None, next='/'):
        if cherrypy.request.method == 'POST':
            key = auth.authenticate(username or '', password or '', cherrypy.request.remote.ip)
            if key:
                cherrypy.response.cookie[auth.SESSION_COOKIE] = key
                cherrypy.response.cookie[auth.SESSION_COOKIE]['path'] = '/'
                cherrypy.response.cookie[auth.SESSION_COOKIE]['httponly'] = True
                raise cherrypy.HTTPRedirect(next or '/')
            return handlers.render('login.html', error='Invalid username or password', next=next)
        return handlers.render('login.html', error=None, next=next)

    @cherrypy.expose
    def logout(self):
        c = cherrypy.request.cookie.get(auth.SESSION_COOKIE)
        if c:
            auth.end_session(c.value)
        cherrypy.response.cookie[auth.SESSION_COOKIE] = ''
        cherrypy.response.cookie[auth.SESSION_COOKIE]['expires'] = 0
        raise cherrypy.HTTPRedirect('/login')

    @cherrypy.expose
    @auth.require_login
    def password(self, old=None, new=None, confirm=None):
        u = auth.current_user()
        if cherrypy.request.method == 'POST':
            if not auth.check_password(u, old or '') or new != confirm or len(new or '') < 8:
                return handlers.render('password.html', error='Password not changed')
            auth.set_password(u['id'], new)
            raise cherrypy.HTTPRedirect('/')
        return handlers.render('password.html', error=None)


class MeterReaderApi(object):
    """JSON endpoints for the Android reading app (v2). v1 handhelds still use the csv upload."""

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    def route(self, route_code):
        import core
        r = db.query_one('SELECT id FROM reading_routes WHERE route_code = ?', (route_code,))
        if not r:
            raise cherrypy.NotFound()
        return utils.json_response(core.route_sheet(r['id']))

    @cherrypy.expose
    @auth.require_role(auth.ROLE_FIELD)
    @cherrypy.tools.json_in()
    def submit(self):
        import core
        data = cherrypy.request.json
        results = []
        for item in data.get('readings', []):
            try:
                rid = core.record_reading(item['meter_id'], item['reading'], item['read_date'], 'A',
                                          auth.current_user_id(), item.get('route_id'))
                results.append({'meter_id': item['meter_id'], 'id': rid, 'ok': True})
            except Exception as e:
                results.append({'meter_id': item.get('meter_id'), 'ok': False, 'error': str(e)})
        return utils.json_response({'results': results})


class Root(object):
    login = LoginPage()
    customers = handlers.CustomersHandler()
    accounts = handlers.AccountsHandler()
    meters = handlers.MetersHandler()
    readings = handlers.ReadingsHandler()
    tariffs = handlers.TariffsHandler()
    bills = handlers.BillsHandler()
    adjustments = handlers.AdjustmentsHandler()
    payments = handlers.PaymentsHandler()
    credit = handlers.CreditControlHandler()
    workorders = handlers.WorkOrdersHandler()
    crews = handlers.CrewsHandler()
    lab = handlers.LabHandler()
    complaints = handlers.ComplaintsHandler()
    api = MeterReaderApi()

    def __init__(self):
        self.admin = AdminRoot()

    @cherrypy.expose
    @auth.require_login
    def index(self):
        return handlers.render('index.html')

    @cherrypy.expose
    def health(self):
        db.query_one('SELECT 1 AS ok')
        return 'OK'


class AdminRoot(object):
    users = handlers.UsersHandler()

    @cherrypy.expose
    @auth.require_role(auth.ROLE_ADMIN)
    def index(self):
        return handlers.render('admin/index.html')


def error_page_404(status, message, traceback, version):
    return handlers.render('errors/404.html', message=message)


def error_page_500(status, message, traceback, version):
    return handlers.render('errors/500.html', message=message if not config.is_production() else '')


def handle_error():
    log.exception('unhandled error on %s', cherrypy.url())
    cherrypy.response.status = 500
    cherrypy.response.body = [b'<h1>Something went wrong</h1><p>The error has been logged.</p>']


def setup_hooks():
    cherrypy.engine.subscribe('stop_thread', db.close_conn)
    cherrypy.tools.db_close = cherrypy.Tool('on_end_request', db.close_conn)


def build_app():
    cfg = config.load_config()
    conf_file = os.path.join(HERE, 'config', 'app.conf')
    cherrypy.config.update(conf_file)
    cherrypy.config.update({
        'error_page.404': error_page_404,
        'error_page.500': error_page_500,
        'request.error_response': handle_error,
        'tools.db_close.on': True,
    })
    app_conf = {'/': {'tools.staticdir.root': HERE},
                '/static': {'tools.staticdir.on': True, 'tools.staticdir.dir': 'static'}}
    return cherrypy.tree.mount(Root(), '/', app_conf)


def main(argv):
    logging.basicConfig(level=logging.INFO)
    if '--initdb' in argv:
        config.load_config()
        db.init_db()
        print('database initialised at %s' % config.get('db_path'))
        return
    setup_hooks()
    build_app()
    cherrypy.engine.start()
    cherrypy.engine.block()


if __name__ == '__main__':
    main(sys.argv)
