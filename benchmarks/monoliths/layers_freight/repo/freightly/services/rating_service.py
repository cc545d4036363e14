"""Rating: quoting lanes against carrier rate cards.

Original author: M. Okafor (2019). Fuel surcharge logic by T. Brandt.
"""
import csv
import datetime
import io
import logging
from decimal import Decimal

from freightly.extensions import db_session
from freightly.models import (AccessorialCharge, Carrier, CarrierContract,
                              RateCard, RateLane)
from freightly.repositories.carrier_repo import CarrierRepository, RateCardRepository
from freightly.services import ServiceError
from freightly.utils.dates import parse_date, today
from freightly.utils.money import D, percent_of, round_money, sum_money
from freightly.utils.validators import validate_port_code

log = logging.getLogger("freightly.rating")

# volumetric divisors (kg per cbm) per mode
VOLUMETRIC_FACTORS = {"AIR": Decimal("167"), "ROAD": Decimal("333"), "SEA": Decimal("1000")}
DEFAULT_MARGIN_PCT = Decimal("12.5")


class RateNotFound(ServiceError):
    status_code = 404


class Quote(object):
    """A priced option for a lane."""

    def __init__(self, lane, carrier, base, surcharges, currency):
        self.lane = lane
        self.carrier = carrier
        self.base = base
        self.surcharges = surcharges  # list of (code, amount)
        self.currency = currency

    @property
    def total(self):
        return round_money(self.base + sum_money(a for _, a in self.surcharges))

    def as_dict(self):
        return {
            "carrier": self.carrier.name,
            "carrier_id": self.carrier.id,
            "lane_id": self.lane.id,
            "transit_days": self.lane.transit_days,
            "base": str(self.base),
            "surcharges": [{"code": c, "amount": str(a)} for c, a in self.surcharges],
            "total": str(self.total),
            "currency": self.currency,
        }


def chargeable_quantity(lane, mode, weight_kg=None, volume_cbm=None, quantity=1):
    """How many units of the lane's `per_unit` we charge."""
    unit = (lane.per_unit or "CNTR").upper()
    if unit == "CNTR":
        return D(quantity or 1)
    weight_kg = D(weight_kg)
    volume_cbm = D(volume_cbm)
    if unit == "KG":
        factor = VOLUMETRIC_FACTORS.get(mode, Decimal("1000"))
        return max(weight_kg, volume_cbm * factor)
    if unit == "CBM":
        return volume_cbm
    if unit == "W/M":
        # weight or measure: 1 tonne == 1 cbm, whichever is greater
        return max(weight_kg / Decimal("1000"), volume_cbm)
    raise ServiceError("unsupported rate unit %s" % unit)


def apply_fuel_surcharge(repo, carrier_id, base_amount, on_date=None):
    fsc = repo.current_fuel_surcharge(carrier_id, on_date)
    if fsc is None:
        return Decimal("0")
    amount = Decimal("0")
    if fsc.percent:
        amount += percent_of(base_amount, fsc.percent)
    if fsc.flat_amount:
        amount += D(fsc.flat_amount)
    return round_money(amount)


def compute_accessorials(repo, carrier_id, requested_codes=None, units=1,
                         dangerous_goods=False):
    result = []
    requested = set(c.upper() for c in (requested_codes or []))
    if dangerous_goods:
        requested.add("DG")
    for acc in repo.accessorials(carrier_id):
        if not acc.mandatory and acc.code not in requested:
            continue
        amount = D(acc.amount)
        if acc.per_unit == "CNTR":
            amount = amount * D(units)
        result.append((acc.code, round_money(amount)))
    return result


def quote_lane(origin, destination, equipment=None, mode=None, weight_kg=None,
               volume_cbm=None, quantity=1, accessorials=None, dangerous_goods=False,
               on_date=None, session=None):
    """Return all quotes for a lane, cheapest first."""
    session = session or db_session
    origin = validate_port_code(origin)
    destination = validate_port_code(destination)
    repo = RateCardRepository(session)
    lanes = repo.lanes_for(origin, destination, equipment, on_date, mode)
    if not lanes:
        raise RateNotFound("no rates for %s -> %s (%s)" % (origin, destination, equipment))
    quotes = []
    for lane in lanes:
        card = lane.rate_card
        carrier = card.carrier
        qty = chargeable_quantity(lane, carrier.mode, weight_kg, volume_cbm, quantity)
        base = round_money(D(lane.base_rate) * qty)
        if lane.min_charge and base < D(lane.min_charge):
            base = D(lane.min_charge)
        surcharges = []
        fsc = apply_fuel_surcharge(repo, carrier.id, base, on_date)
        if fsc:
            surcharges.append(("FSC", fsc))
        surcharges.extend(compute_accessorials(repo, carrier.id, accessorials, quantity,
                                               dangerous_goods))
        quotes.append(Quote(lane, carrier, base, surcharges, card.currency))
    quotes.sort(key=lambda q: q.total)
    return quotes


