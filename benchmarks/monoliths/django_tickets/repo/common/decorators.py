import functools
import json

from django.contrib.auth.decorators import user_passes_test
from django.http import JsonResponse

from common.utils import json_error


def staff_required(view):
    return user_passes_test(lambda u: u.is_active and u.is_staff)(view)


def group_required(*groups):
    def check(user):
        if user.is_superuser:
            return True
        return user.is_authenticated and user.groups.filter(name__in=groups).exists()
    return user_passes_test(check)


def json_body(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            request.json = json.loads(request.body or b"{}")
        except ValueError:
            return json_error("invalid JSON")
        return view(request, *args, **kwargs)
    return wrapper


def ajax_only(view):
    # TODO remove, nothing uses this since the React seat picker
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.headers.get("x-requested-with") != "XMLHttpRequest":
            return JsonResponse({"error": "ajax only"}, status=400)
        return view(request, *args, **kwargs)
    return wrapper
