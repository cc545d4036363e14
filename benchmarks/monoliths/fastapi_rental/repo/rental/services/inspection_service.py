"""Counter check-out / check-in of vehicles."""
from decimal import Decimal

from fastapi import HTTPException

from rental.models import Handover, HandoverKind
from rental.repositories.reservation_repo import AgreementRepository, ReservationRepository
from rental.services import claims_service, fleet_service, reservation_service
from rental.utils import round_money, utcnow

FUEL_PRICE_PER_LITRE = Decimal("2.10")
REFUEL_SERVICE_FEE = Decimal("20.00")


def refuel_charge(tank_litres, fuel_out, fuel_in):
    missing = max(0, fuel_out - fuel_in)
    if not missing:
        return Decimal("0")
    litres = Decimal(tank_litres) * missing / 8
    return round_money(litres * FUEL_PRICE_PER_LITRE + REFUEL_SERVICE_FEE)


def diff_damage_diagram(before, after):
    """Zones damaged at check-in that were clean (or differently damaged) at check-out."""
    before, after = before or {}, after or {}
    return {zone: what for zone, what in after.items() if what and before.get(zone) != what}


def check_out_vehicle(db, reservation_id, km, fuel_eighths, diagram, staff_user):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    agreement = reservation_service.open_agreement(db, reservation)
    handover = Handover(agreement=agreement, kind=HandoverKind.CHECK_OUT, km=km, fuel_eighths=fuel_eighths,
                        damage_diagram=diagram, staff_user=staff_user)
    db.add(handover)
    fleet_service.record_odometer(db, agreement.vehicle_id, km, source="handover")
    return agreement


def check_in_vehicle(db, reservation_id, km, fuel_eighths, diagram, staff_user, tank_litres=50):
    reservation = ReservationRepository(db).get_or_404(reservation_id)
    repo = AgreementRepository(db)
    agreement = repo.for_reservation(reservation.id)
    if agreement is None or agreement.closed_at:
        raise HTTPException(status_code=409, detail="No open agreement for this reservation")
    out = repo.handover(agreement.id, HandoverKind.CHECK_OUT)
    db.add(Handover(agreement=agreement, kind=HandoverKind.CHECK_IN, km=km, fuel_eighths=fuel_eighths,
                    damage_diagram=diagram, staff_user=staff_user))
    fleet_service.record_odometer(db, agreement.vehicle_id, km, source="handover")
    new_damage = diff_damage_diagram(out.damage_diagram if out else {}, diagram)
    for zone, what in new_damage.items():
        severity = 3 if what in ("dent_large", "glass_broken", "not_driveable") else 1
        claims_service.report_damage(db, agreement.vehicle_id, zone, what, severity, agreement_id=agreement.id)
    charge = refuel_charge(tank_litres, out.fuel_eighths if out else 8, fuel_eighths)
    driven = km - (out.km if out else km)
    reservation_service.close_agreement(db, agreement, utcnow(), driven, refuel_charge=charge)
    return {"agreement": agreement.number, "driven_km": driven, "refuel_charge": charge,
            "new_damage": sorted(new_damage)}
