from django.conf import settings
from rest_framework import permissions


class IsStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_staff)


class IsOwnerOfObject(permissions.BasePermission):
    """Object must have .owner (boats.Owner) linked to request.user."""

    def has_object_permission(self, request, view, obj):
        if request.user.is_staff:
            return True
        owner = getattr(obj, 'owner', None)
        return owner is not None and owner.user_id == request.user.id


class HasDeviceKey(permissions.BasePermission):
    """Pump and gate controllers authenticate with a shared key header."""
    header = 'HTTP_X_DEVICE_KEY'

    def has_permission(self, request, view):
        key = request.META.get(self.header, '')
        return key and key in (settings.PUMP_API_KEY, settings.GATE_CONTROLLER_KEY)
