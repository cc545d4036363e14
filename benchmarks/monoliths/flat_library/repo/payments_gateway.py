# Card payments for fines via the council's payment gateway
import json
import logging
import urllib.request

import config

log = logging.getLogger("rln.pay")


class GatewayError(Exception):
    pass


def _call(endpoint, payload):
    req = urllib.request.Request(config.PAYMENT_GATEWAY_URL + endpoint, data=json.dumps(payload).encode("utf-8"),
                                 headers={"Authorization": "Bearer " + config.PAYMENT_GATEWAY_KEY,
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except Exception as e:
        log.exception("gateway call failed")
        raise GatewayError(str(e))


def start_payment(member_id, amount, return_url):
    res = _call("/payments", {"amount": int(amount * 100), "currency": config.CURRENCY,
                              "reference": "RLN-M%d" % member_id, "return_url": return_url})
    return res["id"], res["redirect_url"]


def payment_status(gateway_ref):
    return _call("/payments/%s/status" % gateway_ref, {})


