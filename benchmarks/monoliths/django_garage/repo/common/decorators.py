import functools
import json
import logging
import time

from django.contrib.auth.decorators import user_passes_test
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, JsonResponse

logger = logging.getLogger('garage.decorators')


def staff_required(view_func):
    """Front desk / workshop staff only (is_staff), otherwise 403."""
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_staff:
            raise PermissionDenied
        return view_func(request, *args, **kwargs)
    return _wrapped


def manager_required(view_func):
    return user_passes_test(
        lambda u: u.is_authenticated and (u.is_superuser or u.groups.filter(name='Branch managers').exists())
    )(view_func)


def group_required(*group_names):
    def check(user):
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        return user.groups.filter(name__in=group_names).exists()
    return user_passes_test(check)


def json_view(view_func):
    """Return dicts from the view, get JSON. Parses JSON bodies into request.json."""
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        request.json = None
        if request.content_type == 'application/json' and request.body:
            try:
                request.json = json.loads(request.body.decode('utf-8'))
            except ValueError:
                return HttpResponseBadRequest('invalid json')
        result = view_func(request, *args, **kwargs)
        if isinstance(result, dict) or isinstance(result, list):
            return JsonResponse(result, safe=False)
        return result
    return _wrapped


def log_exceptions(logger_name='garage'):
    def deco(func):
        @functools.wraps(func)
        def _wrapped(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception:
                logging.getLogger(logger_name).exception('error in %s', func.__name__)
                raise
        return _wrapped
    return deco


def timed(func):
    @functools.wraps(func)
    def _wrapped(*args, **kwargs):
        t0 = time.time()
        try:
            return func(*args, **kwargs)
        finally:
            logger.debug('%s took %.3fs', func.__name__, time.time() - t0)
    return _wrapped


def single_instance_task(timeout=60 * 10):
    """Celery task lock via the cache so beat doesn't run two at once."""
    def deco(func):
        @functools.wraps(func)
        def _wrapped(*args, **kwargs):
            lock_id = 'lock-%s' % func.__name__
            if not cache.add(lock_id, '1', timeout):
                logger.info('%s already running, skipping', func.__name__)
                return None
            try:
                return func(*args, **kwargs)
            finally:
                cache.delete(lock_id)
        return _wrapped
    return deco


def cached_result(key_prefix, timeout=300):
    def deco(func):
        @functools.wraps(func)
        def _wrapped(*args, **kwargs):
            key = '%s:%s' % (key_prefix, ':'.join(str(a) for a in args))
            value = cache.get(key)
            if value is None:
                value = func(*args, **kwargs)
                cache.set(key, value, timeout)
            return value
        return _wrapped
    return deco
