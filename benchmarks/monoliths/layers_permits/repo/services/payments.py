import datetime as dt
import logging

import requests

import config
from errors import BusinessRuleViolation, PermitsError
from models.core import Payment, format_record_number
from models.fees import Refund
from repositories.fee_repo import PaymentRepository
from services import notifications
from utils.money import percent_of

log = logging.getLogger(__name__)


class GatewayError(PermitsError):
    status_code = 402


class CardGateway:
    """Paystream card gateway. Cards are tokenised in the browser; we only see tokens."""

    def __init__(self, url=None, key=None):
        self.url = url or config.get("GATEWAY_URL")
        self.key = key or config.get("GATEWAY_KEY")

    def charge(self, token, amount_cents, reference):
        resp = requests.post(self.url + "/charges", timeout=30,
                             headers={"Authorization": "Bearer " + self.key},
                             json={"source": token, "amount": amount_cents, "currency": "usd",
                                   "reference": reference})
        body = resp.json()
        if resp.status_code != 200 or body.get("status") != "succeeded":
            raise GatewayError(body.get("message", "card declined"))
        return body["id"]

    def refund(self, charge_id, amount_cents):
        resp = requests.post(self.url + "/refunds", timeout=30,
                             headers={"Authorization": "Bearer " + self.key},
                             json={"charge": charge_id, "amount": amount_cents})
        if resp.status_code != 200:
            raise GatewayError("refund failed: %s" % resp.text[:200])
        return resp.json()["id"]


def _next_receipt_number(session):
    # can't use repositories.base.next_sequence: the column is receipt_number
    from sqlalchemy import text

    year = dt.date.today().year
    last = session.execute(text("SELECT max(receipt_number) FROM payments WHERE receipt_number LIKE :p"),
                           {"p": "R-%d-%%" % year}).scalar()
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return format_record_number("R", year, seq)


def record_payment(session, amount_cents, method, user, application=None, citation=None,
                   contractor_id=None, reference=None, payer_name=None, card_token=None):
    if amount_cents <= 0:
        raise BusinessRuleViolation("amount must be positive")
    if method == "card":
        reference = CardGateway().charge(card_token, amount_cents, payer_name or "permits")
    payment = Payment(receipt_number=_next_receipt_number(session), amount_cents=amount_cents,
                      method=method, reference=reference, payer_name=payer_name,
                      application=application, citation=citation, contractor_id=contractor_id,
                      received_by_id=user.id if user else None)
    session.add(payment)
    session.flush()
    notifications.notify_payment_receipt(payment)
    return payment


def apply_citation_payment(session, citation, amount_cents, method, user, **kwargs):
    if citation.status not in ("unpaid", "lien"):
        raise BusinessRuleViolation("citation %s is %s" % (citation.number, citation.status))
    paid = sum(p.amount_cents for p in session.query(Payment).filter_by(citation_id=citation.id, voided=False))
    payment = record_payment(session, amount_cents, method, user, citation=citation, **kwargs)
    if paid + amount_cents >= citation.fine_cents:
        citation.status = "paid"
    session.flush()
    return payment


def refund_payment(session, payment, amount_cents, reason, user):
    already = sum(r.amount_cents for r in session.query(Refund).filter_by(payment_id=payment.id))
    if already + amount_cents > payment.amount_cents:
        raise BusinessRuleViolation("refund exceeds payment")
    refund = Refund(payment=payment, amount_cents=amount_cents, reason=reason, approved_by_id=user.id)
    if payment.method == "card":
        CardGateway().refund(payment.reference, amount_cents)
        refund.issued_on = dt.date.today()
    session.add(refund)
    session.flush()
    return refund


def refund_application(session, application, percent, reason, user):
    refunds = []
    for payment in PaymentRepository(session).for_application(application.id):
        if not payment.voided:
            refunds.append(refund_payment(session, payment, percent_of(payment.amount_cents, percent), reason, user))
    return refunds
