"""Guest folios: every sale in the resort ends up as a FolioCharge.

Rule of thumb: charges are never deleted, only voided.
"""
import datetime
import logging

from ..lib.integrations import PaymentGateway
from ..lib.money import round_money, to_decimal, ZERO
from ..models import DBSession
from ..models.billing import Folio, FolioCharge, Payment, Refund
from ..dal.bookings import FolioRepository

log = logging.getLogger(__name__)


class PaymentError(Exception):
    pass


def get_or_open_folio(guest_id):
    folio = FolioRepository().open_for_guest(guest_id)
    if folio is None:
        folio = Folio(guest_id=guest_id, status='open')
        DBSession.add(folio)
        DBSession.flush()
    return folio


def post_charge(guest_id, source, amount, description, source_ref=None, tax=ZERO,
                folio=None, user=None):
    folio = folio or get_or_open_folio(guest_id)
    if folio.status != 'open':
        raise PaymentError('folio %s is %s' % (folio.id, folio.status))
    charge = FolioCharge(folio_id=folio.id, source=source,
                         source_ref=str(source_ref) if source_ref else None,
                         description=description[:200],
                         amount=round_money(amount), tax=round_money(tax),
                         posted_by=user.id if user else None)
    DBSession.add(charge)
    DBSession.flush()
    return charge


def void_charge(charge, user=None):
    if charge.voided_at:
        return charge
    charge.voided_at = datetime.datetime.utcnow()
    log.info('charge %s voided by %s', charge.id, user and user.username)
    return charge


def capture_payment(folio, amount, method='card', card_token=None):
    amount = round_money(amount)
    payment = Payment(folio_id=folio.id, method=method, amount=amount, status='pending')
    DBSession.add(payment)
    if method == 'card':
        token = card_token or folio.card_token
        if not token:
            raise PaymentError('no card on file')
        result = PaymentGateway().charge(token, amount, folio.currency,
                                         reference='F%s' % folio.id)
        if not result['ok']:
            payment.status = 'failed'
            payment.error = result['error']
            DBSession.flush()
            raise PaymentError(result['error'])
        payment.gateway_ref = result['id']
        payment.last4 = result.get('last4')
    payment.status = 'captured'
    payment.captured_at = datetime.datetime.utcnow()
    DBSession.flush()
    return payment


def refund_payment(payment, amount, reason, user=None):
    amount = round_money(amount)
    already = sum(r.amount for r in payment.refunds)
    if already + amount > payment.amount:
        raise PaymentError('refund exceeds payment')
    gateway_ref = None
    if payment.method == 'card':
        result = PaymentGateway().refund(payment.gateway_ref, amount)
        if not result['ok']:
            raise PaymentError(result['error'])
        gateway_ref = result['id']
    refund = Refund(payment_id=payment.id, amount=amount, reason=reason,
                    gateway_ref=gateway_ref, approved_by=user.id if user else None)
    DBSession.add(refund)
    if already + amount == payment.amount:
        payment.status = 'refunded'
    return refund


def refund_charge(charge, reason, user=None):
    """Void a charge and give the money back if the folio was already paid."""
    void_charge(charge, user)
    folio = charge.folio
    owed_back = -folio.balance()
    if owed_back <= 0:
        return None
    for payment in sorted(folio.payments, key=lambda p: p.captured_at or datetime.datetime.min,
                          reverse=True):
        if payment.status == 'captured':
            return refund_payment(payment, min(owed_back, payment.amount), reason, user)
    return None


def settle_folio(folio, close=True):
    balance = round_money(folio.balance())
    payment = None
    if balance > 0:
        payment = capture_payment(folio, balance)
    if close:
        folio.status = 'settled'
        folio.closed_at = datetime.datetime.utcnow()
    return payment


def legacy_post_charge(folio_id, amount, text):
    # old signature used by the 2018 POS bridge, kept until the summit
    # terminals are replaced
    folio = DBSession.query(Folio).get(folio_id)
    return post_charge(folio.guest_id, 'misc', to_decimal(amount), text, folio=folio)
