# -*- coding: utf-8 -*-
import functools
import logging
import time

log = logging.getLogger('dealer')


def memoize(ttl=300):
    """Crude per-process cache. Fine for lookups like labour rates."""
    def deco(fn):
        cache = {}

        @functools.wraps(fn)
        def wrapper(*args):
            now = time.time()
            hit = cache.get(args)
            if hit and now - hit[0] < ttl:
                return hit[1]
            val = fn(*args)
            cache[args] = (now, val)
            return val
        wrapper.clear = cache.clear
        return wrapper
    return deco


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions as e:
                    last = e
                    log.warning('%s failed (attempt %d): %s', fn.__name__, attempt + 1, e)
                    time.sleep(delay * (attempt + 1))
            raise last
        return wrapper
    return deco


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info('%s took %.2fs', fn.__name__, time.time() - t0)
    return wrapper


def deprecated(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.warning('deprecated function %s called', fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


def log_errors(fn):
    """For cron jobs: log and swallow so one bad job doesn't kill the rest."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception:
            log.exception('job %s failed', fn.__name__)
            return None
    return wrapper
