import functools
import logging
import time

from pyramid.httpexceptions import HTTPForbidden
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)


def require_role(*roles):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(context, request=None):
            req = request if request is not None else context
            user = getattr(req, 'user', None)
            if user is None or (user.role not in roles and user.role != 'admin'):
                raise HTTPForbidden()
            if request is None:
                return view(context)
            return view(context, request)
        return wrapper
    return decorator


def log_timing(func):
    @functools.wraps(func)
    def wrapper(*args, **kw):
        started = time.time()
        try:
            return func(*args, **kw)
        finally:
            log.info('%s took %.3fs', func.__name__, time.time() - started)
    return wrapper


def retry_on_db_error(times=3, delay=0.5):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kw):
            for attempt in range(times):
                try:
                    return func(*args, **kw)
                except OperationalError:
                    if attempt == times - 1:
                        raise
                    log.warning('db error in %s, retrying', func.__name__)
                    time.sleep(delay)
        return wrapper
    return decorator


def memoize_for(seconds):
    """very small per-process cache, used for the public conditions pages"""
    def decorator(func):
        cache = {}

        @functools.wraps(func)
        def wrapper(*args):
            now = time.time()
            hit = cache.get(args)
            if hit and now - hit[0] < seconds:
                return hit[1]
            value = func(*args)
            cache[args] = (now, value)
            return value
        wrapper.cache_clear = cache.clear
        return wrapper
    return decorator
