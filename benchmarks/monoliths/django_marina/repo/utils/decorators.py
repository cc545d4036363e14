import functools
import logging
import time

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest

log = logging.getLogger('timing')


def staff_required(view):
    return user_passes_test(lambda u: u.is_active and u.is_staff)(view)


def owner_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise PermissionDenied
        if not hasattr(request.user, 'owner_profile'):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapper


def ajax_only(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.headers.get('x-requested-with') != 'XMLHttpRequest':
            return HttpResponseBadRequest()
        return view(request, *args, **kwargs)
    return wrapper


def log_timing(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.time()
        try:
            return fn(*args, **kwargs)
        finally:
            log.info('%s took %.3fs', fn.__name__, time.time() - t0)
    return wrapper
