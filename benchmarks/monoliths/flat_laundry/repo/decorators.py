"""decorators used all over the place"""
import functools
import json
import logging
import time

from flask import session, redirect, request, abort, Response

log = logging.getLogger('lhs')


def login_required(f):
    @functools.wraps(f)
    def wrapper(*a, **kw):
        if not session.get('user_id'):
            return redirect('/login?next=' + request.path)
        return f(*a, **kw)
    return wrapper


def admin_required(f):
    @functools.wraps(f)
    def wrapper(*a, **kw):
        if not session.get('user_id'):
            return redirect('/login?next=' + request.path)
        if not session.get('is_admin'):
            abort(403)
        return f(*a, **kw)
    return wrapper


def timed(f):
    @functools.wraps(f)
    def wrapper(*a, **kw):
        t0 = time.time()
        try:
            return f(*a, **kw)
        finally:
            log.info('%s took %.2fs', f.__name__, time.time() - t0)
    return wrapper


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def deco(f):
        @functools.wraps(f)
        def wrapper(*a, **kw):
            last = None
            for i in range(times):
                try:
                    return f(*a, **kw)
                except exceptions as e:
                    last = e
                    log.warning('%s failed (%s), retry %d', f.__name__, e, i + 1)
                    time.sleep(delay)
            raise last
        return wrapper
    return deco


def memoize(seconds=60):
    def deco(f):
        cache = {}

        @functools.wraps(f)
        def wrapper(*a):
            hit = cache.get(a)
            if hit and hit[0] > time.time():
                return hit[1]
            val = f(*a)
            cache[a] = (time.time() + seconds, val)
            return val
        wrapper.clear = cache.clear
        return wrapper
    return deco


def _json_default(o):
    if hasattr(o, 'isoformat'):
        return o.isoformat()
    return str(o)


def json_response(f):
    @functools.wraps(f)
    def wrapper(*a, **kw):
        rv = f(*a, **kw)
        status = 200
        if isinstance(rv, tuple):
            rv, status = rv
        return Response(json.dumps(rv, default=_json_default), status=status,
                        mimetype='application/json')
    return wrapper
