"""Ticket pricing: tiers, booking fees, promo codes, instalments."""
import datetime

from flask import current_app

from festival.extensions import db
from festival.models import PromoCode, TicketType
from festival.utils.money import percentage_of, split_evenly, vat_portion


class PricingError(Exception):
    pass


def booking_fee_for(ticket_type):
    if ticket_type.booking_fee_pence is not None:
        return ticket_type.booking_fee_pence
    pct = current_app.config.get("BOOKING_FEE_PCT", 0.085) * 100
    return percentage_of(ticket_type.price_pence, pct)


def lookup_promo(code, ticket_type=None):
    if not code:
        return None
    promo = PromoCode.query.filter_by(code=code.strip().upper()).first()
    if promo is None or not promo.is_valid():
        raise PricingError("That promo code isn't valid")
    if promo.ticket_type_id and ticket_type is not None and promo.ticket_type_id != ticket_type.id:
        raise PricingError("That promo code doesn't apply to %s" % ticket_type.name)
    return promo


def apply_promo(amount_pence, promo):
    if promo is None:
        return amount_pence
    if promo.discount_pct:
        amount_pence -= percentage_of(amount_pence, promo.discount_pct)
    if promo.discount_pence:
        amount_pence -= promo.discount_pence
    return max(amount_pence, 0)


def quote(ticket_type, quantity, promo_code=None):
    """Return a price breakdown dict for the basket page."""
    if quantity < 1 or quantity > 8:
        raise PricingError("You can buy between 1 and 8 tickets")
    if not ticket_type.on_sale():
        raise PricingError("%s is not on sale" % ticket_type.name)
    if ticket_type.remaining < quantity:
        raise PricingError("Only %d left" % ticket_type.remaining)
    promo = lookup_promo(promo_code, ticket_type)
    face = ticket_type.price_pence * quantity
    discounted = apply_promo(face, promo)
    fees = booking_fee_for(ticket_type) * quantity
    total = discounted + fees
    return {
        "ticket_type_id": ticket_type.id,
        "quantity": quantity,
        "face_pence": face,
        "discount_pence": face - discounted,
        "fees_pence": fees,
        "total_pence": total,
        "vat_pence": vat_portion(total),
        "promo_code_id": promo.id if promo else None,
    }


def instalment_schedule(total_pence, first_payment_date, months=3):
    amounts = split_evenly(total_pence, months)
    schedule = []
    for i, amount in enumerate(amounts):
        due = first_payment_date + datetime.timedelta(days=30 * i)
        schedule.append({"due": due, "amount_pence": amount})
    return schedule


class TierRoller(object):
    """When a tier sells out, put the next tier on sale. Called after each order."""

    def __init__(self, code_prefix):
        self.code_prefix = code_prefix

    def tiers(self):
        return TicketType.query.filter(TicketType.code.like(self.code_prefix + "%")) \
            .order_by(TicketType.tier).all()

    def roll(self):
        now = datetime.datetime.utcnow()
        tiers = self.tiers()
        for current, nxt in zip(tiers, tiers[1:]):
            if current.remaining == 0 and (nxt.on_sale_from is None or nxt.on_sale_from > now):
                nxt.on_sale_from = now
                current.on_sale_until = now
                db.session.add_all([current, nxt])
        db.session.commit()
