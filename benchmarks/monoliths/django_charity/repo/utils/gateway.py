"""Thin client for the PayGate card / direct debit API.

Used by online donations, the shop and event ticketing.
"""
import hashlib
import hmac
import json
import logging
import uuid

import requests
from django.conf import settings

log = logging.getLogger(__name__)


class GatewayError(Exception):
    pass


def _headers():
    return {"Authorization": "Bearer %s" % settings.GATEWAY_KEY,
            "Content-Type": "application/json"}


def charge_card(token, amount, reference, description=""):
    payload = {"source": token, "amount": int(round(amount * 100)), "currency": "GBP",
               "reference": reference, "description": description,
               "idempotency_key": str(uuid.uuid4())}
    resp = requests.post(settings.GATEWAY_URL + "/charges", data=json.dumps(payload),
                         headers=_headers(), timeout=20)
    if resp.status_code >= 400:
        log.warning("charge failed %s %s", reference, resp.text[:200])
        raise GatewayError(resp.json().get("message", "declined"))
    return resp.json()["id"]


def refund_charge(charge_id, amount=None):
    payload = {"charge": charge_id}
    if amount is not None:
        payload["amount"] = int(round(amount * 100))
    resp = requests.post(settings.GATEWAY_URL + "/refunds", data=json.dumps(payload),
                         headers=_headers(), timeout=20)
    if resp.status_code >= 400:
        raise GatewayError(resp.text)
    return resp.json()["id"]


def collect_direct_debit(mandate_ref, amount, reference):
    payload = {"mandate": mandate_ref, "amount": int(round(amount * 100)),
               "reference": reference}
    resp = requests.post(settings.GATEWAY_URL + "/dd/payments", data=json.dumps(payload),
                         headers=_headers(), timeout=30)
    if resp.status_code >= 400:
        raise GatewayError(resp.text)
    return resp.json()


def verify_webhook(body, signature):
    expected = hmac.new(settings.GATEWAY_KEY.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")
