"""Carrier and rate data access."""
import datetime

from sqlalchemy import or_

from freightly.models import (AccessorialCharge, Carrier, FuelSurcharge, RateCard,
                              RateLane, StatusCodeMapping)
from freightly.repositories import BaseRepository


class CarrierRepository(BaseRepository):
    model = Carrier

    def by_scac(self, scac):
        return self.query().filter(Carrier.scac == scac.upper()).first()

    def by_edi_partner(self, partner_id):
        return self.query().filter(Carrier.edi_partner_id == partner_id).first()

    def active(self, mode=None):
        q = self.query().filter(Carrier.active.is_(True))
        if mode:
            q = q.filter(Carrier.mode == mode)
        return q.order_by(Carrier.name).all()


class RateCardRepository(BaseRepository):
    model = RateCard

    def lanes_for(self, origin, destination, equipment=None, on_date=None, mode=None):
        on_date = on_date or datetime.date.today()
        q = (self.session.query(RateLane)
             .join(RateCard, RateLane.rate_card_id == RateCard.id)
             .join(Carrier, RateCard.carrier_id == Carrier.id)
             .filter(RateLane.origin == origin,
                     RateLane.destination == destination,
                     RateCard.status == "active",
                     RateCard.valid_from <= on_date,
                     or_(RateCard.valid_to.is_(None), RateCard.valid_to >= on_date),
                     Carrier.active.is_(True)))
        if equipment:
            q = q.filter(RateLane.equipment == equipment)
        if mode:
            q = q.filter(Carrier.mode == mode)
        return q.all()

    def current_fuel_surcharge(self, carrier_id, on_date=None):
        on_date = on_date or datetime.date.today()
        return (self.session.query(FuelSurcharge)
                .filter(FuelSurcharge.carrier_id == carrier_id,
                        FuelSurcharge.valid_from <= on_date,
                        or_(FuelSurcharge.valid_to.is_(None),
                            FuelSurcharge.valid_to >= on_date))
                .order_by(FuelSurcharge.valid_from.desc())
                .first())

    def accessorials(self, carrier_id, mandatory_only=False):
        q = self.session.query(AccessorialCharge).filter(
            or_(AccessorialCharge.carrier_id == carrier_id,
                AccessorialCharge.carrier_id.is_(None)))
        if mandatory_only:
            q = q.filter(AccessorialCharge.mandatory.is_(True))
        return q.all()

    def expiring(self, within_days=14):
        today = datetime.date.today()
        horizon = today + datetime.timedelta(days=within_days)
        return self.query().filter(RateCard.status == "active",
                                   RateCard.valid_to.isnot(None),
                                   RateCard.valid_to <= horizon).all()


def lookup_status_mapping(session, carrier_id, carrier_code):
    """Map a carrier EDI status code to our milestone code.

    Falls back to the generic mapping (carrier_id IS NULL).
    """
    q = session.query(StatusCodeMapping).filter(
        StatusCodeMapping.carrier_code == carrier_code)
    specific = q.filter(StatusCodeMapping.carrier_id == carrier_id).first()
    if specific is not None:
        return specific
    return q.filter(StatusCodeMapping.carrier_id.is_(None)).first()
