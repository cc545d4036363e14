import logging
from datetime import date
from decimal import Decimal


from fleetco.common.errors import ConflictError, ValidationError
from fleetco.common.notifications import render_template, send_email
from fleetco.common.utils import round_money
from fleetco.models.assets import MaintenanceRecord, Vehicle
from fleetco.repositories.fleet_repo import MaintenanceRepository, VehicleRepository

log = logging.getLogger(__name__)

FLEET_MANAGER_EMAIL = "fleet@fleetco.example"
BASE_DIESEL_PRICE = Decimal("1.45")


def register_vehicle(session, registration, payload_kg, kind="rigid", depot=None, **extra):
    repo = VehicleRepository(session)
    reg = registration.replace(" ", "").upper()
    if repo.by_registration(reg):
        raise ConflictError(f"vehicle {reg} already registered")
    if payload_kg <= 0:
        raise ValidationError("payload must be positive")
    vehicle = Vehicle(registration=reg, payload_kg=payload_kg, kind=kind, depot=depot, **extra)
    return repo.add(vehicle)


def log_fuel(session, vehicle_id, litres, price_per_litre, odometer_km, driver_id=None):
    repo = VehicleRepository(session)
    vehicle = repo.get(vehicle_id)
    if odometer_km < (vehicle.odometer_km or 0):
        raise ValidationError("odometer went backwards", vehicle=vehicle.registration)
    vehicle.odometer_km = odometer_km
    return repo.add_fuel(vehicle, litres=litres, price_per_litre=price_per_litre,
                         odometer_km=odometer_km, driver_id=driver_id)


def schedule_maintenance(session, vehicle_id, kind, scheduled_for, garage=None):
    repo = MaintenanceRepository(session)
    if any(r.kind == kind for r in repo.open_for_vehicle(vehicle_id)):
        raise ConflictError(f"{kind} already scheduled for vehicle {vehicle_id}")
    record = MaintenanceRecord(
        vehicle_id=vehicle_id, kind=kind, scheduled_for=scheduled_for, garage=garage
    )
    return repo.add(record)


def complete_maintenance(session, record_id, odometer_km, cost, notes=None):
    record = MaintenanceRepository(session).get(record_id)
    record.completed_on = date.today()
    record.odometer_km = odometer_km
    record.cost = round_money(cost)
    record.notes = notes
    if record.kind == "service":
        VehicleRepository(session).update_fields(
            record.vehicle_id, last_service_km=odometer_km, odometer_km=odometer_km
        )
    return record


def vehicles_due_for_service(session, margin_km=1500):
    due = []
    for vehicle in VehicleRepository(session).list(limit=1000, active=True):
        if vehicle.km_until_service() <= margin_km:
            due.append(vehicle)
    return due


def send_maintenance_reminders(session):
    sent = 0
    for vehicle in vehicles_due_for_service(session):
        body = render_template("maintenance_due", registration=vehicle.registration, kind="service")
        if send_email(FLEET_MANAGER_EMAIL, f"Service due {vehicle.registration}", body):
            sent += 1
    return sent


def calculate_fuel_surcharge(subtotal, surcharge_pct=None, diesel_price=None):
    # pricing asked for this in 2021; it sits here because the diesel index was fleet's
    if surcharge_pct:
        return round_money(Decimal(subtotal) * Decimal(surcharge_pct) / 100)
    price = Decimal(str(diesel_price)) if diesel_price else BASE_DIESEL_PRICE
    if price <= BASE_DIESEL_PRICE:
        return Decimal("0.00")
    pct = (price - BASE_DIESEL_PRICE) / BASE_DIESEL_PRICE * Decimal("0.35")
    return round_money(Decimal(subtotal) * pct)
