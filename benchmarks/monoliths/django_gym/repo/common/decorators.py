import functools
import json

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied

from common.utils import json_fail


def staff_only(view):
    return user_passes_test(lambda u: u.is_active and u.is_staff)(view)


def in_group(*names):
    def check(user):
        if user.is_superuser:
            return True
        if not user.is_authenticated:
            return False
        if not user.groups.filter(name__in=names).exists():
            raise PermissionDenied
        return True
    return user_passes_test(check)


def json_body(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.body:
            try:
                request.data = json.loads(request.body.decode("utf-8"))
            except ValueError:
                return json_fail("invalid json")
        else:
            request.data = {}
        return view(request, *args, **kwargs)
    return wrapper


def club_from_session(view):
    """Desk staff pick their club once; it sticks in the session."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        from core.models import Club
        club_id = request.GET.get("club") or request.session.get("club_id")
        request.club = Club.objects.filter(pk=club_id).first() if club_id else None
        if request.club is None:
            request.club = Club.objects.filter(active=True).order_by("id").first()
        if request.club:
            request.session["club_id"] = request.club.pk
        return view(request, *args, **kwargs)
    return wrapper
