"""HTTP client for the PayNow card gateway."""
import hashlib
import hmac
import json
import logging
import time

import requests

from shop.utils import get_config, luhn_ok

log = logging.getLogger(__name__)

API_URL = "https://api.paynow.example/v2"
TIMEOUT = 15
RETRIES = 2


class GatewayError(Exception):
    def __init__(self, message, code=None, response=None):
        super(GatewayError, self).__init__(message)
        self.code = code
        self.response = response


class CardDeclined(GatewayError):
    pass


class PayNowClient(object):
    def __init__(self, api_key=None, secret=None, url=None):
        self.api_key = api_key or get_config("PAYNOW_KEY")
        self.secret = secret or get_config("PAYNOW_SECRET", "")
        self.url = url or get_config("PAYNOW_URL", API_URL)
        self.http = requests.Session()

    def _sign(self, body):
        return hmac.new(self.secret.encode(), body.encode(), hashlib.sha256).hexdigest()

    def _post(self, path, payload):
        body = json.dumps(payload, sort_keys=True)
        headers = {
            "Authorization": "Bearer %s" % self.api_key,
            "X-Signature": self._sign(body),
            "Content-Type": "application/json",
        }
        last = None
        for attempt in range(RETRIES + 1):
            try:
                resp = self.http.post(self.url + path, data=body, headers=headers,
                                      timeout=TIMEOUT)
            except requests.RequestException as e:
                last = e
                time.sleep(1 + attempt)
                continue
            data = resp.json()
            if resp.status_code == 402:
                raise CardDeclined(data.get("message", "declined"), data.get("code"), data)
            if resp.status_code >= 400:
                raise GatewayError(data.get("message", "gateway error"), data.get("code"), data)
            return data
        raise GatewayError("gateway unreachable: %s" % last)

    def authorize(self, amount, currency, token, reference):
        return self._post("/authorizations", {
            "amount": int(amount * 100), "currency": currency,
            "source": token, "reference": reference,
        })

    def capture(self, authorization_id, amount=None):
        payload = {"authorization": authorization_id}
        if amount is not None:
            payload["amount"] = int(amount * 100)
        return self._post("/captures", payload)

    def refund(self, capture_id, amount, reason=""):
        return self._post("/refunds", {"capture": capture_id, "amount": int(amount * 100),
                                       "reason": reason[:200]})

    def verify_webhook(self, body, signature):
        return hmac.compare_digest(self._sign(body), signature or "")


if get_config("PAYNOW_SANDBOX"):
    class SandboxClient(PayNowClient):
        """Accepts the test cards from the PayNow docs without calling out."""

        def authorize(self, amount, currency, token, reference):
            if token == "tok_declined":
                raise CardDeclined("declined (sandbox)", "card_declined")
            return {"id": "auth_sandbox_%s" % reference, "amount": int(amount * 100)}

        def capture(self, authorization_id, amount=None):
            return {"id": authorization_id.replace("auth_", "cap_")}


def tokenize_card(number, exp_month, exp_year, cvc):
    # only used by the admin "phone order" form, everything else tokenizes in the browser
    if not luhn_ok(number):
        raise GatewayError("invalid card number")
    client = PayNowClient()
    return client._post("/tokens", {"number": number, "exp_month": exp_month,
                                    "exp_year": exp_year, "cvc": cvc})["token"]
