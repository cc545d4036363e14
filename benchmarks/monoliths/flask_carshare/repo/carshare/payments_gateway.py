"""Thin wrapper around the card processor (Stripe).

Never call stripe directly from anywhere else.
"""
import logging
from collections import namedtuple

import stripe
from flask import current_app

from carshare.lib.decorators import retry

log = logging.getLogger(__name__)

ChargeResult = namedtuple("ChargeResult", "ok reference error")


def _client():
    stripe.api_key = current_app.config["STRIPE_API_KEY"]
    return stripe


def _fake_mode():
    return current_app.config.get("TESTING") or not current_app.config.get("STRIPE_API_KEY")


@retry(times=2, exceptions=(stripe.error.APIConnectionError,))
def charge(token, amount_pence, currency="GBP", description=None, idempotency_key=None):
    if _fake_mode():
        if token.startswith("tok_decline"):
            return ChargeResult(False, None, "card_declined")
        return ChargeResult(True, "fake_%s" % idempotency_key, None)
    s = _client()
    try:
        intent = s.PaymentIntent.create(
            amount=amount_pence, currency=currency.lower(), payment_method=token, confirm=True,
            off_session=True, description=description, idempotency_key=idempotency_key,
        )
    except s.error.CardError as e:
        log.info("card declined: %s", e.user_message)
        return ChargeResult(False, None, e.code or "card_declined")
    if intent.status != "succeeded":
        return ChargeResult(False, intent.id, intent.status)
    return ChargeResult(True, intent.id, None)


def refund(reference, amount_pence, reason=None):
    if _fake_mode():
        return ChargeResult(True, "fake_refund_%s" % reference, None)
    s = _client()
    try:
        r = s.Refund.create(payment_intent=reference, amount=amount_pence,
                            metadata={"reason": reason or ""})
    except s.error.StripeError as e:
        return ChargeResult(False, None, str(e))
    return ChargeResult(True, r.id, None)


def create_setup_intent(customer_ref):
    if _fake_mode():
        return {"client_secret": "seti_fake_secret"}
    s = _client()
    intent = s.SetupIntent.create(customer=customer_ref, usage="off_session")
    return {"client_secret": intent.client_secret}


def ensure_customer(member):
    """Returns stripe customer id, creating one if needed. (writes back to members!)"""
    if member.get("stripe_customer_id"):
        return member["stripe_customer_id"]
    if _fake_mode():
        return "cus_fake_%s" % member["id"]
    s = _client()
    cust = s.Customer.create(email=member["email"], metadata={"member_id": member["id"]})
    from carshare.db import execute
    execute("UPDATE members SET stripe_customer_id = %s WHERE id = %s", (cust.id, member["id"]))
    return cust.id


def detach_card(token):
    if _fake_mode():
        return True
    _client().PaymentMethod.detach(token)
    return True


def card_details(token):
    if _fake_mode():
        return {"brand": "visa", "last4": "4242", "exp_month": 12, "exp_year": 2030}
    pm = _client().PaymentMethod.retrieve(token)
    return {"brand": pm.card.brand, "last4": pm.card.last4,
            "exp_month": pm.card.exp_month, "exp_year": pm.card.exp_year}
