"""View decorators."""
import time
import functools
import logging

from flask import session, redirect, url_for, request, flash, abort, jsonify

log = logging.getLogger('lsbs')


def login_required(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if not session.get('customer_id'):
            flash('Please log in first.')
            return redirect(url_for('login', next=request.path))
        return f(*args, **kwargs)
    return wrapper


def staff_required(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        if not session.get('staff_id'):
            return redirect(url_for('staff_login', next=request.path))
        return f(*args, **kwargs)
    return wrapper


def role_required(*roles):
    def deco(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            if not session.get('staff_id'):
                return redirect(url_for('staff_login', next=request.path))
            if session.get('staff_role') not in roles and session.get('staff_role') != 'admin':
                abort(403)
            return f(*args, **kwargs)
        return wrapper
    return deco


def json_view(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        rv = f(*args, **kwargs)
        if isinstance(rv, tuple):
            body, status = rv
            return jsonify(body), status
        return jsonify(rv)
    return wrapper


def timed(f):
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        t = time.time()
        try:
            return f(*args, **kwargs)
        finally:
            log.debug('%s %.1fms', f.__name__, (time.time() - t) * 1000)
    return wrapper


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def deco(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return f(*args, **kwargs)
                except exceptions as e:
                    last = e
                    log.warning('%s failed (attempt %d): %s', f.__name__, attempt + 1, e)
                    time.sleep(delay)
            raise last
        return wrapper
    return deco


_cache = {}


def memoize(seconds=300):
    """Very dumb per-process cache. Fine for the plan list etc."""
    def deco(f):
        @functools.wraps(f)
        def wrapper(*args):
            key = (f.__name__,) + args
            hit = _cache.get(key)
            if hit and hit[0] > time.time():
                return hit[1]
            val = f(*args)
            _cache[key] = (time.time() + seconds, val)
            return val
        return wrapper
    return deco


def clear_memo():
    _cache.clear()
