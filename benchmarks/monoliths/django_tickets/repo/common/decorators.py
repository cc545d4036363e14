import functools
import json

from django.contrib.auth.decorators import user_passes_test

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
