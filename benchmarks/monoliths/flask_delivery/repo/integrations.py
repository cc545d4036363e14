"""Third party clients: PayGate (cards), Textly (SMS), push, maps.

All of them talk JSON over https with requests. Timeouts are short on purpose,
the checkout must not hang on a provider.
"""
import hashlib
import hmac
import json
import logging

import requests

import db
from config import Config
from helpers import normalize_phone, retry, utcnow

log = logging.getLogger("dishdash.integrations")


class IntegrationError(Exception):
    pass


def _post_json(url, payload, headers=None, timeout=8):
    headers = dict(headers or {}, **{"Content-Type": "application/json"})
    try:
        resp = requests.post(url, data=json.dumps(payload), headers=headers, timeout=timeout)
    except requests.RequestException as exc:
        raise IntegrationError("network error talking to %s: %s" % (url, exc))
    if resp.status_code >= 500:
        raise IntegrationError("provider error %s from %s" % (resp.status_code, url))
    try:
        return resp.json()
    except ValueError:
        raise IntegrationError("bad json from %s" % url)


class PaymentGateway(object):
    """PayGate v2. Amounts in cents. We authorize at checkout, capture at pickup."""

    def __init__(self, key=None, url=None):
        self.key = key or Config.PAYMENT_GATEWAY_KEY
        self.url = url or Config.PAYMENT_GATEWAY_URL

    def _headers(self):
        return {"Authorization": "Bearer " + self.key}

    def authorize(self, amount_cents, card_token, reference):
        data = _post_json(self.url + "/authorizations", {
            "amount": amount_cents, "currency": Config.CURRENCY,
            "source": card_token, "reference": reference}, self._headers())
        if data.get("status") not in ("authorized", "succeeded"):
            raise IntegrationError("card declined: %s" % data.get("decline_reason", "unknown"))
        return data

    @retry(times=3, exceptions=(IntegrationError,))
    def capture(self, provider_ref, amount_cents=None):
        payload = {"amount": amount_cents} if amount_cents else {}
        return _post_json("%s/authorizations/%s/capture" % (self.url, provider_ref), payload,
                          self._headers())

    def refund(self, provider_ref, amount_cents, reason=""):
        return _post_json(self.url + "/refunds", {"payment": provider_ref,
                                                  "amount": amount_cents,
                                                  "reason": reason[:100]}, self._headers())

    def void(self, provider_ref):
        return _post_json("%s/authorizations/%s/void" % (self.url, provider_ref), {},
                          self._headers())

    def payout(self, iban, amount_cents, reference):
        return _post_json(self.url + "/transfers", {"iban": iban, "amount": amount_cents,
                                                    "reference": reference}, self._headers())

    @staticmethod
    def verify_webhook(body, signature):
        expected = hmac.new(Config.PAYMENT_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature or "")


class SmsClient(object):
    def __init__(self, token=None):
        self.token = token or Config.SMS_TOKEN

    def send(self, phone, text):
        phone = normalize_phone(phone)
        if not phone:
            raise IntegrationError("bad phone number")
        if not self.token:
            log.info("SMS (dry run) to %s: %s", phone, text)
            return {"id": "dry-run"}
        return _post_json(Config.SMS_URL, {"to": phone, "text": text[:459], "from": "DishDash"},
                          {"X-Token": self.token})


class PushClient(object):
    def __init__(self, key=None):
        self.key = key or Config.PUSH_KEY

    def send(self, tokens, title, body, data=None):
        if not tokens:
            return {"sent": 0}
        result = _post_json(Config.PUSH_URL, {"registration_ids": list(tokens), "title": title,
                                              "body": body, "data": data or {}},
                            {"Authorization": "key=" + self.key})
        for bad in result.get("invalid_tokens", []):
            db.execute("DELETE FROM push_devices WHERE token = ?", bad)
        return result


class MapsClient(object):
    """Routing for ETAs. Falls back to straight line distance when the API is down."""

    def route(self, from_lat, from_lng, to_lat, to_lng, mode="bicycling"):
        try:
            data = _post_json(Config.MAPS_URL + "/route", {
                "from": [from_lat, from_lng], "to": [to_lat, to_lng], "mode": mode,
                "key": Config.MAPS_KEY}, timeout=3)
            return {"km": data["distance_m"] / 1000.0, "minutes": data["duration_s"] // 60}
        except (IntegrationError, KeyError):
            from helpers import haversine_km
            km = haversine_km(from_lat, from_lng, to_lat, to_lng) or 0
            return {"km": km * 1.3, "minutes": int(km * 1.3 / 14.0 * 60)}

    def geocode(self, line1, city, postcode=None):
        try:
            data = _post_json(Config.MAPS_URL + "/geocode", {
                "address": ", ".join(p for p in (line1, postcode, city) if p),
                "key": Config.MAPS_KEY}, timeout=3)
            return data["lat"], data["lng"]
        except (IntegrationError, KeyError):
            return None, None


def notify_user(user_id, template_key, **ctx):
    """Queue an sms/push for a user from a template. jobs.flush_notifications sends them."""
    from dao import NotificationDAO
    tpl = NotificationDAO.template(template_key)
    if tpl is None:
        log.warning("no template %s", template_key)
        return None
    user = db.query_one("SELECT id, phone, email FROM users WHERE id = ?", user_id)
    if user is None:
        return None
    from helpers import render_message
    body = render_message(tpl["body"], **ctx)
    recipient = user["phone"] if tpl["channel"] == "sms" else str(user["id"])
    return NotificationDAO.queue(user_id, tpl["channel"], template_key, recipient or "", body)


def fax_order_to_restaurant(fax_number, order):
    # Faxolution was switched off in 2021, the tablets replaced it. Left for reference.
    payload = {"to": fax_number, "body": "ORDER %s\n%s" % (order["number"], order.get("notes", ""))}
    log.info("fax disabled, would send %s at %s", payload, utcnow())
    return None
