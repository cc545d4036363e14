from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts.models import StaffMember


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        if not username:
            return None
        field = 'email__iexact' if '@' in username else 'username__iexact'
        try:
            user = User.objects.get(**{field: username})
        except (User.DoesNotExist, User.MultipleObjectsReturned):
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


class PinLoginBackend(ModelBackend):
    """Quick switch-user at the chairside tablets: staff id + 4 digit pin."""

    def authenticate(self, request, staff_id=None, pin=None, **kwargs):
        if not staff_id or not pin:
            return None
        try:
            staff = StaffMember.objects.select_related('user').get(pk=staff_id, active=True)
        except StaffMember.DoesNotExist:
            return None
        if staff.check_pin(pin) and self.user_can_authenticate(staff.user):
            return staff.user
        return None
