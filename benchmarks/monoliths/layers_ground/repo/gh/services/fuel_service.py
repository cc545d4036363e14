import logging
from datetime import date, datetime

from gh.extensions import db
from gh.models.fuel import FuelOrder, FuelDelivery, FuelPrice, FuelTank
from gh.models.flights import Flight
from gh.repositories.assets import tank_for_product, EquipmentRepository
from gh.services import billing_service, equipment_service
from gh.services.notifications import post_to_ops_channel
from gh.utils.validators import ValidationError, validate_positive

log = logging.getLogger(__name__)

DEFAULT_DENSITY = 0.8  # kg/l for Jet A-1


def kg_to_litres(kg, density=DEFAULT_DENSITY):
    return int(round(kg / density))


def request_fuel(flight_id, litres=None, kg=None, requested_by=None):
    if not litres and not kg:
        raise ValidationError("litres or kg required")
    if kg and not litres:
        litres = kg_to_litres(validate_positive(kg, "kg"))
    order = FuelOrder(flight_id=flight_id, requested_litres=litres, requested_kg=kg, requested_by=requested_by)
    db.session.add(order)
    db.session.commit()
    return order


def dispatch_bowser(order_id, operator_id):
    order = FuelOrder.query.get(order_id)
    flight = Flight.query.get(order.flight_id)
    bowsers = EquipmentRepository().serviceable_of_type("BOWSER")
    for b in bowsers:
        try:
            equipment_service.allocate_equipment(b.id, flight.sched_time, None, operator_id=operator_id)
        except ValidationError:
            continue
        order.bowser_id = b.id
        order.operator_id = operator_id
        order.status = "DISPATCHED"
        db.session.commit()
        return order
    post_to_ops_channel("No bowser free for %s" % flight.flight_number, level="warning")
    raise ValidationError("no bowser available")


def record_delivery(order_id, litres, meter_start=None, meter_end=None, density=None, docket_no=None):
    order = FuelOrder.query.get(order_id)
    tank = tank_for_product(order.product)
    d = FuelDelivery(order_id=order_id, tank_id=tank.id if tank else None, litres=litres,
                     density=density or DEFAULT_DENSITY, meter_start=meter_start, meter_end=meter_end,
                     docket_no=docket_no)
    db.session.add(d)
    if tank:
        tank.level_litres = (tank.level_litres or 0) - litres
    order.status = "FUELLED"
    flight = Flight.query.get(order.flight_id)
    billing_service.record_billable_event(flight.airline_id, "FUEL_INTO_PLANE", datetime.utcnow(),
                                          quantity=litres, flight_id=flight.id, source="FUEL")
    db.session.commit()
    return d


def current_price(product="JET-A1", airline_id=None, on=None):
    on = on or date.today()
    q = FuelPrice.query.filter(FuelPrice.product == product, FuelPrice.valid_from <= on)
    if airline_id:
        special = q.filter(FuelPrice.airline_id == airline_id).order_by(FuelPrice.valid_from.desc()).first()
        if special:
            return special.price_per_litre
    posted = q.filter(FuelPrice.airline_id.is_(None)).order_by(FuelPrice.valid_from.desc()).first()
    return posted.price_per_litre if posted else None


def dip_tank(tank_id, level_litres):
    tank = FuelTank.query.get(tank_id)
    diff = (tank.level_litres or 0) - level_litres
    tank.level_litres = level_litres
    tank.last_dip_at = datetime.utcnow()
    db.session.commit()
    if abs(diff) > 500:
        log.warning("tank %s dip differs by %s l", tank.name, diff)
    return diff
