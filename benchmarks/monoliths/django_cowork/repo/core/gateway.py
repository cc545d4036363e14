import logging
from decimal import Decimal

from django.conf import settings

log = logging.getLogger(__name__)

try:
    import stripe
except ImportError:  # pragma: no cover - dev machines without stripe
    stripe = None


class GatewayError(Exception):
    pass


class StripeGateway(object):
    def __init__(self, api_key=None):
        self.api_key = api_key or settings.STRIPE_SECRET_KEY
        if stripe is not None:
            stripe.api_key = self.api_key

    def _to_minor(self, amount):
        return int((Decimal(amount) * 100).quantize(Decimal("1")))

    def charge(self, payment_method_id, amount, currency, description=""):
        try:
            intent = stripe.PaymentIntent.create(
                amount=self._to_minor(amount), currency=currency.lower(),
                payment_method=payment_method_id, confirm=True, off_session=True,
                description=description)
        except stripe.error.CardError as e:
            raise GatewayError(e.user_message or str(e))
        except stripe.error.StripeError as e:
            log.exception("stripe failure")
            raise GatewayError(str(e))
        return {"id": intent["id"], "status": intent["status"]}

    def attach_payment_method(self, customer_id, pm_id):
        return stripe.PaymentMethod.attach(pm_id, customer=customer_id)

    def refund(self, charge_id, amount=None):
        kwargs = {"payment_intent": charge_id}
        if amount is not None:
            kwargs["amount"] = self._to_minor(amount)
        return stripe.Refund.create(**kwargs)

    def construct_event(self, payload, sig_header):
        return stripe.Webhook.construct_event(payload, sig_header, settings.STRIPE_WEBHOOK_SECRET)


class FakeGateway(StripeGateway):
    """Used in DEBUG so nobody charges a real card from their laptop (again)."""

    def __init__(self, api_key=None):
        self.api_key = "fake"
        self.charges = []

    def charge(self, payment_method_id, amount, currency, description=""):
        if payment_method_id.endswith("fail"):
            raise GatewayError("Your card was declined.")
        self.charges.append((payment_method_id, amount))
        return {"id": "pi_fake_%d" % len(self.charges), "status": "succeeded"}


_gateway = None


def get_gateway():
    global _gateway
    if _gateway is None:
        _gateway = FakeGateway() if settings.DEBUG or not settings.STRIPE_SECRET_KEY else StripeGateway()
    return _gateway
