import functools
import logging
import time

from flask import jsonify

log = logging.getLogger(__name__)


def json_response(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        rv = view(*args, **kwargs)
        if isinstance(rv, tuple):
            return jsonify(rv[0]), rv[1]
        return jsonify(rv)
    return wrapped


def retry(times=3, delay=2, exceptions=(Exception,)):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapped(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times - 1:
                        raise
                    log.warning("retrying %s (%s)", fn.__name__, attempt + 1)
                    time.sleep(delay)
        return wrapped
    return decorator


def timed(fn):
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        t0 = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("%s took %.3fs", fn.__name__, time.time() - t0)
    return wrapped
