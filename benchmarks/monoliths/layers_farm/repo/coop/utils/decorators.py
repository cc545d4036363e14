import functools
import logging
import time

from flask import g, jsonify, request
from werkzeug.exceptions import Forbidden

from coop.extensions import db_session

log = logging.getLogger(__name__)


def json_response(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        rv = fn(*args, **kwargs)
        status = 200
        if isinstance(rv, tuple):
            rv, status = rv
        return jsonify(rv), status
    return wrapper


def require_role(*roles):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            user_roles = set(getattr(g, "roles", ()) or request.headers.get("X-Coop-Roles", "").split(","))
            if "admin" not in user_roles and not user_roles.intersection(roles):
                raise Forbidden("requires one of %s" % ", ".join(roles))
            return fn(*args, **kwargs)
        return wrapper
    return decorator


def transactional(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            rv = fn(*args, **kwargs)
            db_session.commit()
            return rv
        except Exception:
            db_session.rollback()
            raise
    return wrapper


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    log.warning("%s failed (attempt %s), retrying", fn.__name__, attempt)
                    time.sleep(delay * attempt)
        return wrapper
    return decorator


def log_timing(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.2fs", fn.__name__, time.time() - t0)
    return wrapper
