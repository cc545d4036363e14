import functools
import logging
import time

from flask import abort, g, jsonify, redirect, request, session, url_for

log = logging.getLogger(__name__)


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if not session.get("member_id"):
            if request.is_json or request.path.startswith("/api/"):
                abort(401)
            return redirect(url_for("members.login", next=request.path))
        return view(*args, **kwargs)
    return wrapped


def admin_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not session.get("is_admin"):
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def json_view(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        result = view(*args, **kwargs)
        if isinstance(result, tuple):
            body, status = result
            return jsonify(body), status
        return jsonify(result)
    return wrapped


def timed(name=None):
    def deco(fn):
        label = name or fn.__name__

        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            t0 = time.time()
            try:
                return fn(*args, **kwargs)
            finally:
                log.info("%s took %.1fms", label, (time.time() - t0) * 1000)
        return wrapped
    return deco


def retry(times=3, exceptions=(Exception,), delay=0.5):
    def deco(fn):
        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:  # noqa
                    last = exc
                    log.warning("%s failed (attempt %d/%d): %s", fn.__name__, attempt + 1, times, exc)
                    time.sleep(delay * (attempt + 1))
            raise last
        return wrapped
    return deco


def cached_on_g(key):
    """Memoise a function's result for the duration of one request."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            cache_key = "_cache_%s_%s" % (key, args)
            if not hasattr(g, cache_key):
                setattr(g, cache_key, fn(*args, **kwargs))
            return getattr(g, cache_key)
        return wrapped
    return deco
