import functools
import logging

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

log = logging.getLogger(__name__)

staff_required = user_passes_test(lambda u: u.is_active and u.is_staff)


def member_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        if not hasattr(request.user, "member"):
            raise PermissionDenied("No member record for this user")
        return view(request, *args, **kwargs)
    return wrapped


def log_exceptions(fn):
    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception:
            log.exception("error in %s", fn.__name__)
            raise
    return wrapped
