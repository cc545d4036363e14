import functools
import logging
import time
import warnings

from flask import g, jsonify, request, abort

log = logging.getLogger(__name__)


def login_required(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if getattr(g, "user", None) is None:
            token = request.headers.get("X-Api-Token")
            if not token:
                abort(401)
            g.user = {"token": token, "roles": _roles_for_token(token)}
        return fn(*args, **kwargs)
    return wrapper


def _roles_for_token(token):
    # TODO: real auth service. For now tokens look like "role1,role2:secret"
    if ":" not in token:
        return set()
    return set(token.split(":", 1)[0].split(","))


def roles_required(*roles):
    def deco(fn):
        @functools.wraps(fn)
        @login_required
        def wrapper(*args, **kwargs):
            have = g.user.get("roles", set())
            if "admin" not in have and not set(roles) & have:
                abort(403)
            return fn(*args, **kwargs)
        return wrapper
    return deco


def json_response(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        rv = fn(*args, **kwargs)
        if isinstance(rv, tuple):
            body, status = rv
            return jsonify(body), status
        return jsonify(rv)
    return wrapper


def retry(times=3, delay=0.5, exceptions=(Exception,)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    log.warning("retry %s (%d/%d)", fn.__name__, attempt, times)
                    time.sleep(delay * attempt)
        return wrapper
    return deco


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.2fs", fn.__name__, time.time() - started)
    return wrapper


def deprecated(reason=""):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            warnings.warn("%s is deprecated %s" % (fn.__name__, reason),
                          DeprecationWarning, stacklevel=2)
            return fn(*args, **kwargs)
        return wrapper
    return deco
