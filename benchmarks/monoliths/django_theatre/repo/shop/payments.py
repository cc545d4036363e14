"""
Talking to the card gateway (PayCorp since 2021, before that SagePay - the
sagepay bits are gone but some provider='sagepay' rows remain) and recording
payments of every kind against orders.
"""
import hashlib
import hmac
import json
import logging
from decimal import Decimal

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.utils import money, pounds_to_pence, pence_to_pounds
from shop.models import Payment

log = logging.getLogger(__name__)


class PaymentGatewayError(Exception):
    pass


class GatewayClient(object):
    timeout = 20

    def __init__(self, base_url=None, api_key=None):
        self.base_url = (base_url or settings.PAYMENT_GATEWAY_URL).rstrip("/")
        self.api_key = api_key or settings.PAYMENT_GATEWAY_KEY

    def _post(self, path, payload):
        try:
            resp = requests.post(
                self.base_url + path,
                json=payload,
                headers={"Authorization": "Bearer %s" % self.api_key},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise PaymentGatewayError("Gateway unreachable: %s" % exc)
        if resp.status_code >= 400:
            raise PaymentGatewayError("Gateway said %s: %s" % (resp.status_code, resp.text[:300]))
        return resp.json()

    def create_intent(self, amount, reference, return_url):
        return self._post(
            "/intents",
            {"amount": pounds_to_pence(amount), "currency": "GBP", "reference": reference, "return_url": return_url},
        )

    def capture(self, intent_id):
        return self._post("/intents/%s/capture" % intent_id, {})

    def refund(self, intent_id, amount):
        return self._post("/intents/%s/refunds" % intent_id, {"amount": pounds_to_pence(amount)})

    def settlements(self, day):
        return self._post("/settlements/search", {"date": day.isoformat()})

    @staticmethod
    def verify_signature(body, signature):
        secret = settings.PAYMENT_GATEWAY_WEBHOOK_SECRET.encode("utf-8")
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature or "")


def start_online_payment(order, return_url):
    client = GatewayClient()
    amount = order.balance_due()
    intent = client.create_intent(amount, order.reference, return_url)
    payment = Payment.objects.create(
        order=order,
        amount=amount,
        method="card",
        provider="paycorp",
        provider_ref=intent["id"],
        status="pending",
        raw_response=json.dumps(intent),
    )
    return payment, intent.get("redirect_url")


def record_payment(order, amount, method, user=None, till_session=None, provider_ref="", card_last4=""):
    """Box office / phone payments that don't go through the web gateway."""
    amount = money(amount)
    if amount <= 0:
        raise ValueError("Payment amount must be positive")
    payment = Payment.objects.create(
        order=order,
        amount=amount,
        method=method,
        status="captured",
        till_session=till_session,
        taken_by=user,
        provider_ref=provider_ref,
        card_last4=card_last4,
        provider="terminal" if method == "card_present" else "",
    )
    return payment


def handle_gateway_event(event):
    """Returns the Payment touched (or None). Called from the webhook view."""
    intent = event.get("data", {})
    payment = Payment.objects.filter(provider_ref=intent.get("id")).select_related("order").first()
    if payment is None:
        log.warning("Gateway event for unknown intent %s", intent.get("id"))
        return None
    kind = event.get("type")
    with transaction.atomic():
        if kind == "intent.succeeded":
            payment.status = "captured"
            payment.amount = pence_to_pounds(intent.get("amount_received", pounds_to_pence(payment.amount)))
            payment.card_last4 = (intent.get("card") or {}).get("last4", "")
        elif kind in ("intent.failed", "intent.cancelled"):
            payment.status = "failed"
        elif kind == "refund.succeeded":
            payment.refunded_amount = money(payment.refunded_amount + pence_to_pounds(intent.get("amount", 0)))
            if payment.refunded_amount >= payment.amount:
                payment.status = "refunded"
        payment.raw_response = json.dumps(event)[:10000]
        payment.save()
    return payment


def refund_payment(payment, amount, user=None):
    amount = money(amount)
    if amount > payment.refundable:
        raise PaymentGatewayError("Cannot refund %s, only %s left" % (amount, payment.refundable))
    if payment.method == "card" and payment.provider == "paycorp":
        GatewayClient().refund(payment.provider_ref, amount)
    elif payment.method in ("cash", "cheque", "card_present"):
        # refunded over the counter, just record it
        pass
    else:
        raise PaymentGatewayError("Don't know how to refund a %s payment" % payment.method)
    payment.refunded_amount = money(payment.refunded_amount + amount)
    if payment.refunded_amount >= payment.amount:
        payment.status = "refunded"
    payment.save(update_fields=["refunded_amount", "status", "modified"])
    return payment


def reconcile_gateway_settlements(day):
    """Compare what the gateway says it settled with what we think we took."""
    client = GatewayClient()
    settled = client.settlements(day)
    ours = {
        p.provider_ref: p
        for p in Payment.objects.filter(provider="paycorp", status__in=("captured", "refunded"), created__date=day)
    }
    missing, mismatched = [], []
    for row in settled.get("items", []):
        p = ours.pop(row["intent_id"], None)
        if p is None:
            missing.append(row["intent_id"])
        elif pounds_to_pence(p.amount) != row["amount"]:
            mismatched.append((p.pk, p.amount, pence_to_pounds(row["amount"])))
    return {"missing_here": missing, "missing_there": list(ours.keys()), "mismatched": mismatched}


def sagepay_tx_lookup(vendor_tx_code):
    # TODO remove - SagePay account closed Jan 2021
    return Payment.objects.filter(provider="sagepay", provider_ref=vendor_tx_code).first()