def get_best_rate(origin, destination, equipment=None, mode=None, **kwargs):
    quotes = quote_lane(origin, destination, equipment, mode, **kwargs)
    return quotes[0]


def sell_price(buy_total, margin_pct=None, customer=None):
    """Our sell price. Key accounts get a lower default margin."""
    if margin_pct is None:
        margin_pct = DEFAULT_MARGIN_PCT
        if customer is not None and getattr(customer, "account_manager_id", None):
            margin_pct = Decimal("9.0")
    return round_money(D(buy_total) * (Decimal("1") + D(margin_pct) / Decimal("100")))


def import_rate_sheet(carrier_id, fileobj, valid_from, valid_to=None, name=None,
                      currency="USD", session=None):
    """Import a carrier rate sheet CSV.

    Expected columns: origin,destination,equipment,rate,unit,min,transit
    Some carriers send ';' separated files, we sniff.
    """
    session = session or db_session
    carrier = CarrierRepository(session).get(carrier_id)
    if carrier is None:
        raise ServiceError("unknown carrier %s" % carrier_id, 404)
    raw = fileobj.read()
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8-sig", errors="replace")
    dialect = csv.Sniffer().sniff(raw[:2048], delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(raw), dialect=dialect)
    card = RateCard(carrier_id=carrier.id, name=name or "import %s" % today(),
                    currency=currency, valid_from=parse_date(valid_from),
                    valid_to=parse_date(valid_to), status="draft")
    session.add(card)
    session.flush()
    count = 0
    errors = []
    for i, row in enumerate(reader, start=2):
        try:
            lane = RateLane(
                rate_card_id=card.id,
                origin=validate_port_code(row["origin"]),
                destination=validate_port_code(row["destination"]),
                equipment=(row.get("equipment") or "").upper() or None,
                base_rate=D(row["rate"].replace(",", ".")),
                per_unit=(row.get("unit") or "CNTR").upper(),
                min_charge=D(row["min"]) if row.get("min") else None,
                transit_days=int(row["transit"]) if row.get("transit") else None,
            )
        except (KeyError, ValueError) as exc:
            errors.append("line %d: %s" % (i, exc))
            continue
        session.add(lane)
        count += 1
    if errors and not count:
        session.rollback()
        raise ServiceError("rate sheet rejected: %s" % "; ".join(errors[:10]))
    log.info("imported %d lanes into rate card %s (%d errors)", count, card.id, len(errors))
    return card, count, errors


def activate_rate_card(card_id, session=None):
    session = session or db_session
    card = session.query(RateCard).get(card_id)
    if card is None:
        raise RateNotFound("rate card %s" % card_id)
    # supersede overlapping active cards for the same contract
    overlapping = session.query(RateCard).filter(
        RateCard.carrier_id == card.carrier_id,
        RateCard.contract_id == card.contract_id,
        RateCard.status == "active",
        RateCard.id != card.id).all()
    for other in overlapping:
        if other.valid_to is None or other.valid_to >= card.valid_from:
            other.valid_to = card.valid_from - datetime.timedelta(days=1)
    card.status = "active"
    session.commit()
    return card


def expire_rate_cards(as_of=None, session=None):
    session = session or db_session
    as_of = as_of or today()
    cards = session.query(RateCard).filter(RateCard.status == "active",
                                           RateCard.valid_to < as_of).all()
    for card in cards:
        card.status = "expired"
    session.commit()
    return len(cards)


def contract_for(carrier_id, on_date=None, session=None):
    session = session or db_session
    on_date = on_date or today()
    return (session.query(CarrierContract)
            .filter(CarrierContract.carrier_id == carrier_id,
                    CarrierContract.valid_from <= on_date)
            .order_by(CarrierContract.valid_from.desc())
            .first())


def old_calc_freight(weight, rate, min_charge=0):
    # DEPRECATED - pre-2019 rating. Kept because the excel export macro calls
    # the /legacy/calc endpoint... which was removed. TODO: delete.
    amt = float(weight) * float(rate)
    if amt < min_charge:
        amt = min_charge
    return round(amt, 2)
