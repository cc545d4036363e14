import binascii
import hashlib
import os

from django.core.cache import cache
from rest_framework import authentication, exceptions


class DeviceTokenAuthentication(authentication.BaseAuthentication):
    """Handhelds and sensor gateways send ``Authorization: Device <token>``."""

    keyword = "Device"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid device header")
        token = header[1].decode()
        from backoffice.models import CivilOfficer

        officer = CivilOfficer.objects.select_related("user").filter(device_token=token, active=True).first()
        if officer is None:
            raise exceptions.AuthenticationFailed("Unknown device")
        request.officer = officer
        return officer.user, token

    def authenticate_header(self, request):
        return self.keyword


class CustomerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer" or len(header) != 2:
            return None
        from main.models import Customer

        customer_id = cache.get("apitoken:%s" % _hash(header[1].decode()))
        if customer_id is None:
            raise exceptions.AuthenticationFailed("Token expired")
        customer = Customer.objects.select_related("user").filter(pk=customer_id, is_blocked=False).first()
        if customer is None or customer.user is None:
            raise exceptions.AuthenticationFailed("No such customer")
        return customer.user, header[1]


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_customer_token(customer, ttl=60 * 60 * 24 * 30):
    token = binascii.hexlify(os.urandom(24)).decode()
    cache.set("apitoken:%s" % _hash(token), customer.pk, ttl)
    return token
