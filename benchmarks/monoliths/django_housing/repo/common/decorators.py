import functools
import logging
import time

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect

logger = logging.getLogger("reslife.perf")


def staff_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("/accounts/login/?next=%s" % request.path)
        if not request.user.is_staff:
            raise PermissionDenied
        return view_func(request, *args, **kwargs)
    return _wrapped


def role_required(*roles):
    """@role_required('finance', 'director') - checks user.groups by name."""
    def decorator(view_func):
        @functools.wraps(view_func)
        def _wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect("/accounts/login/?next=%s" % request.path)
            if user.is_superuser:
                return view_func(request, *args, **kwargs)
            names = set(user.groups.values_list("name", flat=True))
            if not names.intersection(roles):
                raise PermissionDenied
            return view_func(request, *args, **kwargs)
        return _wrapped
    return decorator


def hall_staff_required(view_func):
    """Only staff whose StaffProfile is attached to the hall in kwargs['hall_id']
    (or directors, who see everything)."""
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        profile = getattr(request.user, "staffprofile", None)
        if profile is None:
            raise PermissionDenied
        hall_id = kwargs.get("hall_id") or request.GET.get("hall")
        if profile.role == "director" or hall_id is None:
            return view_func(request, *args, **kwargs)
        if str(profile.hall_id) != str(hall_id):
            raise PermissionDenied
        return view_func(request, *args, **kwargs)
    return _wrapped


def ajax_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if request.META.get("HTTP_X_REQUESTED_WITH") != "XMLHttpRequest":
            return HttpResponseBadRequest("ajax only")
        return view_func(request, *args, **kwargs)
    return _wrapped


def log_execution_time(func):
    @functools.wraps(func)
    def _wrapped(*args, **kwargs):
        started = time.time()
        try:
            return func(*args, **kwargs)
        finally:
            elapsed = (time.time() - started) * 1000
            if elapsed > 500:
                logger.warning("%s took %.0fms", func.__name__, elapsed)
    return _wrapped


def cached_for(seconds, key_prefix=None):
    def decorator(func):
        @functools.wraps(func)
        def _wrapped(*args, **kwargs):
            key = "%s:%s:%s" % (key_prefix or func.__name__, args, sorted(kwargs.items()))
            key = key.replace(" ", "")[:240]
            value = cache.get(key)
            if value is None:
                value = func(*args, **kwargs)
                cache.set(key, value, seconds)
            return value
        return _wrapped
    return decorator
