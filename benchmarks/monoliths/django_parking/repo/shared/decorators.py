import functools
import json
import logging
import time

from django.contrib.auth.decorators import user_passes_test
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from shared.utils import get_client_ip

log = logging.getLogger(__name__)


def staff_required(view_func):
    return user_passes_test(lambda u: u.is_active and u.is_staff, login_url="admin:login")(view_func)


def group_required(*group_names):
    def check(user):
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return user.groups.filter(name__in=group_names).exists()
    return user_passes_test(check, login_url="admin:login")


def json_response(view_func):
    @functools.wraps(view_func)
    def wrapper(request, *args, **kwargs):
        result = view_func(request, *args, **kwargs)
        if isinstance(result, HttpResponse):
            return result
        return JsonResponse(result, safe=False)
    return wrapper


def log_exceptions(logger_name=None):
    logger = logging.getLogger(logger_name) if logger_name else log

    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                logger.exception("Unhandled error in %s", func.__name__)
                raise
        return wrapper
    return decorator


def cached_for(seconds, key_prefix=None):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = "%s:%s" % (key_prefix or func.__name__, json.dumps([args, kwargs], default=str))
            value = cache.get(key)
            if value is None:
                value = func(*args, **kwargs)
                cache.set(key, value, seconds)
            return value
        return wrapper
    return decorator


def ratelimit(per_minute=30):
    def decorator(view_func):
        @functools.wraps(view_func)
        def wrapper(request, *args, **kwargs):
            key = "rl:%s:%s:%d" % (view_func.__name__, get_client_ip(request), int(time.time() // 60))
            hits = cache.get_or_set(key, 0, 70)
            if hits >= per_minute:
                return HttpResponse("Too many requests", status=429)
            cache.incr(key)
            return view_func(request, *args, **kwargs)
        return wrapper
    return decorator
