from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden

from common.utils import json_error


def login_required_json(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return json_error("authentication required", status=401)
        return view(request, *args, **kwargs)

    return wrapper


def instructor_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_instructor:
            return HttpResponseForbidden("Instructors only")
        return view(request, *args, **kwargs)

    return wrapper


def staff_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            return HttpResponseForbidden()
        return view(request, *args, **kwargs)

    return wrapper
