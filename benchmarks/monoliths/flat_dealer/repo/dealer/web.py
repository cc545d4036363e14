# -*- coding: utf-8 -*-
# Tiny request/response layer. Written in 2009 because web.py was "too heavy".
# Runs under mod_wsgi. Still Python 2 in places (see dispatch), port pending.
import cgi
import urlparse
import Cookie
import traceback
import json
import logging

import config

log = logging.getLogger('dealer.web')


class HTTPError(Exception):
    def __init__(self, status, message=''):
        Exception.__init__(self, message)
        self.status = status
        self.message = message


class NotFound(HTTPError):
    def __init__(self, message='Not found'):
        HTTPError.__init__(self, 404, message)


class Forbidden(HTTPError):
    def __init__(self, message='Forbidden'):
        HTTPError.__init__(self, 403, message)


class Request(object):
    def __init__(self, environ):
        self.environ = environ
        self.method = environ.get('REQUEST_METHOD', 'GET').upper()
        self.path = environ.get('PATH_INFO', '/') or '/'
        self.query = dict(urlparse.parse_qsl(environ.get('QUERY_STRING', '')))
        self._form = None
        self.cookies = Cookie.SimpleCookie(environ.get('HTTP_COOKIE', ''))
        self.user = None          # set by auth.require_login
        self.session = {}

    @property
    def form(self):
        if self._form is None:
            if self.method == 'POST':
                fs = cgi.FieldStorage(fp=self.environ['wsgi.input'],
                                      environ=self.environ, keep_blank_values=True)
                self._form = {}
                for k in fs.keys():
                    item = fs[k]
                    if isinstance(item, list):
                        self._form[k] = [i.value for i in item]
                    elif item.filename:
                        self._form[k] = item
                    else:
                        self._form[k] = item.value
            else:
                self._form = {}
        return self._form

    def param(self, name, default=None):
        if name in self.form:
            return self.form[name]
        return self.query.get(name, default)

    def cookie(self, name):
        if name in self.cookies:
            return self.cookies[name].value
        return None


class Response(object):
    def __init__(self, body='', status=200, content_type='text/html; charset=utf-8'):
        self.body = body
        self.status = status
        self.headers = [('Content-Type', content_type)]

    def set_cookie(self, name, value, path='/', max_age=None):
        c = '%s=%s; Path=%s; HttpOnly' % (name, value, path)
        if max_age is not None:
            c += '; Max-Age=%d' % max_age
        self.headers.append(('Set-Cookie', c))


def redirect(url):
    r = Response('', 302)
    r.headers.append(('Location', url))
    return r


def json_response(data, status=200):
    return Response(json.dumps(data, default=str), status, 'application/json')


def csv_response(text, filename):
    r = Response(text, 200, 'text/csv; charset=utf-8')
    r.headers.append(('Content-Disposition', 'attachment; filename="%s"' % filename))
    return r


_STATUS = {200: '200 OK', 302: '302 Found', 400: '400 Bad Request',
           403: '403 Forbidden', 404: '404 Not Found', 500: '500 Internal Server Error'}


def dispatch(urls, environ, start_response):
    req = Request(environ)
    handler = urls.get(req.path)
    if handler is None:
        # poor man's /thing/123 routing
        parts = req.path.rstrip('/').rsplit('/', 1)
        if len(parts) == 2 and parts[1].isdigit():
            handler = urls.get(parts[0] + '/<id>')
            req.query['id'] = parts[1]
    try:
        if handler is None:
            raise NotFound()
        resp = handler(req)
        if isinstance(resp, basestring):
            resp = Response(resp)
    except HTTPError, e:
        resp = Response('<h1>%d</h1><p>%s</p>' % (e.status, cgi.escape(e.message)), e.status)
    except Exception, e:
        log.exception('unhandled error on %s', req.path)
        body = '<h1>Error</h1>'
        if config.is_debug():
            body += '<pre>%s</pre>' % cgi.escape(traceback.format_exc())
        resp = Response(body, 500)
    body = resp.body
    if isinstance(body, unicode):
        body = body.encode('utf-8')
    start_response(_STATUS.get(resp.status, str(resp.status)), resp.headers)
    return [body]


def make_app(urls):
    def app(environ, start_response):
        return dispatch(urls, environ, start_response)
    return app
