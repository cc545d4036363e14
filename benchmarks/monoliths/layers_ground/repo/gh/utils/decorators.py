import functools
import logging
import time

from flask import jsonify

from gh.utils.validators import ValidationError

log = logging.getLogger(__name__)


def json_endpoint(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except ValidationError as exc:
            return jsonify({"error": str(exc), "field": exc.field}), 400
        if isinstance(result, tuple):
            return jsonify(result[0]), result[1]
        return jsonify(result)
    return wrapper


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.2fs", fn.__name__, time.time() - t0)
    return wrapper


def retry(times=3, delay=1.0):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except Exception:
                    if attempt == times - 1:
                        raise
                    time.sleep(delay)
        return wrapper
    return deco
