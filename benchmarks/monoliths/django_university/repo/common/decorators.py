"""View decorators and middleware.

(middleware lives here because settings.MIDDLEWARE already pointed here
when we split the old utils.py -- do not move without updating settings)
"""
import functools
import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import user_passes_test
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.shortcuts import redirect
from django.utils import timezone

logger = logging.getLogger(__name__)


def role_required(*group_names):
    """Allow superusers and members of any of the given auth groups."""
    def check(user):
        if not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        if user.groups.filter(name__in=group_names).exists():
            return True
        raise PermissionDenied
    return user_passes_test(check)


def staff_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL + '?next=' + request.path)
        if not request.user.is_staff:
            raise PermissionDenied
        return view_func(request, *args, **kwargs)
    return _wrapped


def ajax_required(view_func):
    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if request.headers.get('x-requested-with') != 'XMLHttpRequest':
            return HttpResponseBadRequest('AJAX only')
        return view_func(request, *args, **kwargs)
    return _wrapped


def log_execution_time(label=None):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            started = time.time()
            try:
                return func(*args, **kwargs)
            finally:
                logger.info('%s took %.3fs', label or func.__name__, time.time() - started)
        return wrapper
    return decorator


def cache_result(key_prefix, timeout=300):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args):
            key = '{0}:{1}'.format(key_prefix, ':'.join(str(a) for a in args))
            value = cache.get(key)
            if value is None:
                value = func(*args)
                cache.set(key, value, timeout)
            return value
        return wrapper
    return decorator


def student_required(view_func):
    """Resolves request.student from the logged in user or bounces to the
    applicant portal. Lots of views depend on request.student being set."""
    from main.models import Student

    @functools.wraps(view_func)
    def _wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.LOGIN_URL + '?next=' + request.path)
        try:
            request.student = Student.objects.select_related('advisor').get(user=request.user)
        except Student.DoesNotExist:
            return redirect('portal:applicant')
        if request.student.status in (Student.STATUS_WITHDRAWN,):
            raise PermissionDenied('Student record is withdrawn')
        return view_func(request, *args, **kwargs)
    return _wrapped


# ---------------------------------------------------------------------------
# middleware
# ---------------------------------------------------------------------------

class RequestTimingMiddleware(object):
    SLOW_MS = 1500

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.time()
        response = self.get_response(request)
        elapsed_ms = int((time.time() - started) * 1000)
        response['X-Elapsed-Ms'] = str(elapsed_ms)
        if elapsed_ms > self.SLOW_MS:
            logger.warning('slow request %s %s %sms', request.method, request.path, elapsed_ms)
        return response


class CurrentTermMiddleware(object):
    """Puts the current academic term on request.term (cached 10 min)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        term = cache.get('current_term')
        if term is None:
            from academics.models import Term
            now = timezone.localdate()
            term = (Term.objects.filter(starts_on__lte=now, ends_on__gte=now).first()
                    or Term.objects.filter(starts_on__gt=now).order_by('starts_on').first())
            cache.set('current_term', term, 600)
        request.term = term
        return self.get_response(request)


class LegacyUrlRedirectMiddleware(object):
    """The old PHP site had .php URLs everywhere; some are still in printed
    handbooks."""

    REDIRECTS = {
        '/index.php': '/portal/',
        '/courses.php': '/academics/courses/',
        '/library/search.php': '/library/',
        '/fees.php': '/finance/invoices/',
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self.REDIRECTS.get(request.path)
        if target:
            return HttpResponsePermanentRedirect(target)
        return self.get_response(request)
