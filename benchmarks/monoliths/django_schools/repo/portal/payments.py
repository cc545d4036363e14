"""Card top-ups for lunch accounts through the payment gateway (hosted page)."""
import hashlib
import hmac
import json
import logging
from decimal import Decimal

import requests
from django.conf import settings
from django.db import transaction

from common.exceptions import SISError
from portal.models import OnlinePayment

log = logging.getLogger("sis.payments")

CONVENIENCE_FEE = Decimal("1.25")


class GatewayError(SISError):
    pass


class PaymentGateway(object):
    def __init__(self, base_url=None, key=None):
        self.base_url = base_url or settings.PAYMENT_GATEWAY_URL
        self.key = key or settings.PAYMENT_GATEWAY_KEY

    def _post(self, path, payload):
        try:
            resp = requests.post(self.base_url + path, json=payload, timeout=15,
                                 headers={"Authorization": "Key %s" % self.key})
        except requests.RequestException as exc:
            raise GatewayError("payment gateway unreachable: %s" % exc)
        if resp.status_code >= 400:
            raise GatewayError("payment gateway error %s" % resp.status_code)
        return resp.json()

    def create_checkout(self, reference, amount, description, return_url):
        return self._post("/checkouts", {"reference": reference, "amount": str(amount),
                                         "currency": "USD", "description": description,
                                         "return_url": return_url})

    def verify_signature(self, body, signature):
        expected = hmac.new(self.key.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature or "")


def start_top_up(account, guardian, amount):
    payment = OnlinePayment.objects.create(account=account, guardian=guardian, amount=amount, fee=CONVENIENCE_FEE)
    checkout = PaymentGateway().create_checkout(
        "LUNCH-%d" % payment.id, amount + CONVENIENCE_FEE,
        "Lunch account top-up for %s" % account.student.first_name, settings.PAYMENT_RETURN_URL)
    payment.gateway_ref = checkout["id"]
    payment.save(update_fields=["gateway_ref"])
    return payment, checkout["url"]


@transaction.atomic
def confirm_top_up(gateway_ref, status, raw=None):
    from meals.billing import deposit

    payment = OnlinePayment.objects.select_for_update().get(gateway_ref=gateway_ref)
    if payment.status == "paid":
        return payment  # gateway retries the callback, be idempotent
    payment.raw_response = json.dumps(raw or {})[:4000]
    if status == "succeeded":
        deposit(payment.account, payment.amount, reference="ONLINE-%s" % payment.id)
        payment.status = "paid"
    else:
        payment.status = "failed" if status == "failed" else "cancelled"
    payment.save()
    return payment
