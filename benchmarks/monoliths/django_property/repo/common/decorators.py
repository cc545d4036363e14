from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse


def staff_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            return HttpResponseForbidden("Staff only")
        return view(request, *args, **kwargs)

    return wrapper


def group_required(*group_names):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            user = request.user
            if user.is_superuser or user.groups.filter(name__in=group_names).exists():
                return view(request, *args, **kwargs)
            return HttpResponseForbidden("Not allowed")

        return wrapper

    return decorator


def tenant_required(view):
    """The logged-in user must have a tenant profile (portal pages)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not hasattr(request.user, "tenant_profile"):
            return HttpResponseForbidden("Tenant account required")
        request.tenant = request.user.tenant_profile
        return view(request, *args, **kwargs)

    return wrapper


def owner_required(view):
    """Owner statements are only for the owner themselves (or staff)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        from legacy.models import OwnerAccount

        if request.user.is_staff:
            request.owner = None
            return view(request, *args, **kwargs)
        owner = OwnerAccount.objects.filter(email__iexact=request.user.email).first()
        if owner is None:
            return HttpResponseForbidden("Owner account required")
        request.owner = owner
        return view(request, *args, **kwargs)

    return wrapper


def json_errors(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (ValueError, KeyError) as exc:
            return JsonResponse({"error": str(exc)}, status=400)

    return wrapper
