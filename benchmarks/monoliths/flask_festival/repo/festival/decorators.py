import functools
import logging
import time

from flask import abort, current_app, jsonify, request

log = logging.getLogger(__name__)


def _api_key_from_request():
    key = request.headers.get("X-Api-Key")
    if not key:
        key = request.args.get("api_key")
    return key


def require_api_key(view):
    """Staff endpoints. Any key from STAFF_API_KEYS or ADMIN_API_KEYS."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = _api_key_from_request()
        allowed = current_app.config["STAFF_API_KEYS"] + current_app.config["ADMIN_API_KEYS"]
        if not key or key not in allowed:
            abort(401)
        return view(*args, **kwargs)
    return wrapper


def admin_only(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = _api_key_from_request()
        if not key or key not in current_app.config["ADMIN_API_KEYS"]:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


def json_view(view):
    """Wrap a view so it can return dicts/lists. Errors become JSON too."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            result = view(*args, **kwargs)
        except ValueError as exc:
            return jsonify({"error": str(exc)}), 400
        if isinstance(result, tuple):
            return jsonify(result[0]), result[1]
        return jsonify(result)
    return wrapper


def log_timing(threshold_ms=500):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            started = time.time()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = (time.time() - started) * 1000
                if elapsed > threshold_ms:
                    log.warning("%s took %.0fms", fn.__name__, elapsed)
        return wrapper
    return decorator


def cron_job(name):
    """Marks a function as a cron job; jobs.run_job looks these up."""
    def decorator(fn):
        fn._cron_name = name
        return fn
    return decorator
