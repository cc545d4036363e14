import logging
import uuid

import requests

from insure.config import get_config
from insure.util import mask_iban

log = logging.getLogger(__name__)


class PspClient(object):
    """Thin wrapper over the payment service provider's REST API."""

    def __init__(self, base_url=None, timeout=15):
        self.base_url = base_url or get_config().PAYMENT_GATEWAY_URL
        self.timeout = timeout

    def _post(self, path, payload):
        payload.setdefault("idempotency_key", str(uuid.uuid4()))
        resp = requests.post(self.base_url + path, json=payload, timeout=self.timeout)
        if resp.status_code >= 500:
            log.error("psp %s -> %s", path, resp.status_code)
            return None
        return resp.json()

    def debit(self, iban, mandate, amount, reference):
        body = self._post("/sdd/debits", {"iban": iban, "mandate": mandate,
                                           "amount": str(amount), "reference": reference})
        if not body or body.get("status") != "accepted":
            log.info("debit refused for %s", mask_iban(iban))
            return False, None
        return True, body.get("id")

    def payout(self, iban, amount, reference):
        body = self._post("/payouts", {"iban": iban, "amount": str(amount), "reference": reference})
        return bool(body and body.get("status") in ("accepted", "queued"))


def verify_webhook_signature(raw_body, signature):
    import hashlib
    import hmac
    expected = hmac.new(get_config().SECRET_KEY.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature or "")
