import functools
import logging
import time

from flask import abort, g, jsonify, redirect, request, session, url_for

log = logging.getLogger(__name__)


def login_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not session.get("user_id"):
            return redirect(url_for("main.login", next=request.path))
        return view(*args, **kwargs)
    return wrapper


def role_required(*roles):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = getattr(g, "user", None)
            if user is None:
                return redirect(url_for("main.login", next=request.path))
            if user.role not in roles and user.role != "admin":
                abort(403)
            return view(*args, **kwargs)
        return wrapper
    return decorator


def json_endpoint(view):
    """Wraps a view returning dict / (dict, status) into a JSON response."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        try:
            result = view(*args, **kwargs)
        except ValueError as exc:
            return jsonify({"ok": False, "error": str(exc)}), 400
        status = 200
        if isinstance(result, tuple):
            result, status = result
        if isinstance(result, dict):
            result.setdefault("ok", status < 400)
        return jsonify(result), status
    return wrapper


def api_key_required(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        from flask import current_app
        key = request.headers.get("X-Api-Key") or request.args.get("api_key")
        if not key or key not in current_app.config.get("DEVICE_API_KEYS", ()):
            abort(401)
        return view(*args, **kwargs)
    return wrapper


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info("%s took %.3fs", fn.__name__, time.time() - started)
    return wrapper


def retry(times=3, delay=1.0, exceptions=(Exception,)):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except exceptions as exc:  # noqa
                    last = exc
                    log.warning("%s failed (attempt %d): %s", fn.__name__, attempt + 1, exc)
                    time.sleep(delay * (attempt + 1))
            raise last
        return wrapper
    return decorator


def cached(ttl=60):
    """Tiny in-process cache. Fine for one gunicorn worker, wrong for four."""
    def decorator(fn):
        store = {}

        @functools.wraps(fn)
        def wrapper(*args):
            now = time.time()
            hit = store.get(args)
            if hit and now - hit[0] < ttl:
                return hit[1]
            value = fn(*args)
            store[args] = (now, value)
            return value
        wrapper.cache_clear = store.clear
        return wrapper
    return decorator


def transactional(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from bakery.db import db
        with db.atomic():
            return fn(*args, **kwargs)
    return wrapper
