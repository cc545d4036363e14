"""
Base handler classes + auth decorators for the web.py app.
"""
import base64
import functools
import json
import logging

import web

import config
from lib import db
from lib.util import format_money, fmt_date, fmt_datetime

log = logging.getLogger('hopyard.web')

_globals = {
    'money': format_money,
    'fmt_date': fmt_date,
    'fmt_datetime': fmt_datetime,
    'brewery_name': config.BREWERY_NAME,
    'str': str,
    'len': len,
}

render = web.template.render(config.TEMPLATE_DIR, base='layout', globals=_globals)
render_plain = web.template.render(config.TEMPLATE_DIR, globals=_globals)


def current_user():
    return web.ctx.get('hopyard_user')


def _check_basic_auth():
    auth = web.ctx.env.get('HTTP_AUTHORIZATION')
    if not auth or not auth.startswith('Basic '):
        return None
    try:
        raw = base64.b64decode(auth[6:]).decode('utf-8')
        user, pw = raw.split(':', 1)
    except Exception:
        return None
    # passwords live in the htpasswd on the proxy, we only map the role here
    role = config.ADMIN_USERS.get(user)
    if role is None:
        return None
    return {'name': user, 'role': role}


def require_login(fn):
    @functools.wraps(fn)
    def wrapper(self, *args, **kw):
        user = _check_basic_auth()
        if not user:
            web.header('WWW-Authenticate', 'Basic realm="Hopyard"')
            raise web.unauthorized()
        web.ctx.hopyard_user = user
        return fn(self, *args, **kw)
    return wrapper


def require_admin(fn):
    @functools.wraps(fn)
    @require_login
    def wrapper(self, *args, **kw):
        if current_user()['role'] != 'admin':
            raise web.forbidden()
        return fn(self, *args, **kw)
    return wrapper


def flash(msg, kind='info'):
    s = web.ctx.get('session')
    if s is None:
        return
    msgs = s.get('flash', [])
    msgs.append((kind, msg))
    s.flash = msgs


def get_flashes():
    s = web.ctx.get('session')
    if s is None:
        return []
    msgs = s.get('flash', [])
    s.flash = []
    return msgs


def json_response(data, status=None):
    web.header('Content-Type', 'application/json')
    if status:
        web.ctx.status = status
    return json.dumps(data, default=str)


def paginate(page, per_page=50):
    page = max(1, int(page or 1))
    return per_page, (page - 1) * per_page


class BaseHandler(object):
    """gives every handler self.cur and self.params"""

    def __init__(self):
        self.params = web.input()
        self._cur = None

    @property
    def cur(self):
        if self._cur is None:
            self._cur = db.cursor()
        return self._cur

    def redirect(self, url, msg=None):
        if msg:
            flash(msg)
        raise web.seeother(url)

    def commit(self):
        db.commit()

    def not_found(self):
        raise web.notfound()


class JsonHandler(BaseHandler):
    def error(self, msg, status='400 Bad Request'):
        return json_response({'ok': False, 'error': msg}, status)

    def ok(self, **data):
        data['ok'] = True
        return json_response(data)
