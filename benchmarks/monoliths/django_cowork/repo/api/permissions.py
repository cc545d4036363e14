from rest_framework import permissions


class IsStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff)


class IsOwnerOrStaff(permissions.BasePermission):
    """Object has a .member FK; members only see their own stuff."""

    def has_object_permission(self, request, view, obj):
        if request.user.is_staff:
            return True
        member = getattr(request.user, "member", None)
        return member is not None and getattr(obj, "member_id", None) == member.pk
