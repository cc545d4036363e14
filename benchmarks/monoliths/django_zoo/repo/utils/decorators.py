import functools
import logging
import time

from django.contrib.auth.decorators import user_passes_test
from django.core.cache import cache
from django.http import HttpResponseBadRequest, HttpResponseForbidden

log = logging.getLogger("zoo.timing")


def staff_required(view_func=None, login_url="/accounts/login/"):
    actual = user_passes_test(lambda u: u.is_active and u.is_staff, login_url=login_url)
    if view_func:
        return actual(view_func)
    return actual


def group_required(*group_names):
    """Require membership of at least one of the named auth groups."""
    def check(user):
        if user.is_superuser:
            return True
        return user.is_authenticated and user.groups.filter(name__in=group_names).exists()
    return user_passes_test(check)


def ajax_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if request.headers.get("x-requested-with") != "XMLHttpRequest":
            return HttpResponseBadRequest("AJAX only")
        return view_func(request, *args, **kwargs)
    return _wrapped


def ip_whitelist(allowed):
    def deco(view_func):
        @functools.wraps(view_func)
        def _wrapped(request, *args, **kwargs):
            ip = request.META.get("HTTP_X_FORWARDED_FOR", request.META.get("REMOTE_ADDR", ""))
            ip = ip.split(",")[0].strip()
            if ip not in allowed:
                return HttpResponseForbidden("nope")
            return view_func(request, *args, **kwargs)
        return _wrapped
    return deco


def log_timing(name=None):
    def deco(fn):
        label = name or fn.__name__

        @functools.wraps(fn)
        def _wrapped(*args, **kwargs):
            t0 = time.time()
            try:
                return fn(*args, **kwargs)
            finally:
                log.info("%s took %.3fs", label, time.time() - t0)
        return _wrapped
    return deco


def single_instance_task(timeout=60 * 30):
    """Celery: don't let the same task run twice at once (cache lock)."""
    def deco(fn):
        @functools.wraps(fn)
        def _wrapped(*args, **kwargs):
            lock_id = "lock-%s" % fn.__name__
            if not cache.add(lock_id, "1", timeout):
                log.warning("task %s already running, skipping", fn.__name__)
                return None
            try:
                return fn(*args, **kwargs)
            finally:
                cache.delete(lock_id)
        return _wrapped
    return deco


def cached_result(key, timeout=300):
    def deco(fn):
        @functools.wraps(fn)
        def _wrapped(*args, **kwargs):
            full_key = "%s:%s" % (key, ":".join(str(a) for a in args))
            val = cache.get(full_key)
            if val is None:
                val = fn(*args, **kwargs)
                cache.set(full_key, val, timeout)
            return val
        return _wrapped
    return deco
