"""
CivicPay card gateway client.

Flow: we create a payment "intent" for an invoice, redirect the customer to
CivicPay's hosted page, they POST back to /payments/callback with a signed body.
"""
import hmac
import json
import hashlib
import logging

import requests

import queries as q
from config import settings
from errors import PaymentDeclined
from decorators import retry
from audit import audit

log = logging.getLogger('lsbs.gateway')


class GatewayError(Exception):
    pass


class CivicPayClient(object):

    def __init__(self, base_url=None, merchant=None, secret=None):
        self.base_url = (base_url or settings.GATEWAY_URL).rstrip('/')
        self.merchant = merchant or settings.GATEWAY_MERCHANT
        self.secret = secret or settings.GATEWAY_SECRET

    def _sign(self, payload):
        body = json.dumps(payload, sort_keys=True)
        return hmac.new(self.secret.encode('utf-8'), body.encode('utf-8'), hashlib.sha256).hexdigest()

    @retry(times=2, delay=0.5, exceptions=(requests.ConnectionError,))
    def _post(self, path, payload):
        headers = {'X-Merchant': self.merchant, 'X-Signature': self._sign(payload)}
        r = requests.post(self.base_url + path, json=payload, headers=headers, timeout=15)
        if r.status_code >= 500:
            raise GatewayError('gateway %s: %s' % (r.status_code, r.text[:200]))
        return r.json()

    def create_intent(self, invoice_number, amount_pence, return_url, customer_email):
        res = self._post('/intents', {
            'reference': invoice_number,
            'amount': amount_pence,
            'currency': 'GBP',
            'return_url': return_url,
            'email': customer_email,
        })
        return res['id'], res['redirect_url']

    def refund(self, gateway_ref, amount_pence):
        res = self._post('/refunds', {'payment': gateway_ref, 'amount': amount_pence})
        if res.get('status') != 'accepted':
            raise GatewayError('refund rejected: %s' % res.get('message'))
        return res['id']

    def verify_signature(self, body, signature):
        expected = hmac.new(self.secret.encode('utf-8'), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature or '')


def start_card_payment(invoice_id, return_url):
    from invoicing import invoice_balance
    inv = q.get_invoice(invoice_id)
    cust = q.get_customer(inv['customer_id'])
    amount = invoice_balance(invoice_id)
    if amount <= 0:
        return None
    intent_id, url = CivicPayClient().create_intent(inv['number'], amount, return_url, cust['email'])
    audit('payment.intent', invoice_id=invoice_id, intent=intent_id, amount=amount)
    return url


def handle_callback(raw_body, signature):
    """Returns the invoice id that was paid.  Raises PaymentDeclined."""
    client = CivicPayClient()
    if not client.verify_signature(raw_body, signature):
        raise GatewayError('bad signature')
    data = json.loads(raw_body.decode('utf-8'))
    inv = q.get_invoice_by_number(data['reference'])
    if inv is None:
        raise GatewayError('unknown invoice %s' % data['reference'])
    if data.get('status') != 'succeeded':
        raise PaymentDeclined('Your card was declined', gateway_code=data.get('decline_code'))
    # idempotency: CivicPay retries callbacks
    for p in q.payments_for_invoice(inv['id']):
        if p['gateway_ref'] == data['payment_id']:
            return inv['id']
    q.insert_payment(inv['id'], int(data['amount']), 'card', data['payment_id'])
    return inv['id']


def refund_card_payment(payment_id, amount_pence, reason):
    p = q.get_payment(payment_id)
    if p['method'] != 'card' or not p['gateway_ref']:
        raise GatewayError('payment %s is not a card payment' % payment_id)
    already = q.total_refunded(payment_id)
    if already + amount_pence > p['amount_pence']:
        raise GatewayError('refund exceeds payment')
    ref = CivicPayClient().refund(p['gateway_ref'], amount_pence)
    q.insert_refund(payment_id, amount_pence, reason, ref)
    audit('payment.refund', payment_id=payment_id, amount=amount_pence)
    return ref


# --- old Barclaycard ePDQ integration, kept for the refund of pre-2020 payments ---
# TODO remove after March 2021 when the last ePDQ payments are out of the refund window

def epdq_sha_in(params, passphrase):
    keys = sorted(k.upper() for k in params if params[k] not in (None, ''))
    upper = dict((k.upper(), v) for k, v in params.items())
    s = ''.join('%s=%s%s' % (k, upper[k], passphrase) for k in keys)
    return hashlib.sha1(s.encode('utf-8')).hexdigest().upper()
