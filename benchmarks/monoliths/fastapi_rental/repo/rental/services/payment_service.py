import datetime as dt
import json
import logging
import urllib.request
from decimal import Decimal

from fastapi import HTTPException

from rental.config import get_settings
from rental.models import DepositHold, Invoice, InvoiceLine, Payment, PaymentMethod, PaymentStatus
from rental.repositories.claim_repo import PolicyRepository
from rental.repositories.payment_repo import InvoiceRepository, PaymentRepository
from rental.repositories.vehicle_repo import VehicleRepository
from rental.utils import round_money, utcnow

log = logging.getLogger(__name__)


class PaymentGatewayError(Exception):
    def __init__(self, message, code=None):
        super().__init__(message)
        self.code = code


def gateway_call(path, payload):
    s = get_settings()
    req = urllib.request.Request(s.payment_gateway_url + path, data=json.dumps(payload, default=str).encode(),
                                 headers={"Authorization": f"Bearer {s.payment_gateway_key}",
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            body = json.loads(resp.read() or b"{}")
    except OSError as exc:
        raise PaymentGatewayError(str(exc)) from exc
    if body.get("status") == "declined":
        raise PaymentGatewayError("Card declined", code=body.get("code"))
    return body


def take_payment(db, reservation, amount, token, purpose="rental"):
    payment = Payment(reservation_id=reservation.id, customer_id=reservation.customer_id, amount=round_money(amount),
                      currency=reservation.currency, method=PaymentMethod.CARD, purpose=purpose)
    PaymentRepository(db).add(payment)
    try:
        result = gateway_call("/charges", {"amount": payment.amount, "currency": payment.currency, "token": token,
                                           "reference": reservation.reference})
    except PaymentGatewayError as exc:
        payment.status = PaymentStatus.FAILED
        log.warning("payment failed for %s: %s", reservation.reference, exc)
        raise HTTPException(status_code=402, detail="Payment failed") from exc
    payment.gateway_ref = result.get("id")
    payment.status = PaymentStatus.SUCCEEDED
    return payment


def authorize_deposit(db, reservation, token=None):
    category = VehicleRepository(db).category(reservation.category_id)
    amount = Decimal(category.deposit_amount if category else 300)
    hold = DepositHold(reservation_id=reservation.id, amount=amount,
                       expires_at=utcnow() + dt.timedelta(days=get_settings().deposit_hold_days))
    if token:
        hold.gateway_ref = gateway_call("/authorizations", {"amount": amount, "token": token})["id"]
    return PaymentRepository(db).add(hold)


def capture_deposit(db, reservation, amount, reason):
    hold = PaymentRepository(db).hold_for(reservation.id)
    if hold is None or amount <= 0:
        return None
    amount = min(Decimal(amount), Decimal(hold.amount))
    if hold.gateway_ref:
        gateway_call(f"/authorizations/{hold.gateway_ref}/capture", {"amount": amount, "reason": reason})
    hold.captured_amount = amount
    hold.status = "captured"
    payment = Payment(reservation_id=reservation.id, customer_id=reservation.customer_id, amount=amount,
                      status=PaymentStatus.SUCCEEDED, purpose="fee", gateway_ref=hold.gateway_ref)
    return PaymentRepository(db).add(payment)


def release_deposit(db, reservation):
    hold = PaymentRepository(db).hold_for(reservation.id)
    if hold is None:
        return False
    if hold.gateway_ref:
        gateway_call(f"/authorizations/{hold.gateway_ref}/void", {})
    hold.status = "released"
    return True


def paid_for(db, reservation):
    return Decimal(PaymentRepository(db).paid_total(reservation.id) or 0)


def refund(db, reservation, amount, reason=""):
    amount = round_money(amount)
    original = next((p for p in PaymentRepository(db).for_reservation(reservation.id)
                     if p.status == PaymentStatus.SUCCEEDED and p.gateway_ref), None)
    if original is not None:
        gateway_call(f"/charges/{original.gateway_ref}/refund", {"amount": amount, "reason": reason})
    payment = Payment(reservation_id=reservation.id, customer_id=reservation.customer_id, amount=-amount,
                      status=PaymentStatus.REFUNDED, purpose="refund")
    return PaymentRepository(db).add(payment)


def settle_agreement(db, agreement):
    reservation = agreement.reservation
    outstanding = Decimal(agreement.final_total or 0) - paid_for(db, reservation)
    account = reservation.customer.account
    if account is not None and account.pays_by_invoice:
        return issue_invoice(db, agreement)
    if outstanding > 0:
        capture_deposit(db, reservation, outstanding, "final settlement")
    release_deposit(db, reservation)
    return None


def issue_invoice(db, agreement, extra_lines=()):
    s = get_settings()
    reservation = agreement.reservation
    today = dt.date.today()
    invoice = Invoice(number=InvoiceRepository(db).next_number(today.year), customer_id=reservation.customer_id,
                      account_id=reservation.customer.account_id, agreement_id=agreement.id, issued_on=today,
                      due_on=today + dt.timedelta(days=s.invoice_due_days))
    invoice.lines.append(InvoiceLine(description=f"Rental {reservation.reference}", unit_price=agreement.final_total,
                                     vat_rate=s.vat_rate))
    for description, amount in extra_lines:
        invoice.lines.append(InvoiceLine(description=description, unit_price=amount, vat_rate=s.vat_rate))
    invoice.net_total = round_money(sum(Decimal(line.unit_price) * Decimal(line.quantity or 1) for line in invoice.lines))
    invoice.vat_total = round_money(invoice.net_total * s.vat_rate)
    return InvoiceRepository(db).add(invoice)


def damage_excess_for(db, reservation, damage_cost):
    """How much of a damage the renter pays: capped by the insurance excess (reduced if CDW was bought)."""
    policy = PolicyRepository(db).active_for_category(reservation.category_id, reservation.pickup_at.date())
    if policy is None:
        return round_money(damage_cost)
    bought_cdw = any(e.product.code == "CDW" for e in reservation.extras)
    cap = policy.reduced_excess_amount if bought_cdw else policy.excess_amount
    return round_money(min(Decimal(damage_cost), Decimal(cap)))
