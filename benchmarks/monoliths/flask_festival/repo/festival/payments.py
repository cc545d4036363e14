"""Payment gateway client. Used by box office, camping and volunteer deposits.

We switched providers in 2020; PaymentGateway hides the difference (mostly).
"""
import hashlib
import hmac
import json
import logging

import requests
from flask import current_app

log = logging.getLogger(__name__)


class GatewayError(Exception):
    pass


class PaymentGateway(object):
    def __init__(self, base_url, api_key, timeout=15):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def _post(self, path, payload):
        try:
            resp = requests.post(
                self.base_url + path,
                data=json.dumps(payload),
                headers={"Authorization": "Bearer %s" % self.api_key,
                         "Content-Type": "application/json"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise GatewayError("gateway unreachable: %s" % exc)
        if resp.status_code >= 400:
            log.warning("gateway error %s: %s", resp.status_code, resp.text[:500])
            raise GatewayError(resp.json().get("message", "payment failed"))
        return resp.json()

    def create_checkout(self, amount_pence, reference, description, return_url, metadata=None):
        return self._post("/checkouts", {
            "amount": amount_pence, "currency": "GBP", "reference": reference,
            "description": description, "return_url": return_url,
            "metadata": metadata or {},
        })

    def charge(self, amount_pence, token, reference):
        return self._post("/charges", {"amount": amount_pence, "currency": "GBP",
                                       "source": token, "reference": reference})

    def refund(self, charge_id, amount_pence=None, reason=None):
        payload = {"charge": charge_id}
        if amount_pence is not None:
            payload["amount"] = amount_pence
        if reason:
            payload["reason"] = reason
        return self._post("/refunds", payload)


def get_gateway():
    cfg = current_app.config
    return PaymentGateway(cfg["PAYMENT_GATEWAY_URL"], cfg["PAYMENT_GATEWAY_KEY"])


def verify_webhook_signature(payload_bytes, signature):
    secret = current_app.config.get("PAYMENT_WEBHOOK_SECRET", "").encode("utf-8")
    expected = hmac.new(secret, payload_bytes, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")
