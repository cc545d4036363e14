"""Thin client for PayGate (card payments). Their SDK was Python 2 only."""
import hashlib
import hmac
import json

import requests
from django.conf import settings


class GatewayError(Exception):
    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


class PayGateClient:
    def __init__(self, base_url=None, api_key=None, timeout=15):
        self.base_url = (base_url or settings.PAYGATE_URL).rstrip("/")
        self.api_key = api_key or settings.PAYGATE_KEY
        self.timeout = timeout

    def _post(self, path, payload):
        try:
            resp = requests.post(f"{self.base_url}{path}", json=payload, timeout=self.timeout,
                                 headers={"Authorization": f"Bearer {self.api_key}"})
        except requests.RequestException as exc:
            raise GatewayError(f"PayGate unreachable: {exc}")
        data = resp.json() if resp.content else {}
        if resp.status_code >= 400:
            raise GatewayError(data.get("message", "PayGate error"), code=data.get("code"))
        return data

    def create_intent(self, amount_pence, reference, return_url):
        return self._post("/intents", {"amount": amount_pence, "currency": settings.CURRENCY,
                                        "reference": reference, "return_url": return_url})

    def capture(self, intent_id):
        return self._post(f"/intents/{intent_id}/capture", {})

    def refund(self, intent_id, amount_pence, reason=""):
        return self._post(f"/intents/{intent_id}/refunds", {"amount": amount_pence, "reason": reason[:100]})


def verify_webhook_signature(body, signature):
    expected = hmac.new(settings.PAYGATE_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")


def parse_webhook(body):
    data = json.loads(body)
    return data["id"], data["type"], data.get("data", {})
