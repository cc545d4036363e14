import functools
import logging
import time

from django.http import HttpResponseBadRequest

log = logging.getLogger('timing')


def ajax_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.headers.get('x-requested-with') != 'XMLHttpRequest':
            return HttpResponseBadRequest('ajax only')
        return view(request, *args, **kwargs)
    return wrapper


def log_timing(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        t0 = time.time()
        try:
            return func(*args, **kwargs)
        finally:
            log.info('%s took %.3fs', func.__name__, time.time() - t0)
    return wrapper
