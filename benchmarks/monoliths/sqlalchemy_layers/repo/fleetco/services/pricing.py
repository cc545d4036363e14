import logging
from datetime import date, timedelta
from decimal import Decimal

from fleetco.common.errors import NotFoundError, ValidationError
from fleetco.common.notifications import render_template, send_email
from fleetco.common.utils import (
    chargeable_weight, format_money, generate_reference, haversine_km, round_money,
)
from fleetco.config import get_settings
from fleetco.models.orders import Quote, QuoteLine, QuoteStatus
from fleetco.repositories.customer_repo import CustomerRepository
from fleetco.repositories.quote_repo import QuoteRepository, RateCardRepository
from fleetco.services.fleet_service import calculate_fuel_surcharge

log = logging.getLogger(__name__)

# rough postcode-prefix centroids; good enough for lane pricing, replaced by geocoder "soon"
ZONE_CENTROIDS = {
    "10": (52.37, 4.89), "20": (52.16, 4.49), "30": (51.92, 4.48), "35": (52.09, 5.12),
    "50": (51.44, 5.47), "60": (51.17, 5.95), "62": (50.85, 5.69), "70": (51.98, 5.91),
    "80": (52.51, 6.09), "97": (53.22, 6.57),
}

SURCHARGE_CODES = {"TAILLIFT": Decimal("35.00"), "ADR": Decimal("75.00"), "TIMED": Decimal("25.00")}


def _zone_for(postcode):
    key = (postcode or "")[:2]
    if key not in ZONE_CENTROIDS:
        raise ValidationError(f"no pricing zone for postcode {postcode}")
    return ZONE_CENTROIDS[key]


def lane_distance_km(origin_postcode, destination_postcode):
    o_lat, o_lon = _zone_for(origin_postcode)
    d_lat, d_lon = _zone_for(destination_postcode)
    # road distance is ~1.25x great-circle on Dutch roads
    return round(haversine_km(o_lat, o_lon, d_lat, d_lon) * 1.25 + 10, 1)


def compute_lane_price(card, distance_km, weight_kg, extras=()):
    lines = [
        ("BASE", "Base fee", round_money(card.base_fee)),
        ("KM", f"Distance {distance_km} km", round_money(Decimal(str(distance_km)) * card.per_km)),
        ("KG", f"Weight {weight_kg} kg", round_money(Decimal(str(weight_kg)) * card.per_kg)),
    ]
    subtotal = sum(amount for _, _, amount in lines)
    if subtotal < card.min_charge:
        lines.append(("MIN", "Minimum charge top-up", round_money(card.min_charge - subtotal)))
        subtotal = round_money(card.min_charge)
    fuel = calculate_fuel_surcharge(subtotal, card.fuel_surcharge_pct)
    if fuel:
        lines.append(("FUEL", "Fuel surcharge", fuel))
    for code in extras:
        if code not in SURCHARGE_CODES:
            raise ValidationError(f"unknown surcharge {code}")
        lines.append((code, code.title(), SURCHARGE_CODES[code]))
    return lines


def apply_discounts(lines, customer, volume_last_90d=0):
    discount_pct = Decimal("0")
    if volume_last_90d > 50:
        discount_pct = Decimal("0.05")
    if volume_last_90d > 200:
        discount_pct = Decimal("0.08")
    if customer is not None and customer.rate_card_id:
        # contract customers already have negotiated rates
        discount_pct = Decimal("0")
    if not discount_pct:
        return lines
    total = sum(amount for _, _, amount in lines)
    return lines + [("DISC", f"Volume discount {discount_pct:.0%}", -round_money(total * discount_pct))]


def create_quote(session, customer_id, origin_postcode, destination_postcode, items, extras=()):
    settings = get_settings()
    customer = CustomerRepository(session).get(customer_id)
    cards = RateCardRepository(session)
    card = customer.rate_card or cards.default_card()
    if card is None:
        raise NotFoundError("no rate card configured")
    weight = sum(
        chargeable_weight(i["weight_kg"], i["length_cm"], i["width_cm"], i["height_cm"])
        * i.get("quantity", 1)
        for i in items
    )
    distance = lane_distance_km(origin_postcode, destination_postcode)
    lines = compute_lane_price(card, distance, weight, extras)
    lines = apply_discounts(lines, customer, _recent_volume(session, customer_id))
    quote = Quote(
        reference=generate_reference("Q"), customer_id=customer_id, rate_card_id=card.id,
        origin_postcode=origin_postcode, destination_postcode=destination_postcode,
        distance_km=distance, weight_kg=weight, currency=card.currency,
        total=round_money(sum(amount for _, _, amount in lines)),
        valid_until=date.today() + timedelta(days=settings.quote_validity_days),
        status=QuoteStatus.SENT,
    )
    quote.lines = [QuoteLine(code=c, description=d, amount=a) for c, d, a in lines]
    session.add(quote)
    session.flush()
    body = render_template("quote_ready", reference=quote.reference,
                           total=format_money(quote.total, quote.currency),
                           valid_until=quote.valid_until)
    send_email(customer.email, f"Quote {quote.reference}", body)
    return quote


def _recent_volume(session, customer_id):
    from fleetco.models.orders import Shipment

    since = date.today() - timedelta(days=90)
    return (
        session.query(Shipment)
        .filter(Shipment.customer_id == customer_id, Shipment.pickup_date >= since)
        .count()
    )


def accept_quote(session, reference, pickup_date, origin_address, destination_address):
    from fleetco.services.booking_service import book_from_quote

    quote = QuoteRepository(session).by_reference(reference)
    if quote is None:
        raise NotFoundError(f"quote {reference} not found")
    if quote.status != QuoteStatus.SENT or quote.is_expired(date.today()):
        raise ValidationError(f"quote {reference} can no longer be accepted")
    quote.status = QuoteStatus.ACCEPTED
    return book_from_quote(session, quote, pickup_date, origin_address, destination_address)


def reprice_quote(session, quote_id):
    quote = QuoteRepository(session).get(quote_id)
    card = RateCardRepository(session).get(quote.rate_card_id)
    lines = compute_lane_price(card, quote.distance_km, quote.weight_kg)
    quote.lines = [QuoteLine(code=c, description=d, amount=a) for c, d, a in lines]
    quote.total = round_money(sum(a for _, _, a in lines))
    return quote


def expire_stale_quotes(session):
    count = QuoteRepository(session).expire_older_than(date.today())
    log.info("expired %d quotes", count)
    return count
