import functools
import logging
import time

from pyramid.httpexceptions import HTTPForbidden
from sqlalchemy.exc import OperationalError

from lab.lib import LabError

log = logging.getLogger(__name__)


def json_errors(view):
    """Turn LabError into a JSON body with the proper status code."""

    @functools.wraps(view)
    def wrapper(*args, **kw):
        request = args[-1] if not hasattr(args[0], "request") else args[0].request
        try:
            return view(*args, **kw)
        except LabError as exc:
            request.response.status_int = exc.status_code
            request._db_rollback = True
            return {"error": exc.message, "details": exc.details}

    return wrapper


def require_permission(perm):
    """Legacy check, predates the ACL root factory.  Still used on a few views."""

    def deco(view):
        @functools.wraps(view)
        def wrapper(context, request=None, *a, **kw):
            req = request if request is not None else context.request
            perms = getattr(req, "user_permissions", set()) or set()
            if perm not in perms and "admin" not in perms:
                raise HTTPForbidden("missing permission %s" % perm)
            if request is None:
                return view(context, *a, **kw)
            return view(context, request, *a, **kw)

        return wrapper

    return deco


def timed(name=None):
    def deco(fn):
        label = name or fn.__name__

        @functools.wraps(fn)
        def wrapper(*a, **kw):
            t0 = time.time()
            try:
                return fn(*a, **kw)
            finally:
                log.info("%s took %.2fs", label, time.time() - t0)

        return wrapper

    return deco


def retry_on_deadlock(retries=3, delay=0.2):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            for attempt in range(retries):
                try:
                    return fn(*a, **kw)
                except OperationalError as exc:
                    if "deadlock" not in str(exc).lower() or attempt == retries - 1:
                        raise
                    log.warning("deadlock in %s, retrying (%d)", fn.__name__, attempt + 1)
                    time.sleep(delay * (attempt + 1))

        return wrapper

    return deco


def memoize_ttl(seconds=300):
    def deco(fn):
        cache = {}

        @functools.wraps(fn)
        def wrapper(*args):
            now = time.time()
            hit = cache.get(args)
            if hit and now - hit[0] < seconds:
                return hit[1]
            value = fn(*args)
            cache[args] = (now, value)
            return value

        wrapper.cache_clear = cache.clear
        return wrapper

    return deco
