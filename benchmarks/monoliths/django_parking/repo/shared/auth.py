import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone

from shared.utils import get_client_ip, normalise_vrm

log = logging.getLogger("auth")


class VrmOrEmailBackend(ModelBackend):
    """Customers can log in with e-mail, or with a VRM on their account plus password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from main.models import Customer, Vehicle

        User = get_user_model()
        if not username or not password:
            return None
        if lockout_check(username):
            log.warning("locked out login for %s", username)
            return None
        user = None
        if "@" in username:
            user = User.objects.filter(email__iexact=username).first()
        else:
            vehicle = (Vehicle.objects.select_related("customer__user")
                       .filter(vrm=normalise_vrm(username), customer__isnull=False).first())
            if vehicle and vehicle.customer.user_id:
                user = vehicle.customer.user
        ok = user is not None and user.check_password(password) and self.user_can_authenticate(user)
        record_login(username, request, ok)
        if ok:
            Customer.objects.filter(user=user).update(last_seen=timezone.now())
            return user
        return None


def record_login(username, request, success):
    from legacy.models import LoginAudit

    LoginAudit.objects.create(
        username=username[:150],
        ip_address=get_client_ip(request) if request is not None else None,
        success=success,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:255] if request is not None else ""),
    )


def lockout_check(username):
    from legacy.models import LoginAudit

    since = timezone.now() - timedelta(minutes=15)
    failures = LoginAudit.objects.filter(username=username, success=False, created_at__gte=since).count()
    return failures >= settings.MAX_LOGIN_FAILURES
