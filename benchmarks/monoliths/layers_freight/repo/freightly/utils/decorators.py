"""Decorators for views and jobs."""
import functools
import logging
import time

from flask import current_app, jsonify, request

log = logging.getLogger("freightly")


def json_endpoint(func):
    """Wrap a view so that dict / list return values become JSON responses."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        rv = func(*args, **kwargs)
        if isinstance(rv, tuple):
            body, status = rv[0], rv[1]
            return jsonify(body), status
        if isinstance(rv, (dict, list)):
            return jsonify(rv)
        return rv
    return wrapper


def require_api_key(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        keys = current_app.config.get("API_KEYS") or []
        supplied = request.headers.get("X-Api-Key") or request.args.get("api_key")
        if keys and supplied not in keys:
            return jsonify({"error": "unauthorized"}), 401
        return func(*args, **kwargs)
    return wrapper


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            attempt = 0
            while True:
                try:
                    return func(*args, **kwargs)
                except exceptions as exc:
                    attempt += 1
                    if attempt >= times:
                        raise
                    log.warning("retry %s (%d/%d): %s", func.__name__, attempt, times, exc)
                    time.sleep(delay * attempt)
        return wrapper
    return decorator


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        started = time.time()
        try:
            return func(*args, **kwargs)
        finally:
            log.info("%s took %.2fs", func.__name__, time.time() - started)
    return wrapper


def deprecated(reason=""):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            log.warning("deprecated call %s %s", func.__name__, reason)
            return func(*args, **kwargs)
        return wrapper
    return decorator
