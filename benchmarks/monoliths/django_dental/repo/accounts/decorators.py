import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from accounts.models import Practice


def practice_required(view):
    """Sets request.practice from the session (or the staff member's home practice)."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        staff = getattr(request.user, 'staff', None)
        if staff is None:
            return redirect('accounts:login')
        pid = request.session.get('practice_id') or staff.practice_id
        try:
            request.practice = Practice.objects.get(pk=pid, is_active=True)
        except Practice.DoesNotExist:
            request.practice = staff.practice
        return view(request, *args, **kwargs)
    return wrapper


def role_required(*roles):
    def deco(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            staff = getattr(request.user, 'staff', None)
            if staff is None or not staff.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapper
    return deco
