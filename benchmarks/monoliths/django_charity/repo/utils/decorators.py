import functools
import logging

from django.contrib.auth.decorators import user_passes_test
from django.http import HttpResponseBadRequest, JsonResponse

log = logging.getLogger(__name__)


def staff_required(view):
    return user_passes_test(lambda u: u.is_active and u.is_staff)(view)


def group_required(*groups):
    def check(user):
        return user.is_superuser or user.groups.filter(name__in=groups).exists()
    return user_passes_test(check)


def ajax_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.headers.get("x-requested-with") != "XMLHttpRequest":
            return HttpResponseBadRequest()
        return view(request, *args, **kwargs)
    return wrapper


def json_view(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        result = view(request, *args, **kwargs)
        if isinstance(result, dict):
            return JsonResponse(result)
        return result
    return wrapper

