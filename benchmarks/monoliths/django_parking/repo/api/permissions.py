from rest_framework import permissions


class IsOwner(permissions.BasePermission):
    """Object has a ``customer`` FK and it's the caller's."""

    def has_object_permission(self, request, view, obj):
        customer = getattr(request.user, "customer", None)
        return customer is not None and getattr(obj, "customer_id", None) == customer.pk


class IsCivilOfficer(permissions.BasePermission):
    message = "Only civil enforcement officers' devices can do that"

    def has_permission(self, request, view):
        return getattr(request, "officer", None) is not None


class IsEngineer(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and hasattr(user, "engineer"))
