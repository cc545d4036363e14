"""Misc decorators.  Some of these are used, some are not."""
import functools
import logging
import time
import warnings

log = logging.getLogger('rxbo')


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            last = None
            for attempt in range(times):
                try:
                    return fn(*a, **kw)
                except exceptions as e:
                    last = e
                    log.warning('%s failed (attempt %d/%d): %s', fn.__name__, attempt + 1, times, e)
                    time.sleep(delay * (attempt + 1))
            raise last
        return wrapper
    return deco


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        t0 = time.time()
        try:
            return fn(*a, **kw)
        finally:
            log.info('%s took %.3fs', fn.__name__, time.time() - t0)
    return wrapper


def memoize_ttl(seconds=300):
    def deco(fn):
        cache = {}

        @functools.wraps(fn)
        def wrapper(*a):
            now = time.time()
            hit = cache.get(a)
            if hit and now - hit[0] < seconds:
                return hit[1]
            val = fn(*a)
            cache[a] = (now, val)
            return val
        wrapper.cache_clear = cache.clear
        return wrapper
    return deco


def log_calls(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        log.debug('-> %s%r %r', fn.__name__, a, kw)
        res = fn(*a, **kw)
        log.debug('<- %s', fn.__name__)
        return res
    return wrapper


def deprecated(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        warnings.warn('%s is deprecated' % fn.__name__, DeprecationWarning, stacklevel=2)
        return fn(*a, **kw)
    return wrapper


def requires_role(*roles):
    """Checks the role of the logged-in user (set by web.require_login)."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            import common
            user = common.current_user()
            if user is None or user.get('role') not in roles:
                raise common.PermissionDenied('needs role %s' % '/'.join(roles))
            return fn(*a, **kw)
        return wrapper
    return deco
