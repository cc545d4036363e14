"""Client for PayGate, the card gateway we moved to in 2021 (Cashless is still used by the IVR)."""
import logging
import uuid

import requests
from django.conf import settings

log = logging.getLogger(__name__)


class PaymentGatewayError(Exception):
    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class GatewayClient(object):
    def __init__(self, base_url=None, api_key=None, merchant_id=None):
        self.base_url = base_url or settings.GATEWAY_URL
        self.api_key = api_key or settings.GATEWAY_API_KEY
        self.merchant_id = merchant_id or settings.GATEWAY_MERCHANT_ID

    def _post(self, path, payload):
        headers = {"Authorization": "Bearer %s" % self.api_key,
                   "Idempotency-Key": str(uuid.uuid4())}
        resp = requests.post(self.base_url + path, json=payload, headers=headers, timeout=20)
        data = resp.json() if resp.content else {}
        if resp.status_code >= 400:
            raise PaymentGatewayError(data.get("message", "gateway error"), data.get("code"))
        return data

    def authorise(self, token, amount_pence, reference):
        return self._post("/payments", {
            "merchant": self.merchant_id, "token": token, "amount": amount_pence,
            "currency": "GBP", "reference": reference, "capture": False})

    def capture(self, gateway_ref, amount_pence=None):
        payload = {}
        if amount_pence is not None:
            payload["amount"] = amount_pence
        return self._post("/payments/%s/capture" % gateway_ref, payload)

    def refund(self, gateway_ref, amount_pence, reason=""):
        return self._post("/payments/%s/refunds" % gateway_ref,
                          {"amount": amount_pence, "reason": reason[:100]})

    def settlement_report(self, day):
        resp = requests.get(self.base_url + "/settlements/%s" % day.isoformat(),
                            headers={"Authorization": "Bearer %s" % self.api_key}, timeout=60)
        resp.raise_for_status()
        return resp.json()["transactions"]


_client = None


def get_gateway():
    global _client
    if _client is None:
        _client = GatewayClient()
    return _client
