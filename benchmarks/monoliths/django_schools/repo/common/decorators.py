import functools

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse

from common.exceptions import SISError


def staff_required(view):
    return user_passes_test(lambda u: u.is_authenticated and u.is_staff)(view)


def role_required(*roles):
    """Only let staff with one of the given StaffMember.role values through."""
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            staff = getattr(request.user, "staff_profile", None)
            if request.user.is_superuser or (staff and staff.role in roles):
                return view(request, *args, **kwargs)
            raise PermissionDenied
        return wrapped
    return decorator


def guardian_required(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login
            return redirect_to_login(request.get_full_path())
        if not hasattr(request.user, "parent_account"):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def json_view(view):
    """Serialise dict/list return values; turn SISError into a 400."""
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            result = view(request, *args, **kwargs)
        except SISError as exc:
            return JsonResponse({"error": exc.message, "code": exc.code}, status=400)
        if isinstance(result, HttpResponse):
            return result
        return JsonResponse(result, safe=False)
    return wrapped
